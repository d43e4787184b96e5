package dev.tickwire.adapters.binance;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Binance files through a real engine into a real journal, read back with the journal reader and
 * the message dispatcher: every field of every trade, exactly.
 */
class BinanceImportTest
{
    private static final String IMPORT_LOGGER = "dev.tickwire.import";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs()
    {
        logs.start();
        ((Logger)LoggerFactory.getLogger(IMPORT_LOGGER)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs()
    {
        ((Logger)LoggerFactory.getLogger(IMPORT_LOGGER)).detachAppender(logs);
        logs.stop();
    }

    @Test
    void spotTradesIn2024AreMillisecondsAndBuyerMakerMeansTheSellerAggressed() throws Exception
    {
        final Path file = write("BTCUSDT-trades-2024-03-01.csv",
            "100,67000.01000000,0.00120000,80.40001200,1709251200000,True,True",
            "101,67000.02000000,0.50000000,33500.01000000,1709251200001,False,True",
            "102,66999.99000000,1.23450000,82666.48765500,1709251200001,true,true");
        final long before = System.currentTimeMillis() * 1_000_000L;
        final BinanceImport imp = importFiles(null, file);
        final long after = System.currentTimeMillis() * 1_000_000L + 1_000_000L;

        final Instrument btc = instrument("binance:BTCUSDT");
        assertThat(btc.venue()).isEqualTo("binance");
        assertThat(btc.priceExponent()).isEqualTo(-2);
        assertThat(btc.sizeExponent()).isEqualTo(-4);
        assertThat(btc.tickSize()).isEqualTo(1);
        final int source = BinanceImport.sourceId(catalog(), "binance:BTCUSDT", BinanceKind.TRADES);
        assertThat(source).isEqualTo(30_000 + 2 * btc.id());

        final List<T> trades = trades();
        assertThat(trades).extracting(T::toString).containsExactly(
            t(btc, source, "2024-03-01", 1, "2024-03-01T00:00:00Z", 6700001, 12, Side.SELL, 100),
            t(btc, source, "2024-03-01", 2, "2024-03-01T00:00:00.001Z", 6700002, 5000, Side.BUY, 101),
            t(btc, source, "2024-03-01", 3, "2024-03-01T00:00:00.001Z", 6699999, 12345, Side.SELL, 102));
        assertThat(trades).allSatisfy(tr ->
        {
            assertThat(tr.receiveTimeNs).isBetween(before, after); // the engine's clock at read
            assertThat(tr.bid).isEqualTo(Values.NONE);
            assertThat(tr.ask).isEqualTo(Values.NONE);
        });
        assertThat(counts(imp.summary())).containsExactly(3L, 3L, 0L, 0L);
        assertThat(imp.instruments()).containsEntry("binance:BTCUSDT",
            "price exponent -2, size exponent -4, tick size 0.01 (inferred from the data)");
    }

    @Test
    void tinyPricesKeepAllEightDecimalsExactly() throws Exception
    {
        final Path file = write("PEPEUSDT-trades-2025-01-02.csv",
            "7,0.00001234,1000000.00000000,12.34000000,1735776000000000,false,true",
            "8,0.00001230,25.50000000,0.00031365,1735776000000500,true,true");
        importFiles(null, file);
        final Instrument pepe = instrument("binance:PEPEUSDT");
        assertThat(pepe.priceExponent()).isEqualTo(-8);
        assertThat(pepe.sizeExponent()).isEqualTo(-1);
        final List<T> trades = trades();
        assertThat(trades).extracting(tr -> tr.price, tr -> tr.size).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1234L, 10_000_000L), org.assertj.core.groups.Tuple.tuple(1230L, 255L));
        assertThat(FixedPoint.toDecimalString(trades.get(0).price, pepe.priceExponent())).isEqualTo("0.00001234");
        assertThat(trades).extracting(tr -> tr.eventTimeNs).containsExactly(
            Timestamps.parse("2025-01-02T00:00:00Z"), Timestamps.parse("2025-01-02T00:00:00.0005Z"));
    }

