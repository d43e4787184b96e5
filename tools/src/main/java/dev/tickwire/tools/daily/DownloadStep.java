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
    /** Failures named in the step's error; the state's counts have them all. */
    private static final int NAMED = 3;

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

    @Override
    public String dryRun(final DailyContext context, final LocalDate day) throws Exception
    {
        final List<FileResult> results = downloader(context).dryRun(plan(context, day));
        final List<String> fetch = results.stream().filter(r -> r.outcome() == TardisDownloader.Outcome.NOT_ATTEMPTED)
            .map(r -> r.file().fileName()).toList();
        final long have = results.stream().filter(r -> r.outcome() == TardisDownloader.Outcome.SKIPPED).count();
        final long notAvailable = results.stream().filter(r -> r.outcome() == TardisDownloader.Outcome.NOT_AVAILABLE).count();
        final long needsKey = results.stream().filter(r -> r.outcome() == TardisDownloader.Outcome.NEEDS_KEY).count();
        return "would fetch " + fetch.size() + " file(s) into " + context.daily.cache + (fetch.isEmpty() ? "" :
            " (" + String.join(", ", fetch.subList(0, Math.min(NAMED, fetch.size()))) + (fetch.size() > NAMED ? ", …" : "") +
            ")") + "; " + have + " there already" +
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
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files", report.results().size());
        counts.put("fetched", report.count(TardisDownloader.Outcome.FETCHED));
        counts.put("inFolder", report.count(TardisDownloader.Outcome.SKIPPED));
        counts.put("notAvailable", report.count(TardisDownloader.Outcome.NOT_AVAILABLE));
        counts.put("needsKey", report.count(TardisDownloader.Outcome.NEEDS_KEY));
        counts.put("failed", report.failures().size());
        counts.put("withoutRows", report.results().stream().filter(FileResult::empty).count());
        counts.put("bytesFetched", report.bytesFetched());
        counts.put("retries", context.api().fetcher().retries() - retriesBefore);
        if (!report.failures().isEmpty())
        {
            counts.put("failures", report.failures().stream().map(f -> f.file().fileName() + ": " + f.reason()).toList());
            throw new StepFailure(report.failures().size() + " of " + report.results().size() + " file(s) failed: " +
                report.failures().stream().limit(NAMED).map(f -> f.file().fileName() + (f.status() > 0 ? " (HTTP " +
                    f.status() + ")" : "") + ": " + f.reason()).collect(Collectors.joining("; ")) +
                (report.failures().size() > NAMED ? "; …" : "") + " (the next run fetches only what is missing)", counts);
        }
        final long needsKey = report.count(TardisDownloader.Outcome.NEEDS_KEY);
        if (needsKey > 0)
        {
            throw new StepFailure(needsKey + " file(s) need an API key (without one only the first day of a month is " +
                "served): set daily.apiKeyEnv or daily.apiKeyFile", counts);
        }
        return new Outcome(String.format(Locale.ROOT, "fetched %d file(s) (%.1f MB), %d in the folder already, " +
                "%d not available, %d without rows; %d retries", report.count(TardisDownloader.Outcome.FETCHED), report.bytesFetched() / 1e6,
            report.count(TardisDownloader.Outcome.SKIPPED), report.count(TardisDownloader.Outcome.NOT_AVAILABLE), (long)counts.get("withoutRows"),
            (long)counts.get("retries")), counts);
    }
}
