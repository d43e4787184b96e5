package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.monitor.metrics.EngineView;
import dev.tickwire.wire.sbe.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules over a real counters file, and an alert's life: fires once, reminds, resolves once. */
class AlertsTest
{
    /** Wednesday 2026-12-02 15:00 UTC: CME Globex is open. */
    private static final long WEDNESDAY = Instant.parse("2026-12-02T15:00:00Z").toEpochMilli();
    /** Saturday 2026-12-05 15:00 UTC: CME Globex is closed. */
    private static final long SATURDAY = Instant.parse("2026-12-05T15:00:00Z").toEpochMilli();

    @TempDir
    Path dir;
    private CountersFile file;
    private EngineCounters counters;
    private EngineView view;
    private final List<Notice> notices = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        file = CountersFile.create(dir.resolve("counters.dat"), 256);
        counters = new EngineCounters(file.manager());
        counters.registerSource(3, "sierra ES scid");
        counters.sourceState(3).setRelease(SourceState.TAILING.code());
        view = EngineView.open(dir.resolve("counters.dat"), dir);
    }

    @AfterEach
    void tearDown()
    {
        view.close();
        file.close();
    }

    private Alerts alerts(final String rulesYaml, final long renotifyMs)
    {
        final JsonNode rules = ConfigLoader.parse("alerts:\n  rules:\n" + rulesYaml).alerts.get("rules");
        return new Alerts(AlertRules.parse(rules, "alerts.rules", false), renotifyMs, "md-1", notices::add);
    }

    private List<Notice> check(final Alerts alerts, final long nowMs)
    {
        notices.clear();
        alerts.evaluate(Sample.take(view, nowMs));
        return List.copyOf(notices);
    }

    @Test
    void aSilentSourceFiresOnceRemindsAndResolvesCountingOnlyOpenHours()
    {
        final Alerts alerts = alerts("    - type: sourceSilent\n      for: 2m\n      calendar: CME\n", 600_000);
        // a Saturday: the market is closed, a day of silence is no alert
        counters.sourceLastEventTime(3, "sierra ES scid").setRelease((SATURDAY - 15 * 3_600_000L) * 1_000_000L); // Sat 00:00
        assertThat(check(alerts, SATURDAY)).isEmpty();

        counters.sourceLastEventTime(3, "sierra ES scid").setRelease((WEDNESDAY - 60_000) * 1_000_000L);
        assertThat(check(alerts, WEDNESDAY)).as("a minute is within 2m").isEmpty();
        final List<Notice> fired = check(alerts, WEDNESDAY + 90_000);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).state()).isEqualTo(Notice.State.FIRING);
        assertThat(fired.get(0).rule()).isEqualTo("sourceSilent:sierra ES scid");
        assertThat(fired.get(0).summary()).isEqualTo("sierra ES scid silent for 150 s of open market (CME)");
        assertThat(fired.get(0).host()).isEqualTo("md-1");
        assertThat(check(alerts, WEDNESDAY + 120_000)).as("fires once").isEmpty();
        assertThat(alerts.firing()).containsOnlyKeys("sourceSilent:sierra ES scid");
        final List<Notice> reminded = check(alerts, WEDNESDAY + 90_000 + 600_000);
        assertThat(reminded).extracting(Notice::state).containsExactly(Notice.State.REMINDER);

        counters.sourceLastEventTime(3, "sierra ES scid").setRelease((WEDNESDAY + 700_000) * 1_000_000L);
        final List<Notice> resolved = check(alerts, WEDNESDAY + 701_000);
        assertThat(resolved).extracting(Notice::state).containsExactly(Notice.State.RESOLVED);
        assertThat(resolved.get(0).summary()).startsWith("resolved: sierra ES scid silent for");
        assertThat(alerts.firing()).isEmpty();
        assertThat(check(alerts, WEDNESDAY + 702_000)).as("resolved once").isEmpty();
    }

    @Test
    void aSourceStalledLongerThanItsThresholdFiresAndResolvesWhenItWorksAgain()
    {
        final Alerts alerts = alerts("    - type: sourceStalled\n      for: 30s\n", 0);
        counters.registerSource(30_001, "bnf klines 1m BTCUSDT");
        counters.sourceCounter(30_001, "bnf klines 1m BTCUSDT", "circuit open").setRelease(1);
        counters.sourceCounter(30_001, "bnf klines 1m BTCUSDT", "failed polls").setRelease(7);
        final long now = System.currentTimeMillis(); // the file's engine runs: this test's process
        assertThat(check(alerts, now)).isEmpty();
        counters.sourceState(30_001).setRelease(SourceState.STALLED.code());
        assertThat(check(alerts, now + 1_000)).as("stalled, not yet for 30 s").isEmpty();
        final List<Notice> fired = check(alerts, now + 31_000);
        assertThat(fired).extracting(Notice::rule).containsExactly("sourceStalled:bnf klines 1m BTCUSDT");
        assertThat(fired.get(0).summary()).isEqualTo("bnf klines 1m BTCUSDT stalled for 30 s (its API's circuit is open)");
        assertThat(fired.get(0).detail()).startsWith("failed polls 7,");
        counters.sourceState(30_001).setRelease(SourceState.TAILING.code());
        assertThat(check(alerts, now + 32_000)).extracting(Notice::state).containsExactly(Notice.State.RESOLVED);
        assertThatThrownBy(() -> alerts("    - type: sourceStalled\n      after: 1m\n", 0))
            .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.rules[0].after");
    }

    @Test
    void rejectsAboveNPerWindow()
    {
        final Alerts alerts = alerts("    - type: rejects\n      above: 10\n      per: 1m\n", 0);
        final long now = System.currentTimeMillis(); // the window starts at 0 at the engine's start (the counters file's)
        assertThat(check(alerts, now)).isEmpty();
        for (int i = 0; i < 10; i++)
        {
            counters.countReject(RejectReason.PRICE_OFF_TICK.value());
        }
        assertThat(check(alerts, now + 10_000)).as("10 is not above 10").isEmpty();
        counters.countReject(RejectReason.PRICE_OFF_TICK.value());
        final List<Notice> fired = check(alerts, now + 20_000);
        assertThat(fired).extracting(Notice::summary).containsExactly("11 rejects in the last 60 s (alert above 10)");
        // the window moves on: 11 rejects older than a minute no longer count
        assertThat(check(alerts, now + 90_000)).extracting(Notice::state).containsExactly(Notice.State.RESOLVED);
    }

    @Test
    void anyAeronDropFreeDiskAndTheArchiveFailing()
    {
        final Alerts alerts = alerts("    - type: aeronDrops\n    - type: freeDisk\n      below: 1000000g\n" +
            "    - type: archiveFailing\n", 0);
        final List<Notice> first = check(alerts, WEDNESDAY);
        assertThat(first).extracting(Notice::rule).containsExactly("freeDisk"); // nobody has an exabyte free
        assertThat(first.get(0).summary()).contains(" GiB free (alert below 1000000.0 GiB)");

        counters.dropped().incrementRelease();
        assertThat(check(alerts, WEDNESDAY + 1_000)).extracting(Notice::rule).containsExactly("aeronDrops");

        final var failing = counters.outputCounter(1_000, "archive", "failing");
        failing.setRelease(2);
        assertThat(check(alerts, WEDNESDAY + 2_000)).extracting(Notice::rule).containsExactly("archiveFailing");
        failing.setRelease(0);
        assertThat(check(alerts, WEDNESDAY + 3_000)).extracting(Notice::rule, Notice::state)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("archiveFailing", Notice.State.RESOLVED));
    }

    @Test
    void aFailedOrOverdueBackupFires()
    {
        final Alerts alerts = alerts("    - type: backupFailing\n      maxAge: 24h\n", 0);
        final long now = System.currentTimeMillis();
        assertThat(check(alerts, now)).as("no backup yet, but the engine has not run a day").isEmpty();
        BackupStatus.write(dir, BackupStatus.failed("/mnt/backup", "/mnt/backup: No space left on device"));
        assertThat(check(alerts, now + 1_000)).extracting(Notice::summary)
            .containsExactly("the last backup failed: /mnt/backup: No space left on device");
        BackupStatus.write(dir, BackupStatus.ok("/mnt/backup", 42));
        assertThat(check(alerts, now + 2_000)).extracting(Notice::state).containsExactly(Notice.State.RESOLVED);
        assertThat(check(alerts, now + 26 * 3_600_000L + 1_800_000L)).extracting(Notice::summary)
            .containsExactly("no backup for 26 h (alert after 24 h)");
    }

    @Test
    void aFailedOrOverrunningScheduledJobFiresPerJob()
    {
        final Alerts alerts = alerts("    - type: scheduleFailing\n", 0);
        final long now = System.currentTimeMillis();
        final dev.tickwire.monitor.schedule.ScheduleState state = new dev.tickwire.monitor.schedule.ScheduleState();
        state.getOrAdd("daily").outcome = "ok";
        state.write(dir);
        assertThat(check(alerts, now)).isEmpty();

        final var daily = state.job("daily");
        daily.outcome = "failed";
        daily.error = "exit code 1";
        daily.failures = 1;
        final var sync = state.getOrAdd("sync");
        sync.outcome = "running";
        sync.overran = true;
        sync.overlaps = 2;
        state.write(dir);
        assertThat(check(alerts, now + 1_000)).extracting(Notice::summary).containsExactlyInAnyOrder(
            "scheduled job daily failed: exit code 1",
            "scheduled job sync overran its window (2 run(s) skipped: the one before was still going)");

        daily.outcome = "ok";
        sync.outcome = "ok";
        sync.overran = false;
        state.write(dir);
        assertThat(check(alerts, now + 2_000)).extracting(Notice::state)
            .containsExactly(Notice.State.RESOLVED, Notice.State.RESOLVED);
    }

    @Test
    void engineDownIsAWatchersRule() throws Exception
    {
        final JsonNode rules = ConfigLoader.parse("alerts:\n  rules:\n    - type: engineDown\n      after: 5s\n" +
            "    - type: aeronDrops\n").alerts.get("rules");
        assertThat(AlertRules.parse(rules, "alerts.rules", false)).extracting(AlertRule::name).containsExactly("aeronDrops");
        final Alerts watch = new Alerts(AlertRules.parse(rules, "alerts.rules", true), 0, "md-1", notices::add);

        final long now = System.currentTimeMillis();
        counters.heartbeatTimeMs().setRelease(now - 1_000);
        assertThat(check(watch, now)).isEmpty();
        counters.heartbeatTimeMs().setRelease(now - 6_000);
        assertThat(check(watch, now)).extracting(Notice::summary)
            .containsExactly("the engine runs but its heartbeat stopped 6 s ago");

        // the process that wrote the counters file is gone (its pid, at byte 16 of the header, is dead)
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (RandomAccessFile raw = new RandomAccessFile(dir.resolve("counters.dat").toFile(), "rw"))
        {
            raw.seek(16);
            raw.writeLong(Long.reverseBytes(gone.pid())); // little-endian, as Agrona writes it
        }
        assertThat(check(watch, now + 1_000)).as("still the one engineDown alert: no second notice").isEmpty();
        assertThat(watch.firing()).containsExactly(java.util.Map.entry("engineDown", "the engine is not running"));
    }

    @Test
    void aBadRuleFailsNamingItsKey()
    {
        assertThatThrownBy(() -> alerts("    - type: sourceSilence\n", 0)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'alerts.rules[0].type'").hasMessageContaining("unknown rule type 'sourceSilence'");
        assertThatThrownBy(() -> alerts("    - type: rejects\n      abve: 5\n", 0))
            .hasMessageContaining("'alerts.rules[0].abve'").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> alerts("    - type: sourceSilent\n      for: 500ms\n", 0))
            .hasMessageContaining("'alerts.rules[0].for'").hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> alerts("    - type: sourceSilent\n      calendar: NYSE\n", 0))
            .hasMessageContaining("'alerts.rules[0].calendar'");
        assertThatThrownBy(() -> alerts("    - type: freeDisk\n    - type: freeDisk\n", 0))
            .hasMessageContaining("'alerts.rules[1].name'").hasMessageContaining("used twice");
        assertThatThrownBy(() -> alerts("    - type: rejects\n      above: -1\n", 0))
            .hasMessageContaining("'alerts.rules[0].above'");
    }
}
