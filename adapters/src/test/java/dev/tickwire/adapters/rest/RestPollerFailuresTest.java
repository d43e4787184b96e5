package dev.tickwire.adapters.rest;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.sbe.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.tickwire.adapters.rest.RestSourcesEngineTest.await;
import static dev.tickwire.adapters.rest.RestSourcesEngineTest.config;
import static dev.tickwire.adapters.rest.RestSourcesEngineTest.streams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pollers do when the API misbehaves, against {@link RestTestServer}: 429 with Retry-After, the rate limit
 * (checked on the times the server saw the requests), a timeout, malformed JSON, an outage that opens the circuit
 * and its recovery; and a dry run, which journals nothing.
 */
class RestPollerFailuresTest
{
    @TempDir
    Path dir;
    private RestTestServer server;
    private Engine engine;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture()
    {
        logs.start();
        ((Logger)LoggerFactory.getLogger("dev.tickwire.rest")).addAppender(logs);
        server = new RestTestServer();
    }

    @AfterEach
    void stop()
    {
        ((Logger)LoggerFactory.getLogger("dev.tickwire.rest")).detachAppender(logs);
        if (engine != null)
        {
            engine.close();
        }
        server.close();
    }

    @Test
    void honoursRetryAfterAndKeepsToTheRateLimitLosingNothing()
    {
        server.liveKlines("ETHUSDT", 30);
        server.fault("/fapi/v1/klines", RestTestServer.Fault.status(429, "Retry-After", "1"));
        final PollStream stream = start("- {type: binance-futures-rest, restUrl: '%URL%', limits: {perSecond: 4}, " +
            "retries: {base: 10ms, max: 50ms}, polls: [{data: klines, interval: 1m, symbols: [ETHUSDT], backfill: 20m, " +
            "pageLimit: 1, every: 1h}]}\n").get(0);
        await("caught up", () -> stream.caughtUp);
        awaitJournaled(stream, (int)stream.counters.items().get());

        final List<RestTestServer.Request> klines = server.requests("/fapi/v1/klines");
        assertThat(klines.get(0).query()).as("the same request again").isEqualTo(klines.get(1).query());
        assertThat(klines.get(1).atNs() - klines.get(0).atNs()).as("Retry-After: 1 honoured")
            .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(stream.counters.throttled().get()).isEqualTo(1);
        assertThat(stream.counters.retries().get()).isEqualTo(1);
        assertThat(stream.counters.failures().get()).isZero();

        // the bucket: at most 4 at once, then 4 a second; the retry of the 429 is the same logical request
        final List<Long> times = server.requests.stream().filter(r -> r != klines.get(0)).map(RestTestServer.Request::atNs)
            .toList();
        assertThat(times.size()).isGreaterThanOrEqualTo(20);
        for (int i = 0; i < times.size(); i++)
        {
            for (int j = i + 1; j < times.size(); j++)
            {
                final double seconds = (times.get(j) - times.get(i)) / 1e9;
                assertThat(j - i + 1.0).as("requests %d..%d within %.3f s", i, j, seconds)
                    .isLessThanOrEqualTo(4 + 4 * seconds + 1);
            }
        }
        // nothing lost: every closed bar from 20 minutes back, once, in order
        final List<String> candles = RestJournal.of(RestJournal.read(engine.journal()), stream.sourceId);
        assertThat(candles).hasSizeBetween(19, 21);
        assertThat(candles).doesNotHaveDuplicates().allMatch(l -> l.endsWith(" ok"));
    }

    @Test
    void aTimeoutIsRetried()
    {
        server.fault("/fapi/v1/klines", RestTestServer.Fault.delay(1500));
        final PollStream stream = start("- {type: binance-futures-rest, restUrl: '%URL%', retries: {base: 10ms, " +
            "max: 50ms, requestTimeout: 300ms}, polls: [{data: klines, interval: 1m, symbols: [BTCUSDT], " +
            "backfill: 3650d, every: 1h}]}\n").get(0);
        awaitJournaled(stream, 5);
        final List<RestTestServer.Request> klines = server.requests("/fapi/v1/klines");
        assertThat(klines).hasSize(2);
        assertThat(klines.get(1).atNs() - klines.get(0).atNs()).as("after the 300 ms timeout (timer slack)")
            .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(stream.counters.retries().get()).isEqualTo(1);
        assertThat(stream.counters.failures().get()).isZero();
        assertThat(RestJournal.of(RestJournal.read(engine.journal()), stream.sourceId)).hasSize(5);
    }

