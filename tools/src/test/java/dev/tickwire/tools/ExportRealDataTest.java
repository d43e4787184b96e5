package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real data end to end: the LOBSTER sample (AAPL, 2012-06-21) imported, exported to Parquet, and
 * read back by DuckDB, an independent reader: every trade and book delta equals what {@code dump}
 * prints for it.
 */
class ExportRealDataTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../adapters/src/test/resources/lobster");

    @TempDir
    Path dir;

    @Test
    void duckDbReadsEveryTradeAndBookDeltaAsDumpPrintsIt() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Path archive = dir.resolve("archive");
        assertThat(CliTest.run("import", "lobster", SAMPLE.resolve("AAPL_2012-06-21_34200000_57600000_message_10.part1.csv").toString(),
            SAMPLE.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv").toString(), "--journal", journal.toString(),
            "--no-progress").exitCode()).isZero();
        final CliTest.Result export = CliTest.run("export", "--journal", journal.toString(), "--archive", archive.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("2012-06-21");

        final List<String> dumpTrades = new ArrayList<>();
        final List<String> dumpDeltas = new ArrayList<>();
        for (final String line : CliTest.run("dump", "--journal", journal.toString()).out().split("\n"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final JsonNode m = JSON.readTree(line);
            if (!m.path("verdict").asText().equals("accepted"))
            {
                continue;
            }
            switch (m.get("type").asText())
            {
                case "trade" -> dumpTrades.add(String.join(",", m.get("seq").asText(), m.get("ts_ns").asText(),
                    m.get("recv_ns").asText(), m.get("price").asText(), m.get("size").asText(), m.get("side").asText(),
                    text(m, "bid"), text(m, "ask"), m.get("trade_id").asText(), m.get("source").asText(), m.get("source_pos").asText()));
                case "book_delta" -> dumpDeltas.add(String.join(",", m.get("seq").asText(), m.get("ts_ns").asText(),
                    m.get("recv_ns").asText(), m.get("action").asText(), m.get("side").asText(), text(m, "price"), text(m, "size"),
                    text(m, "orders"), m.get("flags").asText(), m.get("source").asText(), m.get("source_pos").asText()));
                default -> { }
            }
        }
        assertThat(dumpTrades).hasSize(88);
        assertThat(dumpDeltas).hasSize(791);

        final List<String> duckTrades = new ArrayList<>();
        final List<String> duckDeltas = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            try (ResultSet rs = s.executeQuery("SELECT seq, epoch_ns(ts), epoch_ns(recv), price, size, side, bid, ask, trade_id, source, " +
                "source_pos, symbol, date FROM read_parquet('" + archive + "/trades/*/*/*/*.parquet', hive_partitioning = true) ORDER BY seq"))
            {
                while (rs.next())
                {
                    duckTrades.add(String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), plain(rs, 4), plain(rs, 5),
                        rs.getString(6), plain(rs, 7), plain(rs, 8), rs.getString(9), rs.getString(10), rs.getString(11)));
                    assertThat(rs.getString(12)).isEqualTo("AAPL");
                    assertThat(rs.getString(13)).isEqualTo("2012-06-21");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT seq, epoch_ns(ts), epoch_ns(recv), action, side, price, size, orders, flags, " +
                "source, source_pos FROM read_parquet('" + archive + "/book_deltas/*/*/*/*.parquet', hive_partitioning = true) ORDER BY seq"))
            {
                while (rs.next())
                {
                    final boolean clear = rs.getString(4).equals("clear");
                    duckDeltas.add(String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), clear ? "null" : plain(rs, 6), clear ? "null" : plain(rs, 7), clear ? "null" : rs.getString(8),
                        flags(rs.getInt(9)), rs.getString(10), rs.getString(11)));
                }
            }
        }
        assertThat(duckTrades).isEqualTo(dumpTrades);
        assertThat(duckDeltas).isEqualTo(dumpDeltas);
    }

    private static String text(final JsonNode m, final String field)
    {
        final JsonNode v = m.get(field);
        return v == null || v.isNull() ? "null" : v.asText();
    }

    private static String plain(final ResultSet rs, final int column) throws java.sql.SQLException
    {
        final java.math.BigDecimal v = rs.getBigDecimal(column);
        return v == null ? "null" : v.toPlainString();
    }

    /** The flags column's bits as dump names them. */
    private static String flags(final int bits)
    {
        final List<String> names = new ArrayList<>();
        if ((bits & 1) != 0)
        {
            names.add("snapshot");
        }
        if ((bits & 2) != 0)
        {
            names.add("end_of_batch");
        }
        if ((bits & 4) != 0)
        {
            names.add("correction");
        }
        return String.join("|", names);
    }
}
