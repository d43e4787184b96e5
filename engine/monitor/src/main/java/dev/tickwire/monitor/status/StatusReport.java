package dev.tickwire.monitor.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.monitor.alert.AlertAgent;
import dev.tickwire.monitor.alert.Sample;
import dev.tickwire.monitor.schedule.ScheduleState;
import dev.tickwire.wire.Timestamps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One screen about an engine, from another process: {@code tickwire status}. Built from two readings of
 * its counters file (for rates) and the alerts it reports firing; says whether it is healthy, for scripts.
 */
public final class StatusReport
{
    /** Exit codes: healthy; running with something wrong; not running or hung. */
    public static final int HEALTHY = 0;
    public static final int DEGRADED = 1;
    public static final int DOWN = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final StringBuilder text = new StringBuilder(1024);
    private int exitCode = HEALTHY;

    /**
     * @param before       a reading {@code after.nowMs() - before.nowMs()} earlier (rates), or null
     * @param dataDir      where {@code alerts.json} is
     * @param staleAfterMs a heartbeat older than this means a hung engine
     */
    public StatusReport(final Sample before, final Sample after, final long pid, final Path dataDir, final long staleAfterMs)
    {
        final long now = after.nowMs();
        final long heartbeat = after.engine("heartbeat_time_ms");
        final boolean stale = heartbeat > 0 && now - heartbeat > staleAfterMs;
        final String state = !after.running() ? "stopped" : stale ? "hung" : "running";
        if (!after.running() || stale)
        {
            exitCode = DOWN;
        }
        root.put("state", state).put("pid", pid).put("started", Timestamps.format(after.startTimeMs() * 1_000_000L))
            .put("uptime_s", (now - after.startTimeMs()) / 1000).put("heartbeat_age_s", heartbeat > 0 ? (now - heartbeat) / 1e3 : -1);
        line("engine", state + " (pid " + pid + "), started " + Timestamps.format(after.startTimeMs() * 1_000_000L) +
            ", up " + duration(now - after.startTimeMs()) +
            (heartbeat > 0 ? String.format(Locale.ROOT, "; last heartbeat %.1f s ago", (now - heartbeat) / 1e3) : ""));

        final double seconds = before == null ? 0 : (now - before.nowMs()) / 1e3;
        final long in = after.engine("ticks_in");
        final double rate = seconds > 0 ? (in - before.engine("ticks_in")) / seconds : -1;
        final ObjectNode ticks = root.putObject("ticks");
        ticks.put("in", in).put("accepted", after.engine("ticks_accepted")).put("rejected", after.engine("ticks_rejected"))
            .put("per_second", Math.round(Math.max(rate, 0)));
        final ObjectNode rejects = ticks.putObject("rejects");
        after.rejects().forEach((reason, count) ->
        {
            if (count > 0)
            {
                rejects.put(reason, count);
            }
        });
        line("ticks", in + " in" + (rate >= 0 ? String.format(Locale.ROOT, " (%.0f/s)", rate) : "") + ", " +
            after.engine("ticks_accepted") + " accepted, " + after.engine("ticks_rejected") + " rejected" +
            (rejects.isEmpty() ? "" : " " + rejects));

        final ObjectNode journal = root.putObject("journal");
        journal.put("appends", after.engine("journal_appends"));
        if (after.disk() != null)
        {
            journal.put("size_bytes", after.disk().journalBytes()).put("free_bytes", after.disk().freeBytes());
        }
        line("journal", after.engine("journal_appends") + " appends" + (after.disk() == null ? "" :
            ", " + gb(after.disk().journalBytes()) + " on disk, " + gb(after.disk().freeBytes()) + " free"));

        final ObjectNode aeron = root.putObject("aeron");
        aeron.put("subscribers", after.engine("aeron_subscribers")).put("published", after.engine("aeron_published"))
            .put("dropped", after.engine("aeron_dropped")).put("back_pressured", after.engine("aeron_back_pressured"))
            .put("not_connected", after.engine("aeron_not_connected"));
        line("aeron", after.engine("aeron_subscribers") + " subscriber(s), " + after.engine("aeron_published") +
            " published, " + after.engine("aeron_dropped") + " dropped, " + after.engine("aeron_back_pressured") +
            " back-pressured");

        final ArrayNode sources = root.putArray("sources");
        text.append("sources\n");
        for (final Sample.Source s : after.sources())
        {
            final long lagMs = s.lastEventNs() > 0 ? now - s.lastEventNs() / 1_000_000L : -1;
            sources.addObject().put("id", s.id()).put("name", s.name()).put("state", s.state().label())
                .put("last_event", s.lastEventNs() > 0 ? Timestamps.format(s.lastEventNs()) : null)
                .put("lag_s", lagMs >= 0 ? lagMs / 1e3 : null)
                .put("accepted", s.count("messages_accepted")).put("rejected", s.count("messages_rejected"))
                .put("errors", s.count("errors"));
            text.append(String.format(Locale.ROOT, "  %-28s %-9s last event %s%s  accepted %d  rejected %d%n", s.name(),
                s.state().label(), s.lastEventNs() > 0 ? Timestamps.format(s.lastEventNs()) : "none",
                lagMs >= 0 ? String.format(Locale.ROOT, " (lag %.1f s)", lagMs / 1e3) : "",
                s.count("messages_accepted"), s.count("messages_rejected")));
            if (s.state() == SourceState.STALLED)
            {
                degraded();
            }
        }

        schedule(ScheduleState.readOrEmpty(after.journal()));

        final ArrayNode firing = root.putArray("alerts_firing");
        if (after.running())
        {
            readAlerts(dataDir.resolve(AlertAgent.STATE_FILE), firing);
        }
        line("alerts", firing.isEmpty() ? "none firing" : firing.size() + " firing");
        for (final JsonNode alert : firing)
        {
            text.append("  ").append(alert.path("rule").asText()).append(": ").append(alert.path("summary").asText()).append('\n');
        }
        if (!firing.isEmpty())
        {
            degraded();
        }
        root.put("healthy", exitCode == HEALTHY);
    }

