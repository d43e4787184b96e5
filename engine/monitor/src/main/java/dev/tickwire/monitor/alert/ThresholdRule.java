package dev.tickwire.monitor.alert;

import java.util.List;
import java.util.function.Function;

/** A rule that looks at the sample as it is now: free disk, the archive failing, the engine down. */
final class ThresholdRule implements AlertRule
{
    private final String name;
    private final Function<Sample, Firing> test;

    ThresholdRule(final String name, final Function<Sample, Firing> test)
    {
        this.name = name;
        this.test = test;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public List<Firing> check(final Sample sample)
    {
        final Firing firing = test.apply(sample);
        return firing == null ? List.of() : List.of(firing);
    }

    static ThresholdRule freeDisk(final String name, final long belowBytes)
    {
        return new ThresholdRule(name, s ->
        {
            if (s.disk() == null || s.disk().freeBytes() >= belowBytes)
            {
                return null;
            }
            return new Firing("", "journal disk: " + gb(s.disk().freeBytes()) + " free (alert below " + gb(belowBytes) + ")",
                "journal " + gb(s.disk().journalBytes()));
        });
    }

    static ThresholdRule archiveFailing(final String name)
    {
        return new ThresholdRule(name, s -> s.output("archive/failing") > 0 ?
            new Firing("", "the archive's last pass failed (" + s.output("archive/errors") + " errors so far)",
                "days archived " + s.output("archive/days_archived") + "; see the engine log for the reason") : null);
    }

    /**
     * The last {@code tickwire backup} failed, or none succeeded for {@code maxAgeMs} (none at all counts
     * once the engine has run that long).
     */
    static ThresholdRule backupFailing(final String name, final long maxAgeMs)
    {
        return new ThresholdRule(name, s ->
        {
            final BackupStatus last = BackupStatus.read(s.journal());
            if (last == null)
            {
                return s.nowMs() - s.startTimeMs() > maxAgeMs ?
                    new Firing("", "no backup has run (tickwire backup)", "expected one every " + maxAgeMs / 3_600_000 + " h") : null;
            }
            if (!last.ok())
            {
                return new Firing("", "the last backup failed: " + last.error(), "to " + last.to() + " at " +
                    java.time.Instant.ofEpochMilli(last.timeMs()));
            }
            return s.nowMs() - last.timeMs() > maxAgeMs ? new Firing("", "no backup for " + (s.nowMs() - last.timeMs()) /
                3_600_000 + " h (alert after " + maxAgeMs / 3_600_000 + " h)", "last to " + last.to()) : null;
        });
    }

    /**
     * The engine not running, or running without a heartbeat for {@code afterMs} (hung): checked by
     * {@code tickwire watch}, a process of its own, since an engine cannot report its own death.
     */
    static ThresholdRule engineDown(final String name, final long afterMs)
    {
        return new ThresholdRule(name, s ->
        {
            if (!s.running())
            {
                return new Firing("", "the engine is not running", "last heartbeat " + ago(s, s.engine("heartbeat_time_ms")));
            }
            final long heartbeat = s.engine("heartbeat_time_ms");
            if (heartbeat > 0 && s.nowMs() - heartbeat > afterMs) // 0: an engine without heartbeats
            {
                return new Firing("", "the engine runs but its heartbeat stopped " + ago(s, heartbeat),
                    "threshold " + afterMs / 1000 + " s");
            }
            return null;
        });
    }

    private static String ago(final Sample s, final long timeMs)
    {
        return timeMs <= 0 ? "never" : (s.nowMs() - timeMs) / 1000 + " s ago";
    }

    /** Binary, as the config's sizes are (5g = 5 GiB). */
    static String gb(final long bytes)
    {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double)(1L << 30));
    }
}
