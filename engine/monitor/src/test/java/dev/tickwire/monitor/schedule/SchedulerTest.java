package dev.tickwire.monitor.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduler on a clock the test moves: slots, catch-up after downtime, no overlap, windows, zones and DST. */
class SchedulerTest
{
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    @TempDir
    Path journal;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T07:59:00Z"));
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingRunner runner = new RecordingRunner();

    @AfterEach
    void stop() throws InterruptedException
    {
        runner.release();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aJobRunsAtEachSlotAndRecordsItsOutcome() throws Exception
    {
        final Scheduler scheduler = scheduler("{name: nightly, cron: '0 8 * * *', run: 'backup --to /b'}");
        scheduler.onStart();
        assertThat(scheduler.doWork()).isZero();
        assertThat(runner.started).isEmpty();

        clock.set("2026-12-01T08:00:00Z");
        scheduler.doWork();
        awaitOutcome(scheduler, "nightly", "ok");
        assertThat(runner.started).containsExactly("backup --to /b");

        final ScheduleState.Job job = ScheduleState.read(journal).job("nightly");
        assertThat(job.runs).isEqualTo(1);
        assertThat(Instant.ofEpochMilli(job.lastSlotMs)).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(Instant.ofEpochMilli(job.nextSlotMs)).isEqualTo("2026-12-02T08:00:00Z");
        assertThat(job.lastSuccessMs).isEqualTo(clock.millis());

        clock.set("2026-12-01T20:00:00Z");
        scheduler.doWork();
        assertThat(runner.started).hasSize(1);
    }

    @Test
    void runsMissedWhileDownAreCaughtUpOnceAtStart() throws Exception
    {
        Scheduler scheduler = scheduler("{name: nightly, cron: '0 8 * * *', run: verify}");
        scheduler.onStart();
        clock.set("2026-12-01T08:00:00Z");
        scheduler.doWork();
        awaitOutcome(scheduler, "nightly", "ok");

        // down for three slots (the 2nd, 3rd and 4th at 08:00), started again on the 4th at 10:00
        clock.set("2026-12-04T10:00:00Z");
        scheduler = scheduler("{name: nightly, cron: '0 8 * * *', run: verify}");
        scheduler.onStart();
        scheduler.doWork();
        scheduler.doWork();
        awaitOutcome(scheduler, "nightly", "ok");
        assertThat(runner.started).hasSize(2);
        final ScheduleState.Job job = ScheduleState.read(journal).job("nightly");
        assertThat(job.catchUp).isTrue();
        assertThat(Instant.ofEpochMilli(job.lastSlotMs)).as("the latest missed slot").isEqualTo("2026-12-04T08:00:00Z");
        assertThat(Instant.ofEpochMilli(job.nextSlotMs)).isEqualTo("2026-12-05T08:00:00Z");
    }

    @Test
    void aNewJobDoesNotRunItsPastSlots()
    {
        clock.set("2026-12-04T10:00:00Z");
        final Scheduler scheduler = scheduler("{name: nightly, cron: '0 8 * * *', run: verify}");
        scheduler.onStart();
        scheduler.doWork();
        assertThat(runner.started).isEmpty();
    }

    @Test
    void aJobNeverOverlapsItselfAndAnOverrunIsReported() throws Exception
    {
        runner.block();
        final Scheduler scheduler = scheduler("{name: sync, cron: '*/5 * * * *', run: 'archive sync'}");
        clock.set("2026-12-01T08:04:00Z");
        scheduler.onStart();
        clock.set("2026-12-01T08:05:00Z");
        scheduler.doWork();
        assertThat(runner.awaitStarted(1)).isTrue();

        clock.set("2026-12-01T08:10:00Z"); // the next slot while the first run still runs
        scheduler.doWork();
        ScheduleState.Job job = ScheduleState.read(journal).job("sync");
        assertThat(job.outcome).isEqualTo("running");
        assertThat(job.overlaps).isEqualTo(1);
        assertThat(job.overran).isTrue();
        assertThat(runner.started).hasSize(1);

        runner.release();
        awaitOutcome(scheduler, "sync", "ok");
        job = ScheduleState.read(journal).job("sync");
        assertThat(job.overran).as("it ended past its window").isTrue();

        clock.set("2026-12-01T08:15:00Z");
        scheduler.doWork();
        awaitOutcome(scheduler, "sync", "ok");
        assertThat(runner.started).hasSize(2);
        assertThat(ScheduleState.read(journal).job("sync").overran).as("a run within its window clears it").isFalse();
    }

    @Test
    void aRunPastItsConfiguredWindowIsReportedWhileItRuns() throws Exception
    {
        runner.block();
        final Scheduler scheduler = scheduler("{name: daily, cron: '0 8 * * *', window: 2h, run: daily}");
        scheduler.onStart();
        clock.set("2026-12-01T08:00:00Z");
        scheduler.doWork();
        runner.awaitStarted(1);
        clock.set("2026-12-01T09:59:00Z");
        scheduler.doWork();
        assertThat(ScheduleState.read(journal).job("daily").overran).isFalse();
        clock.set("2026-12-01T10:00:01Z");
        scheduler.doWork();
        assertThat(ScheduleState.read(journal).job("daily").overran).isTrue();
    }

    @Test
    void aFailedRunIsRecordedWithItsExitCode() throws Exception
    {
        runner.exitCode = 3;
        final Scheduler scheduler = scheduler("{name: daily, cron: '0 8 * * *', run: daily}");
        scheduler.onStart();
        clock.set("2026-12-01T08:00:00Z");
        scheduler.doWork();
        awaitOutcome(scheduler, "daily", "failed");
        final ScheduleState.Job job = ScheduleState.read(journal).job("daily");
        assertThat(job.failures).isEqualTo(1);
        assertThat(job.exitCode).isEqualTo(3);
        assertThat(job.error).isEqualTo("exit code 3");
        assertThat(job.lastSuccessMs).isZero();
    }

    @Test
    void aRunCutShortByAStopIsAFailureAtTheNextStart() throws Exception
    {
        runner.block();
        Scheduler scheduler = scheduler("{name: daily, cron: '0 8 * * *', run: daily}");
        scheduler.onStart();
        clock.set("2026-12-01T08:00:00Z");
        scheduler.doWork();
        runner.awaitStarted(1);
        assertThat(ScheduleState.read(journal).job("daily").outcome).isEqualTo("running");

        clock.set("2026-12-01T08:30:00Z"); // the process is killed and started again
        scheduler = scheduler("{name: daily, cron: '0 8 * * *', run: daily}");
        scheduler.onStart();
        final ScheduleState.Job job = ScheduleState.read(journal).job("daily");
        assertThat(job.outcome).isEqualTo("failed");
        assertThat(job.error).isEqualTo("the process stopped while it ran");
    }

    @Test
    void slotsFollowTheZonesLocalTimeAcrossDstChanges()
    {
        final CronSchedule london = CronSchedule.parse("c", "30 1 * * *", "z", "Europe/London");
        // spring forward on 2026-03-29: 01:00 GMT becomes 02:00 BST, 01:30 does not exist that day
        final List<Instant> spring = slots(london, "2026-03-27T12:00:00Z", 3);
        assertThat(spring).hasSize(3);
        assertThat(spring.get(0)).isEqualTo("2026-03-28T01:30:00Z");
        assertThat(spring.get(1).atZone(ZoneId.of("Europe/London")).toLocalDate()).hasToString("2026-03-29");
        assertThat(spring.get(2)).isEqualTo("2026-03-30T00:30:00Z"); // 01:30 BST
        // fall back on 2026-10-25: 02:00 BST becomes 01:00 GMT, 01:30 happens twice: it runs the first time only
        final List<Instant> fall = slots(london, "2026-10-24T12:00:00Z", 3);
        assertThat(fall).containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"),
            Instant.parse("2026-10-27T01:30:00Z"));
        // a zone's own offset
        final CronSchedule newYork = CronSchedule.parse("c", "0 8 * * 1-5", "z", "America/New_York");
        assertThat(newYork.next(Instant.parse("2026-12-04T12:00:00Z"))).isEqualTo("2026-12-04T13:00:00Z");
        assertThat(newYork.next(Instant.parse("2026-12-04T13:00:00Z"))).as("Friday, then Monday")
            .isEqualTo("2026-12-07T13:00:00Z");
    }

