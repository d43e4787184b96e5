package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.tardis.TardisHarness.Msg;
import dev.tickwire.adapters.tardis.TardisHarness.Run;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tickwire.adapters.tardis.TardisHarness.rowPosition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tardis CSV datasets through a real engine into a real journal, read back exactly. */
class TardisImportTest
{
    static final String TRADES = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";
    static final String QUOTES = "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount";
    static final String L2 = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount";
    /** 2024-06-13T12:00:00Z in µs. */
    static final long T0 = 1_718_280_000_000_000L;

    @TempDir
    Path dir;

    private TardisHarness h;

    @BeforeEach
    void setUp()
    {
        h = new TardisHarness(dir);
    }

    static String snapshotHeader(final int levels)
    {
        final StringBuilder sb = new StringBuilder("exchange,symbol,timestamp,local_timestamp");
        for (int i = 0; i < levels; i++)
        {
            sb.append(",asks[").append(i).append("].price,asks[").append(i).append("].amount,bids[").append(i)
                .append("].price,bids[").append(i).append("].amount");
        }
        return sb.toString();
    }

    /** FNV-1a 64 of the text's bytes, computed here independently of the importer. */
    static long fnv(final String text)
    {
        long h = 0xcbf29ce484222325L;
        for (final byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static List<Msg> ofType(final List<Msg> messages, final String type)
    {
        return messages.stream().filter(m -> m.type.equals(type)).collect(Collectors.toList());
    }

    private static void assertTrade(final Msg m, final int source, final long position, final int instrument, final long tsUs,
        final long recvUs, final long price, final long size, final Side side, final long id)
    {
        assertThat(m.type).isEqualTo("T");
        assertThat(m.accepted).as(m.toString()).isTrue();
        assertThat(m.sourceId).isEqualTo(source);
        assertThat(m.position).isEqualTo(position);
        assertThat(m.instrumentId).isEqualTo(instrument);
        assertThat(m.eventTimeNs).isEqualTo(tsUs * 1000);
        assertThat(m.receiveTimeNs).isEqualTo(recvUs * 1000);
        assertThat(m.price).isEqualTo(price);
        assertThat(m.size).isEqualTo(size);
        assertThat(m.aggressor).isEqualTo(side);
        assertThat(m.tradeId).isEqualTo(id);
        assertThat(m.bid).isEqualTo(Values.NONE);
        assertThat(m.ask).isEqualTo(Values.NONE);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void tradesReadBackExactly(final boolean gzip)
    {
        final String uuid = "6f1e2c3a-9b7d-4e21-8f00-0c1d2e3f4a5b";
        final Path file = h.write(gzip ? "binance_trades_2024-06-13_BTCUSDT.csv.gz" : "binance_trades_2024-06-13_BTCUSDT.csv",
            gzip,
            TRADES,
            "binance,BTCUSDT," + T0 + "," + (T0 + 500) + ",3001,buy,67000.5,0.001",
            "binance,BTCUSDT," + T0 + "," + (T0 + 600) + ",3002,sell,67000.25,1.5",
            "binance,BTCUSDT," + (T0 + 1000) + "," + (T0 + 1700) + "," + uuid + ",unknown,67001,2",
            "binance,BTCUSDT," + (T0 + 2000) + "," + (T0 + 2100) + ",,buy,67001.75,0.250");
        final Run run = h.importFiles(file);

        assertThat(run.summary.read()).isEqualTo(4);
        assertThat(run.summary.trades()).isEqualTo(4);
        assertThat(run.summary.malformed()).isZero();
        final int id = h.instrumentId("binance:BTCUSDT");
        final int source = TardisImport.sourceId(h.catalog(), "binance:BTCUSDT", TardisDataset.TRADES);
        assertThat(source).isEqualTo(10_000 + 4 * id);
        final List<Msg> journal = h.journal();
        final Msg definition = ofType(journal, "I").get(0);
        assertThat(definition.toString()).isEqualTo("I binance:BTCUSDT id=" + id + " venue=binance pe=-2 se=-3 tick=1");
        final List<Msg> trades = ofType(journal, "T");
        assertThat(trades).hasSize(4);
        assertTrade(trades.get(0), source, rowPosition(0, 2), id, T0, T0 + 500, 6_700_050, 1, Side.BUY, 3001);
        assertTrade(trades.get(1), source, rowPosition(0, 3), id, T0, T0 + 600, 6_700_025, 1_500, Side.SELL, 3002);
        assertTrade(trades.get(2), source, rowPosition(0, 4), id, T0 + 1000, T0 + 1700, 6_700_100, 2_000, Side.NONE, fnv(uuid));
        assertTrade(trades.get(3), source, rowPosition(0, 5), id, T0 + 2000, T0 + 2100, 6_700_175, 250, Side.BUY, 0);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void quotesWithEmptySidesReadBackExactly(final boolean gzip)
    {
        final Path file = h.write(gzip ? "quotes.csv.gz" : "quotes.csv", gzip,
            QUOTES,
            "deribit,BTC-PERPETUAL," + T0 + "," + (T0 + 5) + ",1200,67000.5,67000,3500",
            "deribit,BTC-PERPETUAL," + (T0 + 100) + "," + (T0 + 105) + ",,,67000,10",
            "deribit,BTC-PERPETUAL," + (T0 + 200) + "," + (T0 + 205) + ",50,67001,,");
        final Run run = h.importFiles(file);

        assertThat(run.summary.quotes()).isEqualTo(3);
        final int id = h.instrumentId("deribit:BTC-PERPETUAL");
        final int source = TardisImport.sourceId(h.catalog(), "deribit:BTC-PERPETUAL", TardisDataset.QUOTES);
        assertThat(source).isEqualTo(10_000 + 4 * id + 3);
        assertThat(ofType(h.journal(), "I").get(0).toString())
            .isEqualTo("I deribit:BTC-PERPETUAL id=" + id + " venue=deribit pe=-1 se=0 tick=1");
        assertThat(h.market()).extracting(Msg::toString).containsExactly(
            "Q src=" + source + " pos=" + rowPosition(0, 2) + " i=" + id + " ts=" + T0 * 1000 + " recv=" + (T0 + 5) * 1000 +
                " 670000x3500 / 670005x1200 ok",
            "Q src=" + source + " pos=" + rowPosition(0, 3) + " i=" + id + " ts=" + (T0 + 100) * 1000 + " recv=" +
                (T0 + 105) * 1000 + " 670000x10 / 0x0 ok",
            "Q src=" + source + " pos=" + rowPosition(0, 4) + " i=" + id + " ts=" + (T0 + 200) * 1000 + " recv=" +
                (T0 + 205) * 1000 + " 0x0 / 670010x50 ok");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void bookSnapshot5RowsReplaceTheBook(final boolean gzip)
    {
        final Path file = h.write(gzip ? "book_snapshot_5.csv.gz" : "book_snapshot_5.csv", gzip,
            snapshotHeader(5),
            "okex,BTC-USDT," + T0 + "," + (T0 + 9) +
                ",100.5,1,100,1.5,101,2,99.5,2,101.5,3,99,3,102,4,98.5,4,102.5,5,98,5",
            "okex,BTC-USDT," + (T0 + 100) + "," + (T0 + 109) + ",100.5,0.5,99.5,7,101,1,99,8,101.5,2,,,,,,,,,,");
        final Run run = h.importFiles(file);

        assertThat(run.summary.snapshots()).isEqualTo(2);
        assertThat(run.summary.deltas()).isEqualTo(11 + 6);
        final int id = h.instrumentId("okex:BTC-USDT");
        final int source = TardisImport.sourceId(h.catalog(), "okex:BTC-USDT", TardisDataset.BOOK_SNAPSHOT);
        final List<String> expected = new ArrayList<>();
        final String first = "src=" + source + " i=" + id + " ts=" + T0 * 1000 + " recv=" + (T0 + 9) * 1000;
        final long row2 = rowPosition(0, 2);
        expected.add(delta(first, row2, "CLEAR BID p=0 q=0 snap"));
        final String[][] levels1 = {
            {"ASK", "1005", "10"}, {"BID", "1000", "15"}, {"ASK", "1010", "20"}, {"BID", "995", "20"},
            {"ASK", "1015", "30"}, {"BID", "990", "30"}, {"ASK", "1020", "40"}, {"BID", "985", "40"},
            {"ASK", "1025", "50"}, {"BID", "980", "50"}};
        for (int k = 0; k < levels1.length; k++)
        {
            expected.add(delta(first, row2 + k + 1, "ADD " + levels1[k][0] + " p=" + levels1[k][1] + " q=" + levels1[k][2] +
                " snap" + (k == levels1.length - 1 ? " end" : "")));
        }
        final String second = "src=" + source + " i=" + id + " ts=" + (T0 + 100) * 1000 + " recv=" + (T0 + 109) * 1000;
        final long row3 = rowPosition(0, 3);
        expected.add(delta(second, row3, "CLEAR BID p=0 q=0 snap"));
        final String[][] levels2 = {{"ASK", "1005", "5"}, {"BID", "995", "70"}, {"ASK", "1010", "10"}, {"BID", "990", "80"},
            {"ASK", "1015", "20"}};
        for (int k = 0; k < levels2.length; k++)
        {
            expected.add(delta(second, row3 + k + 1, "ADD " + levels2[k][0] + " p=" + levels2[k][1] + " q=" + levels2[k][2] +
                " snap" + (k == levels2.length - 1 ? " end" : "")));
        }
        assertThat(h.market()).extracting(TardisImportTest::deltaKey).containsExactlyElementsOf(expected);
        // the book is the last row, nothing of the first left over
        assertThat(h.books().get(id)).containsExactly(
            java.util.Map.entry("A 1005", 5L), java.util.Map.entry("A 1010", 10L), java.util.Map.entry("A 1015", 20L),
            java.util.Map.entry("B 990", 80L), java.util.Map.entry("B 995", 70L));
    }

    /** "D src=… pos=… i=… ts=… recv=… ACTION SIDE p= q= flags ok" with the position moved after the source. */
    private static String delta(final String envelope, final long position, final String body)
    {
        final int space = envelope.indexOf(' ');
        return "D " + envelope.substring(0, space) + " pos=" + position + envelope.substring(space) + " " + body + " ok";
    }

    private static String deltaKey(final Msg m)
    {
        return m.toString();
    }

    @Test
    void explicitExponentsAndTickSize()
    {
        final Path file = h.write("trades.csv", false,
            TRADES,
            "bitmex,XBTUSD," + T0 + "," + T0 + ",1,buy,67000.5,100",
            "bitmex,XBTUSD," + (T0 + 1) + "," + (T0 + 1) + ",2,sell,67001,0.5");
        h.importFiles(-4, -6, "0.5", file);

        final int id = h.instrumentId("bitmex:XBTUSD");
        assertThat(ofType(h.journal(), "I").get(0).toString())
            .isEqualTo("I bitmex:XBTUSD id=" + id + " venue=bitmex pe=-4 se=-6 tick=5000");
        assertThat(h.market()).extracting(m -> m.price + "x" + m.size + " " + (m.accepted ? "ok" : m.reason))
            .containsExactly("670005000x100000000 ok", "670010000x500000 ok");
    }

    @Test
    void aTickSizeFinerThanThePriceExponentIsRefused()
    {
        final Path file = h.write("trades.csv", false, TRADES, "bitmex,XBTUSD," + T0 + "," + T0 + ",1,buy,67000.5,100");
        assertThatThrownBy(() -> h.importFiles(-1, null, "0.05", file))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tick-size 0.05");
    }

    @Test
    void exponentsAreInferredFromTheFirstRowsAndMoreDecimalsLaterAreMalformed()
    {
        final List<String> lines = new ArrayList<>();
        lines.add(TRADES);
        for (int i = 0; i < TardisImport.SCAN_ROWS + 5; i++)
        {
            // line i + 2; the row at line 10,004 has one price decimal more than the scanned rows
            final String price = i + 2 == 10_004 ? "3500.25" : "3500." + (i % 10);
            lines.add("binance,ETHUSDT," + (T0 + i) + "," + (T0 + i) + "," + i + ",buy," + price + ",0.0" + (i % 10));
        }
        final Path file = h.write("binance_trades_ETHUSDT.csv.gz", true, lines);
        final Run run = h.importFiles(file);

        final int id = h.instrumentId("binance:ETHUSDT");
        assertThat(ofType(h.journal(), "I").get(0).toString())
            .isEqualTo("I binance:ETHUSDT id=" + id + " venue=binance pe=-1 se=-2 tick=1");
        assertThat(run.summary.read()).isEqualTo(TardisImport.SCAN_ROWS + 5);
        assertThat(run.summary.malformed()).isEqualTo(1);
        assertThat(run.logs).anySatisfy(l -> assertThat(l).contains("binance_trades_ETHUSDT.csv.gz line 10004:")
            .contains("more than 1 decimals"));
        final List<Msg> trades = h.market();
        assertThat(trades).hasSize(TardisImport.SCAN_ROWS + 5);
        assertThat(trades.get(10_001).toString()).contains("pos=" + rowPosition(0, 10_003)).contains("p=35001 q=1 BUY").endsWith(" ok");
        assertThat(trades.get(10_002).position).isEqualTo(rowPosition(0, 10_004));
        assertThat(trades.get(10_002).reason).isEqualTo(RejectReason.MALFORMED);
        assertThat(trades.get(10_002).instrumentId).isEqualTo(id);
        assertThat(trades.get(10_003).toString()).contains("pos=" + rowPosition(0, 10_005)).contains("p=35003 q=3 BUY").endsWith(" ok");
        assertThat(trades.stream().filter(m -> m.accepted).count()).isEqualTo(TardisImport.SCAN_ROWS + 4);
    }

    @Test
    void malformedLinesAreReportedCountedAndJournaledAndTheGoodRowsKept()
    {
        final Path file = h.write("trades.csv", false,
            TRADES,
            "binance,BTCUSDT," + T0 + "," + T0 + ",1,buy,67000.5,1",
            "binance,BTCUSDT," + (T0 + 1) + "," + (T0 + 1) + ",2,buy,67x00.5,1",
            "binance,BTCUSDT," + (T0 + 2) + "," + (T0 + 2) + ",3,buy",
            "binance,BTCUSDT," + (T0 + 3) + "," + (T0 + 3) + ",4,sell,67000.0,2");
        final Run run = h.importFiles(file);

        assertThat(run.summary.read()).isEqualTo(4);
        assertThat(run.summary.malformed()).isEqualTo(2);
        assertThat(run.summary.trades()).isEqualTo(2);
        assertThat(run.logs).anySatisfy(l -> assertThat(l).contains(file + " line 3: ").contains("'67x00.5'"));
        assertThat(run.logs).anySatisfy(l -> assertThat(l).contains(file + " line 4: ").contains("6 fields"));
        final int id = h.instrumentId("binance:BTCUSDT");
        assertThat(h.market()).extracting(m -> m.position + " " + (m.accepted ? "ok " + m.price : m.reason + " i=" + m.instrumentId))
            .containsExactly(
                rowPosition(0, 2) + " ok 670005",
                rowPosition(0, 3) + " MALFORMED i=" + id,
                rowPosition(0, 4) + " MALFORMED i=0",
                rowPosition(0, 5) + " ok 670000");
    }

    @Test
    void anUnknownHeaderIsAnErrorNamingTheFile()
    {
        final Path file = h.write("derivative_ticker.csv", false,
            "exchange,symbol,timestamp,local_timestamp,funding_rate,predicted_funding_rate,open_interest",
            "binance-futures,BTCUSDT," + T0 + "," + T0 + ",0.0001,0.0001,100");
        assertThatThrownBy(() -> h.importFiles(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("unknown Tardis CSV header");
    }

    @Test
    void twoSymbolsInOneFileAreTwoInstrumentsWithTheirOwnExponents()
    {
        final Path file = h.write("binance_trades_2024-06-13_PERPETUALS.csv.gz", true,
            TRADES,
            "binance,BTCUSDT," + T0 + "," + (T0 + 1) + ",11,buy,67000.25,0.5",
            "binance,ETHUSDT," + (T0 + 2) + "," + (T0 + 3) + ",21,sell,3500.125,1.25",
            "binance,ETHUSDT," + (T0 + 4) + "," + (T0 + 5) + ",22,buy,3500.5,2",
            "binance,BTCUSDT," + (T0 + 6) + "," + (T0 + 7) + ",12,sell,67000.5,0.25");
        final Run run = h.importFiles(file);

        assertThat(run.summary.trades()).isEqualTo(4);
        final int btc = h.instrumentId("binance:BTCUSDT");
        final int eth = h.instrumentId("binance:ETHUSDT");
        assertThat(btc).isNotEqualTo(eth);
        final int source = TardisImport.sourceId(h.catalog(), "binance:BTCUSDT", TardisDataset.TRADES); // the file's first instrument
        assertThat(ofType(h.journal(), "I")).extracting(Msg::toString).containsExactly(
            "I binance:BTCUSDT id=" + btc + " venue=binance pe=-2 se=-2 tick=1",
            "I binance:ETHUSDT id=" + eth + " venue=binance pe=-3 se=-2 tick=1");
        final List<Msg> trades = ofType(h.journal(), "T");
        assertTrade(trades.get(0), source, rowPosition(0, 2), btc, T0, T0 + 1, 6_700_025, 50, Side.BUY, 11);
        assertTrade(trades.get(1), source, rowPosition(0, 3), eth, T0 + 2, T0 + 3, 3_500_125, 125, Side.SELL, 21);
        assertTrade(trades.get(2), source, rowPosition(0, 4), eth, T0 + 4, T0 + 5, 3_500_500, 200, Side.BUY, 22);
        assertTrade(trades.get(3), source, rowPosition(0, 5), btc, T0 + 6, T0 + 7, 6_700_050, 25, Side.SELL, 12);
    }

    @Test
    void reimportingTheSameFilesAddsNothing()
    {
        final Path trades = h.write("trades.csv.gz", true, TRADES,
            "binance,BTCUSDT," + T0 + "," + T0 + ",1,buy,67000.5,1",
            "binance,BTCUSDT," + (T0 + 1) + "," + (T0 + 1) + ",2,buy,bad,1",
            "binance,BTCUSDT," + (T0 + 2) + "," + (T0 + 2) + ",3,sell,67000,2");
        final Path quotes = h.write("quotes.csv", false, QUOTES,
            "binance,BTCUSDT," + T0 + "," + T0 + ",1,67000.5,67000,2");
        final Path book = h.write("l2.csv.gz", true, L2,
            "binance,BTCUSDT," + T0 + "," + T0 + ",true,bid,67000,1",
            "binance,BTCUSDT," + T0 + "," + T0 + ",true,ask,67000.5,1",
            "binance,BTCUSDT," + (T0 + 1) + "," + (T0 + 1) + ",false,ask,67000.5,0");
        final Path snapshots = h.write("book_snapshot_5.csv", false, snapshotHeader(5),
            "binance,BTCUSDT," + T0 + "," + T0 + ",67000.5,1,67000,1,,,,,,,,,,,,,,,,");
        final Run first = h.importFiles(trades, quotes, book, snapshots);
        assertThat(first.summary.read()).isEqualTo(3 + 1 + 3 + 1);
        assertThat(first.summary.alreadyJournaled()).isZero();
        final List<String> journaled = h.market().stream().map(Msg::toString).collect(Collectors.toList());
        assertThat(journaled).hasSize(3 + 1 + 4 + 3);

        final Run again = h.importFiles(snapshots, book, quotes, trades);
        assertThat(again.summary.trades() + again.summary.quotes() + again.summary.deltas()).isZero();
        assertThat(again.summary.alreadyJournaled()).isEqualTo(again.summary.read()).isEqualTo(8);
        assertThat(again.summary.malformed()).isZero();
        assertThat(h.market()).extracting(Msg::toString).containsExactlyElementsOf(journaled);
    }

    @Test
    void aLaterDayImportsAloneOrWithTheEarlierDaysAndEachRowIsJournaledOnce()
    {
        final long day = 86_400_000_000L;
        final Path day1 = h.write("binance_trades_2024-06-13_BTCUSDT.csv.gz", true, TRADES,
            "binance,BTCUSDT," + T0 + "," + T0 + ",1,buy,67000.5,1",
            "binance,BTCUSDT," + (T0 + 1) + "," + (T0 + 1) + ",2,buy,67000.5,1");
        final Path day2 = h.write("binance_trades_2024-06-14_BTCUSDT.csv.gz", true, TRADES,
            "binance,BTCUSDT," + (T0 + day) + "," + (T0 + day) + ",3,buy,67100.5,1",
            "binance,BTCUSDT," + (T0 + day + 1) + "," + (T0 + day + 1) + ",4,buy,67100.5,1",
            "binance,BTCUSDT," + (T0 + day + 2) + "," + (T0 + day + 2) + ",5,buy,67100.5,1");
        final Path day3 = h.write("binance_trades_2024-06-15_BTCUSDT.csv.gz", true, TRADES,
            "binance,BTCUSDT," + (T0 + 2 * day) + "," + (T0 + 2 * day) + ",6,buy,67200.5,1");
        h.importFiles(day1);
        assertThat(h.market()).hasSize(2);

        final Run alone = h.importFiles(day2); // the daily workflow: yesterday's file, on its own
        assertThat(alone.refusals).isEmpty();
        assertThat(alone.summary.trades()).isEqualTo(3);

        final Run all = h.importFiles(day3, day2, day1); // any order: files are read in time order
        assertThat(all.refusals).isEmpty();
        assertThat(all.summary.trades()).isEqualTo(1);
        assertThat(all.summary.alreadyJournaled()).as("day 2's rows; day 1 is not even read").isEqualTo(3);
        assertThat(h.market()).extracting(m -> m.tradeId + "@" + m.position + (m.accepted ? "" : " " + m.reason)).containsExactly(
            "1@" + rowPosition(0, 2), "2@" + rowPosition(0, 3),
            "3@" + rowPosition(1, 2), "4@" + rowPosition(1, 3), "5@" + rowPosition(1, 4),
            "6@" + rowPosition(2, 2));

        final Run day1Again = h.importFiles(day1); // imported before, with later days: nothing to read
        assertThat(day1Again.refusals).isEmpty();
        assertThat(day1Again.summary.trades()).isZero();
        assertThat(h.market()).hasSize(6);
    }

    @Test
    void twoFilesOfASourceStartingTheSameDayAreRefused()
    {
        final Path morning = h.write("binance_trades_2024-06-13_BTCUSDT_am.csv.gz", true, TRADES,
            "binance,BTCUSDT," + T0 + "," + T0 + ",1,buy,67000.5,1");
        final Path evening = h.write("binance_trades_2024-06-13_BTCUSDT_pm.csv.gz", true, TRADES,
            "binance,BTCUSDT," + (T0 + 3_600_000_000L) + "," + (T0 + 3_600_000_000L) + ",2,buy,67000.5,1");
        final Run both = h.importFiles(morning, evening);
        assertThat(both.refusals).singleElement().asString().contains(evening.toString()).contains("both start on 2024-06-13");
        assertThat(h.market()).as("nothing journaled").isEmpty();
    }
}
