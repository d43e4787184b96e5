package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.monitor.alert.Sample;
import dev.tickwire.monitor.metrics.EngineView;
import dev.tickwire.wire.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tickwire sources status}: each polled stream from the engine's counters file (another process may run the
 * engine): its state and circuit, the last and next poll, its last item's time, what it journaled and skipped, 429s,
 * retries and failures.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Each polled REST stream (a poll of one symbol) as the engine's counters show it: state (tailing; "
        + "stalled while its API's circuit is open), last and next poll, last item's event time, messages journaled, "
        + "duplicates skipped (already journaled), 429 answers, retries, failed polls, malformed items.",
        "Exit code: 0 all polling; 1 a stream stalled (its API's circuit open); 2 no engine ever ran "
            + "with this dataDir, or it has no polled source; 3 the engine is not running (its last values shown)."})
final class SourcesStatusCommand implements Callable<Integer>
{
    @Mixin
    EngineDirOptions dirs;

    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    /** One stream as the command shows it. */
    record Row(String name, SourceState state, boolean circuitOpen, long lastPollMs, long nextPollMs, long lastEventNs,
        long journaled, long rejected, long duplicates, long throttled, long retries, long failedPolls, long malformed,
        long polls)
    {
    }

    @Override
    public Integer call()
    {
        final TickwireConfig cfg = dirs.load();
        if (!Files.exists(cfg.countersPath()))
        {
            System.err.println("no engine ever ran with " + cfg.dataPath() + " (no " + cfg.countersPath() + ")");
            return 2;
        }
        try (EngineView view = EngineView.open(cfg.countersPath(), cfg.journalPath()))
        {
            final long nowMs = System.currentTimeMillis();
            final Sample sample = Sample.take(view, nowMs);
            final List<Row> rows = sample.sources().stream().filter(s -> s.has("polls")).map(s -> new Row(s.name(),
                s.state(), s.count("circuit_open") > 0, s.count("last_poll_ms"), s.count("next_poll_ms"),
                s.lastEventNs(), s.count("messages_accepted") + s.count("messages_rejected"),
                s.count("messages_rejected"), s.count("duplicates_skipped"), s.count("throttled_429"),
                s.count("retries"), s.count("failed_polls"), s.count("malformed"), s.count("polls"))).toList();
            if (rows.isEmpty())
            {
                System.err.println("the engine of " + cfg.dataPath() + " has no polled REST source");
                return 2;
            }
            System.out.print(json ? json(rows, sample.running()) : text(rows, sample.running(), nowMs));
            if (!sample.running())
            {
                return 3;
            }
            return rows.stream().anyMatch(r -> r.state == SourceState.STALLED || r.circuitOpen) ? 1 : 0;
        }
    }

    static String text(final List<Row> rows, final boolean running, final long nowMs)
    {
        final StringBuilder sb = new StringBuilder();
        if (!running)
        {
            sb.append("engine not running: the last values it left\n");
        }
        final int width = Math.max(6, rows.stream().mapToInt(r -> r.name.length()).max().orElse(6));
        sb.append(String.format("%-" + width + "s  %-8s %-7s %-10s %-10s %-24s %9s %9s %6s %7s %6s %9s%n", "stream",
            "state", "circuit", "last poll", "next poll", "last item", "journaled", "dup skip", "429s", "retries",
            "failed", "malformed"));
        for (final Row r : rows)
        {
            sb.append(String.format("%-" + width + "s  %-8s %-7s %-10s %-10s %-24s %9d %9d %6d %7d %6d %9d%n", r.name,
                r.state.label(), r.circuitOpen ? "OPEN" : "closed",
                r.lastPollMs > 0 ? ago(nowMs - r.lastPollMs) : "never",
                r.nextPollMs > 0 ? (r.nextPollMs > nowMs ? "in " + seconds(r.nextPollMs - nowMs) : "due") : "-",
                r.lastEventNs > 0 ? Timestamps.format(r.lastEventNs).substring(0, 23) + "Z" : "-", r.journaled,
                r.duplicates, r.throttled, r.retries, r.failedPolls, r.malformed));
        }
        return sb.toString();
    }

    static String json(final List<Row> rows, final boolean running)
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = mapper.createObjectNode();
        root.put("running", running);
        final ArrayNode streams = root.putArray("streams");
        for (final Row r : rows)
        {
            final ObjectNode n = streams.addObject();
            n.put("stream", r.name).put("state", r.state.label()).put("circuitOpen", r.circuitOpen)
                .put("lastPollMs", r.lastPollMs).put("nextPollMs", r.nextPollMs)
                .put("lastItemTime", r.lastEventNs > 0 ? Timestamps.format(r.lastEventNs) : null)
                .put("polls", r.polls).put("journaled", r.journaled).put("rejected", r.rejected)
                .put("duplicatesSkipped", r.duplicates).put("throttled429", r.throttled).put("retries", r.retries)
                .put("failedPolls", r.failedPolls).put("malformed", r.malformed);
        }
        try
        {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String ago(final long ms)
    {
        return seconds(ms) + " ago";
    }

    private static String seconds(final long ms)
    {
        return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : ms / 1000 + "s";
    }
}
