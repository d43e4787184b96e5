package dev.tickwire.monitor.metrics;

import dev.tickwire.monitor.schedule.ScheduleState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** The scheduled jobs' outcomes as metrics, read at scrape time from the scheduler's state file beside the journal. */
public final class ScheduleMetrics implements MultiCollector
{
    private final EngineView engine;

    public ScheduleMetrics(final EngineView engine)
    {
        this.engine = engine;
    }

    @Override
    public MetricSnapshots collect()
    {
        final MetricFamilies families = new MetricFamilies();
        ScheduleState.readOrEmpty(engine.journal()).jobs().forEach((name, job) ->
        {
            final Labels labels = Labels.of("job", name);
            families.counter("tickwire_schedule_runs", "Runs of a scheduled job started", labels, job.runs);
            families.counter("tickwire_schedule_failures", "Runs of a scheduled job that failed", labels, job.failures);
            families.counter("tickwire_schedule_skipped", "Slots skipped because the job's previous run was still going",
                labels, job.overlaps);
            families.gauge("tickwire_schedule_running", "1 while the job runs", labels, job.running() ? 1 : 0);
            families.gauge("tickwire_schedule_last_ok", "1 if the job's last run succeeded, 0 if it failed",
                labels, job.outcome.equals("failed") ? 0 : 1);
            families.gauge("tickwire_schedule_overran", "1 if the job's current or last run went past its window",
                labels, job.overran ? 1 : 0);
            if (job.lastSuccessMs > 0)
            {
                families.gauge("tickwire_schedule_last_success_timestamp_seconds", "When the job last succeeded",
                    labels, job.lastSuccessMs / 1e3);
            }
            if (job.nextSlotMs > 0)
            {
                families.gauge("tickwire_schedule_next_run_timestamp_seconds", "When the job runs next", labels,
                    job.nextSlotMs / 1e3);
            }
            if (job.lastEndMs > 0)
            {
                families.gauge("tickwire_schedule_last_duration_seconds", "How long the job's last run took", labels,
                    job.lastDurationMs() / 1e3);
            }
        });
        return families.build();
    }
}
