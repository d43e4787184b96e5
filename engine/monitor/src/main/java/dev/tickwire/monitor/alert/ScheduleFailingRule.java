package dev.tickwire.monitor.alert;

import dev.tickwire.monitor.schedule.ScheduleState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduled job's last run failed, or a run went past its window (or a slot was skipped because the run before
 * was still going): one firing per job, resolved by its next run that ends well and in time. Reads the
 * scheduler's state file beside the journal, so it sees jobs run by the engine's scheduler.
 */
final class ScheduleFailingRule implements AlertRule
{
    private final String name;
    private final String onlyJob;

    ScheduleFailingRule(final String name, final String onlyJob)
    {
        this.name = name;
        this.onlyJob = onlyJob;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public List<Firing> check(final Sample sample)
    {
        final List<Firing> firings = new ArrayList<>();
        ScheduleState.readOrEmpty(sample.journal()).jobs().forEach((job, s) ->
        {
            if (onlyJob != null && !onlyJob.equals(job))
            {
                return;
            }
            if (s.outcome.equals("failed"))
            {
                firings.add(new Firing(job, "scheduled job " + job + " failed: " + s.error,
                    "run at " + Instant.ofEpochMilli(s.lastStartMs) + ", " + s.failures + " failure(s) so far"));
            }
            else if (s.overran)
            {
                firings.add(new Firing(job, "scheduled job " + job + " overran its window" +
                    (s.overlaps > 0 ? " (" + s.overlaps + " run(s) skipped: the one before was still going)" : ""),
                    "started " + Instant.ofEpochMilli(s.lastStartMs) + (s.running() ? ", still running" : "")));
            }
        });
        return firings;
    }
}