    @Test
    void aScheduledRunAcrossTheFallBackHourRunsOnce() throws Exception
    {
        final Scheduler scheduler = scheduler("{name: n, cron: '30 1 * * *', zone: Europe/London, run: verify}");
        clock.set("2026-10-24T23:00:00Z");
        scheduler.onStart();
        for (Instant t = clock.instant(); t.isBefore(Instant.parse("2026-10-25T03:00:00Z")); t = t.plusSeconds(600))
        {
            clock.set(t.toString());
            scheduler.doWork();
            awaitNotRunning(scheduler, "n");
        }
        assertThat(runner.started).hasSize(1);
    }

    @Test
    void badScheduleConfigFailsNamingTheKey()
    {
        assertThatThrownBy(() -> scheduler("{name: a, cron: '0 25 * * *', run: verify}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.jobs[0].cron");
        assertThatThrownBy(() -> scheduler("{name: a, cron: '0 8 * * *', zone: Mars/Base, run: verify}"))
            .hasMessageContaining("schedule.jobs[0].zone");
        assertThatThrownBy(() -> scheduler("{name: a, cron: '0 8 * * *', run: verify, every: 1d}"))
            .hasMessageContaining("schedule.jobs[0].every");
        assertThatThrownBy(() -> scheduler("{name: a, cron: '0 8 * * *'}"))
            .hasMessageContaining("schedule.jobs[0].run");
        assertThatThrownBy(() -> scheduler("{name: a, cron: '0 8 * * *', run: rm -rf}"))
            .hasMessageContaining("schedule.jobs[0].run").hasMessageContaining("rm");
        assertThatThrownBy(() -> scheduler("{name: a, cron: '0 8 * * *', run: verify}",
            "{name: a, cron: '0 9 * * *', run: verify}")).hasMessageContaining("schedule.jobs[1].name");
    }

    @Test
    void theRunTextSplitsIntoWordsWithQuotes()
    {
        assertThat(ScheduleConfig.command(YAML.valueToTree("tickwire backup --to '/my backups' -q"), "k"))
            .containsExactly("backup", "--to", "/my backups", "-q");
    }

    private static List<Instant> slots(final CronSchedule cron, final String from, final int n)
    {
        final List<Instant> slots = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < n; i++)
        {
            t = cron.next(t);
            slots.add(t);
        }
        return slots;
    }

