package dev.tickwire.tools.daily;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One step of the daily chain for one UTC day. A step is idempotent (run twice, it does the work once) and
 * resumable (killed halfway, its next run carries on: the download fetches only missing files, the importer
 * skips what the journal holds, the archive rewrites a day to the same bytes), so the chain only records which
 * steps finished. Steps keep no state of their own between days: what they share lives in the {@link DailyContext}.
 */
public interface DailyStep
{
    /** The name in {@code daily.steps} and in the state file. */
    String name();

    /** Steps that must come before this one when both are in the chain (a missing one is not required). */
    List<String> needs();

    /** What {@link #run} would do for the day, changing nothing: one line, or a few. */
    String dryRun(DailyContext context, LocalDate day) throws Exception;

    /**
     * Does the day's part.
     *
     * @param state the day's state: earlier steps' counts, and {@link DayState#progress} for a long step
     * @throws NotReady the data is not there yet (not a failure)
     * @throws Held     the step must wait for another day
     * @throws Exception anything else: the step failed, its message is the cause
     */
    Outcome run(DailyContext context, LocalDate day, DayState state) throws Exception;

    /**
     * What a step did.
     *
     * @param summary one line for people, e.g. "fetched 3 file(s) (1.2 MB), 1 in the folder already"
     * @param counts  for the state file and {@code --json}: names to numbers, texts or lists
     */
    record Outcome(String summary, Map<String, Object> counts)
    {
    }

    /** The day's data is not published yet (e.g. Tardis exports a day about 06:00 UTC the next day). */
    final class NotReady extends RuntimeException
    {
        public NotReady(final String message)
        {
            super(message, null, false, false);
        }
    }

    /** The step must not run before another day's (e.g. an import that would leave an earlier day out for good). */
    final class Held extends RuntimeException
    {
        public Held(final String message)
        {
            super(message, null, false, false);
        }
    }
}