    @Test
    void malformedJsonIsSaidCountedAndPolledAgainAndGoodItemsAreKept()
    {
        server.fault("/fapi/v1/fundingRate", RestTestServer.Fault.body("[{\"symbol\":\"BTCUSDT\",\"fundingTime\":17092"));
        final List<String> rows = server.klines.get("BTCUSDT 1m");
        rows.set(2, rows.get(2).replace("\"61010.50\"", "\"61010.5x\""));
        rows.add(3, "[1709251330000,\"61060.00\"]");
        final List<PollStream> streams = start("- {type: binance-futures-rest, name: bnf, restUrl: '%URL%', " +
            "retries: {base: 10ms, max: 50ms}, polls: [{data: klines, interval: 1m, symbols: [BTCUSDT], " +
            "backfill: 3650d, every: 1h}, {data: fundingRate, symbols: [BTCUSDT], backfill: 3650d, every: 1h}]}\n");
        final PollStream klines = streams.get(0);
        final PollStream funding = streams.get(1);
        awaitJournaled(funding, 3);
        awaitJournaled(klines, 5);

        assertThat(funding.counters.failures().get()).isEqualTo(1);
        assertThat(funding.counters.malformed().get()).isEqualTo(1);
        assertThat(server.requests("/fapi/v1/fundingRate")).hasSize(2);
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("bnf fundingRate BTCUSDT: malformed answer from " +
            "GET " + server.url() + "/fapi/v1/fundingRate?…: not JSON: Unexpected end-of-input"));
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("bnf klines 1m BTCUSDT: 2 malformed item(s) in " +
            "the answer of GET " + server.url() + "/fapi/v1/klines?…: kline at 1709251320000: ")
            .contains("61010.5x"));
        assertThat(String.join("\n", messages())).doesNotContain("startTime=").doesNotContain("symbol=");

        final List<RestJournal.Line> journal = RestJournal.read(engine.journal());
        assertThat(RestJournal.of(journal, klines.sourceId)).containsExactly(
            "C 1709251200000+60000 611309 612000 611001 611804 v152311 b80119 n3211 ok",
            "C 1709251260000+60000 611804 611850 610523 610600 v201004 b77501 n4120 ok",
            "C 1709251320000+60000 0 0 0 0 v0 b- n- REJ MALFORMED",
            "C 1709251380000+60000 610901 611427 610880 611427 v75225 b50001 n1502 ok",
            "C 1709251440000+60000 611427 611500 611200 611333 v64107 b20730 n1311 ok");
        assertThat(klines.counters.malformed().get()).isEqualTo(2);
        assertThat(RestJournal.of(journal, funding.sourceId)).hasSize(3).allMatch(l -> l.endsWith(" ok"));
    }

    @Test
    void failuresInARowOpenTheCircuitAndItClosesWhenTheServerRecovers()
    {
        final List<PollStream> streams = start("- {type: binance-futures-rest, name: bnf, restUrl: '%URL%', " +
            "retries: {attempts: 1, base: 10ms, max: 50ms}, circuit: {failures: 3, openFor: 1s}, polls: [" +
            "{data: klines, interval: 1m, symbols: [BTCUSDT], backfill: 3650d, every: 100ms}, " +
            "{data: premiumIndex, symbols: [BTCUSDT], every: 100ms}]}\n");
        final PollStream klines = streams.get(0);
        final PollStream premium = streams.get(1);
        await("data", () -> klines.counters != null && klines.counters.items().get() == 5 && premium.counters != null &&
            premium.counters.items().get() == 1);

        server.outage(500);
        await("the circuit open", () -> state(klines) == SourceState.STALLED && state(premium) == SourceState.STALLED);
        assertThat(klines.counters.circuitOpen().get()).isEqualTo(1);
        assertThat(premium.counters.circuitOpen().get()).isEqualTo(1);
        final long openedAt = System.nanoTime();
        final int before = server.requests.size();
        sleep(2500);
        final int whileOpen = server.requests.size() - before;
        assertThat(whileOpen).as("one trial a second while open, not polls every 100 ms").isBetween(1, 4);
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("bnf: circuit open after 3 failed requests"));

        server.klines.get("BTCUSDT 1m").add(new RestTestServer.Kline(1709251500000L, "61133.30", "61140.00", "61130.00",
            "61139.90", "12.000", 1709251559999L, 210, "6.000").json());
        server.outage(0);
        await("closed again", () -> state(klines) == SourceState.TAILING && state(premium) == SourceState.TAILING &&
            klines.counters.items().get() == 6);
        assertThat(System.nanoTime() - openedAt).isGreaterThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(klines.counters.circuitOpen().get()).isZero();
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("bnf: circuit closed, the API answers again"));

        final List<RestJournal.Line> journal = RestJournal.read(engine.journal());
        final List<String> k = RestJournal.of(journal, klines.sourceId);
        assertThat(k).hasSize(8);
        assertThat(k.get(5)).isEqualTo("S " + StatusCode.DISCONNECTED + " 3");
        assertThat(k.get(6)).startsWith("S " + StatusCode.RESYNCED + " ");
        assertThat(k.get(7)).isEqualTo("C 1709251500000+60000 611333 611400 611300 611399 v12000 b6000 n210 ok");
        assertThat(RestJournal.of(journal, premium.sourceId)).hasSize(3)
            .element(1).isEqualTo("S " + StatusCode.DISCONNECTED + " 3");
        assertThat(engine.counters().errors().get()).isZero();
    }

    @Test
    void aRestartAfterTheCircuitOpenedResumesRightAfterItsStatusWithoutRejects()
    {
        final String sources = "- {type: binance-futures-rest, name: bnf, restUrl: '%URL%', " +
            "retries: {attempts: 1, base: 10ms, max: 50ms}, circuit: {failures: 2, openFor: 1m}, polls: [" +
            "{data: klines, interval: 1m, symbols: [BTCUSDT], backfill: 3650d, every: 100ms}]}\n";
        PollStream klines = start(sources).get(0);
        awaitJournaled(klines, 5);
        server.outage(500);
        awaitJournaled(klines, 6);
        engine.close();
        engine = null;

        // the journal's last message of the stream is the DISCONNECTED status, 1 ns after the last bar
        server.klines.get("BTCUSDT 1m").add(new RestTestServer.Kline(1709251500000L, "61133.30", "61140.00",
            "61130.00", "61139.90", "12.000", 1709251559999L, 210, "6.000").json());
        server.outage(0);
        final int asked = server.requests("/fapi/v1/klines").size();
        klines = start(sources).get(0);
        awaitJournaled(klines, 7);
        final List<String> k = RestJournal.of(RestJournal.read(engine.journal()), klines.sourceId);
        assertThat(k.subList(5, 7)).containsExactly("S " + StatusCode.DISCONNECTED + " 2",
            "C 1709251500000+60000 611333 611400 611300 611399 v12000 b6000 n210 ok");
        // the restarted stream's first request (later polls, every 100 ms, ask from after the new bar)
        assertThat(server.requests("/fapi/v1/klines").get(asked).query())
            .as("asked from just after the last bar").containsEntry("startTime", "1709251440001");
        assertThat(engine.counters().rejectedTotal().get()).isZero();
        assertThat(klines.counters.duplicates().get()).isZero();
    }

    @Test
    void aDryRunPrintsWhatWouldBeJournaledAndJournalsNothing() throws Exception
    {
        final TickwireConfig config = config(server, dir, RestSourcesEngineTest.binance("") +
            RestSourcesEngineTest.deribit(""));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<DryRun.StreamSummary> summaries = DryRun.run(config, null, 2, TimeUnit.SECONDS.toNanos(30),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(summaries).extracting(DryRun.StreamSummary::name, DryRun.StreamSummary::accepted,
            DryRun.StreamSummary::rejected).containsExactly(
            org.assertj.core.groups.Tuple.tuple("bnf klines 1m BTCUSDT", 5L, 0L),
            org.assertj.core.groups.Tuple.tuple("bnf fundingRate BTCUSDT", 3L, 0L),
            org.assertj.core.groups.Tuple.tuple("bnf premiumIndex BTCUSDT", 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("bnf openInterest BTCUSDT", 13L, 0L),
            org.assertj.core.groups.Tuple.tuple("deribit optionSummary BTC", 3L, 0L),
            org.assertj.core.groups.Tuple.tuple("deribit optionTicker BTC-29MAR24-60000-C", 1L, 0L));
        assertThat(out).contains("bnf klines 1m BTCUSDT: would journal 5 accepted, 0 rejected, 0 statuses")
            .contains("  ... 1 more");
        try (Stream<Path> files = Files.exists(config.journalPath()) ? Files.list(config.journalPath()) : Stream.empty())
        {
            assertThat(files.toList()).as("no journal, no catalog written").isEmpty();
        }

        // with a journal: the dry run starts after its last positions, so what was journaled is not shown again
        final List<FeedAdapter> adapters = Sources.create(config);
        engine = Engine.launch(config, adapters);
        final List<RestPollSource> sources = streams(adapters);
        awaitJournaled(sources.get(0).stream(), 5);
        awaitJournaled(sources.get(1).stream(), 3);
        awaitJournaled(sources.get(2).stream(), 1);
        engine.close();
        engine = null;
        final long journaled;
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
        {
            journaled = RestJournal.read(journal).size();
        }
        final List<DryRun.StreamSummary> again = DryRun.run(config, "bnf", 0, TimeUnit.SECONDS.toNanos(30),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(again).hasSize(4);
        assertThat(again.get(0).accepted()).as("klines already journaled").isZero();
        assertThat(again.get(1).accepted()).as("funding already journaled").isZero();
        assertThat(again.get(2).duplicates()).as("premium index already journaled").isEqualTo(1);
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
        {
            assertThat(RestJournal.read(journal)).hasSize((int)journaled);
        }
    }

    @Test
    void aValueWithMoreDecimalsThanTickwireKeepsIsRoundedAndCounted()
    {
        server.fault("/api/v2/public/ticker", RestTestServer.Fault.body(RestTestServer.resource(
            "deribit-ticker-BTC-29MAR24-60000-C.json").replace("\"mark_price\":0.0874,",
            "\"mark_price\":0.0024600000000000004,")));
        final PollStream ticker = start("- {type: deribit-rest, restUrl: '%URL%', polls: [{data: optionTicker, " +
            "symbols: [BTC-29MAR24-60000-C], every: 1h}]}\n").get(0);
        awaitJournaled(ticker, 1);
        final String line = RestJournal.of(RestJournal.read(engine.journal()), ticker.sourceId).get(0);
        assertThat(line).contains(" e-18/-2/-1/-5 ").contains(" last86500000000000000 ")
            .contains(" mark2460000000000000@6312000 ");
        assertThat(ticker.counters.rounded().get()).isEqualTo(1);
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("deribit optionTicker BTC-29MAR24-60000-C: " +
            "1 item(s) with a value rounded"));
    }

    @Test
    void anApiKeyGoesInItsHeaderOnlyNeverInAMessage() throws Exception
    {
        final String key = "k3yV4lu3-do-not-log-9f8e7d";
        final Path file = dir.resolve("binance.key");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        server.fault("/fapi/v1/premiumIndex", RestTestServer.Fault.status(401));
        final PollStream premium = start("- {type: binance-futures-rest, name: bnf, restUrl: '%URL%', apiKeyFile: " +
            file + ", retries: {base: 10ms, max: 50ms}, polls: [{data: premiumIndex, symbols: [BTCUSDT], " +
            "every: 100ms}]}\n").get(0);
        awaitJournaled(premium, 1);
        assertThat(server.requests("/fapi/v1/premiumIndex")).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(key));
        assertThat(premium.counters.failures().get()).as("the 401, not retried").isEqualTo(1);
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("HTTP 401 Unauthorized"));
        assertThat(String.join("\n", messages())).doesNotContain(key);

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        final dev.tickwire.engine.config.ConfigException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> Sources.create(config(server, dir, "- {type: binance-futures-rest, apiKeyFile: " + file +
                ", polls: [{data: premiumIndex, symbols: [BTCUSDT]}]}\n")),
            dev.tickwire.engine.config.ConfigException.class);
        assertThat(ex.key()).isEqualTo("sources[0].apiKeyFile");
        assertThat(ex.getMessage()).doesNotContain(key);
    }

    @Test
    void binanceUsedWeightNearItsLimitPausesUntilTheNextMinute()
    {
        final BinanceFuturesApi api = new BinanceFuturesApi();
        final RestConfig c = new RestConfig();
        c.usedWeightLimit = 2000;
        api.bind(c, null, null);
        final long now = 1_709_251_234_567L;
        assertThat(api.pauseUntilMs(headers("1999"), now)).isZero();
        assertThat(api.pauseUntilMs(headers("2000"), now)).isEqualTo(1_709_251_260_000L);
        assertThat(api.pauseUntilMs(headers("x"), now)).isZero();
        c.usedWeightLimit = 0;
        assertThat(api.pauseUntilMs(headers("2400"), now)).isZero();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private List<PollStream> start(final String sources)
    {
        final TickwireConfig config = config(server, dir, sources);
        final List<FeedAdapter> adapters = Sources.create(config);
        engine = Engine.launch(config, adapters);
        return RestSourcesEngineTest.<RestPollSource>streams(adapters).stream().map(RestPollSource::stream).toList();
    }

    private void awaitJournaled(final PollStream stream, final int messages)
    {
        await(() -> stream.name + ": " + messages + " journaled; " + RestJournal.of(RestJournal.read(engine.journal()),
            stream.sourceId), () -> RestJournal.of(RestJournal.read(engine.journal()), stream.sourceId).size() >= messages);
    }

    private SourceState state(final PollStream stream)
    {
        return SourceState.of(engine.counters().sourceState(stream.sourceId).get());
    }

    private List<String> messages()
    {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static HttpHeaders headers(final String usedWeight)
    {
        return HttpHeaders.of(Map.of(BinanceFuturesApi.USED_WEIGHT, List.of(usedWeight)), (a, b) -> true);
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