    private Scheduler scheduler(final String... jobs)
    {
        try
        {
            final String yaml = "jobs: [" + String.join(", ", jobs) + "]";
            return new Scheduler(ScheduleConfig.parse(YAML.readTree(yaml), runner), runner, clock, journal, executor);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void awaitOutcome(final Scheduler scheduler, final String job, final String outcome) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!scheduler.state().job(job).outcome.equals(outcome) && System.nanoTime() < deadline)
        {
            scheduler.doWork();
            Thread.sleep(2);
        }
        assertThat(scheduler.state().job(job).outcome).isEqualTo(outcome);
    }

    private static void awaitNotRunning(final Scheduler scheduler, final String job) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scheduler.state().job(job).running() && System.nanoTime() < deadline)
        {
            scheduler.doWork();
            Thread.sleep(2);
        }
    }

    /** A job runner that records each command and can hold a run until released. */
    static final class RecordingRunner implements JobRunner
    {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        volatile int exitCode;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void block()
        {
            gate = new CountDownLatch(1);
        }

        void release()
        {
            gate.countDown();
        }

        boolean awaitStarted(final int n) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (started.size() < n && System.nanoTime() < deadline)
            {
                Thread.sleep(2);
            }
            return started.size() >= n;
        }

        @Override
        public void check(final List<String> command, final String key)
        {
            if (!List.of("backup", "verify", "daily", "archive", "batch").contains(command.get(0)))
            {
                throw new ConfigException(key, "'" + command.get(0) + "' cannot be scheduled");
            }
        }

        @Override
        public int run(final List<String> command) throws Exception
        {
            started.add(String.join(" ", command));
            gate.await();
            return exitCode;
        }
    }

    /** A clock the test sets. */
    static final class MovableClock extends Clock
    {
        private volatile Instant now;

        MovableClock(final Instant now)
        {
            this.now = now;
        }

        void set(final String instant)
        {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }
}
