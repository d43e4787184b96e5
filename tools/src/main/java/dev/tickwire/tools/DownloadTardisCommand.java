package dev.tickwire.tools;

import dev.tickwire.adapters.http.HttpFetchException;
import dev.tickwire.adapters.tardis.TardisImport;
import dev.tickwire.adapters.tardis.download.TardisApi;
import dev.tickwire.adapters.tardis.download.TardisDownloadPlan;
import dev.tickwire.adapters.tardis.download.TardisDownloadReport;
import dev.tickwire.adapters.tardis.download.TardisDownloader;
import dev.tickwire.adapters.tardis.download.TardisDownloader.FileResult;
import dev.tickwire.adapters.tardis.download.TardisDownloader.Outcome;
import dev.tickwire.adapters.tardis.download.TardisExchange;
import dev.tickwire.adapters.tardis.download.TardisImported;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code tickwire download tardis}: Tardis.dev day files into a folder, only what is missing; then, with --import, a journal. */
@Command(name = "tardis", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Download Tardis.dev CSV day files (https://datasets.tardis.dev/v1/{exchange}/{data_type}/{YYYY}/{MM}/{DD}/" +
            "{SYMBOL}.csv.gz) into a folder, named as the official clients name them " +
            "({exchange}_{data_type}_{YYYY-MM-DD}_{SYMBOL}.csv.gz): a tardis-dev download folder is a cache as it is.",
        "Files already there are skipped (--force fetches them again), so a rerun after a kill fetches only what is " +
            "missing; a file takes its name only once it is whole. 429 and 5xx answers and cut connections are retried " +
            "with backoff (Retry-After honoured). The exchange details say first what does not exist (a day not " +
            "exported yet: a day is ready about 06:00 UTC the next day)."},
    footer = {"", "Exit status: 0 = every file asked for is here; 1 = some failed (each is named); 2 = bad arguments; " +
        "3 = imported, but some input was incomplete."})
final class DownloadTardisCommand implements Callable<Integer>
{
    static final int EXIT_FAILED = 1;

    @Mixin
    TardisOptions tardis;

    @Option(names = "--data-types", required = true, split = ",", paramLabel = "TYPE",
        description = "e.g. trades,incremental_book_L2,quotes,book_snapshot_25,derivative_ticker.")
    List<String> dataTypes;

    @Option(names = "--symbols", required = true, split = ",", paramLabel = "SYMBOL",
        description = "Dataset symbols, e.g. BTCUSDT,ETHUSDT (upper-cased; ':' and '/' become '-').")
    List<String> symbols;