    /** The scheduled jobs, as {@code schedule list} shows them; a failed or overrunning job degrades the status. */
    private void schedule(final ScheduleState schedule)
    {
        if (schedule.jobs().isEmpty())
        {
            return;
        }
        final ArrayNode jobs = root.putArray("schedule");
        text.append("schedule\n");
        schedule.jobs().forEach((name, j) ->
        {
            jobs.addObject().put("job", name).put("outcome", j.outcome).put("overran", j.overran)
                .put("last_start", j.lastStartMs > 0 ? Timestamps.format(j.lastStartMs * 1_000_000L) : null)
                .put("last_duration_s", j.lastDurationMs() / 1e3)
                .put("next_run", j.nextSlotMs > 0 ? Timestamps.format(j.nextSlotMs * 1_000_000L) : null)
                .put("runs", j.runs).put("failures", j.failures).put("error", j.error);
            text.append(String.format(Locale.ROOT, "  %-28s %-8s%s last %s  next %s%s%n", name, j.outcome,
                j.overran ? " overran" : "", j.lastStartMs > 0 ? Timestamps.format(j.lastStartMs * 1_000_000L) : "never",
                j.nextSlotMs > 0 ? Timestamps.format(j.nextSlotMs * 1_000_000L) : "-",
                j.error != null ? "  (" + j.error + ")" : ""));
            if (j.outcome.equals("failed") || j.overran)
            {
                degraded();
            }
        });
    }

    private void degraded()
    {
        exitCode = Math.max(exitCode, DEGRADED);
    }

    private static void readAlerts(final Path file, final ArrayNode into)
    {
        if (!Files.isRegularFile(file))
        {
            return;
        }
        try
        {
            JSON.readTree(file.toFile()).path("firing").forEach(into::add);
        }
        catch (final IOException ex)
        {
            into.addObject().put("rule", "status").put("summary", "cannot read " + file + ": " + ex.getMessage());
        }
    }

    private void line(final String what, final String value)
    {
        text.append(String.format(Locale.ROOT, "%-8s %s%n", what, value));
    }

    private static String gb(final long bytes)
    {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    private static String duration(final long ms)
    {
        final long s = ms / 1000;
        return s >= 86_400 ? s / 86_400 + "d " + s % 86_400 / 3600 + "h" : s >= 3600 ? s / 3600 + "h " + s % 3600 / 60 + "m" :
            s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }

    public String text()
    {
        return text.toString();
    }

    public String json()
    {
        return root.toPrettyString();
    }

    public JsonNode tree()
    {
        return root;
    }

    /** {@link #HEALTHY}, {@link #DEGRADED} (alerts firing, a source stalled) or {@link #DOWN}. */
    public int exitCode()
    {
        return exitCode;
    }

    /** What a status of {@code exit} means, for help texts. */
    public static Map<Integer, String> exitCodes()
    {
        return Map.of(HEALTHY, "healthy", DEGRADED, "running, but alerts are firing or a source is stalled",
            2, "no counters file (no engine ran with this dataDir) or a bad option", DOWN, "not running, or hung (no heartbeat)");
    }
}
