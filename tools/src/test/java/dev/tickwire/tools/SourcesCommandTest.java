package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.adapters.rest.RestTestServer;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code tickwire sources status} against a real engine polling a local Binance futures stand-in (healthy, then
 * with its circuit open), then {@code sources poll --dry-run} (nothing journaled) and {@code sources poll} (the new
 * bar journaled) on the stopped engine's journal.
 */
class SourcesCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusShowsEachStreamThenTheOpenCircuitAndPollJournalsOnlyWithoutDryRun() throws Exception
    {
        try (RestTestServer server = new RestTestServer())
        {
            final Path data = dir.resolve("data");
            final Path configFile = dir.resolve("tickwire.yaml");
            Files.writeString(configFile, String.join("\n",
                "dataDir: " + data,
                "aeron: {dir: " + CommonContext.generateRandomDirName() + ", publish: false}",
                "sources:",
                "  - type: binance-futures-rest",
                "    name: bnf",
                "    restUrl: " + server.url(),
                "    retries: {attempts: 1, base: 10ms, max: 50ms}",
                "    circuit: {failures: 2, openFor: 1m}",
                "    polls:",
                "      - {data: klines, interval: 1m, symbols: [BTCUSDT], backfill: 3650d, every: 100ms}",
                "      - {data: premiumIndex, symbols: [BTCUSDT], every: 100ms}",
                ""));
            final TickwireConfig config = ConfigLoader.load(configFile);
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                await(() -> engine.counters().accepted().get() >= 6);
                // the premium index is polled every 100 ms: wait (on a loaded machine) until it has been polled again
                await(() -> statusJson(configFile).path("streams").path(1).path("duplicatesSkipped").asLong() > 0);
                final CliTest.Result ok = CliTest.run("sources", "status", "--config", configFile.toString(), "--json");
                assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
                final JsonNode streams = JSON.readTree(ok.out()).get("streams");
                assertThat(streams).hasSize(2);
                final JsonNode klines = streams.get(0);
                assertThat(klines.get("stream").asText()).isEqualTo("bnf klines 1m BTCUSDT");
                assertThat(klines.get("state").asText()).isEqualTo("tailing");
                assertThat(klines.get("circuitOpen").asBoolean()).isFalse();
                assertThat(klines.get("journaled").asLong()).isEqualTo(5);
                assertThat(klines.get("lastItemTime").asText()).isEqualTo("2024-03-01T00:05:00.000000000Z");
                assertThat(klines.get("polls").asLong()).isPositive();
                assertThat(streams.get(1).get("duplicatesSkipped").asLong()).as("premium index re-polled").isPositive();

                server.outage(503);
                await(() -> CliTest.run("sources", "status", "--config", configFile.toString()).exitCode() == 1);
                final CliTest.Result open = CliTest.run("sources", "status", "--config", configFile.toString());
                assertThat(open.out()).containsPattern("bnf klines 1m BTCUSDT +stalled +OPEN +\\S+ ago +in \\d+")
                    .contains("2024-03-01T00:05:00.000Z");
                server.outage(0);
            }

            // the engine stopped: a dry run fetches and validates the new bar, and journals nothing
            server.klines.get("BTCUSDT 1m").add(new RestTestServer.Kline(1709251500000L, "61133.30", "61140.00",
                "61130.00", "61139.90", "12.000", 1709251559999L, 210, "6.000").json());
            final CliTest.Result dry = CliTest.run("sources", "poll", "--config", configFile.toString(), "--dry-run");
            assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
            assertThat(dry.out()).contains("bnf klines 1m BTCUSDT: would journal 1 accepted, 0 rejected, 0 statuses")
                .contains("bnf premiumIndex BTCUSDT: would journal 0 accepted, 0 rejected, 0 statuses; " +
                    "1 already journaled");
            final long before = dumpLines(data);

            final CliTest.Result poll = CliTest.run("sources", "poll", "--config", configFile.toString());
            assertThat(poll.exitCode()).as(poll.out() + poll.err()).isZero();
            assertThat(poll.out()).contains("polled 2 stream(s)")
                .contains("2 message(s) journaled, instrument definitions included (2 accepted, 0 rejected)");
            assertThat(dumpLines(data)).as("the new bar and its instrument's definition").isEqualTo(before + 2);
            assertThat(CliTest.run("sources", "status", "--data-dir", dir.resolve("nowhere").toString()).exitCode())
                .isEqualTo(2);
        }
    }

    private static long dumpLines(final Path data)
    {
        return CliTest.run("dump", "--journal", data.resolve("journal").toString()).out().lines().count();
    }

    private static JsonNode statusJson(final Path configFile)
    {
        try
        {
            return JSON.readTree(CliTest.run("sources", "status", "--config", configFile.toString(), "--json").out());
        }
        catch (final java.io.IOException ex)
        {
            return JSON.createObjectNode();
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out");
            }
            Thread.sleep(20);
        }
    }
}