    @Option(names = "--from", required = true, paramLabel = "DAY", description = "First UTC day, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last UTC day, included (default: --from). " +
        "The tardis-dev clients' 'to' is excluded; this one is not.")
    LocalDate to;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "./tickwire-data/tardis",
        description = "Download folder (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Files fetched at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--force", description = "Fetch files the folder has already.")
    boolean force;

    @Option(names = "--no-verify", description = "Do not decompress each file before it takes its name (saves CPU; " +
        "a corrupt body is then found by the import).")
    boolean noVerify;

    @Option(names = "--dry-run", description = "List what would be fetched, found or not asked for, and fetch nothing.")
    boolean dryRun;

    @Option(names = "--import", description = "Then import the range's files that have rows into --journal " +
        "(as `tickwire import tardis` does).")
    boolean importToo;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal for --import.")
    Path journal;

    @Option(names = "--no-progress", description = "Plain lines, no progress bar (also when not on a terminal).")
    boolean noProgress;

    @Mixin
    ShardOptions sharding = new ShardOptions();

    @Override
    public Integer call() throws Exception
    {
        if (importToo && journal == null)
        {
            throw new IllegalArgumentException("--import needs --journal");
        }
        final TardisDownloadPlan.Request request = new TardisDownloadPlan.Request(tardis.exchange, dataTypes, symbols, from,
            to != null ? to : from);
        final TardisApi api = tardis.api(new Secrets());
        try
        {
            tardis.notes.forEach(System.err::println);
            final TardisDownloadPlan whole = TardisDownloadPlan.of(request, exchangeDetails(api), api.hasKey());
            // one host's part: its files by name, as `import tardis --shard` takes them (the same key)
            final java.util.Set<TardisDownloadPlan.Entry> mine = new java.util.HashSet<>(sharding.take(whole.entries(),
                e -> e.file().fileName(), ShardKey::tardis, "day file(s) of the plan", System.out));
            final TardisDownloadPlan plan = whole.only(mine::contains);
            final TardisDownloader downloader = new TardisDownloader(api, cache, concurrency, force, !noVerify);
            if (dryRun)
            {
                return dryRun(downloader.dryRun(plan));
            }
            final TardisDownloadReport report = run(downloader, plan, api);
            final boolean failed = !report.failures().isEmpty();
            if (!importToo)
            {
                return failed ? EXIT_FAILED : 0;
            }
            final int imported = importFiles(report);
            return failed ? EXIT_FAILED : imported;
        }
        finally
        {
            api.fetcher().close();
        }
    }

    /** What the exchange details say, or null (then everything is asked for and the server answers). */
    private TardisExchange exchangeDetails(final TardisApi api) throws InterruptedException
    {
        try
        {
            return api.exchange(tardis.exchange);
        }
        catch (final HttpFetchException ex)
        {
            if (ex.status() == 404)
            {
                throw new IllegalArgumentException("Tardis has no exchange " + tardis.exchange + " (" + ex.getMessage() + ")");
            }
            System.err.println("the exchange details could not be had, so every file is asked for: " + ex.getMessage());
            return null;
        }
    }

    private static int dryRun(final List<FileResult> results)
    {
        for (final FileResult r : results)
        {
            final String what;
            switch (r.outcome())
            {
                case NOT_ATTEMPTED: what = "fetch"; break;
                case SKIPPED: what = "have"; break;
                case NEEDS_KEY: what = "needs-key"; break;
                default: what = "not-available"; break;
            }
            System.out.println(what + "\t" + r.path() + (r.outcome() == Outcome.SKIPPED ? "" : "\t" + r.reason()));
        }
        final long fetch = results.stream().filter(r -> r.outcome() == Outcome.NOT_ATTEMPTED).count();
        System.out.println("would fetch " + fetch + " file(s); " + results.stream().filter(r -> r.outcome() == Outcome.SKIPPED)
            .count() + " in the folder already");
        return 0;
    }

    private TardisDownloadReport run(final TardisDownloader downloader, final TardisDownloadPlan plan, final TardisApi api)
        throws InterruptedException
    {
        final boolean bar = !noProgress && System.console() != null;
        final AtomicLong done = new AtomicLong();
        final ProgressBar[] progress = new ProgressBar[1];
        final TardisDownloader.Listener listener = new TardisDownloader.Listener()
        {
            @Override
            public void started(final int toFetch, final int inCache)
            {
                System.out.println("fetching " + toFetch + " file(s) into " + cache + (inCache > 0 ? "; " + inCache +
                    " in the folder already" : ""));
                if (bar && toFetch > 0)
                {
                    progress[0] = new ProgressBarBuilder().setTaskName("download").setInitialMax(toFetch)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
                }
            }

            @Override
            public void finished(final FileResult r)
            {
                if (r.outcome() != Outcome.FETCHED && r.outcome() != Outcome.FAILED)
                {
                    return; // found ones, and those not asked for, are summed up at the end
                }
                done.incrementAndGet();
                if (progress[0] != null)
                {
                    progress[0].stepTo(done.get());
                    progress[0].setExtraMessage(String.format(Locale.ROOT, "%.1f MB", downloader.bytesReceived() / 1e6));
                }
                else
                {
                    System.out.println(r.outcome() == Outcome.FETCHED ? String.format(Locale.ROOT, "fetched %s (%s)",
                        r.path().getFileName(), r.empty() ? "no rows that day" : mb(r.bytes())) :
                        "failed " + r.path().getFileName() + (r.status() > 0 ? " (HTTP " + r.status() + ")" : "") +
                            " (see the end)");
                }
            }
        };
        final TardisDownloadReport report;
        try
        {
            report = downloader.run(plan, listener);
        }
        finally
        {
            if (progress[0] != null)
            {
                progress[0].close();
            }
        }
        final double seconds = report.nanos() / 1e9;
        System.out.printf(Locale.ROOT, "fetched %d file(s), %s in %.2f s (%.1f MB/s)%s; in the folder already %d; " +
                "not available %d; needs a key %d; failed %d; not attempted %d%n", report.count(Outcome.FETCHED),
            mb(report.bytesFetched()), seconds, report.megabytesPerSecond(),
            report.fetchedEmpty() > 0 ? " (" + report.fetchedEmpty() + " without rows: no data that day)" : "",
            report.count(Outcome.SKIPPED), report.count(Outcome.NOT_AVAILABLE), report.count(Outcome.NEEDS_KEY),
            report.count(Outcome.FAILED), report.count(Outcome.NOT_ATTEMPTED));
        System.out.printf(Locale.ROOT, "  retries %d (429: %d)%n", api.fetcher().retries(), api.fetcher().throttled());
        report.results().stream().filter(r -> r.outcome() == Outcome.NOT_AVAILABLE || r.outcome() == Outcome.NEEDS_KEY)
            .limit(20).forEach(r -> System.out.println("  not asked for: " + r.path().getFileName() + ": " + r.reason()));
        final long notAsked = report.count(Outcome.NOT_AVAILABLE) + report.count(Outcome.NEEDS_KEY);
        if (notAsked > 20)
        {
            System.out.println("  … and " + (notAsked - 20) + " more not asked for");
        }
        for (final FileResult f : report.failures())
        {
            System.out.println("  FAILED " + f.path().getFileName() + (f.status() > 0 ? " (HTTP " + f.status() + ")" : "") +
                ": " + f.reason());
        }
        if (report.failures().stream().anyMatch(f -> f.status() == 401) && api.hasKey())
        {
            System.out.println("  the API key was refused: check " + (tardis.apiKeyFile != null ? tardis.apiKeyFile :
                tardis.apiKeyEnv != null ? tardis.apiKeyEnv : TardisOptions.DEFAULT_KEY_ENV));
        }
        return report;
    }

    /** The range's files with rows that the importer reads, through the one import path. */
    private int importFiles(final TardisDownloadReport report)
    {
        final java.util.Set<Path> withRows = new java.util.HashSet<>(report.filesWithRows());
        final List<Path> files = report.results().stream()
            .filter(r -> TardisImported.importLabel(r.file().dataType()).isPresent())
            .filter(r -> withRows.contains(r.path())).map(FileResult::path)
            .sorted().toList(); // in name order, as `tickwire import tardis DIR/*.csv.gz` takes them: the same journal
        final List<String> skipped = report.results().stream()
            .filter(r -> TardisImported.importLabel(r.file().dataType()).isEmpty()).map(r -> r.file().dataType()).distinct()
            .toList();
        if (!skipped.isEmpty())
        {
            System.err.println("not imported (the importer does not read them yet): " + String.join(", ", skipped));
        }
        if (files.isEmpty())
        {
            System.out.println("nothing to import");
            return 0;
        }
        final ImportOptions options = new ImportOptions();
        options.journal = journal;
        options.noProgress = noProgress || System.console() == null;
        final TickwireConfig config = ImportRun.config(journal);
        return ImportRun.execute(options, config, new TardisImport(files, null, null, null, InstrumentCatalog.open(journal)));
    }

    private static String mb(final long bytes)
    {
        return bytes < 100_000 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1e3) :
            String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