    @Test
    void millisecondsAndMicrosecondsInOneFileAndAcrossFiles() throws Exception
    {
        final Path dec31 = write("BTCUSDT-trades-2024-12-31.csv",
            "1,93000.00000000,0.10000000,9300.00000000,1735689599998,false,true",
            "2,93000.01000000,0.10000000,9300.00100000,1735689599999,false,true",
            "3,93000.02000000,0.10000000,9300.00200000,1735689600000001,true,true"); // the change within a file
        final Path jan1 = write("BTCUSDT-trades-2025-01-01.csv",
            "4,93000.03000000,0.20000000,18600.00600000,1735689600000250,false,true",
            "5,93000.04000000,0.20000000,18600.00800000,1735689601000000,true,true");
        importFiles(null, jan1, dec31); // given newest first: read in name (day) order
        final List<T> trades = trades();
        assertThat(trades).extracting(tr -> tr.tradeId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(trades).extracting(tr -> Timestamps.format(tr.eventTimeNs)).containsExactly(
            Timestamps.format(Timestamps.parse("2024-12-31T23:59:59.998Z")),
            Timestamps.format(Timestamps.parse("2024-12-31T23:59:59.999Z")),
            Timestamps.format(Timestamps.parse("2025-01-01T00:00:00.000001Z")),
            Timestamps.format(Timestamps.parse("2025-01-01T00:00:00.000250Z")),
            Timestamps.format(Timestamps.parse("2025-01-01T00:00:01Z")));
        assertThat(trades).extracting(tr -> tr.position).containsExactly(
            position("2024-12-31", 1), position("2024-12-31", 2), position("2024-12-31", 3), position("2025-01-01", 1),
            position("2025-01-01", 2));
        assertThat(trades).allSatisfy(tr -> assertThat(tr.verdict).isEqualTo(Verdict.ACCEPTED));
    }

    @Test
    void aggTradesAreTheirOwnSourceOfTheSameInstrument() throws Exception
    {
        final Path trades = write("BTCUSDT-trades-2024-03-01.csv",
            "100,67000.01000000,0.00100000,67.00001000,1709251200000,false,true");
        final Path agg = write("BTCUSDT-aggTrades-2024-03-01.csv",
            "5000,67000.01000000,0.01000000,100,102,1709251200000,false,true",
            "5001,67000.00000000,0.25000000,103,103,1709251200007,true,true");
        importFiles(null, agg, trades);
        final Instrument btc = instrument("binance:BTCUSDT");
        assertThat(btc.sizeExponent()).isEqualTo(-3); // inferred over both kinds' files
        final int aggSource = BinanceImport.sourceId(catalog(), "binance:BTCUSDT", BinanceKind.AGG_TRADES);
        assertThat(aggSource).isEqualTo(30_000 + 2 * btc.id() + 1);
        assertThat(trades().stream().filter(t -> t.sourceId == aggSource).map(T::toString).collect(Collectors.toList()))
            .containsExactly(
                t(btc, aggSource, "2024-03-01", 1, "2024-03-01T00:00:00Z", 6700001, 10, Side.BUY, 5000),
                t(btc, aggSource, "2024-03-01", 2, "2024-03-01T00:00:00.007Z", 6700000, 250, Side.SELL, 5001));
        assertThat(trades().stream().filter(t -> t.sourceId == BinanceImport.sourceId(catalog(), "binance:BTCUSDT", BinanceKind.TRADES)).count()).isEqualTo(1);
    }

    @Test
    void futuresFilesWithAHeaderAreTheFuturesVenue() throws Exception
    {
        final Path futures = gzip("BTCUSDT-aggTrades-2025-01-02.csv.gz",
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
            "900,96000.1,0.003,10,12,1735776000123,true",
            "901,96000.2,0.010,13,13,1735776000124,false");
        final Path futuresTrades = write("BTCUSDT-trades-2025-01-02.csv",
            "id,price,qty,quote_qty,time,is_buyer_maker",
            "10,96000.1,0.001,96.0001,1735776000123,true");
        final BinanceImport imp = importFiles(null, futures, futuresTrades);
        final Instrument btc = instrument("binance-futures:BTCUSDT");
        assertThat(btc.venue()).isEqualTo("binance-futures");
        assertThat(btc.priceExponent()).isEqualTo(-1);
        assertThat(btc.sizeExponent()).isEqualTo(-3);
        final int agg = BinanceImport.sourceId(catalog(), "binance-futures:BTCUSDT", BinanceKind.AGG_TRADES);
        assertThat(trades().stream().filter(t -> t.sourceId == agg).map(T::toString).collect(Collectors.toList()))
            .containsExactly(
                t(btc, agg, "2025-01-02", 2, "2025-01-02T00:00:00.123Z", 960001, 3, Side.SELL, 900),
                t(btc, agg, "2025-01-02", 3, "2025-01-02T00:00:00.124Z", 960002, 10, Side.BUY, 901));
        assertThat(counts(imp.summary())).containsExactly(3L, 3L, 0L, 0L); // headers are not rows
    }

    @Test
    void venueAndExponentsCanBeGiven() throws Exception
    {
        final Path file = write("trades.csv", "1,96000.1,0.003,288.0003,1735776000123,true");
        final BinanceImport imp = new BinanceImport(List.of(file), "BTCUSDT", "binance-futures", -2, -5, "0.10",
            InstrumentCatalog.open(journalDir()));
        run(imp);
        final Instrument btc = instrument("binance-futures:BTCUSDT");
        assertThat(btc.priceExponent()).isEqualTo(-2);
        assertThat(btc.sizeExponent()).isEqualTo(-5);
        assertThat(btc.tickSize()).isEqualTo(10);
        assertThat(trades()).extracting(t -> t.price, t -> t.size)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(9600010L, 300L));
        assertThat(imp.instruments()).containsEntry("binance-futures:BTCUSDT", "price exponent -2, size exponent -5, tick size 0.10");
    }

