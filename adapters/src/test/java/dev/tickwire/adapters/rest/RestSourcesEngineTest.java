package dev.tickwire.adapters.rest;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.journal.Instrument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * The polled REST sources end to end: the real engine (validate → journal) in-process, built from the config
 * through the source factories, polling {@link RestTestServer} on loopback (Binance futures and Deribit URL layouts,
 * recorded answers). The journal is read back and compared with values worked out by hand from the answers; a
 * restart re-polls the same data and the journal gains nothing.
 */
class RestSourcesEngineTest
{
    static final long DEADLINE_NS = 20_000_000_000L;

    @TempDir
    Path dir;
    private RestTestServer server;
    private Engine engine;

    @AfterEach
    void stop()
    {
        if (engine != null)
        {
            engine.close();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void journalsCandlesFundingOpenInterestMarkAndOptionsExactlyAndARestartAddsNothing()
    {
        server = new RestTestServer();
        final TickwireConfig config = config(server, dir, binance("") + deribit(""));
        List<FeedAdapter> adapters = Sources.create(config);
        assertThat(adapters).extracting(FeedAdapter::roleName).containsExactly(
            "bnf klines 1m BTCUSDT", "bnf fundingRate BTCUSDT", "bnf premiumIndex BTCUSDT", "bnf openInterest BTCUSDT",
            "deribit optionSummary BTC", "deribit optionTicker BTC-29MAR24-60000-C");
        engine = Engine.launch(config, adapters);
        final List<FeedAdapter> first = adapters;
        await("every stream caught up", () -> RestSourcesEngineTest.<RestPollSource>streams(first).stream()
            .allMatch(s -> s.stream().counters != null && s.stream().counters.duplicates().get() > 0 ||
                s.roleName().contains("klines") && s.stream().counters != null && s.stream().counters.items().get() == 5 ||
                s.roleName().contains("fundingRate") && s.stream().counters != null &&
                    s.stream().counters.items().get() == 3));
        final int[] expected = {5, 3, 1, 13, 3, 1};
        await("all journaled", () ->
        {
            final List<RestJournal.Line> j = RestJournal.read(engine.journal());
            for (int i = 0; i < expected.length; i++)
            {
                if (RestJournal.of(j, id(first, i)).size() < expected[i])
                {
                    return false;
                }
            }
            return true;
        });
        final List<RestJournal.Line> journal = RestJournal.read(engine.journal());

        // scale: exchangeInfo's tickSize 0.10 and stepSize 0.001; Deribit's tick_size 0.0001, min_trade_amount 0.1
        final Instrument btc = engine.instruments().bySymbol("binance-futures:BTCUSDT").orElseThrow();
        assertThat(List.of(btc.priceExponent(), btc.sizeExponent(), (int)btc.tickSize())).containsExactly(-1, -3, 1);
        final Instrument call = engine.instruments().bySymbol("deribit:BTC-29MAR24-60000-C").orElseThrow();
        assertThat(List.of(call.priceExponent(), call.sizeExponent(), (int)call.tickSize())).containsExactly(-4, -1, 1);

        assertThat(RestJournal.of(journal, 0)).contains("I binance-futures:BTCUSDT -1 -3 1",
            "I deribit:BTC-29MAR24-60000-C -4 -1 1", "I deribit:BTC-29MAR24-60000-P -4 -1 1",
            "I deribit:BTC-29MAR24-70000-C -4 -1 1");
        assertThat(RestJournal.of(journal, id(first, 0))).containsExactly(
            "C 1709251200000+60000 611309 612000 611001 611804 v152311 b80119 n3211 ok",
            "C 1709251260000+60000 611804 611850 610523 610600 v201004 b77501 n4120 ok",
            "C 1709251320000+60000 610600 610999 610105 610901 v98530 b61250 n2017 ok",
            "C 1709251380000+60000 610901 611427 610880 611427 v75225 b50001 n1502 ok",
            "C 1709251440000+60000 611427 611500 611200 611333 v64107 b20730 n1311 ok");
        // funding: the rate and the mark price at the funding, each at the exponent that keeps it
        assertThat(RestJournal.of(journal, id(first, 1))).containsExactly(
            "T 1709251200000 e-1/0/-8 ft1709251200000000000 fr31845 oi- idx- mark611312 ok",
            "T 1709280000000 e-8/0/-7 ft1709280000000000000 fr4811 oi- idx- mark6205081234567 ok",
            "T 1709308800001 e-1/0/-6 ft1709308800001000000 fr-25 oi- idx- mark629001 ok");
        // premium index: mark, index, the latest funding rate and the next funding time
        assertThat(RestJournal.of(journal, id(first, 2))).containsExactly(
            "T 1709290000000 e-8/0/-7 ft1709308800000000000 fr4811 oi- idx6203150574468 mark6201143580892 ok");
        // open interest: the history of the last hour (12 five-minute rows, each at its own exponent), then the current
        final List<String> oi = RestJournal.of(journal, id(first, 3));
        assertThat(oi).hasSize(13);
        final long lastHist = server.startMs / 300_000L * 300_000L - 300_000L;
        assertThat(oi.get(0)).isEqualTo("T " + (lastHist - 11 * 300_000L) + " e0/-1/0 ft- fr- oi812115 idx- mark- ok");
        assertThat(oi.get(6)).isEqualTo("T " + (lastHist - 5 * 300_000L) + " e0/-8/0 ft- fr- oi8120512345678 idx- mark- ok");
        assertThat(oi.get(11)).isEqualTo("T " + lastHist + " e0/-1/0 ft- fr- oi812005 idx- mark- ok");
        assertThat(oi.get(12)).isEqualTo("T " + server.startMs + " e0/-3/0 ft- fr- oi81300123 idx- mark- ok");
        // option summaries of a currency, ordered by (creation_timestamp, name): position = ts in ns + rank
        final long ts = 1_709_290_000_123_000_000L;
        assertThat(RestJournal.of(journal, id(first, 4)).stream().filter(l -> l.startsWith("O")).toList()).containsExactly(
            "O " + ts + " CALL e-8/-2/-1/-2 K6000000 x1711699200000 oi10234 last8650000 bid8700000x-@- " +
                "ask8800000x-@- mark8741234@6312 u6208025 greeks - - - - - ok",
            "O " + (ts + 1) + " PUT e-4/-2/-1/-1 K6000000 x1711699200000 oi8706 last- bid390x-@- ask400x-@- mark393@654 " +
                "u6208025 greeks - - - - - ok",
            "O " + (ts + 2) + " CALL e-8/-2/0/-1 K7000000 x1711699200000 oi4410 last2500000 bid-x-@- ask2550000x-@- " +
                "mark2504321@619 u6208025 greeks - - - - - ok");
        // the ticker: IVs and greeks
        assertThat(RestJournal.of(journal, id(first, 5))).containsExactly(
            "O 1709290001456000000 CALL e-4/-2/-1/-5 K6000000 x1711699200000 oi10234 last865 bid870x125@6275000 " +
                "ask880x73@6351000 mark874@6312000 u6208025 greeks 62483 3 6616355 -7974425 3810851 ok");
        for (final RestPollSource s : RestSourcesEngineTest.<RestPollSource>streams(first))
        {
            assertThat(engine.counters().sourceState(s.sourceId()).get()).as(s.roleName()).isEqualTo(
                SourceState.TAILING.code());
            assertThat(s.stream().counters.failures().get()).as(s.roleName()).isZero();
        }
        // three kline pages of two (5 bars), one page of funding; exchangeInfo asked once (cached)
        assertThat(server.requests("/fapi/v1/klines").size()).isGreaterThanOrEqualTo(3);
        assertThat(server.requests("/fapi/v1/klines").get(0).query()).containsEntry("limit", "2");
        assertThat(server.requests("/fapi/v1/exchangeInfo")).hasSize(1);
        assertThat(engine.counters().errors().get()).isZero();
        final long messages = journal.size();

        // restart: the same answers again (the server even ignores startTime, resending every bar and funding)
        engine.close();
        engine = null;
        server.ignoreStartTime = true;
        final long klineRequests = server.requests("/fapi/v1/klines").size();
        adapters = Sources.create(config);
        engine = Engine.launch(config, adapters);
        final List<FeedAdapter> second = adapters;
        await("every stream re-polled", () -> RestSourcesEngineTest.<RestPollSource>streams(second).stream()
            .allMatch(s -> s.stream().counters != null && s.stream().counters.duplicates().get() > 0));
        assertThat(server.requests("/fapi/v1/klines").size()).isGreaterThan((int)klineRequests);
        final List<RestJournal.Line> after = RestJournal.read(engine.journal());
        assertThat(after.stream().filter(l -> !l.text().startsWith("I")).toList())
            .as("nothing added but definitions").isEqualTo(journal.stream().filter(l -> !l.text().startsWith("I")).toList());
        assertThat(after.size() - messages).as("definitions of this run only").isLessThanOrEqualTo(5);
        for (final RestPollSource s : RestSourcesEngineTest.<RestPollSource>streams(second))
        {
            assertThat(s.stream().counters.items().get()).as(s.roleName() + " items handed on").isZero();
        }
        assertThat(RestSourcesEngineTest.<RestPollSource>streams(second).get(0).stream().counters.duplicates().get())
            .as("klines re-sent").isGreaterThanOrEqualTo(2);
    }

    @Test
    void backfillsToItsDepthPageByPageAndTakesClosedBarsOnly()
    {
        server = new RestTestServer();
        server.liveKlines("ETHUSDT", 180);
        final TickwireConfig config = config(server, dir,
            "- {type: binance-futures-rest, restUrl: '" + server.url() + "', polls: [{data: klines, interval: 1m, " +
                "symbols: [ETHUSDT], backfill: 1h, pageLimit: 25, every: 1h}]}\n");
        final List<FeedAdapter> adapters = Sources.create(config);
        final long startMs = System.currentTimeMillis();
        engine = Engine.launch(config, adapters);
        final PollStream stream = RestSourcesEngineTest.<RestPollSource>streams(adapters).get(0).stream();
        await("caught up", () -> stream.counters != null && stream.caughtUp);
        await("journaled", () -> RestJournal.of(RestJournal.read(engine.journal()), stream.sourceId).size() ==
            stream.counters.items().get());
        final long endMs = System.currentTimeMillis();
        final List<String> candles = RestJournal.of(RestJournal.read(engine.journal()), stream.sourceId).stream()
            .filter(l -> l.startsWith("C")).toList();
        final long firstStart = Long.parseLong(candles.get(0).substring(2, candles.get(0).indexOf('+')));
        final long lastStart = Long.parseLong(candles.get(candles.size() - 1).substring(2, candles.get(candles.size() - 1)
            .indexOf('+')));
        // from one hour back (the first whole minute at or after it) to the last closed bar: nothing older, none open
        assertThat(firstStart).isBetween(startMs - 3_600_000L, endMs - 3_600_000L + 60_000L);
        assertThat(lastStart + 60_000L).isLessThanOrEqualTo(endMs);
        assertThat(lastStart).isGreaterThanOrEqualTo(startMs / 60_000L * 60_000L - 60_000L);
        assertThat(candles).hasSize((int)((lastStart - firstStart) / 60_000L) + 1);
        // pages of 25 until a page is short or reaches the open bar
        final List<RestTestServer.Request> pages = server.requests("/fapi/v1/klines");
        assertThat(pages).hasSize(candles.size() / 25 + 1);
        for (int i = 1; i < pages.size(); i++)
        {
            assertThat(Long.parseLong(pages.get(i).query().get("startTime"))).as("page " + i)
                .isEqualTo(firstStart + (25L * i - 1) * 60_000L + 1); // just after the last bar of the page before
        }
    }

    @Test
    void aBadEntryFailsNamingTheKey()
    {
        for (final String[] c : new String[][] {
            {"{type: binance-futures-rest, polls: []}", "sources[0].polls"},
            {"{type: binance-futures-rest, polls: [{data: trades, symbols: [BTCUSDT]}]}", "sources[0].polls[0].data"},
            {"{type: binance-futures-rest, polls: [{data: klines, symbols: [BTCUSDT]}]}", "sources[0].polls[0].interval"},
            {"{type: binance-futures-rest, polls: [{data: klines, interval: 7m, symbols: [BTCUSDT]}]}",
                "sources[0].polls[0].interval"},
            {"{type: binance-futures-rest, polls: [{data: klines, interval: 1m, symbols: [BTC/USDT]}]}",
                "sources[0].polls[0].symbols[0]"},
            {"{type: binance-futures-rest, polls: [{data: fundingRate, symbols: [BTCUSDT], pageLimit: 5000}]}",
                "sources[0].polls[0].pageLimit"},
            {"{type: binance-futures-rest, polls: [{data: premiumIndex, symbols: [BTCUSDT], every: 0s}]}",
                "sources[0].polls[0].every"},
            {"{type: binance-futures-rest, limits: {perMinute: -1}, polls: [{data: premiumIndex, symbols: [X]}]}",
                "sources[0].limits.perMinute"},
            {"{type: binance-futures-rest, circuit: {failures: 0}, polls: [{data: premiumIndex, symbols: [X]}]}",
                "sources[0].circuit.failures"},
            {"{type: binance-futures-rest, retries: {base: 2s, max: 1s}, polls: [{data: premiumIndex, symbols: [X]}]}",
                "sources[0].retries.max"},
            {"{type: binance-futures-rest, restUrl: 'ftp://x', polls: [{data: premiumIndex, symbols: [X]}]}",
                "sources[0].restUrl"},
            {"{type: binance-futures-rest, polls: [{data: premiumIndex, symbols: [X], evry: 1s}]}",
                "sources[0].polls[0].evry"},
            {"{type: binance-futures-rest, polls: [{data: premiumIndex, symbols: [X, x]}]}",
                "sources[0].polls[0].symbols[1]"},
            {"{type: binance-futures-rest, apiKeyEnv: NO_SUCH_VARIABLE_HERE, polls: [{data: premiumIndex, symbols: [X]}]}",
                "sources[0].apiKeyEnv"},
            {"{type: deribit-rest, apiKeyEnv: X, polls: [{data: optionSummary, symbols: [BTC]}]}", "sources[0].apiKeyEnv"},
            {"{type: deribit-rest, polls: [{data: optionSummary, symbols: [BTC], backfill: 1d}]}",
                "sources[0].polls[0].backfill"},
            {"{type: deribit-rest, polls: [{data: optionTicker, symbols: [BTC]}]}", "sources[0].polls[0].symbols[0]"},
        })
        {
            final ConfigException ex = catchThrowableOfType(
                () -> Sources.create(config(null, dir, "- " + c[0] + "\n")), ConfigException.class);
            assertThat(ex).as(c[0]).isNotNull();
            assertThat(ex.key()).as(c[0]).isEqualTo(c[1]);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String binance(final String extra)
    {
        return "- {type: binance-futures-rest, name: bnf, restUrl: '%URL%', retries: {attempts: 3, base: 10ms, " +
            "max: 50ms}" + extra + ", polls: [\n" +
            "    {data: klines, interval: 1m, symbols: [BTCUSDT], backfill: 3650d, pageLimit: 2, every: 200ms},\n" +
            "    {data: fundingRate, symbols: [BTCUSDT], backfill: 3650d, every: 200ms},\n" +
            "    {data: premiumIndex, symbols: [BTCUSDT], every: 200ms},\n" +
            "    {data: openInterest, symbols: [BTCUSDT], backfill: 2h, pageLimit: 5, every: 200ms}]}\n";
    }

    static String deribit(final String extra)
    {
        return "- {type: deribit-rest, restUrl: '%URL%', retries: {attempts: 3, base: 10ms, max: 50ms}" + extra +
            ", polls: [\n" +
            "    {data: optionSummary, symbols: [BTC], every: 200ms},\n" +
            "    {data: optionTicker, symbols: [BTC-29MAR24-60000-C], every: 200ms}]}\n";
    }

    static TickwireConfig config(final RestTestServer server, final Path dir, final String sources)
    {
        final TickwireConfig config = ConfigLoader.parse("sources:\n" +
            (server == null ? sources : sources.replace("%URL%", server.url())));
        config.dataDir = dir.toString();
        config.engine.ringSize = 1024;
        config.aeron.publish = false;
        return config.conclude();
    }

    @SuppressWarnings("unchecked")
    static <T extends FeedAdapter> List<T> streams(final List<FeedAdapter> adapters)
    {
        return adapters.stream().map(a -> (T)a).toList();
    }

    static int id(final List<FeedAdapter> adapters, final int i)
    {
        return adapters.get(i).sourceId();
    }

    static void await(final String what, final BooleanSupplier condition)
    {
        await(() -> what, condition);
    }

    static void await(final Supplier<String> what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for: " + what.get());
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }
}
