package dev.tickwire.archive;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.rows.CsvRow;
import dev.tickwire.engine.rows.ReferenceRows;
import dev.tickwire.engine.rows.ReferenceSamples;
import dev.tickwire.engine.rows.RowWriter;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference data in the archive, read by DuckDB through the {@code sql} views: candles and liquidations as DECIMALs at
 * their instrument's scale, tickers' and options' values as DECIMAL(38, 18) with their exponents beside them, each
 * value exactly what the journal holds ({@code tickwire reference} prints the same decimals).
 */
class ArchiveReferenceDataTest
{
    @TempDir
    Path dir;

    @Test
    void duckDbReadsEveryReferenceValueExactly() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"), 600).withReference();
        days.write(0, 2);
        final Path archive = dir.resolve("archive");
        final List<String> tickers;
        final List<String> options;
        final List<String> candles;
        final List<String> liquidations;
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options().bars(List.of()));
            tickers = rows(journal, ReferenceSamples.PERP, MessageTypes.DERIVATIVE_TICKER);
            options = rows(journal, ReferenceSamples.OPTION, MessageTypes.OPTION_SUMMARY);
            candles = rows(journal, ReferenceSamples.PERP, MessageTypes.CANDLE);
            liquidations = rows(journal, ReferenceSamples.PERP, MessageTypes.LIQUIDATION);
        }
        assertThat(tickers).hasSize(12); // 6 rounds a day (every 100 of 600 records), two days
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            assertThat(Archive.at(archive).createViews(c)).contains("candles", "derivative_tickers", "liquidations",
                "option_summaries", "instruments");

            // what a user writes: the values as they are, no exponent arithmetic
            try (ResultSet rs = s.executeQuery("SELECT t.mark_price, t.funding_rate, t.open_interest, " +
                "epoch_ns(t.funding_time) - epoch_ns(t.ts), " +
                "t.predicted_funding_rate, typeof(t.mark_price), i.symbol FROM derivative_tickers t JOIN instruments i " +
                "ON i.instrument_id = t.instrument_id AND i.date = t.date ORDER BY t.seq LIMIT 2"))
            {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("43521.12345678");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("-0.00012345");
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("12345.678");
                assertThat(rs.getLong(4)).as("8 h after the round, 1 ns before the ticker").isEqualTo(480 * ReferenceSamples.MINUTE_NS - 1);
                assertThat(rs.getBigDecimal(5)).isNull();
                assertThat(rs.getString(6)).isEqualTo("DECIMAL(38,18)");
                assertThat(rs.getString(7)).isEqualTo(ReferenceSamples.PERP);
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("43521.12345679");
                assertThat(rs.getString(4)).as("round 1 has no funding time").isNull();
            }
            try (ResultSet rs = s.executeQuery("SELECT mark_iv, gamma, theta, strike_price, bid_iv, option_type, expiration, " +
                "sum(mark_iv) OVER () FROM option_summaries ORDER BY seq LIMIT 1"))
            {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("65.1234");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("0.00001234");
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("-45.6789");
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("50000");
                assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("64.5");
                assertThat(rs.getString(6)).isEqualTo("call");
                assertThat(rs.getString(7)).startsWith("2024-12-27 08:00:00");
                // rounds 0, 1, 2 repeat (IVs 65.1234, 65.12340001, 65.12340002): a sum stays exact
                assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("781.48080012");
            }
            try (ResultSet rs = s.executeQuery("SELECT typeof(open), typeof(volume), sum(volume) FROM candles GROUP BY ALL"))
            {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("DECIMAL(18,1)");
                assertThat(rs.getString(2)).isEqualTo("DECIMAL(18,3)");
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("148.140"); // 12 × 12.345
            }

            // every row, every value: the DuckDB decimal at the row's exponent is the text the journal's rows hold
            assertThat(read(s, "SELECT seq, epoch_ns(ts) AS ts_time, epoch_ns(recv) AS recv, " +
                "epoch_ns(funding_time) AS funding_time, funding_rate, rate_exponent, predicted_funding_rate, rate_exponent, " +
                "open_interest, size_exponent, last_price, price_exponent, index_price, price_exponent, mark_price, " +
                "price_exponent FROM derivative_tickers ORDER BY seq")).isEqualTo(tickers);
            assertThat(read(s, "SELECT seq, epoch_ns(ts) AS ts_time, epoch_ns(recv) AS recv, option_type, strike_price, " +
                "underlying_exponent, epoch_ns(expiration) AS expiration_time, open_interest, size_exponent, last_price, " +
                "price_exponent, bid_price, price_exponent, bid_size, size_exponent, bid_iv, value_exponent, ask_price, " +
                "price_exponent, ask_size, size_exponent, ask_iv, value_exponent, mark_price, price_exponent, mark_iv, " +
                "value_exponent, underlying_price, underlying_exponent, delta, value_exponent, gamma, value_exponent, vega, " +
                "value_exponent, theta, value_exponent, rho, value_exponent FROM option_summaries ORDER BY seq"))
                .isEqualTo(options);
            assertThat(read(s, "SELECT seq, epoch_ns(ts) AS ts_time, epoch_ns(recv) AS recv, epoch_ns(start) AS start_time, " +
                "interval_ns, open, -1, high, -1, low, -1, close, -1, volume, -3, buy_volume, -3, trades FROM candles ORDER BY seq"))
                .isEqualTo(candles);
            assertThat(read(s, "SELECT seq, epoch_ns(ts) AS ts_time, epoch_ns(recv) AS recv, price, -1, size, -3, side, " +
                "liquidation_id FROM liquidations ORDER BY seq")).isEqualTo(liquidations);

            // the rejected ticker (its rate exponent out of range) is kept whole, with its dump JSON
            try (ResultSet rs = s.executeQuery("SELECT type, reason, message FROM rejects WHERE type = 'derivative_ticker'"))
            {
                rs.next();
                assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("derivative_ticker malformed");
                assertThat(rs.getString(3)).contains("\"funding_rate\":\"7e-40\"");
            }
        }
    }

    /**
     * Rows from DuckDB as the CSV of {@code MarketRows} writes them: a DECIMAL at the exponent the next column holds,
     * a column named *_time (epoch ns) as its ISO time and its ns, anything else as it is.
     */
    private static List<String> read(final Statement s, final String sql) throws java.sql.SQLException
    {
        final List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql))
        {
            final java.sql.ResultSetMetaData meta = rs.getMetaData();
            while (rs.next())
            {
                final List<String> cells = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++)
                {
                    final String value = rs.getString(i);
                    if (meta.getColumnTypeName(i).startsWith("DECIMAL"))
                    {
                        final BigDecimal d = rs.getBigDecimal(i);
                        final int exponent = rs.getInt(++i);
                        cells.add(d == null ? "" : d.setScale(-exponent, RoundingMode.UNNECESSARY).toPlainString());
                    }
                    else if (meta.getColumnLabel(i).endsWith("_time"))
                    {
                        cells.add(value == null ? "," : Timestamps.format(Long.parseLong(value)) + "," + value);
                    }
                    else
                    {
                        cells.add(value == null ? "" : value);
                    }
                }
                out.add(String.join(",", cells));
            }
        }
        return out;
    }

    private static List<String> rows(final Journal journal, final String symbol, final int type)
    {
        final List<String> lines = new ArrayList<>();
        final StringBuilder sb = new StringBuilder();
        final CsvRow row = new CsvRow(sb);
        final var instrument = JournalQueries.instrument(journal, symbol);
        JournalQueries.scan(journal, instrument, type, Values.NONE, Long.MAX_VALUE, 1_000_000, null,
            new ReferenceRows(instrument, new ReferenceRows.Target()
            {
                @Override
                public RowWriter begin()
                {
                    sb.setLength(0);
                    return row.begin();
                }

                @Override
                public void end()
                {
                    lines.add(sb.toString());
                }
            }));
        return lines;
    }
}
