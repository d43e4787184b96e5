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

        final CliTest.Result bad = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--interval", "15m", "--warmup", "1d");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--warmup is for --features");
        final CliTest.Result badSpec = CliTest.run("bars", "--journal", j, "--symbol", "ESH4", "--spec", "tib:window=5");
        assertThat(badSpec.exitCode()).isNotZero();
        assertThat(badSpec.err()).contains("window");
    }
}
