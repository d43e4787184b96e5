package dev.tickwire.monitor.schedule;

import dev.tickwire.engine.config.TickwireConfig;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler of a running process ({@code tickwire run}): one sleeping thread that looks at the clock once a
 * second, and a thread per job run, none of them the engine's. Nothing (no thread) when {@code schedule} is unset.
 */
public final class Schedules implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
    /** How often the scheduler looks at the clock: cron's granularity is a minute. */
    private static final long TICK_MS = 1_000;

    private final AgentRunner runner;
    private final ExecutorService jobs;

    private Schedules(final AgentRunner runner, final ExecutorService jobs)
    {
        this.runner = runner;
        this.jobs = jobs;
    }

    /**
     * @return the running scheduler, or null when the config schedules nothing
     * @throws dev.tickwire.engine.config.ConfigException naming the key of a bad job
     */
    public static Schedules start(final TickwireConfig config, final JobRunner jobRunner)
    {
        final List<ScheduledJob> parsed = ScheduleConfig.parse(config.schedule, jobRunner);
        if (parsed.isEmpty())
        {
            return null;
        }
        final AtomicInteger n = new AtomicInteger();
        final ExecutorService jobs = Executors.newCachedThreadPool(r ->
        {
            final Thread t = new Thread(r, "tickwire-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        final Scheduler scheduler = new Scheduler(parsed, jobRunner, Clock.systemUTC(), config.journalPath(), jobs);
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(TICK_MS),
            t -> LOG.error("schedule: {}", t.toString(), t), null, scheduler);
        AgentRunner.startOnThread(runner);
        for (final ScheduledJob job : parsed)
        {
            LOG.info("schedule: {} at '{}' ({}), next {}", job.name(), job.cron().expression(), job.cron().zone(),
                job.cron().next(Clock.systemUTC().instant()));
        }
        return new Schedules(runner, jobs);
    }

    /** Stops the scheduler; a job still running is interrupted (its state says it was cut short at the next start). */
    @Override
    public void close()
    {
        CloseHelper.quietClose(runner);
        jobs.shutdownNow();
        try
        {
            jobs.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
