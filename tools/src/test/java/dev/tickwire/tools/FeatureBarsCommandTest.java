package dev.tickwire.tools;

import dev.tickwire.archive.ThreeDays;
import dev.tickwire.engine.bars.features.FeatureColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire bars --features}: every feature column, warm-up semantics, the table format, information-driven bars. */
class FeatureBarsCommandTest
{
    @TempDir
    Path dir;

    @Test
    void featureBarsPrintEveryColumnAndAWarmUpGivesTheBarsOfAFullRun() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal).write(0, 3);
        final String j = journal.toString();

        final CliTest.Result all = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "15m", "--features");
        assertThat(all.exitCode()).as(all.err()).isZero();
        final List<String> lines = all.out().lines().toList();
        final List<String> header = Arrays.asList(lines.get(0).split(","));
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            assertThat(header).contains(FeatureColumn.of(i).columnName());
        }
        assertThat(lines).hasSizeGreaterThan(100);
        final int sma20 = header.indexOf("sma_20");
        final int spread = header.indexOf("spread_twa");
        final int notional = header.indexOf("notional");
        assertThat(lines.get(1).split(",", -1)[sma20]).as("not warmed up: null, not a made-up value").isEmpty();
        assertThat(lines.get(40).split(",", -1)[sma20]).isNotEmpty();
        assertThat(lines.stream().skip(1).filter(l -> !l.split(",", -1)[spread].isEmpty()).count()).isGreaterThan(50);
        assertThat(lines.stream().skip(1).filter(l -> !l.split(",", -1)[notional].isEmpty()).count()).isGreaterThan(50);

        // from the second day with a warm-up over all that came before: the full run's bars of that day, byte for byte
        final CliTest.Result warm = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "15m", "--features",
            "--from", "2024-03-05T00:00:00Z", "--warmup", "2d");
        assertThat(warm.exitCode()).as(warm.err()).isZero();
        final List<String> fromDay2 = lines.stream().skip(1).filter(l -> l.compareTo("2024-03-05") >= 0).toList();
        assertThat(fromDay2).hasSizeGreaterThan(50);
        assertThat(warm.out().lines().skip(1).toList()).isEqualTo(fromDay2);
        // without it, the rolling columns start over
        final CliTest.Result cold = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "15m", "--features",
            "--from", "2024-03-05T00:00:00Z");
        assertThat(cold.out().lines().skip(1).findFirst().orElseThrow().split(",", -1)[sma20]).isEmpty();

        final CliTest.Result table = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "1h", "--features",
            "--format", "table");
        assertThat(table.exitCode()).as(table.err()).isZero();
        final List<String> rows = table.out().lines().toList();
        assertThat(rows.get(0)).startsWith("start ").contains(" spread_twa ", " macd_hist");
        assertThat(rows.get(1).indexOf("2024-03-04T01:00:00")).isZero();

        final CliTest.Result tib = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--spec", "tib:ewma=20,t0=40",
            "--features", "--format", "jsonl");
        assertThat(tib.exitCode()).as(tib.err()).isZero();
        assertThat(tib.out().lines().count()).isGreaterThan(10);
        assertThat(tib.out()).contains("\"ofi_l1\":");

        // Parquet, the archive's bars columns: DuckDB reads the same bars and features the CSV printed
        final Path parquet = dir.resolve("es-15m.parquet");
        final CliTest.Result pq = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "15m", "--features",
            "--format", "parquet", "--out", parquet.toString());
        assertThat(pq.exitCode()).as(pq.err()).isZero();
        assertThat(pq.err()).contains((lines.size() - 1) + " bar(s) written");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
            java.sql.Statement st = c.createStatement();
            java.sql.ResultSet rs = st.executeQuery("SELECT count(*), count(sma_20), sum(notional)::VARCHAR, " +
                "count(spread_twa), max(buy_trades) FROM read_parquet('" + parquet + "')"))
        {
            rs.next();
            final List<String[]> csvRows = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
            assertThat(rs.getLong(1)).isEqualTo(csvRows.size());
            assertThat(rs.getLong(2)).isEqualTo(csvRows.stream().filter(r -> !r[sma20].isEmpty()).count());
            assertThat(new java.math.BigDecimal(rs.getString(3))).isEqualByComparingTo(csvRows.stream()
                .filter(r -> !r[notional].isEmpty()).map(r -> new java.math.BigDecimal(r[notional]))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
            assertThat(rs.getLong(4)).isEqualTo(csvRows.stream().filter(r -> !r[spread].isEmpty()).count());
            final int buy = header.indexOf("buy_trades");
            assertThat(rs.getLong(5)).isEqualTo(csvRows.stream().mapToLong(r -> Long.parseLong(r[buy])).max().orElseThrow());
        }

        final CliTest.Result bad = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "15m", "--warmup", "1d");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--warmup is for --features");
        final CliTest.Result badSpec = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--spec", "tib:window=5");
        assertThat(badSpec.exitCode()).isNotZero();
        assertThat(badSpec.err()).contains("window");
    }
}
