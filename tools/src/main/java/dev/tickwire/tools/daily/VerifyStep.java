package dev.tickwire.tools.daily;

import dev.tickwire.archive.Archive;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.DayManifest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the archive's days this day's archive step wrote (and the day itself): every file present with its
 * manifest's size, sha256, rows and sequence range, a complete day verified against the journal when written, and
 * the first of them following the complete day before it. Only those days: a daily check costs a day, not the
 * archive ({@code tickwire verify} checks everything).
 */
final class VerifyStep implements DailyStep
{
    static final String NAME = "verify";
    private static final int NAMED = 5;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of(ArchiveStep.NAME);
    }

    /** The days the archive step wrote (from the day's state), and the day. */
    private static List<LocalDate> days(final LocalDate day, final DayState state)
    {
        final List<LocalDate> days = new ArrayList<>(List.of(day));
        final DayState.Step archive = state == null ? null : state.find(ArchiveStep.NAME);
        if (archive != null && archive.counts != null && archive.counts.get("days") instanceof List<?> written)
        {
            written.forEach(d -> days.add(LocalDate.parse(d.toString())));
        }
        days.sort(null);
        return days;
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day)
    {
        return "would read back the archive's days the archive step writes, through " + day + ", in " +
            context.daily.archive + " (sizes, sha256, rows, sequence ranges)";
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws Exception
    {
        final List<LocalDate> days = days(day, state);
        final LocalDate from = days.get(0);
        final LocalDate to = days.get(days.size() - 1);
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        long files = 0;
        try (BucketArchive bucket = ArchiveStep.bucket(context))
        {
            problems.addAll(bucket != null ? bucket.verify(from, to) :
                Archive.at(Path.of(context.daily.archive)).verify(from, to));
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1))
            {
                final DayManifest m = ArchiveStep.manifest(context, bucket, d);
                if (m == null)
                {
                    if (days.contains(d) && !d.equals(day))
                    {
                        problems.add(d + ": no manifest, though the archive step wrote it");
                    }
                    continue;
                }
                checked++;
                files += m.files().size();
                if (m.complete() && m.verified() == null)
                {
                    problems.add(d + ": complete but never verified against the journal");
                }
            }
        }
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("days", checked);
        counts.put("files", files);
        counts.put("problems", problems.size());
        if (!problems.isEmpty())
        {
            counts.put("found", problems);
            final List<String> named = problems.subList(0, Math.min(NAMED, problems.size()));
            throw new StepFailure(problems.size() + " problem(s) in the archive: " + String.join("; ", named) +
                (problems.size() > NAMED ? "; …" : ""), counts);
        }
        return new Outcome(checked + " day(s) (" + from + (from.equals(to) ? "" : ".." + to) + "), " + files +
            " file(s): OK", counts);
    }
}
