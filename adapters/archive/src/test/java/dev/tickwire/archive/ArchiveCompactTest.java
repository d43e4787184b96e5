package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A month compacted: fewer files, the same rows for SQL, the same days for the journal's readers. */
class ArchiveCompactTest
{
    @TempDir
    Path dir;

    @Test
    void aCompactedMonthAnswersAsItsDaysDid() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal")).withReference();
        days.write(0, 3);
        final Path archive = dir.resolve("archive");
        try (Journal journal = Journal.open(days.context()))
        {
            Archiver.run(journal, archive, Duration.ofHours(1), (ThreeDays.DAY0 + 3 * ThreeDays.DAY_NS) / 1_000_000,
                new ArchiveExport.Options());
        }
        final ArchiveLayout layout = new ArchiveLayout(archive);
        final List<String> restoredBefore = restored(layout);
        final String sqlBefore = sql(archive);
        final int filesBefore = ArchiveExport.parquetFiles(archive).size();

        final ArchiveCompact.Result result = ArchiveCompact.run(archive, YearMonth.of(2024, 3));
        assertThat(result.days()).isEqualTo(2);
        assertThat(ArchiveExport.parquetFiles(archive)).hasSize(result.filesAfter()).hasSizeLessThan(filesBefore);
        assertThat(ArchiveExport.parquetFiles(archive)).allMatch(p -> p.startsWith(archive.resolve("monthly")));
        assertThat(archive.resolve("monthly/trades/month=2024-03/venue=CME/symbol=ESH4/data.parquet")).exists();
        assertThat(Archive.at(archive).verify()).isEmpty();

        assertThat(restored(layout)).isEqualTo(restoredBefore);
        assertThat(sql(archive)).isEqualTo(sqlBefore);

        final String monthly = ArchiveExport.sha256(archive.resolve("monthly/trades/month=2024-03/venue=CME/symbol=ESH4/data.parquet"));
        ArchiveCompact.run(archive, YearMonth.of(2024, 3)); // again: nothing changes
        assertThat(ArchiveExport.sha256(archive.resolve("monthly/trades/month=2024-03/venue=CME/symbol=ESH4/data.parquet")))
            .isEqualTo(monthly);
        assertThat(Archive.at(archive).verify()).isEmpty();
    }

    /** Each archived day rebuilt as the journal's reader gets it. */
    private static List<String> restored(final ArchiveLayout layout) throws Exception
    {
        final List<String> out = new ArrayList<>();
        for (final DayManifest m : Manifests.all(layout))
        {
            out.add(m.day());
            ParquetArchiveTier.merge(layout, m, Long.MAX_VALUE,
                (buffer, offset, length, wm) -> out.add(ArchiveExportTest.hex(buffer, offset, length) + "@" + wm));
        }
        return out;
    }

    private static String sql(final Path archive) throws Exception
    {
        final StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            Archive.at(archive).createViews(c);
            for (final String q : List.of(
                "SELECT date, symbol, count(*), sum(price), min(seq), max(seq) FROM trades GROUP BY ALL ORDER BY ALL",
                "SELECT date, count(*), sum(price) FROM book_deltas GROUP BY ALL ORDER BY ALL",
                "SELECT date, count(*) FROM rejects GROUP BY ALL ORDER BY ALL",
                "SELECT date, symbol, count(*), sum(volume) FROM bars_1m GROUP BY ALL ORDER BY ALL",
                "SELECT date, count(*), sum(mark_price), sum(funding_rate), count(funding_time) FROM derivative_tickers " +
                    "GROUP BY ALL ORDER BY ALL",
                "SELECT date, count(*), sum(mark_iv), sum(gamma), sum(theta), count(bid_iv) FROM option_summaries " +
                    "GROUP BY ALL ORDER BY ALL",
                "SELECT date, count(*), sum(close), sum(trades) FROM candles GROUP BY ALL ORDER BY ALL",
                "SELECT date, side, count(*), sum(size), count(liquidation_id) FROM liquidations GROUP BY ALL ORDER BY ALL",
                "SELECT date, symbol, venue, tick_size, trades, quotes, deltas, rejected, first_ts FROM instruments ORDER BY ALL"))
            {
                try (ResultSet rs = s.executeQuery(q))
                {
                    while (rs.next())
                    {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
                        {
                            out.append(rs.getString(i)).append(i == rs.getMetaData().getColumnCount() ? "\n" : ",");
                        }
                    }
                }
            }
        }
        assertThat(out.toString()).contains("2024-03-05,30,1305633.703703700000000000,-0.003703500000000000,20",
            "2024-03-05,30,1953.702000300000000000,0.000370200000000000,-1370.367000000000000000,20");
        assertThat(out.toString()).contains("2024-03-04,ESH4", "2024-03-05,BTC-USDT",
            "2024-03-04,ESH4,CME,0.25,600,400,", "2024-03-04 01:00:25"); // 2 in 3 records ESH4: 600 trades, 400 quotes
        return out.toString();
    }

}
