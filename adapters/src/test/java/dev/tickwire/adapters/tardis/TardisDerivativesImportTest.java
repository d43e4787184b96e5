package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.tardis.TardisHarness.Run;
import dev.tickwire.journal.SourceCatalog;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tickwire.adapters.tardis.TardisImportTest.fnv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tardis derivative_ticker, liquidations and options_chain files (tardis-dev's names and columns, realistic values,
 * in test resources {@code tardis-samples/}) through a real engine into a real journal, read back exactly.
 */
class TardisDerivativesImportTest
{
    static final String TICKER_HEADER = String.join(",", TardisDataset.DERIVATIVE_TICKER_COLUMNS);
    static final String OPTIONS_HEADER = String.join(",", TardisDataset.OPTIONS_CHAIN_COLUMNS);
    /** 2024-01-02, the UTC day of the sample files: the key of their rows' positions. */
    static final long DAY = 19_724;
    static final long NONE = Values.NONE;

    @TempDir
    Path dir;

    private TardisHarness h;

    @BeforeEach
    void setUp()
    {
        h = new TardisHarness(dir);
    }

    /** A sample file copied into the test's folder (an import may be given it again, or beside others). */
    Path sample(final String name)
    {
        final Path target = dir.resolve(name);
        try (InputStream in = TardisDerivativesImportTest.class.getResourceAsStream("/tardis-samples/" + name))
        {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return target;
    }

    /** The source id of a dataset's source (the catalog's, registered by now). */
    int source(final String key, final TardisDataset dataset)
    {
        return TardisImport.sourceId(h.catalog(), key, dataset);
    }

    static long position(final long day, final long line)
    {
        return day << TardisSource.FILE_SHIFT | line << TardisSource.LINE_SHIFT;
    }

    // ---------------------------------------------------------------- decoded messages

    record Ticker(int source, long position, int instrument, long ts, long recv, RejectReason reason,
        int pe, int se, int re, long fundingTime, long funding, long predicted, long openInterest,
        long last, long index, long mark)
    {
    }

    record Liq(int source, long position, int instrument, long ts, long recv, RejectReason reason,
        long price, long size, Side side, long id)
    {
    }

    record Opt(int source, long position, int instrument, long ts, long recv, RejectReason reason, OptionType type,
        int pe, int ue, int se, int ve, long strike, long expiration, long openInterest, long last,
        long bid, long bidSize, long bidIv, long ask, long askSize, long askIv, long mark, long markIv,
        long underlying, long delta, long gamma, long vega, long theta, long rho)
    {
    }

    record Def(String symbol, String venue, int pe, int se, long tick)
    {
    }

    /** The journal's instruments, tickers, liquidations, options and trades, decoded. */
    static final class Journaled implements MarketDataListener
    {
        final List<Def> definitions = new ArrayList<>();
        final List<Ticker> tickers = new ArrayList<>();
        final List<Liq> liquidations = new ArrayList<>();
        final List<Opt> options = new ArrayList<>();
        final List<Integer> tradeSources = new ArrayList<>();
        int messages;

        private static RejectReason reason(final Verdict verdict, final RejectReason reason)
        {
            return verdict == Verdict.ACCEPTED ? RejectReason.NONE : reason;
        }

        @Override
        public void onInstrument(final InstrumentDefinitionDecoder d)
        {
            messages++;
            definitions.add(new Def(d.symbol().trim(), d.venue().trim(), d.priceExponent(), d.sizeExponent(),
                d.tickSize()));
        }

        @Override
        public void onTrade(final TradeDecoder t)
        {
            messages++;
            tradeSources.add(t.sourceId());
        }

        @Override
        public void onDerivativeTicker(final DerivativeTickerDecoder t)
        {
            messages++;
            tickers.add(new Ticker(t.sourceId(), t.sourcePosition(), t.instrumentId(), t.eventTimeNs(),
                t.receiveTimeNs(), reason(t.verdict(), t.rejectReason()), t.priceExponent(), t.sizeExponent(),
                t.rateExponent(),
                t.fundingTimeNs(), t.fundingRate(), t.predictedFundingRate(), t.openInterest(), t.lastPrice(),
                t.indexPrice(), t.markPrice()));
        }

        @Override
        public void onLiquidation(final LiquidationDecoder l)
        {
            messages++;
            liquidations.add(new Liq(l.sourceId(), l.sourcePosition(), l.instrumentId(), l.eventTimeNs(),
                l.receiveTimeNs(), reason(l.verdict(), l.rejectReason()), l.price(), l.size(), l.side(),
                l.liquidationId()));
        }

        @Override
        public void onOptionSummary(final OptionSummaryDecoder o)
        {
            messages++;
            options.add(new Opt(o.sourceId(), o.sourcePosition(), o.instrumentId(), o.eventTimeNs(), o.receiveTimeNs(),
                reason(o.verdict(), o.rejectReason()), o.optionType(), o.priceExponent(), o.underlyingExponent(),
                o.sizeExponent(), o.valueExponent(), o.strikePrice(), o.expirationNs(), o.openInterest(), o.lastPrice(),
                o.bidPrice(), o.bidSize(), o.bidIv(), o.askPrice(), o.askSize(), o.askIv(), o.markPrice(), o.markIv(),
                o.underlyingPrice(), o.delta(), o.gamma(), o.vega(), o.theta(), o.rho()));
        }
    }

    Journaled journaled()
    {
        final Journaled j = new Journaled();
        h.journal(j);
        return j;
    }

    /** The receive time of a journaled malformed row is the import's clock: compared without it. */
    private static Ticker withoutRecv(final Ticker t)
    {
        return new Ticker(t.source, t.position, t.instrument, t.ts, 0, t.reason, t.pe, t.se, t.re, t.fundingTime,
            t.funding, t.predicted, t.openInterest, t.last, t.index, t.mark);
    }

    private static String sources(final Path journal) throws IOException
    {
        return Files.readString(journal.resolve(SourceCatalog.FILE_NAME));
    }

    // ---------------------------------------------------------------- derivative_ticker

    @Test
    void derivativeTickersReadBackExactlyWithTheirOwnExponentsAndAbsentValuesNull() throws IOException
    {
        final Path file = sample("binance-futures_derivative_ticker_2024-01-02_BTCUSDT.csv.gz");
        final Run run = h.importFiles(file);

        assertThat(run.summary.read()).isEqualTo(4);
        assertThat(run.summary.malformed()).isEqualTo(1);
        assertThat(run.summary.details())
            .containsExactly(Map.entry("derivative tickers", 3L), Map.entry("rows rounded", 0L));
        assertThat(run.logs).anySatisfy(l -> assertThat(l).startsWith(file + " line 4: ")
            .contains("field 6 (funding_rate) is not a decimal: '0.0001x'"));

        final int id = h.instrumentId("binance-futures:BTCUSDT");
        final int source = source("binance-futures:BTCUSDT", TardisDataset.DERIVATIVE_TICKER);
        // the catalog's first shared id: no formula, no Tardis id
        assertThat(source).isEqualTo(SourceKind.SHARED.first);
        assertThat(sources(h.journal))
            .contains(source + "\tshared\ttardis:derivative_ticker:binance-futures:BTCUSDT\n");
        final Journaled j = journaled();
        // the instrument: the most price decimals of last, index and mark (8), of open interest (3)
        assertThat(j.definitions).containsExactly(new Def("binance-futures:BTCUSDT", "binance-futures", -8, -3, 1));
        final long funding = 1_704_182_400_000_000_000L;
        assertThat(j.tickers).hasSize(4);
        // the markPrice stream's row: funding, index and mark only
        assertThat(j.tickers.get(0)).isEqualTo(new Ticker(source, position(DAY, 2), id, 1_704_153_600_000_000_000L,
            1_704_153_600_061_034_000L, RejectReason.NONE, -8, 0, -4, funding, 1, NONE, NONE, NONE, 4_349_856_218_750L,
            4_352_112_345_678L));
        assertThat(j.tickers.get(1)).isEqualTo(new Ticker(source, position(DAY, 3), id, 1_704_153_600_507_000_000L,
            1_704_153_600_563_120_000L, RejectReason.NONE, -8, -3, -4, funding, 1, NONE, 80_215_193, 4_352_110_000_000L,
            4_349_856_218_750L, 4_352_112_345_678L));
        // the malformed row: a ticker without values, rejected, at its line, dated as the row before it
        assertThat(withoutRecv(j.tickers.get(2))).isEqualTo(new Ticker(source, position(DAY, 4), id,
            1_704_153_600_507_000_000L, 0, RejectReason.MALFORMED, 0, 0, 0, NONE, NONE, NONE, NONE, NONE, NONE, NONE));
        // fewer decimals this row: a smaller exponent, the same values
        assertThat(j.tickers.get(3)).isEqualTo(new Ticker(source, position(DAY, 5), id, 1_704_153_601_000_000_000L,
            1_704_153_601_060_127_000L, RejectReason.NONE, -2, -3, -8, funding, 10_312, NONE, 80_216_005, 4_352_240,
            4_349_912, 4_352_290));
    }

    @Test
    void predictedFundingRoundedRatesAndWhatTheValidatorRefuses()
    {
        final Path bitmex = sample("bitmex_derivative_ticker_2024-01-02_XBTUSD.csv.gz");
        // dYdX writes funding rates with 20 decimals: rounded half-even to 18, said once, counted
        final long t = 1_743_465_600_448_717L;
        final Path dydx = h.write("dydx-v4_derivative_ticker_2025-04-01_BTC-USD.csv.gz", true, TICKER_HEADER,
            "dydx-v4,BTC-USD," + t + "," + t + ",,0.00004405208333333333,,760.6049,,,82546.76734",
            "dydx-v4,BTC-USD," + (t + 9_623_460) + "," + (t + 9_623_460) +
                ",,0.00004405208333333337,,760.6049,82570,,82495.67226",
            "dydx-v4,BTC-USD," + (t + 20_000_000) + "," + (t + 20_000_000) + ",,0.0000125,,-1,,,82546.8",
            "dydx-v4,BTC-USD," + (t + 30_000_000) + "," + (t + 30_000_000) + ",,0.0000125,,760.6,,,NaN",
            "dydx-v4,BTC-USD," + (t + 40_000_000) + "," + (t + 40_000_000) + ",,,,,,,");
        final Run run = h.importFiles(bitmex, dydx);

        assertThat(run.summary.malformed()).isZero();
        assertThat(run.summary.details()).containsEntry("derivative tickers", 7L).containsEntry("rows rounded", 2L);
        assertThat(run.logs.stream().filter(l -> l.contains("more than 18 decimals"))).singleElement().asString()
            .startsWith(dydx + " line 2: ");
        final int xbt = h.instrumentId("bitmex:XBTUSD");
        final int btc = h.instrumentId("dydx-v4:BTC-USD");
        final int bitmexSource = TardisImport.sourceId(h.catalog(), "bitmex:XBTUSD", TardisDataset.DERIVATIVE_TICKER);
        final int dydxSource = TardisImport.sourceId(h.catalog(), "dydx-v4:BTC-USD", TardisDataset.DERIVATIVE_TICKER);
        assertThat(bitmexSource).isNotEqualTo(dydxSource);
        // two sources run side by side: their rows interleave in the journal, each source's in its order
        final List<Ticker> all = journaled().tickers;
        final List<Ticker> tickers = new ArrayList<>(all.stream().filter(x -> x.source() == bitmexSource).toList());
        tickers.addAll(all.stream().filter(x -> x.source() == dydxSource).toList());
        assertThat(tickers).hasSize(7);
        final long funding = 1_704_182_400_000_000_000L;
        // BitMEX: a predicted rate beside the current one; open interest in contracts
        assertThat(tickers.get(0)).isEqualTo(new Ticker(bitmexSource, position(DAY, 2), xbt, 1_704_153_600_000_000_000L,
            1_704_153_600_021_877_000L, RejectReason.NONE, -2, 0, -6, funding, 100, 89, 571_024_300, 4_353_050,
            4_349_856, 4_351_274));
        assertThat(tickers.get(1)).isEqualTo(new Ticker(bitmexSource, position(DAY, 3), xbt, 1_704_153_605_000_000_000L,
            1_704_153_605_019_232_000L, RejectReason.NONE, -2, 0, -6, funding, 100, 91, 571_025_400, 4_353_100,
            4_349_901, 4_351_320));
        final long dydxDay = Math.floorDiv(t, 86_400_000_000L);
        assertThat(tickers.get(2)).isEqualTo(new Ticker(dydxSource, position(dydxDay, 2), btc, t * 1000, t * 1000,
            RejectReason.NONE, -5, -4, -18, NONE, 44_052_083_333_333L, NONE, 7_606_049, NONE, NONE, 8_254_676_734L));
        assertThat(tickers.get(3).funding()).isEqualTo(44_052_083_333_333L); // ...337 rounds down as well
        assertThat(tickers.get(3).last()).isEqualTo(8_257_000_000L);
        // journaled, and refused by the validator: a negative open interest, a NaN mark price, a row without values
        assertThat(tickers.subList(4, 7)).extracting(Ticker::reason).containsExactly(
            RejectReason.SIZE_NEGATIVE, RejectReason.PRICE_NOT_FINITE, RejectReason.MALFORMED);
        assertThat(tickers.get(4).openInterest()).isEqualTo(-1);
    }

    // ---------------------------------------------------------------- liquidations

    @Test
    void liquidationsReadBackExactlyAtTheInstrumentsExponents()
    {
        final Path bitmex = sample("bitmex_liquidations_2024-01-02_XBTUSD.csv.gz");
        final Path deribit = sample("deribit_liquidations_2024-01-02_PERPETUALS.csv.gz");
        final Path binance = sample("binance-futures_liquidations_2024-01-02_BTCUSDT.csv.gz");
        final Run run = h.importFiles(bitmex, deribit, binance);

        assertThat(run.summary.read()).isEqualTo(4 + 4 + 2);
        assertThat(run.summary.trades()).as("the trades header, but liquidations by name").isZero();
        assertThat(run.summary.malformed()).isEqualTo(2);
        assertThat(run.summary.details()).containsExactly(Map.entry("liquidations", 8L));
        assertThat(run.logs).anySatisfy(l -> assertThat(l).startsWith(bitmex + " line 4: ")
            .contains("field 6 (side) is not a liquidation side (buy or sell): 'unknown'"));
        assertThat(run.logs).anySatisfy(l -> assertThat(l).startsWith(deribit + " line 4: ").contains("'43x21'"));

        final int xbt = h.instrumentId("bitmex:XBTUSD");
        final int btc = h.instrumentId("deribit:BTC-PERPETUAL");
        final int eth = h.instrumentId("deribit:ETH-PERPETUAL");
        final int usdt = h.instrumentId("binance-futures:BTCUSDT");
        final int bitmexSource = source("bitmex:XBTUSD", TardisDataset.LIQUIDATIONS);
        final int deribitSource = source("deribit:BTC-PERPETUAL", TardisDataset.LIQUIDATIONS);
        final int binanceSource = source("binance-futures:BTCUSDT", TardisDataset.LIQUIDATIONS);
        assertThat(List.of(bitmexSource, deribitSource, binanceSource)).doesNotHaveDuplicates()
            .allSatisfy(s -> assertThat(SourceKind.SHARED.contains(s)).isTrue());
        final Journaled j = journaled();
        assertThat(j.definitions).containsExactlyInAnyOrder(
            new Def("bitmex:XBTUSD", "bitmex", -1, 0, 1), new Def("deribit:BTC-PERPETUAL", "deribit", -1, 0, 1),
            new Def("deribit:ETH-PERPETUAL", "deribit", -2, 0, 1),
            new Def("binance-futures:BTCUSDT", "binance-futures", -1, -3, 1));
        final List<Liq> rows = j.liquidations.stream().map(l -> l.reason() == RejectReason.NONE ? l :
            new Liq(l.source(), l.position(), l.instrument(), l.ts(), 0, l.reason(), l.price(), l.size(), l.side(),
                l.id())).toList();
        final long ns = 1000;
        assertThat(rows).containsExactlyInAnyOrder(
            // BitMEX: order ids are UUIDs, kept as their FNV-1a hash
            new Liq(bitmexSource, position(DAY, 2), xbt, 1_704_153_722_346_000L * ns, 1_704_153_722_391_584L * ns,
                RejectReason.NONE, 435_195, 2100, Side.SELL, fnv("5fd1e7c1-7b6e-4a53-9b27-8e0ad0f1b1a3")),
            new Liq(bitmexSource, position(DAY, 3), xbt, 1_704_153_931_012_000L * ns, 1_704_153_931_054_211L * ns,
                RejectReason.NONE, 435_610, 500, Side.BUY, fnv("0c6a8a2d-3f2e-45c9-8d6e-1b1d9b0a7e44")),
            new Liq(bitmexSource, position(DAY, 4), xbt, 1_704_153_931_012_000L * ns, 0, RejectReason.MALFORMED, 0, 0,
                Side.NONE, NONE),
            new Liq(bitmexSource, position(DAY, 5), xbt, 1_704_154_012_871_000L * ns, 1_704_154_012_913_305L * ns,
                RejectReason.NONE, 435_755, 12_000, Side.BUY, fnv("e2a4d6f8-1c3b-4a5d-8e7f-902b1c3d4e5f")),
            // Deribit, one file for every perpetual: numeric ids, two instruments, one source
            new Liq(deribitSource, position(DAY, 2), btc, 1_704_153_800_123_000L * ns, 1_704_153_800_187_412L * ns,
                RejectReason.NONE, 435_255, 1230, Side.SELL, 290_114_561),
            new Liq(deribitSource, position(DAY, 3), eth, 1_704_153_805_441_000L * ns, 1_704_153_805_502_961L * ns,
                RejectReason.NONE, 238_465, 15, Side.BUY, 196_332_017),
            new Liq(deribitSource, position(DAY, 4), btc, 1_704_153_805_441_000L * ns, 0, RejectReason.MALFORMED, 0, 0,
                Side.NONE, NONE),
            new Liq(deribitSource, position(DAY, 5), btc, 1_704_153_806_918_000L * ns, 1_704_153_806_980_033L * ns,
                RejectReason.NONE, 435_210, 40, Side.SELL, 290_114_611),
            // Binance: no ids at all, absent rather than 0
            new Liq(binanceSource, position(DAY, 2), usdt, 1_704_153_745_123_000L * ns, 1_704_153_745_170_210L * ns,
                RejectReason.NONE, 434_803, 512, Side.SELL, NONE),
            new Liq(binanceSource, position(DAY, 3), usdt, 1_704_153_790_456_000L * ns, 1_704_153_790_501_877L * ns,
                RejectReason.NONE, 435_339, 41, Side.BUY, NONE));
    }

    @Test
    void theFileNameTellsLiquidationsFromTradesAsTheyShareAHeader() throws IOException
    {
        final String[] rows = {"exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "binance-futures,BTCUSDT,1704153745123000,1704153745170210,,sell,43480.3,0.512"};
        final Path trades = h.write("binance-futures_trades_2024-01-02_BTCUSDT.csv.gz", true, rows);
        Files.createDirectories(dir.resolve("liquidations/2024/01/02"));
        // where the datasets API puts it: /v1/binance-futures/liquidations/2024/01/02/BTCUSDT.csv.gz
        final Path api = h.write("liquidations/2024/01/02/BTCUSDT.csv.gz", true, rows);
        final Run run = h.importFiles(trades, api);

        assertThat(run.summary.trades()).isEqualTo(1);
        assertThat(run.summary.details()).containsExactly(Map.entry("liquidations", 1L));
        final Journaled j = journaled();
        assertThat(j.tradeSources).containsExactly(
            TardisImport.sourceId(h.catalog(), "binance-futures:BTCUSDT", TardisDataset.TRADES));
        assertThat(j.liquidations).singleElement().extracting(Liq::price, Liq::size, Liq::side)
            .containsExactly(434_803L, 512L, Side.SELL);
    }

    // ---------------------------------------------------------------- options_chain

    @Test
    void optionsChainRowsAreOptionSummariesOfOptionsDefinedAsTheyAppear() throws IOException
    {
        final Path file = sample("deribit_options_chain_2024-01-02_OPTIONS.csv.gz");
        final Run run = h.importFiles(file);

        assertThat(run.summary.read()).isEqualTo(6);
        assertThat(run.summary.malformed()).isEqualTo(1);
        assertThat(run.summary.details())
            .containsExactly(Map.entry("option summaries", 5L), Map.entry("rows rounded", 0L));
        assertThat(run.logs).anySatisfy(l -> assertThat(l).startsWith(file + " line 6: ")
            .contains("field 5 (type) is not an option type (call or put): 'straddle'"));
        assertThat(run.tardis.adapters()).singleElement().extracting(a -> a.roleName())
            .isEqualTo("tardis options_chain deribit");

        // one source for every option of the exchange, keyed by it
        final int source = TardisImport.sourceId(h.catalog(), "deribit", TardisDataset.OPTIONS_CHAIN);
        assertThat(sources(h.journal)).contains(source + "\tshared\ttardis:options_chain:deribit\n");
        final int call44 = h.instrumentId("deribit:BTC-5JAN24-44000-C");
        final int put40 = h.instrumentId("deribit:BTC-5JAN24-40000-P");
        final int call60 = h.instrumentId("deribit:BTC-29MAR24-60000-C");
        final int eth = h.instrumentId("deribit:ETH-5JAN24-2400-C");
        final int put42 = h.instrumentId("deribit:BTC-5JAN24-42000-P");
        final Journaled j = journaled();
        // each option once, in the order it appears; its exponents from the decimals of its prices and amounts
        assertThat(j.definitions).containsExactly(
            new Def("deribit:BTC-5JAN24-44000-C", "deribit", -8, -1, 1),
            new Def("deribit:BTC-5JAN24-40000-P", "deribit", -8, -1, 1),
            new Def("deribit:BTC-29MAR24-60000-C", "deribit", -8, -1, 1),
            new Def("deribit:ETH-5JAN24-2400-C", "deribit", -8, 0, 1),
            new Def("deribit:BTC-5JAN24-42000-P", "deribit", -8, 0, 1));
        final long jan5 = 1_704_441_600_000_000_000L;
        final long mar29 = 1_711_699_200_000_000_000L;
        final long ns = 1000;
        final List<Opt> options = j.options;
        assertThat(options).hasSize(6);
        assertThat(options.get(0)).isEqualTo(new Opt(source, position(DAY, 2), call44, 1_704_153_600_318_000L * ns,
            1_704_153_600_402_188L * ns, RejectReason.NONE, OptionType.CALL, -8, -2, -1, -5, 4_400_000, jan5,
            5123, 1_350_000, 1_300_000, 125, 5_132_000, 1_400_000, 81, 5_387_000, 1_362_541, 5_241_000,
            4_353_027, 40_512, 13, 1_784_721, -8_421_093, 110_348));
        // no bid and no last trade: absent, not zero
        assertThat(options.get(1)).isEqualTo(new Opt(source, position(DAY, 3), put40, 1_704_153_600_512_000L * ns,
            1_704_153_600_598_311L * ns, RejectReason.NONE, OptionType.PUT, -8, -2, -1, -5, 4_000_000, jan5,
            10_479, NONE, NONE, NONE, NONE, 150_000, 312, 6_840_000, 117_331, 6_107_000,
            4_353_027, -4_627, 2, 315_632, -2_418_702, -15_034));
        // no ask; a synthetic underlying (its name, SYN.BTC-29MAR24, is not kept)
        assertThat(options.get(2)).isEqualTo(new Opt(source, position(DAY, 4), call60, 1_704_153_601_044_000L * ns,
            1_704_153_601_130_947L * ns, RejectReason.NONE, OptionType.CALL, -8, -2, -1, -5, 6_000_000, mar29,
            32_104, 1_050_000, 950_000, 400, 5_810_000, NONE, NONE, NONE, 998_712, 5_903_000,
            4_412_085, 12_873, 1, 3_895_122, -1_174_305, 1_102_367));
        assertThat(options.get(3)).isEqualTo(new Opt(source, position(DAY, 5), eth, 1_704_153_601_207_000L * ns,
            1_704_153_601_288_452L * ns, RejectReason.NONE, OptionType.CALL, -8, -2, 0, -5, 240_000, jan5,
            1523, 2_100_000, 2_050_000, 120, 4_790_000, 2_150_000, 95, 4_920_000, 2_076_211, 4_860_000,
            238_144, 45_218, 78, 110_237, -452_118, 7_012));
        final Opt rejected = options.get(4);
        assertThat(rejected.position()).isEqualTo(position(DAY, 6));
        assertThat(rejected.instrument()).isEqualTo(put42);
        assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(rejected.ts()).isEqualTo(1_704_153_601_207_000L * ns);
        assertThat(rejected.strike()).isZero();
        assertThat(List.of(rejected.mark(), rejected.markIv(), rejected.openInterest())).containsOnly(NONE);
        // the first option again: the same instrument
        assertThat(options.get(5)).isEqualTo(new Opt(source, position(DAY, 7), call44, 1_704_153_602_318_000L * ns,
            1_704_153_602_395_540L * ns, RejectReason.NONE, OptionType.CALL, -8, -2, -1, -5, 4_400_000, jan5,
            5123, 1_350_000, 1_250_000, 100, 5_071_000, 1_350_000, 44, 5_292_000, 1_341_003, 5_180_000,
            4_352_411, 39_971, 13, 1_780_125, -8_390_211, 108_722));
    }

    @Test
    void aLaterDayOfOptionsContinuesTheExchangesSourceWhateverOptionComesFirst()
    {
        final Path day1 = sample("deribit_options_chain_2024-01-02_OPTIONS.csv.gz");
        final long t = 1_704_240_000_000_000L; // 2024-01-03T00:00:00Z
        final Path day2 = h.write("deribit_options_chain_2024-01-03_OPTIONS.csv.gz", true, OPTIONS_HEADER,
            "deribit,ETH-5JAN24-2400-C," + (t + 211_000) + "," + (t + 290_118) +
                ",call,2400,1704441600000000,1611,0.0182,0.0178,60,46.1,0.0186,75,47.5,0.01822054,46.8,ETH-5JAN24," +
                "2362.9,0.42107,0.00083,0.97425,-5.01272,0.05113",
            "deribit,BTC-5JAN24-46000-C," + (t + 402_000) + "," + (t + 488_271) +
                ",call,46000,1704441600000000,95.2,,," +
                ",,0.0025,22.8,49.95,0.00231077,48.12,BTC-5JAN24,44710.4,0.1821,0.00008,9.30115,-66.0142,0.3851");
        final Run first = h.importFiles(day1);
        final int source = TardisImport.sourceId(h.catalog(), "deribit", TardisDataset.OPTIONS_CHAIN);

        final Run alone = h.importFiles(day2); // yesterday's file, its first option another: the same source
        assertThat(alone.refusals).isEmpty();
        assertThat(alone.summary.details()).containsEntry("option summaries", 2L);
        assertThat(alone.tardis.adapters()).singleElement().extracting(a -> a.sourceId()).isEqualTo(source);
        final Journaled j = journaled();
        assertThat(j.options).extracting(Opt::source).containsOnly(source);
        assertThat(j.options.subList(6, 8)).extracting(Opt::position)
            .containsExactly(position(DAY + 1, 2), position(DAY + 1, 3));
        assertThat(j.options.get(6).last()).isEqualTo(1_820_000);
        assertThat(j.definitions).extracting(Def::symbol).contains("deribit:BTC-5JAN24-46000-C"); // new that day
        assertThat(h.catalog().all()).hasSize(6);

        final Run both = h.importFiles(day2, day1); // both again: nothing, day 1 not even read
        assertThat(both.refusals).isEmpty();
        assertThat(both.summary.details()).containsEntry("option summaries", 0L);
        assertThat(both.summary.alreadyJournaled()).isEqualTo(2);
        assertThat(journaled().options).isEqualTo(j.options);
        assertThat(first.summary.read()).isEqualTo(6);
    }

    @Test
    void aChainOfManyOptionsDefinesEachOnceAndNotesTheFirstTwenty()
    {
        final List<String> rows = new ArrayList<>();
        rows.add(OPTIONS_HEADER);
        final long t = 1_704_153_600_000_000L;
        for (int i = 0; i < 60; i++)
        {
            final int strike = 40_000 + 1_000 * (i % 30);
            final String type = i % 30 < 15 ? "call" : "put";
            final String symbol = "BTC-5JAN24-" + strike + (type.equals("call") ? "-C" : "-P");
            rows.add("deribit," + symbol + "," + (t + 1000L * i) + "," + (t + 1000L * i + 83_000) + "," + type + "," +
                strike + ",1704441600000000,100.5,,0.012,1.5,50.1,0.0125,2,52.3,0.01221045,51.2,BTC-5JAN24,43530.27," +
                "0.5,0.0001,17.8,-84.2,1.1");
        }
        final Path file = h.write("deribit_options_chain_2024-01-02_OPTIONS.csv.gz", true, rows);
        final Run run = h.importFiles(file);

        assertThat(run.summary.details()).containsEntry("option summaries", 60L);
        assertThat(h.catalog().all()).hasSize(30);
        assertThat(journaled().definitions).hasSize(30).doesNotHaveDuplicates();
        final List<String> notes = run.tardis.notes();
        assertThat(notes).hasSize(TardisImport.NOTED_INSTRUMENTS + 1);
        assertThat(notes.get(0)).isEqualTo("deribit:BTC-5JAN24-40000-C: price exponent -8, size exponent -1, " +
            "tick size 0.00000001 (inferred from the data)");
        assertThat(notes.get(TardisImport.NOTED_INSTRUMENTS)).isEqualTo(
            "... and 10 more instruments, each with its own exponents (the journal's instruments.tsv lists them)");
    }

    // ---------------------------------------------------------------- all of them

    @Test
    void importingTheSameFilesAgainAddsNothing()
    {
        final Path[] files = {
            sample("binance-futures_derivative_ticker_2024-01-02_BTCUSDT.csv.gz"),
            sample("bitmex_derivative_ticker_2024-01-02_XBTUSD.csv.gz"),
            sample("bitmex_liquidations_2024-01-02_XBTUSD.csv.gz"),
            sample("deribit_liquidations_2024-01-02_PERPETUALS.csv.gz"),
            sample("binance-futures_liquidations_2024-01-02_BTCUSDT.csv.gz"),
            sample("deribit_options_chain_2024-01-02_OPTIONS.csv.gz")};
        final Run first = h.importFiles(files);
        assertThat(first.summary.read()).isEqualTo(4 + 2 + 4 + 4 + 2 + 6);
        final Journaled before = journaled();
        assertThat(before.tickers.size() + before.liquidations.size() + before.options.size()).isEqualTo(22);

        final Run again = h.importFiles(files[5], files[3], files[0], files[4], files[2], files[1]);
        assertThat(again.refusals).isEmpty();
        assertThat(again.summary.malformed()).isZero();
        assertThat(again.summary.alreadyJournaled()).isEqualTo(again.summary.read()).isEqualTo(22);
        assertThat(again.summary.details()).containsExactly(Map.entry("derivative tickers", 0L),
            Map.entry("liquidations", 0L), Map.entry("option summaries", 0L), Map.entry("rows rounded", 0L));
        final Journaled after = journaled(); // each run journals its instruments' definitions again; nothing else
        assertThat(after.messages - after.definitions.size()).isEqualTo(before.messages - before.definitions.size());
        assertThat(after.tickers).isEqualTo(before.tickers);
        assertThat(after.liquidations).isEqualTo(before.liquidations);
        assertThat(after.options).isEqualTo(before.options);
    }

    @Test
    void theNewDatasetsNeverTakeATardisIdSoTradesKeepTheirFormulasId() throws IOException
    {
        // a journal that met the derivative datasets first: had they taken the lowest free Tardis id, the trades of an
        // instrument could not take the id an earlier build gave them, and a journal written before the catalog
        // would resume one source after another's checkpoint
        h.importFiles(sample("binance-futures_derivative_ticker_2024-01-02_BTCUSDT.csv.gz"),
            sample("binance-futures_liquidations_2024-01-02_BTCUSDT.csv.gz"));
        final Path trades = h.write("binance-futures_trades_2024-01-02_BTCUSDT.csv.gz", true,
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "binance-futures,BTCUSDT,1704153600100000,1704153600151000,4491021005,buy,43521.1,0.004");
        h.importFiles(trades);

        final int id = h.instrumentId("binance-futures:BTCUSDT");
        final int ticker = source("binance-futures:BTCUSDT", TardisDataset.DERIVATIVE_TICKER);
        final int liquidations = source("binance-futures:BTCUSDT", TardisDataset.LIQUIDATIONS);
        final int tradesSource = source("binance-futures:BTCUSDT", TardisDataset.TRADES);
        assertThat(tradesSource).isEqualTo(SourceKind.TARDIS.first + 4 * id);
        assertThat(List.of(ticker, liquidations))
            .containsExactlyInAnyOrder(SourceKind.SHARED.first, SourceKind.SHARED.first + 1);
        assertThat(sources(h.journal)).contains(tradesSource + "\ttardis\ttardis:trades:binance-futures:BTCUSDT\n");
        assertThat(journaled().tradeSources).containsExactly(tradesSource);
    }
}
