package dev.tickwire.monitor.schedule;

import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * Runs the scheduled jobs: an Agent (checked about once a second by a sleeping idle strategy, never on the
 * engine thread) that starts each job at its slots on the executor's threads. A job never overlaps itself: a
 * slot that comes while the previous run is still going is skipped, counted and reported as an overrun. At
 * start, a job whose last recorded slot is older than its latest slot missed a run while the process was down:
 * it runs once now, however many slots it missed. The state file is written by this agent's thread only.
 */
public final class Scheduler implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final List<ScheduledJob> jobs;
    private final JobRunner runner;
    private final Clock clock;
    private final Path journal;
    private final Executor executor;
    private final ScheduleState state;
    private final Instant[] next;
    private final boolean[] catchUp;
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();

    private record Completion(int job, int exitCode, String error, long endMs)
    {
    }

    /**
     * @param journal  where the state file is kept (the engine's journal directory)
     * @param executor runs each job's command (a thread per run: a long job does not hold another back)
     */
    public Scheduler(final List<ScheduledJob> jobs, final JobRunner runner, final Clock clock, final Path journal,
        final Executor executor)
    {
        this.jobs = new ArrayList<>(jobs);
        this.runner = runner;
        this.clock = clock;
        this.journal = journal;
        this.executor = executor;
        this.state = ScheduleState.readOrEmpty(journal);
        this.next = new Instant[jobs.size()];
        this.catchUp = new boolean[jobs.size()];
    }

    @Override
    public void onStart()
    {
        final Instant now = clock.instant();
        for (int i = 0; i < jobs.size(); i++)
        {
            final ScheduledJob job = jobs.get(i);
            final ScheduleState.Job s = state.getOrAdd(job.name());
            final Instant last = job.cron().last(now);
            if (s.running())
            {
                // the process stopped during a run: that run never finished
                s.outcome = "failed";
                s.error = "the process stopped while it ran";
                s.failures++;
                s.lastEndMs = 0;
            }
            if (s.lastSlotMs > 0 && last != null && last.toEpochMilli() > s.lastSlotMs)
            {
                catchUp[i] = true;
                LOG.info("schedule: {} missed its run at {} ({}) while tickwire was down: running it now, once", job.name(),
                    job.cron().local(last), job.cron().zone());
            }
            else if (s.lastSlotMs == 0 && last != null)
            {
                s.lastSlotMs = last.toEpochMilli(); // a new job: its past slots are not missed runs
            }
            next[i] = job.cron().next(now);
            s.nextSlotMs = next[i] == null ? 0 : next[i].toEpochMilli();
        }
        save();
    }

    @Override
    public int doWork()
    {
        int work = 0;
        for (Completion c; (c = completions.poll()) != null; )
        {
            finished(c);
            work++;
        }
        final Instant now = clock.instant();
        for (int i = 0; i < jobs.size(); i++)
        {
            work += check(i, now);
        }
        if (work > 0)
        {
            save();
        }
        return work;
    }

    private int check(final int i, final Instant now)
    {
        final ScheduledJob job = jobs.get(i);
        final ScheduleState.Job s = state.job(job.name());
        int work = 0;
        if (s.running() && !s.overran && now.toEpochMilli() - s.lastStartMs > windowMs(i, job))
        {
            s.overran = true;
            LOG.warn("schedule: {} has run for {} s, past its window of {} s", job.name(),
                (now.toEpochMilli() - s.lastStartMs) / 1000, windowMs(i, job) / 1000);
            work++;
        }
        if (catchUp[i])
        {
            catchUp[i] = false;
            start(i, job, s, job.cron().last(now), now, true);
            return work + 1;
        }
        if (next[i] == null || now.isBefore(next[i]))
        {
            return work;
        }
        final Instant slot = next[i];
        next[i] = job.cron().next(now); // slots passed while the machine slept are one run, not many
        s.nextSlotMs = next[i] == null ? 0 : next[i].toEpochMilli();
        if (s.running())
        {
            s.overlaps++;
            s.overran = true;
            LOG.warn("schedule: {} is still running from {}; its run at {} is skipped", job.name(),
                Instant.ofEpochMilli(s.lastSlotMs), slot);
            return work + 1;
        }
        start(i, job, s, slot, now, false);
        return work + 1;
    }

    /** The job's window, or the time from the running slot to the next one. */
    private long windowMs(final int i, final ScheduledJob job)
    {
        if (job.windowMs() > 0)
        {
            return job.windowMs();
        }
        final Instant after = job.cron().next(Instant.ofEpochMilli(state.job(job.name()).lastSlotMs));
        return after == null ? Long.MAX_VALUE : after.toEpochMilli() - state.job(job.name()).lastSlotMs;
    }

    private void start(final int i, final ScheduledJob job, final ScheduleState.Job s, final Instant slot,
        final Instant now, final boolean catchingUp)
    {
        s.lastSlotMs = slot == null ? now.toEpochMilli() : slot.toEpochMilli();
        s.lastStartMs = now.toEpochMilli();
        s.outcome = "running";
        s.overran = false;
        s.catchUp = catchingUp;
        s.runs++;
        LOG.info("schedule: {} starts: {}", job.name(), String.join(" ", job.command()));
        executor.execute(() ->
        {
            int code;
            String error = null;
            try
            {
                code = runner.run(job.command());
            }
            catch (final Throwable t)
            {
                code = -1;
                error = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            completions.add(new Completion(i, code, error, clock.millis()));
        });
    }

    private void finished(final Completion c)
    {
        final ScheduledJob job = jobs.get(c.job());
        final ScheduleState.Job s = state.job(job.name());
        s.lastEndMs = c.endMs();
        s.exitCode = c.exitCode();
        final boolean withinWindow = c.endMs() - s.lastStartMs <= windowMs(c.job(), job);
        if (c.exitCode() == 0)
        {
            s.outcome = "ok";
            s.error = null;
            s.lastSuccessMs = c.endMs();
            s.overran |= !withinWindow;
            LOG.info("schedule: {} finished in {} s", job.name(), (c.endMs() - s.lastStartMs) / 1000);
        }
        else
        {
            s.outcome = "failed";
            s.failures++;
            s.error = c.error() != null ? c.error() : "exit code " + c.exitCode();
            s.overran |= !withinWindow;
            LOG.error("schedule: {} failed after {} s: {}", job.name(), (c.endMs() - s.lastStartMs) / 1000, s.error);
        }
    }

    private void save()
    {
        try
        {
            state.write(journal);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("schedule: cannot write {}: {}", journal.resolve(ScheduleState.FILE), ex.getMessage());
        }
    }

    /** The state as this agent last wrote it (for tests and the status of the process that runs it). */
    public ScheduleState state()
    {
        return state;
    }

    @Override
    public String roleName()
    {
        return "tickwire-scheduler";
    }
}
