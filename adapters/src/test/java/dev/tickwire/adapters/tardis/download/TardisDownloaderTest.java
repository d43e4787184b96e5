package dev.tickwire.adapters.tardis.download;

import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.adapters.tardis.download.TardisDownloader.FileResult;
import dev.tickwire.adapters.tardis.download.TardisDownloader.Outcome;
import dev.tickwire.adapters.tardis.download.TardisTestServer.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The downloader against the Tardis stand-in on loopback, serving recorded day files. */
class TardisDownloaderTest
{
    static final String KEY = "TD.test-key.0123456789";
    static final String EXCHANGE = "binance-futures";
    static final String TRADES_0301 = "/v1/binance-futures/trades/2024/03/01/BTCUSDT.csv.gz";
    static final String TRADES_0302 = "/v1/binance-futures/trades/2024/03/02/BTCUSDT.csv.gz";
    static final HttpFetcher.Policy FAST = TardisApi.defaultPolicy().withDelays(Duration.ofMillis(5), Duration.ofMillis(50))
        .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500));

    @TempDir
    Path cache;

    private final TardisTestServer server = new TardisTestServer(KEY);
    private HttpFetcher fetcher;

    @AfterEach
    void tearDown()
    {
        if (fetcher != null)
        {
            fetcher.close();
        }
        server.close();
    }

    private TardisApi api(final String key, final HttpFetcher.Policy policy)
    {
        fetcher = new HttpFetcher("tardis", HttpFetcher.client(Duration.ofSeconds(5)), policy);
        return new TardisApi(server.url(), server.url(), key, fetcher);
    }

    private static TardisDownloadPlan.Request request(final String types, final String symbols, final String from, final String to)
    {
        return new TardisDownloadPlan.Request(EXCHANGE, List.of(types.split(",")), List.of(symbols.split(",")),
            LocalDate.parse(from), LocalDate.parse(to));
    }

    private TardisDownloadReport download(final TardisApi api, final TardisDownloadPlan.Request request, final boolean force)
        throws Exception
    {
        final TardisExchange exchange = api.exchange(EXCHANGE);
        return new TardisDownloader(api, cache, 3, force, true)
            .run(TardisDownloadPlan.of(request, exchange, api.hasKey()), new TardisDownloader.Listener() { });
    }

    private static byte[] recorded(final String path)
    {
        return TardisTestServer.resource("/tardis-api/datasets" + path);
    }

    private long dayFileRequests()
    {
        return server.requests.stream().filter(r -> r.path().endsWith(".csv.gz")).count();
    }

    private List<String> leftovers() throws Exception
    {
        try (Stream<Path> files = Files.list(cache))
        {
            return files.map(p -> p.getFileName().toString()).filter(TardisDownloader::isPart).toList();
        }
    }

    @Test
    void fetchesDayFilesUnderTheClientsNamesThenARerunSkipsThem() throws Exception
    {
        final TardisApi api = api(KEY, FAST);
        final TardisDownloadReport first = download(api, request("trades,incremental_book_L2", "btcusdt", "2024-03-01",
            "2024-03-02"), false);
        assertThat(first.count(Outcome.FETCHED)).isEqualTo(4);
        assertThat(first.failures()).isEmpty();
        assertThat(Files.readAllBytes(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")))
            .isEqualTo(recorded(TRADES_0301));
        assertThat(Files.readAllBytes(cache.resolve("binance-futures_incremental_book_L2_2024-03-02_BTCUSDT.csv.gz")))
            .isEqualTo(recorded("/v1/binance-futures/incremental_book_L2/2024/03/02/BTCUSDT.csv.gz"));
        assertThat(first.bytesFetched()).isEqualTo(Stream.of(TRADES_0301, TRADES_0302,
            "/v1/binance-futures/incremental_book_L2/2024/03/01/BTCUSDT.csv.gz",
            "/v1/binance-futures/incremental_book_L2/2024/03/02/BTCUSDT.csv.gz").mapToLong(p -> recorded(p).length).sum());
        assertThat(server.requests).filteredOn(r -> r.path().endsWith(".csv.gz"))
            .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));

        final TardisDownloadReport again = download(api, request("trades,incremental_book_L2", "BTCUSDT", "2024-03-01",
            "2024-03-02"), false);
        assertThat(again.count(Outcome.SKIPPED)).isEqualTo(4);
        assertThat(dayFileRequests()).isEqualTo(4);
        assertThat(again.filesWithRows()).hasSize(4);
    }

    @Test
    void forceFetchesFilesTheCacheHasAgain() throws Exception
    {
        final TardisApi api = api(KEY, FAST);
        final Path file = cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz");
        Files.writeString(file, "stale");
        assertThat(download(api, request("trades", "BTCUSDT", "2024-03-01", "2024-03-01"), false).count(Outcome.SKIPPED))
            .isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo("stale");
        final TardisDownloadReport forced = download(api, request("trades", "BTCUSDT", "2024-03-01", "2024-03-01"), true);
        assertThat(forced.count(Outcome.FETCHED)).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(recorded(TRADES_0301));
    }

    @Test
    void retriesA429WithRetryAfterAndABurstOf5xx() throws Exception
    {
        server.script(TRADES_0301, Fault.throttled("1"), Fault.status(500), Fault.status(503), Fault.status(503));
        server.script(TRADES_0302, Fault.status(502));
        final TardisApi api = api(KEY, FAST);
        final TardisDownloadReport report = download(api, request("trades", "BTCUSDT", "2024-03-01", "2024-03-02"), false);
        assertThat(report.failures()).isEmpty();
        assertThat(report.count(Outcome.FETCHED)).isEqualTo(2);
        assertThat(server.requestsFor(TRADES_0301)).isEqualTo(5);
        assertThat(server.requestsFor(TRADES_0302)).isEqualTo(2);
        assertThat(fetcher.throttled()).isEqualTo(1);
        assertThat(fetcher.retries()).isEqualTo(5);
        assertThat(Files.readAllBytes(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")))
            .isEqualTo(recorded(TRADES_0301));
    }

    @Test
    void aFileThatKeepsFailingIsNamedWithItsStatusAndTheOthersStillCome() throws Exception
    {
        server.script(TRADES_0302, Fault.status(503), Fault.status(503), Fault.status(503));
        final TardisApi api = api(KEY, FAST.withMaxAttempts(3));
        final TardisDownloadReport report = download(api, request("trades", "BTCUSDT", "2024-03-01", "2024-03-03"), false);
        assertThat(report.count(Outcome.FETCHED)).isEqualTo(2);
        assertThat(report.failures()).singleElement().satisfies(f ->
        {
            assertThat(f.file().fileName()).isEqualTo("binance-futures_trades_2024-03-02_BTCUSDT.csv.gz");
            assertThat(f.status()).isEqualTo(503);
            assertThat(f.reason()).startsWith("gave up: GET " + server.url() + TRADES_0302 +
                ": HTTP 503 Service Unavailable").endsWith("(gave up after 3 attempts)");
        });
        assertThat(cache.resolve("binance-futures_trades_2024-03-02_BTCUSDT.csv.gz")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aRefusedKeyStopsTheRunAndIsNeverPrinted() throws Exception
    {
        final TardisApi api = api("TD.wrong-key", FAST);
        // without the exchange details, so that every day of the month is asked for
        final TardisDownloadReport report = new TardisDownloader(api, cache, 3, false, true).run(
            TardisDownloadPlan.of(request("trades", "BTCUSDT", "2024-03-02", "2024-03-31"), null, true),
            new TardisDownloader.Listener() { });
        assertThat(report.count(Outcome.FETCHED)).isZero();
        final List<FileResult> refused = report.results().stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
        assertThat(refused).isNotEmpty().allSatisfy(r ->
        {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).startsWith("the API key was refused: GET ").contains("HTTP 401 Unauthorized",
                "Invalid 'Authorization' header").doesNotContain("wrong-key");
        });
        // at most one refusal per download thread; the rest are not asked for
        assertThat(refused.size()).isLessThanOrEqualTo(3);
        assertThat(report.count(Outcome.NOT_ATTEMPTED)).isEqualTo(30 - refused.size());
        assertThat(dayFileRequests()).isEqualTo(refused.size());
    }

    @Test
    void withoutAKeyOnlyFirstDaysOfMonthsAreAskedFor() throws Exception
    {
        final TardisApi api = api(null, FAST);
        final TardisDownloadReport report = download(api, request("trades", "BTCUSDT", "2024-02-29", "2024-03-02"), false);
        assertThat(report.results()).extracting(FileResult::outcome)
            .containsExactly(Outcome.NEEDS_KEY, Outcome.FETCHED, Outcome.NEEDS_KEY);
        assertThat(report.results().get(0).reason()).contains("only the first day of a month");
        assertThat(server.requests).filteredOn(r -> r.path().endsWith(".csv.gz")).singleElement()
            .satisfies(r -> assertThat(r.authorization()).isNull());
        assertThat(Files.readAllBytes(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")))
            .isEqualTo(recorded(TRADES_0301));
    }

    @Test
    void aDayWithoutDataIsAnEmptyGzipFileNotAnError() throws Exception
    {
        final TardisApi api = api(KEY, FAST);
        final TardisDownloadReport report = download(api, request("trades", "BTCDOMUSDT,BTCUSDT", "2024-03-01", "2024-03-01"),
            false);
        assertThat(report.failures()).isEmpty();
        assertThat(report.fetchedEmpty()).isEqualTo(1);
        assertThat(report.results().get(0).empty()).isTrue();
        assertThat(cache.resolve("binance-futures_trades_2024-03-01_BTCDOMUSDT.csv.gz")).exists();
        assertThat(report.filesWithRows()).containsExactly(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz"));
        // found again in the cache, it is still known as empty
        assertThat(download(api, request("trades", "BTCDOMUSDT", "2024-03-01", "2024-03-01"), false).filesWithRows())
            .isEmpty();
    }

    @Test
    void aMissingDayIsA404NamedClearly() throws Exception
    {
        final TardisApi api = api(KEY, FAST);
        // without the exchange details nothing is known in advance: the server's 404 says it
        final TardisDownloadReport report = new TardisDownloader(api, cache, 2, false, true).run(
            TardisDownloadPlan.of(request("incremental_book_L2", "BTCUSDT", "2024-03-02", "2024-03-03"), null, true),
            new TardisDownloader.Listener() { });
        assertThat(report.count(Outcome.FETCHED)).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(f ->
        {
            assertThat(f.status()).isEqualTo(404);
            assertThat(f.reason()).startsWith("no such day file: binance-futures may have no incremental_book_L2 data for " +
                "BTCUSDT on 2024-03-03").contains("HTTP 404 Not Found", "(not retried)");
        });
        assertThat(server.requestsFor("/v1/binance-futures/incremental_book_L2/2024/03/03/BTCUSDT.csv.gz")).isEqualTo(1);
    }

    @Test
    void theExchangeDetailsSayWhatIsNotAvailableBeforeAnythingIsAsked() throws Exception
    {
        final TardisApi api = api(KEY, FAST);
        final TardisExchange exchange = api.exchange(EXCHANGE);
        assertThatThrownBy(() -> TardisDownloadPlan.of(request("trades", "BTCUSDT,NOSUCHUSDT", "2024-03-01", "2024-03-01"),
            exchange, true)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("binance-futures has no dataset symbol NOSUCHUSDT");
        assertThatThrownBy(() -> TardisDownloadPlan.of(request("trade", "BTCUSDT", "2024-03-01", "2024-03-01"),
            exchange, true)).hasMessageStartingWith("binance-futures has no data type trade (it has trades, ");
        final TardisDownloadPlan plan = TardisDownloadPlan.of(request("trades,quotes", "BTCUSDT,SRMUSDT,PERPETUALS",
            "2024-03-03", "2024-03-04"), exchange, true);
        assertThat(plan.entries()).extracting(e -> e.file().fileName() + " " + e.status()).containsExactly(
            "binance-futures_trades_2024-03-03_BTCUSDT.csv.gz FETCH",
            "binance-futures_trades_2024-03-04_BTCUSDT.csv.gz NOT_AVAILABLE",
            "binance-futures_quotes_2024-03-03_BTCUSDT.csv.gz FETCH",
            "binance-futures_quotes_2024-03-04_BTCUSDT.csv.gz NOT_AVAILABLE",
            "binance-futures_trades_2024-03-03_SRMUSDT.csv.gz NOT_AVAILABLE",
            "binance-futures_trades_2024-03-04_SRMUSDT.csv.gz NOT_AVAILABLE",
            "binance-futures_quotes_2024-03-03_SRMUSDT.csv.gz NOT_AVAILABLE",
            "binance-futures_quotes_2024-03-04_SRMUSDT.csv.gz NOT_AVAILABLE",
            "binance-futures_trades_2024-03-03_PERPETUALS.csv.gz FETCH",
            "binance-futures_trades_2024-03-04_PERPETUALS.csv.gz NOT_AVAILABLE",
            "binance-futures_quotes_2024-03-03_PERPETUALS.csv.gz NOT_AVAILABLE",
            "binance-futures_quotes_2024-03-04_PERPETUALS.csv.gz NOT_AVAILABLE");
        assertThat(plan.entries().get(1).reason()).isEqualTo("not exported yet: binance-futures's datasets are exported " +
            "until 2024-03-04T00:00:00Z (a day is ready about 06:00 UTC the next day)");
        assertThat(plan.entries().get(4).reason()).isEqualTo("outside SRMUSDT's data (2020-09-10T00:00:00Z to " +
            "2022-11-15T00:00:00Z)");
        assertThat(plan.entries().get(10).reason()).startsWith("PERPETUALS has no quotes data (it has trades, ");
    }

    @Test
    void aConnectionCutMidBodyIsRetriedAndNeverLeavesAPartialFile() throws Exception
    {
        server.script(TRADES_0301, Fault.cut(300), Fault.cut(700));
        final TardisApi api = api(KEY, FAST);
        final TardisDownloadReport report = download(api, request("trades", "BTCUSDT", "2024-03-01", "2024-03-01"), false);
        assertThat(report.count(Outcome.FETCHED)).isEqualTo(1);
        assertThat(server.requestsFor(TRADES_0301)).isEqualTo(3);
        assertThat(Files.readAllBytes(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")))
            .isEqualTo(recorded(TRADES_0301));
        assertThat(leftovers()).isEmpty();

        // cut every time: it fails, and nothing is under the final name
        server.script(TRADES_0302, Fault.cut(300), Fault.cut(300));
        final TardisDownloadReport cut = new TardisDownloader(api(KEY, FAST.withMaxAttempts(2)), cache, 1, false, true)
            .run(TardisDownloadPlan.of(request("trades", "BTCUSDT", "2024-03-02", "2024-03-02"), null, true),
                new TardisDownloader.Listener() { });
        assertThat(cut.failures()).singleElement().satisfies(f -> assertThat(f.status()).isZero());
        assertThat(cache.resolve("binance-futures_trades_2024-03-02_BTCUSDT.csv.gz")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBodyThatIsNotWholeGzipIsFetchedAgainThenFails() throws Exception
    {
        final byte[] good = recorded(TRADES_0301);
        final byte[] truncatedGzip = java.util.Arrays.copyOf(good, good.length / 2); // sent whole: the length matches
        server.datasets(path -> path.equals(TRADES_0301) ? truncatedGzip : recorded(path));
        final TardisApi api = api(KEY, FAST);
        final TardisDownloadReport report = download(api, request("trades", "BTCUSDT", "2024-03-01", "2024-03-02"), false);
        assertThat(report.count(Outcome.FETCHED)).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(f ->
            assertThat(f.reason()).startsWith("not a whole gzip file after 3 downloads (EOFException"));
        assertThat(server.requestsFor(TRADES_0301)).isEqualTo(TardisDownloader.MAX_CORRUPT_DOWNLOADS);
        assertThat(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aRunInterruptedMidFileLeavesNoPartialFileAndTheRerunFetchesOnlyWhatIsMissing() throws Exception
    {
        server.script(TRADES_0302, Fault.stall(30_000));
        final TardisApi api = api(KEY, FAST.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
        final TardisExchange exchange = api.exchange(EXCHANGE);
        final TardisDownloadPlan plan = TardisDownloadPlan.of(request("trades", "BTCUSDT", "2024-03-01", "2024-03-03"),
            exchange, true);
        final Thread[] runner = new Thread[1];
        final CompletableFuture<TardisDownloadReport> run = new CompletableFuture<>();
        runner[0] = new Thread(() ->
        {
            try
            {
                run.complete(new TardisDownloader(api, cache, 1, false, true).run(plan, new TardisDownloader.Listener() { }));
            }
            catch (final Throwable ex)
            {
                run.completeExceptionally(ex);
            }
        });
        runner[0].start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.requestsFor(TRADES_0302) == 0 || leftovers().isEmpty())
        {
            assertThat(System.nanoTime()).as("the stalled download started").isLessThan(deadline);
            Thread.sleep(10);
        }
        runner[0].interrupt(); // as a kill would, in the middle of a file
        assertThatThrownBy(() -> run.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(InterruptedException.class);
        assertThat(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")).exists();
        assertThat(cache.resolve("binance-futures_trades_2024-03-02_BTCUSDT.csv.gz")).doesNotExist();
        assertThat(leftovers()).isEmpty();

        final TardisDownloadReport rerun = new TardisDownloader(api, cache, 1, false, true)
            .run(plan, new TardisDownloader.Listener() { });
        assertThat(rerun.results()).extracting(FileResult::outcome)
            .containsExactly(Outcome.SKIPPED, Outcome.FETCHED, Outcome.FETCHED);
        assertThat(server.requestsFor(TRADES_0301)).isEqualTo(1);
    }

    @Test
    void aDryRunListsWhatWouldBeFetchedWithoutAsking() throws Exception
    {
        final TardisApi api = api(KEY, FAST);
        Files.writeString(cache.resolve("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz"), "x");
        final List<FileResult> dry = new TardisDownloader(api, cache, 2, false, true)
            .dryRun(TardisDownloadPlan.of(request("trades", "BTCUSDT", "2024-03-01", "2024-03-04"), api.exchange(EXCHANGE), true));
        assertThat(dry).extracting(r -> r.outcome() + " " + r.file().date()).containsExactly("SKIPPED 2024-03-01",
            "NOT_ATTEMPTED 2024-03-02", "NOT_ATTEMPTED 2024-03-03", "NOT_AVAILABLE 2024-03-04");
        assertThat(dry.get(1).reason()).isEqualTo("would fetch " + server.url() + TRADES_0302);
        assertThat(dayFileRequests()).isZero();
    }
}
