package dev.tickwire.tools.daily;

import dev.tickwire.adapters.tardis.download.TardisDownloadPlan;
import dev.tickwire.adapters.tardis.download.TardisDownloadReport;
import dev.tickwire.adapters.tardis.download.TardisDownloader;
import dev.tickwire.adapters.tardis.download.TardisDownloader.FileResult;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The day's files into the download folder with {@link TardisDownloader} (as {@code tickwire download tardis}): only
 * those missing, each whole or not at all, so a rerun after a failure or a kill fetches the rest. A file that fails
 * after its retries fails the step, naming it; a day not exported yet is not ready.
 */
final class DownloadStep implements DailyStep
{
    static final String NAME = "download";
    /** Files named in a line; the state's counts have them all. */
    private static final int NAMED = 3;
    private static final TardisDownloader.Outcome FETCHED = TardisDownloader.Outcome.FETCHED;
    private static final TardisDownloader.Outcome IN_FOLDER = TardisDownloader.Outcome.SKIPPED;
    private static final TardisDownloader.Outcome NOT_AVAILABLE = TardisDownloader.Outcome.NOT_AVAILABLE;
    private static final TardisDownloader.Outcome NEEDS_KEY = TardisDownloader.Outcome.NEEDS_KEY;
    private static final TardisDownloader.Outcome TO_FETCH = TardisDownloader.Outcome.NOT_ATTEMPTED;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of();
    }

    private static TardisDownloadPlan plan(final DailyContext context, final LocalDate day) throws InterruptedException
    {
        context.checkExported(day);
        final TardisDownloadPlan.Request request = new TardisDownloadPlan.Request(context.daily.exchange,
            context.daily.dataTypes, context.daily.symbols, day, day);
        return TardisDownloadPlan.of(request, context.exchange(), context.api().hasKey());
    }

    private static TardisDownloader downloader(final DailyContext context)
    {
        return new TardisDownloader(context.api(), context.daily.cache, context.daily.section.concurrency, false, true);
    }

    private static long count(final List<FileResult> results, final TardisDownloader.Outcome outcome)
    {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String named(final List<String> names)
    {
        return String.join(", ", names.subList(0, Math.min(NAMED, names.size()))) + (names.size() > NAMED ? ", …" : "");
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day) throws Exception
    {
        final List<FileResult> results = downloader(context).dryRun(plan(context, day));
        final List<String> fetch = results.stream().filter(r -> r.outcome() == TO_FETCH).map(r -> r.file().fileName())
            .toList();
        final long notAvailable = count(results, NOT_AVAILABLE);
        final long needsKey = count(results, NEEDS_KEY);
        return "would fetch " + fetch.size() + " file(s) into " + context.daily.cache +
            (fetch.isEmpty() ? "" : " (" + named(fetch) + ")") + "; " + count(results, IN_FOLDER) + " there already" +
            (notAvailable > 0 ? "; " + notAvailable + " not available" : "") +
            (needsKey > 0 ? "; " + needsKey + " need an API key" : "");
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws Exception
    {
        final TardisDownloadPlan plan = plan(context, day);
        final long retriesBefore = context.api().fetcher().retries();
        final TardisDownloadReport report = downloader(context).run(plan, new TardisDownloader.Listener()
        {
        });
        final List<FileResult> results = report.results();
        final long withoutRows = results.stream().filter(FileResult::empty).count();
        final long retries = context.api().fetcher().retries() - retriesBefore;
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files", results.size());
        counts.put("fetched", count(results, FETCHED));
        counts.put("inFolder", count(results, IN_FOLDER));
        counts.put("notAvailable", count(results, NOT_AVAILABLE));
        counts.put("needsKey", count(results, NEEDS_KEY));
        counts.put("failed", report.failures().size());
        counts.put("withoutRows", withoutRows);
        counts.put("bytesFetched", report.bytesFetched());
        counts.put("retries", retries);
        final List<FileResult> failures = report.failures();
        if (!failures.isEmpty())
        {
            counts.put("failures", failures.stream().map(f -> f.file().fileName() + ": " + f.reason()).toList());
            throw new StepFailure(failures.size() + " of " + results.size() + " file(s) failed: " +
                failures.stream().limit(NAMED).map(f -> f.file().fileName() +
                    (f.status() > 0 ? " (HTTP " + f.status() + ")" : "") + ": " + f.reason())
                    .collect(Collectors.joining("; ")) + (failures.size() > NAMED ? "; …" : "") +
                " (the next run fetches only what is missing)", counts);
        }
        if (count(results, NEEDS_KEY) > 0)
        {
            throw new StepFailure(count(results, NEEDS_KEY) + " file(s) need an API key (without one only the first " +
                "day of a month is served): set daily.apiKeyEnv or daily.apiKeyFile", counts);
        }
        return new Outcome(String.format(Locale.ROOT, "fetched %d file(s) (%.1f MB), %d in the folder already, " +
                "%d not available, %d without rows; %d retries", count(results, FETCHED), report.bytesFetched() / 1e6,
            count(results, IN_FOLDER), count(results, NOT_AVAILABLE), withoutRows, retries), counts);
    }
}