    @Test
    void exponentsFollowTheOneRuleOfEveryImporter() throws Exception
    {
        // sizes in lots of ten: a positive exponent, which this importer refused and Tardis' took
        final Path file = write("trades.csv", "1,96000.1,20,1920002,1735776000123,true");
        final BinanceImport imp = new BinanceImport(List.of(file), "BTCUSDT", "binance", -1, 1, "0.1",
            InstrumentCatalog.open(journalDir()));
        run(imp);
        assertThat(instrument("binance:BTCUSDT").sizeExponent()).isEqualTo(1);
        assertThat(trades()).extracting(t -> t.price, t -> t.size)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(960001L, 2L));
        assertThatThrownBy(() -> new BinanceImport(List.of(file), "BTCUSDT", "binance", -19, null, null,
            InstrumentCatalog.open(journalDir())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--price-exponent must be between -18 and 18");
        assertThatThrownBy(() -> new BinanceImport(List.of(file), "BTCUSDT", "binance", null, 19, null,
            InstrumentCatalog.open(journalDir())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--size-exponent must be between -18 and 18");
    }

    @Test
    void malformedRowsAreReportedCountedAndJournaledAsRejectedTheRowsAroundThemKept() throws Exception
    {
        final Path file = write("BTCUSDT-trades-2024-03-01.csv",
            "100,67000.01000000,0.00100000,67.00001000,1709251200000,true,true",
            "101,67000.0x000000,0.00100000,67.00000000,1709251200001,true,true",   // bad number
            "102,67000.02000000,0.00100000,1709251200002,true,true",              // missing field
            "103,67000.03000000,0.00100000,67.00003000,1709251200003,maybe,true", // not a boolean
            "104,67000.04000000,0.00100000,67.00004000,1709251200004,false,true");
        final BinanceImport imp = importFiles(null, file);
        final Instrument btc = instrument("binance:BTCUSDT");
        final List<T> trades = trades();
        assertThat(trades).extracting(t -> t.position, t -> t.verdict, t -> t.reason, t -> t.tradeId, t -> t.instrumentId)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(position("2024-03-01", 1), Verdict.ACCEPTED, RejectReason.NONE, 100L, btc.id()),
                org.assertj.core.groups.Tuple.tuple(position("2024-03-01", 2), Verdict.REJECTED, RejectReason.MALFORMED, 0L, btc.id()),
                org.assertj.core.groups.Tuple.tuple(position("2024-03-01", 3), Verdict.REJECTED, RejectReason.MALFORMED, 0L, btc.id()),
                org.assertj.core.groups.Tuple.tuple(position("2024-03-01", 4), Verdict.REJECTED, RejectReason.MALFORMED, 0L, btc.id()),
                org.assertj.core.groups.Tuple.tuple(position("2024-03-01", 5), Verdict.ACCEPTED, RejectReason.NONE, 104L, btc.id()));
        assertThat(counts(imp.summary())).containsExactly(5L, 2L, 3L, 0L);
        final String name = file.toString();
        assertThat(logLines()).containsExactly(
            name + " line 2: field 2 is not a decimal: '67000.0x000000'",
            name + " line 3: 7 fields expected, found 6: '102,67000.02000000,0.00100000,1709251200002,true,true'",
            name + " line 4: field 6 is not a boolean: 'maybe'");
        assertThat(imp.sources().get(0).describe(position("2024-03-01", 3))).isEqualTo("BTCUSDT-trades-2024-03-01.csv line 3");
    }

    @Test
    void reimportAddsNothingAndALaterDayImportsAlone() throws Exception
    {
        final Path day1 = gzip("BTCUSDT-trades-2024-03-01.csv.gz",
            "100,67000.01000000,0.00100000,67.00001000,1709251200000,true,true",
            "101,bad,0.00100000,67.00000000,1709251200001,true,true",
            "102,67000.02000000,0.00100000,67.00002000,1709251200002,false,true");
        final Path day2 = write("BTCUSDT-trades-2024-03-02.csv",
            "103,67100.00000000,0.00200000,134.20000000,1709337600000,false,true",
            "104,67100.01000000,0.00200000,134.20002000,1709337600001,true,true",
            "105,67100.02000000,0.00200000,134.20004000,1709337600002,true,true");
        final Path day3 = write("BTCUSDT-trades-2024-03-03.csv",
            "106,67200.00000000,0.00200000,134.40000000,1709424000000,false,true");
        importFiles(null, day1);
        final List<T> first = trades();
        assertThat(first).hasSize(3);

        final BinanceImport again = importFiles(null, day1);
        assertThat(counts(again.summary())).containsExactly(3L, 0L, 0L, 3L);
        assertThat(trades()).extracting(T::toString).isEqualTo(first.stream().map(T::toString).collect(Collectors.toList()));
        assertThat(logLines()).hasSize(1); // the malformed row was reported once, not again

        // the daily workflow: the next day's file on its own
        final BinanceImport alone = importFiles(null, day2);
        assertThat(counts(alone.summary())).containsExactly(3L, 3L, 0L, 0L);
        assertThat(trades().get(3).position).isEqualTo(position("2024-03-02", 1));

        // all days, any order: only day 3 is new, day 1 is not even read
        final BinanceImport all = importFiles(null, day3, day1, day2);
        assertThat(counts(all.summary())).containsExactly(4L, 1L, 0L, 3L);
        assertThat(trades()).extracting(t -> t.tradeId).containsExactly(100L, 0L, 102L, 103L, 104L, 105L, 106L);
        assertThat(trades().subList(0, 3)).extracting(T::toString)
            .isEqualTo(first.stream().map(T::toString).collect(Collectors.toList()));

        // another file for the journal's last day (not the one imported) is refused, nothing journaled;
        // files of earlier days are taken as imported
        final Path otherDay3 = write("BTCUSDT-trades-2024-03-03b.csv",
            "206,67200.00000000,0.00200000,134.40000000,1709424000500,false,true");
        final BinanceImport other = new BinanceImport(List.of(otherDay3), null, null, null, null, null,
            InstrumentCatalog.open(journalDir()));
        assertThatThrownBy(() -> other.verifyResume(journalDir()))
            .hasMessageContaining("binance:BTCUSDT trades").hasMessageContaining("a different file for the same day");
        assertThat(trades()).hasSize(7);
    }

    @Test
    void aKnownSymbolKeepsItsExponents() throws Exception
    {
        importFiles(null, write("BTCUSDT-trades-2024-03-01.csv",
            "100,67000.01000000,0.00012000,8.04000120,1709251200000,true,true"));
        // the next day happens to have coarser values: the journal's exponents still hold them
        final Path day2 = write("BTCUSDT-trades-2024-03-02.csv",
            "101,67000.10000000,0.10000000,6700.01000000,1709337600000,true,true");
        final BinanceImport imp = importFiles(null, day2, dir.resolve("BTCUSDT-trades-2024-03-01.csv"));
        assertThat(imp.instruments().get("binance:BTCUSDT")).isEqualTo(
            "price exponent -2, size exponent -5, tick size 0.01 (as journaled before)");
        assertThat(trades()).extracting(t -> t.price, t -> t.size).containsExactly(
            org.assertj.core.groups.Tuple.tuple(6700001L, 12L), org.assertj.core.groups.Tuple.tuple(6700010L, 10000L));
        // finer values than the journal holds are refused before anything is read
        final Path finer = write("BTCUSDT-trades-2024-03-03.csv",
            "102,67000.001,0.1,6700.0001,1709424000000,true,true");
        assertThatThrownBy(() -> new BinanceImport(List.of(finer), null, null, null, null, null,
            InstrumentCatalog.open(journalDir())))
            .hasMessageContaining("binance:BTCUSDT (the files have up to 3 price and 1 quantity decimals)")
            .hasMessageContaining("would corrupt the journal");
    }

    @Test
    void theSameDayTwiceOrNoSymbolIsRefused() throws Exception
    {
        final Path csv = write("BTCUSDT-trades-2024-03-01.csv", "1,1.0,1.0,1.0,1709251200000,true,true");
        final Path gz = gzip("BTCUSDT-trades-2024-03-01.csv.gz", "1,1.0,1.0,1.0,1709251200000,true,true");
        final InstrumentCatalog catalog = InstrumentCatalog.open(journalDir());
        assertThatThrownBy(() -> new BinanceImport(List.of(csv, gz), null, null, null, null, null, catalog))
            .hasMessageContaining("BTCUSDT-trades-2024-03-01.csv is given twice");
        final Path unnamed = write("export.csv", "1,1.0,1.0,1.0,1709251200000,true,true");
        assertThatThrownBy(() -> new BinanceImport(List.of(unnamed), null, null, null, null, null, catalog))
            .hasMessageContaining("pass --symbol");
        // one rule for every importer (Binance refused positive exponents, Tardis took up to 18): -18..18
        assertThatThrownBy(() -> new BinanceImport(List.of(csv), null, null, 19, null, null, catalog))
            .hasMessageContaining("--price-exponent must be between -18 and 18");
        assertThatThrownBy(() -> new BinanceImport(List.of(csv), null, null, null, -19, null, catalog))
            .hasMessageContaining("--size-exponent must be between -18 and 18");
    }

    /** rows read, trades, malformed, already journaled */
    private static long[] counts(final dev.tickwire.adapters.imports.ImportSummary s)
    {
        return new long[] {s.read(), s.trades(), s.malformed(), s.alreadyJournaled()};
    }

    private InstrumentCatalog catalog()
    {
        return InstrumentCatalog.open(journalDir());
    }

    // ---------------------------------------------------------------- helpers

    private Path journalDir()
    {
        return dir.resolve("data").resolve("journal");
    }

    private BinanceImport importFiles(final String symbol, final Path... files)
    {
        final BinanceImport imp = new BinanceImport(List.of(files), symbol, null, null, null, null,
            InstrumentCatalog.open(journalDir()));
        run(imp);
        return imp;
    }

    private void run(final BinanceImport imp)
    {
        imp.verifyResume(journalDir());
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.engine.ringSize = 1024;
        config.aeron.publish = false;
        try (Engine engine = Engine.launch(config, imp.adapters()))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!engine.adaptersDone())
            {
                if (System.nanoTime() > deadline)
                {
                    fail("import not done in 10 s");
                }
                Thread.onSpinWait();
                Thread.yield();
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.counters().errors().get()).as("engine errors").isZero();
        }
    }

