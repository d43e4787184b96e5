package dev.tickwire.tools;

import dev.tickwire.adapters.tardis.download.TardisTestServer;
import dev.tickwire.tools.daily.DailyContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire daily --dry-run}: what each step would do, day by day, and nothing changed; days of one shard. */
class DailyDryRunTest
{
    private static final String KEY = "TD.dry-run-key";

    @TempDir
    Path dir;

    private final TardisTestServer tardis = new TardisTestServer(KEY);

    @AfterEach
    void stop()
    {
        tardis.close();
    }

    private Path config() throws Exception
    {
        final Path key = DownloadTardisCommandTest.keyFile(dir, KEY, "rw-------");
        final Path config = dir.resolve("tickwire.yaml");
        Files.writeString(config, String.join("\n",
            "dataDir: " + dir.resolve("data"),
            "archive: {dir: " + dir.resolve("archive") + "}",
            "daily:",
            "  exchange: binance-futures",
            "  symbols: [BTCUSDT, BTCDOMUSDT]",
            "  dataTypes: [trades, incremental_book_L2]",
            "  baseUrl: '" + tardis.url() + "'",
            "  apiKeyFile: " + key,
            ""));
        return config;
    }

    @Test
    void aDryRunSaysWhatEachStepWouldDoAndChangesNothing() throws Exception
    {
        final Path config = config();
        final CliTest.Result dry = CliTest.run("daily", "--config", config.toString(), "--from", "2024-03-01",
            "--to", "2024-03-04", "--dry-run");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out())
            .contains("daily: binance-futures BTCUSDT,BTCDOMUSDT trades,incremental_book_L2; 2024-03-01..2024-03-04; " +
                "steps instruments,download,import,gaps,bars,archive,verify (dry run: nothing is changed)")
            .containsPattern("instruments +would fetch the definitions \\(exchange details and instruments " +
                "metadata\\) into .*definitions/binance-futures/2024-03-01.tsv")
            .contains("download     would fetch 4 file(s) into " + dir.resolve("data/tardis") +
                " (binance-futures_trades_2024-03-01_BTCUSDT.csv.gz, ")
            .contains("import       would import 0 row(s) from 0 file(s) into " + dir.resolve("data/journal") +
                " (rows the journal holds are skipped); 4 file(s) not downloaded yet")
            .containsPattern("archive +would archive the days the journal has moved past through 2024-03-01 into ")
            .contains("2024-03-04\n  instruments  not ready: binance-futures's datasets are exported until " +
                "2024-03-04T00:00:00Z; 2024-03-04 is not there yet (a day is ready about 06:00 UTC the next day)\n")
            .doesNotContain("through 2024-03-04");
        assertThat(dir.resolve("data")).as("no state, no folder, no journal").doesNotExist();
        assertThat(tardis.requests).as("only the exchange details, read once")
            .extracting(TardisTestServer.Request::path).containsExactly("/v1/exchanges/binance-futures");

        // after a run of the first two steps: the folder has the files, the import would read them
        final CliTest.Result fetch = CliTest.run("daily", "--config", config.toString(), "--date", "2024-03-01",
            "--steps", "instruments,download");
        assertThat(fetch.exitCode()).as(fetch.out() + fetch.err()).isZero();
        final CliTest.Result again = CliTest.run("daily", "--config", config.toString(), "--date", "2024-03-01",
            "--dry-run");
        assertThat(again.out()).as(again.out())
            .containsPattern("instruments +done [0-9T:.-]+Z: skipped")
            .containsPattern("download +done [0-9T:.-]+Z: skipped")
            .contains("import       would import 110 row(s) from 2 file(s)")
            .contains("2024-03-01 (state: pending)"); // two steps of the chain ran: the day is not done
        assertThat(again.out()).doesNotContain("not downloaded");
        final CliTest.Result forced = CliTest.run("daily", "--config", config.toString(), "--date", "2024-03-01",
            "--dry-run", "--force", "--steps", "download");
        assertThat(forced.out()).contains("download     would fetch 0 file(s) into " + dir.resolve("data/tardis") +
            "; 4 there already");
        assertThat(dir.resolve("data/journal/instruments.tsv")).as("still nothing imported").doesNotExist();
    }

    @Test
    void aShardTakesItsDaysAndNoDatesMeansTheLastDaysUpToYesterday() throws Exception
    {
        final Path config = config();
        // 2024-03-01 is day 19783 since 1970: odd, so part 2 of 2
        final CliTest.Result shard = CliTest.run("daily", "--config", config.toString(), "--from", "2024-03-01",
            "--to", "2024-03-04", "--dry-run", "--shard", "2/2", "--steps", "download");
        assertThat(shard.exitCode()).isZero();
        assertThat(shard.out()).contains("2024-03-01..2024-03-04 (shard 2/2: 2 of 4 day(s))")
            .contains("\n2024-03-01\n").contains("\n2024-03-03\n").doesNotContain("\n2024-03-02\n")
            .doesNotContain("\n2024-03-04\n");
        final CliTest.Result lookback = CliTest.run("daily", "--config", config.toString(), "--dry-run");
        assertThat(lookback.exitCode()).isZero();
        final String yesterday = DailyContext.yesterday().toString();
        assertThat(lookback.out()).contains(DailyContext.yesterday().minusDays(2) + ".." + yesterday)
            .contains("\n" + yesterday + "\n  instruments  not ready: ");
        final CliTest.Result bad = CliTest.run("daily", "--config", config.toString(), "--to", "2024-03-01");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--to needs --from");
        final CliTest.Result steps = CliTest.run("daily", "--config", config.toString(), "--steps", "verify,archive");
        assertThat(steps.exitCode()).isEqualTo(2);
        assertThat(steps.err()).contains("config key '--steps[0]': 'verify' needs 'archive' before it");
    }
}
