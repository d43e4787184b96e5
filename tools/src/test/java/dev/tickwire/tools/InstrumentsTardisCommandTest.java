package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.adapters.tardis.download.TardisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire instruments tardis} against the Tardis.dev stand-in: definitions kept by day, and what is missing. */
class InstrumentsTardisCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TardisTestServer server = new TardisTestServer(DownloadTardisCommandTest.KEY);

    @AfterEach
    void stop()
    {
        server.close();
    }

    private CliTest.Result run(final String... args)
    {
        final String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"instruments", "tardis", "--exchange", "binance-futures", "--base-url", server.url()},
            0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        return CliTest.run(all);
    }

    @Test
    void aDaysDefinitionsAreFetchedKeptAndPrinted() throws Exception
    {
        final Path key = DownloadTardisCommandTest.keyFile(dir, DownloadTardisCommandTest.KEY, "rw-------");
        final Path journal = dir.resolve("journal");
        final CliTest.Result table = run("--date", "2024-03-01", "--journal", journal.toString(), "--api-key-file", key.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("day         symbol          type");
        assertThat(table.out()).containsPattern("2024-03-01  BTCUSDT +perpetual \\(linear_perpetual\\) +BTC/USDT +0\\.01 +0\\.001 +1 " +
            "+2019-09-08 +trades,incremental_book_L2,")
            .containsPattern("BTCUSDT_240329 +future \\(linear_future\\) +BTC/USDT +0\\.1 .* 2024-03-29 ")
            .doesNotContain("SRMUSDT");
        assertThat(journal.resolve("definitions/binance-futures/2024-03-01.tsv")).isRegularFile();
        assertThat(table.err()).contains("kept 1 day(s) of binance-futures definitions");

        // kept: read back without the network, as JSON
        final long requests = server.requests.size();
        final CliTest.Result json = run("--date", "2024-03-01", "--journal", journal.toString(), "--offline", "--json",
            "--symbols", "btcusdt");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(server.requests).hasSize((int)requests);
        final JsonNode rows = JSON.readTree(json.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("instrument").asText()).isEqualTo("binance-futures:BTCUSDT");
        assertThat(rows.get(0).get("tickSize").asText()).isEqualTo("0.01");
        assertThat(rows.get(0).get("date").asText()).isEqualTo("2024-03-01");
        assertThat(rows.get(0).get("dataTypes")).hasSizeGreaterThan(3);
    }

    @Test
    void withoutAKeyTheDatasetSymbolsAloneAreKept() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final CliTest.Result run = run("--date", "2024-03-02", "--journal", journal.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("definitions without tick sizes, contract sizes, listing and expiry: no API key");
        final JsonNode rows = JSON.readTree(run.out());
        assertThat(rows).extracting(r -> r.get("instrument").asText()).contains("binance-futures:BTCUSDT",
            "binance-futures:PERPETUALS");
        assertThat(Files.readString(journal.resolve("definitions/binance-futures/2024-03-02.tsv")))
            .contains("#instruments=exchange details only: no API key");
    }

    @Test
    void theMissingReportSaysWhatToFetchAndWhatToImport() throws Exception
    {
        final Path key = DownloadTardisCommandTest.keyFile(dir, DownloadTardisCommandTest.KEY, "rw-------");
        final Path journal = dir.resolve("journal");
        final Path cache = dir.resolve("cache");
        // 03-01 downloaded and imported, 03-03 downloaded only, 03-02 neither
        for (final String[] step : new String[][] {{"2024-03-01", "--import"}, {"2024-03-03", "--dry-run"}})
        {
            final CliTest.Result d = CliTest.run("download", "tardis", "--exchange", "binance-futures", "--base-url",
                server.url(), "--cache", cache.toString(), "--data-types", "trades", "--symbols", "BTCUSDT", "--from", step[0],
                "--api-key-file", key.toString(), "--journal", journal.toString(), "--no-progress", step[1]);
            assertThat(d.exitCode()).as(d.out() + d.err()).isZero();
        }
        Files.write(cache.resolve("binance-futures_trades_2024-03-03_BTCUSDT.csv.gz"),
            TardisTestServer.resource("/tardis-api/datasets/v1/binance-futures/trades/2024/03/03/BTCUSDT.csv.gz"));

        final CliTest.Result table = run("--date", "2024-03-01", "--to", "2024-03-04", "--journal", journal.toString(),
            "--cache", cache.toString(), "--missing", "--api-key-file", key.toString());
        assertThat(table.exitCode()).as(table.err()).isEqualTo(1);
        assertThat(table.out()).containsPattern("BTCUSDT +trades +3 \\(\\+1 not exported yet\\) +2 +0 +2024-03-01 +2024-03-02 " +
            "+2024-03-03");

        final CliTest.Result json = run("--date", "2024-03-01", "--to", "2024-03-04", "--journal", journal.toString(),
            "--cache", cache.toString(), "--missing", "--json", "--offline");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(1);
        final JsonNode row = JSON.readTree(json.out()).get("rows").get(0);
        assertThat(row.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(row.get("available").asInt()).isEqualTo(3);
        assertThat(row.get("importedThrough").asText()).isEqualTo("2024-03-01");
        assertThat(row.get("missingDownloads")).extracting(JsonNode::asText).containsExactly("2024-03-02");
        assertThat(row.get("notImported")).extracting(JsonNode::asText).containsExactly("2024-03-03");
    }

    @Test
    void offlineWithoutKeptDaysSaysSo()
    {
        final CliTest.Result run = run("--date", "2024-03-01", "--journal", dir.resolve("journal").toString(), "--offline");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--offline: no definitions of binance-futures for 2024-03-01");
    }
}
