package dev.tickwire.archive;

import dev.tickwire.engine.query.MarketQueries.TradeRow;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal exported to Parquet: read back by DuckDB (an independent reader) and by the journal's own archive tier. */
class ArchiveExportTest
{
    @TempDir
    Path dir;

    @Test
    void everyMessageOfEveryDayComesBackByteForByteWithItsWatermark() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal")).withReference();
        days.write(0, 3);
        final Path archive = dir.resolve("archive");
        final ArchiveExport.Result result;
        try (Journal journal = Journal.open(days.context()))
        {
            result = ArchiveExport.run(journal, archive, new ArchiveExport.Options());
        }
        assertThat(result.days()).extracting(DayManifest::day).containsExactly("2024-03-04", "2024-03-05", "2024-03-06");
        assertThat(result.days()).extracting(DayManifest::complete).containsExactly(true, true, false);
        assertThat(result.days()).allSatisfy(d -> assertThat(d.verified()).isNotNull());

        final Map<Long, List<String>> journaled = excerptsByDay(days);
        assertThat(journaled.keySet()).hasSize(3);
        final ArchiveLayout layout = new ArchiveLayout(archive);
        for (final DayManifest m : result.days())
        {
            final List<String> restored = new ArrayList<>();
            ParquetArchiveTier.merge(layout, m, Long.MAX_VALUE,
                (buffer, offset, length, wm) -> restored.add(hex(buffer, offset, length) + "@" + wm));
            assertThat(restored).as("day %s", m.day()).isEqualTo(journaled.get(LocalDate.parse(m.day()).toEpochDay()));
            assertThat(m.messages()).isEqualTo(restored.size());
        }
        // reference data is a day's rows like ticks: 30 rounds of four, and the day's rejected ticker in rejects
        assertThat(result.days().get(1).files()).filteredOn(f -> f.table().equals("option_summaries"))
            .extracting(DayManifest.FileEntry::rows).containsExactly(30L);
        assertThat(result.days().get(1).instruments()).extracting(DayManifest.InstrumentEntry::symbol)
            .containsExactly("ESH4", "BTC-USDT", "BTC-PERP", "BTC-27DEC24-50000-C");
        // the first day holds the definitions journaled before the first event, and every table
        assertThat(result.days().get(0).files()).extracting(DayManifest.FileEntry::path).containsExactly(
            "bars_1m/date=2024-03-04/venue=BINANCE/symbol=BTC-USDT/data.parquet", "bars_1m/date=2024-03-04/venue=CME/symbol=ESH4/data.parquet",
            "book_deltas/date=2024-03-04/venue=BINANCE/symbol=BTC-USDT/data.parquet", "book_deltas/date=2024-03-04/venue=CME/symbol=ESH4/data.parquet",
            "candles/date=2024-03-04/venue=DERIBIT/symbol=BTC-PERP/data.parquet",
            "definitions/date=2024-03-04/all.parquet", "derivative_tickers/date=2024-03-04/all.parquet",
            "liquidations/date=2024-03-04/venue=DERIBIT/symbol=BTC-PERP/data.parquet", "option_summaries/date=2024-03-04/all.parquet",
            "quotes/date=2024-03-04/venue=BINANCE/symbol=BTC-USDT/data.parquet", "quotes/date=2024-03-04/venue=CME/symbol=ESH4/data.parquet",
            "rejects/date=2024-03-04/all.parquet", "statuses/date=2024-03-04/all.parquet",
            "trades/date=2024-03-04/venue=BINANCE/symbol=BTC-USDT/data.parquet", "trades/date=2024-03-04/venue=CME/symbol=ESH4/data.parquet");
    }

    @Test
    void duckDbReadsTheTradesAsDumpPrintsThem() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 2);
        final Path archive = dir.resolve("archive");
        final List<String> expected = new ArrayList<>();
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options());
            final TradeDecoder trade = new TradeDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            try (JournalReader reader = journal.reader())
            {
                while (reader.poll((buffer, offset, length, index, wm) ->
                {
                    if (Envelope.templateId(buffer, offset) == MessageTypes.TRADE && Envelope.isAccepted(buffer, offset))
                    {
                        trade.wrapAndApplyHeader(buffer, offset, header);
                        final TradeRow t = TradeRow.of(trade, journal.instruments().byId(trade.instrumentId()).orElseThrow());
                        expected.add(String.join(",", journal.instruments().byId(trade.instrumentId()).orElseThrow().symbol(),
                            Long.toString(t.sequence()), Long.toString(t.eventTimeNs()), Long.toString(t.receiveTimeNs()),
                            t.price(), t.size(), t.side(), String.valueOf(t.bid()), String.valueOf(t.ask()),
                            Long.toString(t.tradeId())));
                    }
                }, 1000) > 0)
                {
                    // all of it
                }
            }
        }
        // one query per instrument: each file keeps its instrument's exact scale (a glob over both
        // would widen ES sizes to BTC's six decimals)
        final Map<Long, String> read = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            for (final String[] file : new String[][] {{"venue=CME/symbol=ESH4/data", "DECIMAL(18,0)"}, {"venue=BINANCE/symbol=BTC-USDT/data", "DECIMAL(18,6)"}})
            {
                try (ResultSet rs = s.executeQuery("SELECT symbol, seq, epoch_ns(ts), epoch_ns(recv), price, size, side, bid, ask, " +
                    "trade_id, typeof(price), typeof(size), typeof(ts), date FROM read_parquet('" + archive + "/trades/*/" + file[0] +
                    ".parquet', hive_partitioning = true) ORDER BY seq"))
                {
                    while (rs.next())
                    {
                        read.put(rs.getLong(2), String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5).toPlainString(), rs.getBigDecimal(6).toPlainString(), rs.getString(7),
                            rs.getBigDecimal(8) == null ? "null" : rs.getBigDecimal(8).toPlainString(),
                            rs.getBigDecimal(9) == null ? "null" : rs.getBigDecimal(9).toPlainString(), rs.getString(10)));
                        assertThat(rs.getString(11)).isEqualTo("DECIMAL(18,2)");
                        assertThat(rs.getString(12)).isEqualTo(file[1]);
                        assertThat(rs.getString(13)).isEqualTo("TIMESTAMPTZ_NS");
                    }
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(List.copyOf(read.values())).isEqualTo(expected);
    }

    @Test
    void exportingAgainWritesTheSameBytes() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 2);
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, a, new ArchiveExport.Options());
            ArchiveExport.run(journal, b, new ArchiveExport.Options());
            ArchiveExport.run(journal, b, new ArchiveExport.Options().from(LocalDate.parse("2024-03-05")));
        }
        for (final String day : List.of("2024-03-04", "2024-03-05"))
        {
            assertThat(Files.readString(b.resolve("manifests/" + day + ".json")))
                .isEqualTo(Files.readString(a.resolve("manifests/" + day + ".json")));
        }
        assertThat(ArchiveExport.parquetFiles(b)).hasSize(ArchiveExport.parquetFiles(a).size());
    }

    @Test
    void bookSnapshotsAreTheBookAtEachIntervalAsTheQueriesSeeIt() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 2);
        final Path archive = dir.resolve("archive");
        final List<String> expected = new ArrayList<>();
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options().bars(List.of())
                .snapshots(List.of(SnapshotSpec.parse("2@1h"))));
            final var es = journal.instruments().bySymbol("ESH4").orElseThrow();
            for (int hour = 0; hour <= 21; hour++) // the day's events end ~21:50 and it is still open: no 22:00, 23:00
            {
                final long at = ThreeDays.DAY0 + ThreeDays.DAY_NS + hour * 3_600_000_000_000L;
                final var book = dev.tickwire.engine.query.JournalQueries.orderBook(journal, es, at, 2);
                expected.add(hour + ":" + book.bids() + book.asks());
            }
        }
        final List<String> read = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(epoch_ns(ts) // 3600000000000 % 24 AS INTEGER), bid_1_price, bid_1_size, bid_1_orders, bid_2_price, bid_2_size, " +
                 "bid_2_orders, ask_1_price, ask_1_size, ask_1_orders, ask_2_price, ask_2_size, ask_2_orders, typeof(bid_1_price) " +
                 "FROM read_parquet('" + archive + "/snapshots_2_1h/date=2024-03-05/venue=CME/symbol=ESH4/data.parquet') ORDER BY ts"))
        {
            while (rs.next())
            {
                read.add(rs.getInt(1) + ":" + levels(rs, 2) + levels(rs, 8));
                assertThat(rs.getString(14)).isEqualTo("DECIMAL(18,2)");
            }
        }
        assertThat(read).hasSize(22).isEqualTo(expected);
        // the first day is complete: its last boundaries see the book as the day left it
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), min(ts) FROM read_parquet('" + archive +
                 "/snapshots_2_1h/date=2024-03-04/venue=CME/symbol=ESH4/data.parquet')"))
        {
            rs.next();
            assertThat(rs.getInt(1)).as("02:00 (the first after the first book snapshot, 01:02:05) to 23:00").isEqualTo(22);
        }
    }

    /** Two levels from a result row, as MarketQueries.Level lists print. */
    private static String levels(final ResultSet rs, final int first) throws java.sql.SQLException
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < 2; i++)
        {
            final java.math.BigDecimal price = rs.getBigDecimal(first + 3 * i);
            if (price != null)
            {
                out.add("Level[price=" + price.toPlainString() + ", size=" + rs.getBigDecimal(first + 3 * i + 1).toPlainString() +
                    ", orders=" + rs.getInt(first + 3 * i + 2) + "]");
            }
        }
        return out.toString();
    }

    private static Map<Long, List<String>> excerptsByDay(final ThreeDays days)
    {
        final Map<Long, List<String>> out = new TreeMap<>();
        final long[] firstDay = {Long.MIN_VALUE};
        final List<String> early = new ArrayList<>();
        try (Journal journal = Journal.open(days.context().readOnly(true)); JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, wm) ->
            {
                final String line = hex(buffer, offset, length) + "@" + wm;
                if (wm == Values.NONE)
                {
                    early.add(line);
                    return;
                }
                final long day = Math.floorDiv(wm, ArchiveExport.DAY_NS);
                if (firstDay[0] == Long.MIN_VALUE)
                {
                    firstDay[0] = day;
                    out.computeIfAbsent(day, k -> new ArrayList<>()).addAll(early);
                }
                out.computeIfAbsent(day, k -> new ArrayList<>()).add(line);
            }, 1000) > 0)
            {
                // all of it
            }
        }
        return out;
    }

    static String hex(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return HexFormat.of().formatHex(bytes);
    }

}
