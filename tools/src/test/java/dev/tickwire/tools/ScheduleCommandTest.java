package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.archive.ThreeDays;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.monitor.alert.BackupStatus;
import dev.tickwire.monitor.schedule.ScheduleConfig;
import dev.tickwire.monitor.schedule.ScheduleState;
import dev.tickwire.monitor.schedule.Scheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scheduled tickwire commands run for real (verify, backup) on a clock the test moves; `schedule list` shows them. */
class ScheduleCommandTest
{
    @TempDir
    Path dir;

    @Test
    void scheduledCommandsRunAtTheirSlotsAndTheListShowsTheirOutcome() throws Exception
    {
        final Path journal = dir.resolve("data").resolve("journal");
        new ThreeDays(journal).write(0, 3);
        final Path backups = dir.resolve("backups");
        final Path config = dir.resolve("tickwire.yaml");
        Files.writeString(config, "dataDir: " + dir.resolve("data") + "\n" +
            "schedule:\n" +
            "  zone: UTC\n" +
            "  jobs:\n" +
            "    - {name: verify, cron: '0 8 * * *', run: 'verify --journal " + journal + "'}\n" +
            "    - {name: backup, cron: '30 8 * * *', zone: Europe/London, window: 1h,\n" +
            "       run: 'tickwire backup --journal " + journal + " --to " + backups + "'}\n" +
            "    - {name: broken, cron: '0 9 * * *', run: 'verify --journal " + dir.resolve("nothing") + "'}\n");
        final TickwireConfig cfg = ConfigLoader.load(config);
        cfg.conclude();

        final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T07:59:00Z"));
        final ExecutorService executor = Executors.newCachedThreadPool();
        try
        {
            final Scheduler scheduler = new Scheduler(ScheduleConfig.parse(cfg.schedule, new CommandJobRunner()),
                new CommandJobRunner(), clock, cfg.journalPath(), executor);
            scheduler.onStart();
            clock.now = Instant.parse("2026-12-01T08:00:00Z");
            awaitOutcome(scheduler, "verify", "ok");
            clock.now = Instant.parse("2026-12-01T08:30:00Z"); // 08:30 in London in December
            awaitOutcome(scheduler, "backup", "ok");
            clock.now = Instant.parse("2026-12-01T09:00:00Z");
            awaitOutcome(scheduler, "broken", "failed");
        }
        finally
        {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(BackupStatus.read(journal).ok()).as("the backup really ran").isTrue();
        assertThat(Files.isDirectory(backups.resolve("journal"))).isTrue();
        final ScheduleState state = ScheduleState.read(journal);
        assertThat(state.job("broken").exitCode).isNotZero();

        final CliTest.Result list = CliTest.run("schedule", "list", "--config", config.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(4);
        assertThat(list.out()).contains("JOB", "NEXT RUN (UTC)", "OUTCOME")
            .containsPattern("verify +0 8 \\* \\* \\* +UTC +\\d{4}-\\d\\d-\\d\\d 08:00:00 +2026-12-01 08:00:00 +ok ")
            .containsPattern("backup +30 8 \\* \\* \\* +Europe/London .* 2026-12-01 08:30:00 +ok ")
            .containsPattern("broken .* failed .* 1 +1  exit code \\d+");

        final JsonNode json = new ObjectMapper().readTree(CliTest.run("schedule", "list", "--config", config.toString(),
            "--json").out());
        assertThat(json).hasSize(3);
        assertThat(json.get(1).get("run").asText()).isEqualTo("backup --journal " + journal + " --to " + backups);
        assertThat(json.get(2).get("outcome").asText()).isEqualTo("failed");
        assertThat(json.get(0).get("last_run").asText()).isEqualTo("2026-12-01T08:00:00Z");
    }

    @Test
    void aJobThatCannotBeScheduledFailsTheConfigNamingTheKey() throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "dataDir: " + dir + "\nschedule:\n  jobs:\n" +
            "    - {name: a, cron: '0 8 * * *', run: 'verify --journal x'}\n" +
            "    - {name: b, cron: '0 8 * * *', run: 'verify --jurnal x'}\n");
        final TickwireConfig cfg = ConfigLoader.load(config);
        assertThatThrownBy(() -> ScheduleConfig.parse(cfg.schedule, new CommandJobRunner()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.jobs[1].run")
            .hasMessageContaining("--jurnal");
        Files.writeString(config, "dataDir: " + dir + "\nschedule:\n  jobs:\n" +
            "    - {name: a, cron: '0 8 * * *', run: 'run --duration 1s'}\n");
        final CliTest.Result list = CliTest.run("schedule", "list", "--config", config.toString());
        assertThat(list.exitCode()).isNotZero();
        assertThat(list.err()).contains("schedule.jobs[0].run", "'run' cannot be scheduled");
        final CliTest.Result run = CliTest.run("run", "--config", config.toString(), "--duration", "1s");
        assertThat(run.exitCode()).as("the engine does not start with a bad schedule").isNotZero();
        assertThat(run.err()).contains("schedule.jobs[0].run");
    }

    private static void awaitOutcome(final Scheduler scheduler, final String job, final String outcome) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do
        {
            scheduler.doWork();
            Thread.sleep(5);
        }
        while (!scheduler.state().job(job).outcome.equals(outcome) && System.nanoTime() < deadline);
        assertThat(scheduler.state().job(job).outcome).as(scheduler.state().job(job).error).isEqualTo(outcome);
    }

    static final class MovableClock extends Clock
    {
        volatile Instant now;

        MovableClock(final Instant now)
        {
            this.now = now;
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
