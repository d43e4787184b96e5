package dev.tickwire.clickhouse;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickHouse stopped while the engine runs: the engine journals on at the feed's pace, the output lags (its
 * checkpoint stands still), and once the server is back the output catches up: every row exactly once, and
 * the monitor tables have their rows.
 */
class ClickHouseOutageTest
{
    private static final long TICKS = 60_000;
    private static final long RATE = 5_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theEngineJournalsOnWhileClickHouseIsDownAndTheOutputCatchesUp() throws Exception
    {
        final Path dataDir = tmp.resolve("data");
        final Path journalDir = dataDir.resolve("journal");
        try (ClickHouseServer server = ClickHouseServer.start(tmp.resolve("server")))
        {
            final TickwireConfig config = ClickHouseEngineMain.config(dataDir, server.url().toString(), TICKS, RATE);
            try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
                .outputs(Outputs.create(config)));
                 JournalReader reader = engine.journal().reader())
            {
                final long[] journaled = {0};
                final long[] rows = {0};
                final BooleanSupplier poll = () ->
                {
                    while (reader.poll((b, o, l, i, w) ->
                    {
                        journaled[0]++;
                        if (Envelope.templateId(b, o) != MessageTypes.INSTRUMENT || !Envelope.isAccepted(b, o))
                        {
                            rows[0]++; // a row of one of the tables
                        }
                    }, 4096) > 0)
                    {
                        Thread.onSpinWait();
                    }
                    return true;
                };
                await(() -> poll.getAsBoolean() && count(server) > 0, "rows reach ClickHouse");

                poll.getAsBoolean();
                final long journaledAtStop = journaled[0];
                server.stop();
                final long flushedAtStop = Outputs.flushedThrough(journalDir); // an insert under way may land
                Thread.sleep(3_000);
                poll.getAsBoolean();
                final long journaledInOutage = journaled[0] - journaledAtStop;
                final long flushedInOutage = Outputs.flushedThrough(journalDir) - flushedAtStop;
                assertThat(engine.adaptersDone()).as("the feed still runs").isFalse();
                System.out.printf("ClickHouseOutageTest: stop + 3 s without ClickHouse: %d messages journaled, " +
                    "the output's checkpoint moved by %d sequences%n", journaledInOutage, flushedInOutage);
                assertThat(journaledInOutage).as("the engine journals at the feed's pace (%d/s)", RATE)
                    .isGreaterThan(RATE * 3 / 2);
                assertThat(flushedInOutage).as("the output waits (its last flush before the stop may land)")
                    .isLessThan(journaledInOutage / 2);

                server.restart();
                await(engine::adaptersDone, "the feed ends");
                assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
                poll.getAsBoolean();
                await(() -> total(server) == rows[0], "the output catches up with the journal after the restart");
            }
            final Map<String, LongArrayList> expected = ClickHouseCrashTest.journaled(journalDir);
            for (final Map.Entry<String, LongArrayList> e : expected.entrySet())
            {
                assertThat(server.query("SELECT count(), uniqExact(seq) FROM crash." + e.getKey() + " FORMAT " +
                    "TabSeparated")).as(e.getKey()).isEqualTo(e.getValue().size() + "\t" + e.getValue().size() + "\n");
            }
            assertThat(Long.parseLong(server.query("SELECT count() FROM crash.tickwire_monitor WHERE output = 'ch' " +
                "AND table = 'book_deltas' AND rows > 0 AND batches > 0 FORMAT TabSeparated").strip()))
                .as("a monitor row per second the output inserted in").isGreaterThanOrEqualTo(2);
            final String lag = server.query("SELECT max(lag_ms_max) FROM crash.tickwire_monitor FORMAT TabSeparated")
                .strip();
            System.out.println("ClickHouseOutageTest: the monitor's largest lag " + lag + " ms");
            assertThat(Long.parseLong(lag)).as("the outage shows as lag").isGreaterThanOrEqualTo(2_500);
            assertThat(server.query("SELECT sum(count) > 0 FROM crash.tickwire_rejects WHERE reason = " +
                "'price_off_tick' FORMAT TabSeparated")).isEqualTo("1\n");
        }
    }

    private static long count(final ClickHouseServer server)
    {
        try
        {
            return Long.parseLong(server.query("SELECT count() FROM crash.book_deltas FORMAT TabSeparated").strip());
        }
        catch (final Exception ex)
        {
            return 0; // not created yet
        }
    }

    /** Rows in all five tables (the journal also holds instrument definitions: not rows). */
    private static long total(final ClickHouseServer server)
    {
        try
        {
            return Long.parseLong(server.query("SELECT (SELECT count() FROM crash.trades) + (SELECT count() FROM " +
                "crash.quotes) + (SELECT count() FROM crash.book_deltas) + (SELECT count() FROM crash.statuses) + " +
                "(SELECT count() FROM crash.rejects) FORMAT TabSeparated")
                .strip());
        }
        catch (final Exception ex)
        {
            return 0;
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("in time: " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