    private Instrument instrument(final String symbol)
    {
        return InstrumentCatalog.open(journalDir()).bySymbol(symbol).orElseThrow();
    }

    /** Position of a row of the file whose first row is on {@code day} (UTC): files are keyed by that day. */
    private static long position(final String day, final long line)
    {
        return java.time.LocalDate.parse(day).toEpochDay() << CsvImportSource.FILE_SHIFT | line << CsvImportSource.LINE_SHIFT;
    }

    private static String t(final Instrument i, final int source, final String day, final long line, final String ts,
        final long price, final long size, final Side side, final long tradeId)
    {
        return new T(i.id(), source, position(day, line), Timestamps.parse(ts), 0, price, size, side, tradeId,
            Values.NONE, Values.NONE, Verdict.ACCEPTED, RejectReason.NONE).toString();
    }

    /** Every trade in the journal, in journal order. */
    private List<T> trades()
    {
        final List<T> out = new ArrayList<>();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder d)
            {
                out.add(new T(d.instrumentId(), d.sourceId(), d.sourcePosition(), d.eventTimeNs(), d.receiveTimeNs(),
                    d.price(), d.size(), d.aggressor(), d.tradeId(), d.bidPrice(), d.askPrice(), d.verdict(),
                    d.rejectReason()));
            }
        };
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir()).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) -> dispatcher.dispatch(buffer, offset, listener),
                1000) > 0)
            {
                // to the end
            }
        }
        return out;
    }

    private List<String> logLines()
    {
        synchronized (logs)
        {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }
    }

    private Path write(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private Path gzip(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    /** A journaled trade; toString leaves out the receive time (the clock at read). */
    private record T(int instrumentId, int sourceId, long position, long eventTimeNs, long receiveTimeNs, long price,
        long size, Side side, long tradeId, long bid, long ask, Verdict verdict, RejectReason reason)
    {
        @Override
        public String toString()
        {
            return "i=" + instrumentId + " src=" + sourceId + " pos=" + position + " ts=" + Timestamps.format(eventTimeNs) +
                " p=" + price + " q=" + size + " " + side + " id=" + tradeId + " bid=" + bid + " ask=" + ask + " " +
                verdict + " " + reason;
        }
    }
}
