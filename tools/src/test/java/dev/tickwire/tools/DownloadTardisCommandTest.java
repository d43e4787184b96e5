package dev.tickwire.tools;

import dev.tickwire.adapters.tardis.download.TardisTestServer;
import dev.tickwire.adapters.tardis.download.TardisTestServer.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire download tardis} against the Tardis.dev stand-in on loopback, then the journal it imports into. */
class DownloadTardisCommandTest
{
    static final String KEY = "TD.command-test-key";

    @TempDir
    Path dir;

    private final TardisTestServer server = new TardisTestServer(KEY);

    @AfterEach
    void stop()
    {
        server.close();
    }

    static Path keyFile(final Path dir, final String key, final String permissions) throws Exception
    {
        final Path file = dir.resolve("tardis.key");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private CliTest.Result download(final String... extra) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("download", "tardis", "--exchange", "binance-futures",
            "--base-url", server.url(), "--cache", dir.resolve("cache").toString(), "--no-progress"));
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(new String[0]));
    }

    private List<Path> cached() throws Exception
    {
        try (Stream<Path> files = Files.list(dir.resolve("cache")))
        {
            return files.sorted().toList();
        }
    }

    @Test
    void helpWorksAndAnUnknownOptionIsAnError()
    {
        final CliTest.Result help = CliTest.run("download", "tardis", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data-types", "--api-key-file", "--dry-run", "--concurrency", "--import");
        final CliTest.Result unknown = CliTest.run("download", "tardis", "--exchange", "x", "--data-types", "trades",
            "--symbols", "A", "--from", "2024-03-01", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'");
        assertThat(CliTest.run("instruments", "tardis", "--help").out()).contains("--missing", "--date", "--json");
    }

    @Test
    void downloadWithImportMakesTheSameJournalAsImportingTheFilesByHand() throws Exception
    {
        final Path key = keyFile(dir, KEY, "rw-------");
        final Path journal = dir.resolve("auto/journal");
        final CliTest.Result run = download("--data-types", "trades,incremental_book_L2", "--symbols", "BTCUSDT,btcdomusdt",
            "--from", "2024-03-01", "--to", "2024-03-02", "--api-key-file", key.toString(), "--import",
            "--journal", journal.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("fetching 8 file(s) into")
            .contains("fetched 8 file(s)").contains("(4 without rows: no data that day)")
            .contains("imported ").contains("from 4 file(s)");
        assertThat(run.out() + run.err()).doesNotContain(KEY);

        final List<String> byHand = new ArrayList<>(List.of("import", "tardis"));
        cached().forEach(p -> byHand.add(p.toString()));
        final Path manual = dir.resolve("manual/journal");
        byHand.addAll(List.of("--journal", manual.toString(), "--no-progress"));
        final CliTest.Result imported = CliTest.run(byHand.toArray(new String[0]));
        assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
        // 60 trades a day; a book day: its snapshot (a clear and 10 levels) and 40 updates
        assertThat(dump(journal)).hasSize(2 * 60 + 2 * 51).isEqualTo(dump(manual));
        // the same instruments and source ids (definitions are stamped with the time they were journaled: not compared)
        assertThat(Files.readString(journal.resolve("instruments.tsv"))).isEqualTo(Files.readString(manual.resolve("instruments.tsv")));
        assertThat(Files.readString(journal.resolve("sources.tsv"))).isEqualTo(Files.readString(manual.resolve("sources.tsv")));

        // again: everything is in the folder, nothing is fetched, nothing is journaled twice
        final List<String> before = dump(journal);
        final CliTest.Result again = download("--data-types", "trades,incremental_book_L2", "--symbols", "BTCUSDT,BTCDOMUSDT",
            "--from", "2024-03-01", "--to", "2024-03-02", "--api-key-file", key.toString(), "--import",
            "--journal", journal.toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("fetched 0 file(s)").contains("in the folder already 8");
        assertThat(dump(journal)).isEqualTo(before);
    }

    private static List<String> dump(final Path journal)
    {
        final CliTest.Result dump = CliTest.run("dump", "--journal", journal.toString(), "--type", "trade,quote,book_delta");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        return dump.out().lines().toList();
    }

    @Test
    void aRefusedKeyIsNamedWithoutShowingItAndTheExitCodeSaysSo() throws Exception
    {
        // PATH is set in every test run: as a key it is refused, and its value must never be printed
        final CliTest.Result run = download("--data-types", "trades", "--symbols", "BTCUSDT", "--from", "2024-03-02",
            "--to", "2024-03-03", "--api-key-env", "PATH", "--concurrency", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED binance-futures_trades_2024-03-02_BTCUSDT.csv.gz (HTTP 401): the API key " +
            "was refused").contains("not attempted 1").contains("the API key was refused: check PATH");
        assertThat(run.out() + run.err()).doesNotContain(System.getenv("PATH"));
        assertThat(dir.resolve("cache/binance-futures_trades_2024-03-02_BTCUSDT.csv.gz")).doesNotExist();
    }

    @Test
    void withoutAKeyTheFirstDayOfTheMonthIsFetched() throws Exception
    {
        assertThat(System.getenv("TARDIS_API_KEY")).as("this test runs without a key in the environment").isNull();
        final CliTest.Result run = download("--data-types", "trades", "--symbols", "BTCUSDT", "--from", "2024-02-29",
            "--to", "2024-03-01");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("no API key (TARDIS_API_KEY is not set): only the first day of each month is served");
        assertThat(run.out()).contains("fetched 1 file(s)").contains("needs a key 1")
            .contains("not asked for: binance-futures_trades_2024-02-29_BTCUSDT.csv.gz: needs an API key");
        assertThat(cached()).extracting(p -> p.getFileName().toString())
            .containsExactly("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz");
        assertThat(server.requests).filteredOn(r -> r.path().endsWith(".csv.gz")).allSatisfy(r ->
            assertThat(r.authorization()).isNull());
    }

    @Test
    void failuresAreNamedWithTheirStatusAndTheRestIsKept() throws Exception
    {
        final Path key = keyFile(dir, KEY, "rw-------");
        server.script("/v1/binance-futures/trades/2024/03/02/BTCUSDT.csv.gz", Fault.throttled("0"), Fault.status(503));
        final CliTest.Result run = download("--data-types", "trades,incremental_book_L2", "--symbols", "BTCUSDT",
            "--from", "2024-03-02", "--to", "2024-03-03", "--api-key-file", key.toString());
        // incremental_book_L2 of 03-03 is listed but the server has no such file: a 404
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("fetched 3 file(s)").contains("failed 1").contains("retries 2 (429: 1)")
            .contains("FAILED binance-futures_incremental_book_L2_2024-03-03_BTCUSDT.csv.gz (HTTP 404): no such day file");
        assertThat(cached()).hasSize(3);
    }

    @Test
    void aDryRunListsWhatWouldBeFetched() throws Exception
    {
        final Path key = keyFile(dir, KEY, "rw-------");
        Files.createDirectories(dir.resolve("cache"));
        Files.write(dir.resolve("cache/binance-futures_trades_2024-03-02_BTCUSDT.csv.gz"), new byte[] {1});
        final CliTest.Result run = download("--data-types", "trades", "--symbols", "BTCUSDT", "--from", "2024-03-01",
            "--to", "2024-03-04", "--api-key-file", key.toString(), "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final Path cache = dir.resolve("cache");
        assertThat(run.out().lines()).containsExactly(
            "fetch\t" + cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz") + "\twould fetch " + server.url() +
                "/v1/binance-futures/trades/2024/03/01/BTCUSDT.csv.gz",
            "have\t" + cache.resolve("binance-futures_trades_2024-03-02_BTCUSDT.csv.gz"),
            "fetch\t" + cache.resolve("binance-futures_trades_2024-03-03_BTCUSDT.csv.gz") + "\twould fetch " + server.url() +
                "/v1/binance-futures/trades/2024/03/03/BTCUSDT.csv.gz",
            "not-available\t" + cache.resolve("binance-futures_trades_2024-03-04_BTCUSDT.csv.gz") + "\tnot exported yet: " +
                "binance-futures's datasets are exported until 2024-03-04T00:00:00Z (a day is ready about 06:00 UTC the next day)",
            "would fetch 2 file(s); 1 in the folder already");
        assertThat(server.requests).filteredOn(r -> r.path().endsWith(".csv.gz")).isEmpty();
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception
    {
        final Path key = keyFile(dir, KEY, "rw-r--r--");
        final CliTest.Result run = download("--data-types", "trades", "--symbols", "BTCUSDT", "--from", "2024-03-01",
            "--api-key-file", key.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is accessible to group or others").doesNotContain(KEY);
    }

    @Test
    void anUnknownSymbolIsRefusedBeforeAnythingIsFetched() throws Exception
    {
        final CliTest.Result run = download("--data-types", "trades", "--symbols", "BTCUSDT,ETHUSDTT", "--from", "2024-03-01");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("binance-futures has no dataset symbol ETHUSDTT");
        assertThat(server.requests).filteredOn(r -> r.path().endsWith(".csv.gz")).isEmpty();
    }
}
