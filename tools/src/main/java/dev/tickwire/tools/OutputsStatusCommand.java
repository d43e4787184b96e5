package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.TailerCheckpoint;
import dev.tickwire.journal.Journal;
import dev.tickwire.monitor.alert.Sample;
import dev.tickwire.monitor.metrics.EngineView;
import dev.tickwire.wire.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code tickwire outputs status}: each output's lag (messages and seconds), throughput and last error. From
 * the running engine's counters, else from the outputs' checkpoints against the journal.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Each output's (sink's, pipeline's) state: messages per second, lag behind the journal in messages "
        + "and seconds, the engine sequence flushed through, errors and the last one.",
        "Exit code: 0 every output healthy; 1 an output is failing; 2 no journal here."})
final class OutputsStatusCommand implements Callable<Integer>
{
    @Mixin
    EngineDirOptions dirs;

    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    @Option(names = "--interval", defaultValue = "1s",
        description = "Read the counters twice this far apart for the rates (0: no rates; default: ${DEFAULT-VALUE}).")
    String interval;

    /** One output as the command shows it; -1 where unknown. */
    record Row(String name, boolean failing, double perSecond, long lagMessages, double lagSeconds, long flushedSequence,
        long errors, String lastError)
    {
    }

    @Override
    public Integer call() throws InterruptedException, IOException
    {
        final long intervalMs = Durations.parseNanos("--interval", interval) / 1_000_000L;
        final TickwireConfig cfg = dirs.load();
        final Path journalDir = cfg.journalPath();
        if (!Files.isDirectory(journalDir))
        {
            System.err.println("no journal at " + journalDir);
            return 2;
        }
        final Map<String, Row> rows = new TreeMap<>();
        if (Files.exists(cfg.countersPath()))
        {
            running(cfg, journalDir, intervalMs, rows);
        }
        addStopped(journalDir, rows);
        final boolean failing = rows.values().stream().anyMatch(Row::failing);
        System.out.print(json ? json(rows) : text(rows));
        return failing ? 1 : 0;
    }

    /** The outputs of the engine that runs now: from its counters, read twice for the rates. */
    private static void running(final TickwireConfig cfg, final Path journalDir, final long intervalMs,
        final Map<String, Row> rows) throws InterruptedException
    {
        try (EngineView view = EngineView.open(cfg.countersPath(), journalDir))
        {
            if (view.running())
            {
                final Sample before = Sample.take(view, System.currentTimeMillis());
                if (intervalMs > 0)
                {
                    Thread.sleep(intervalMs);
                }
                final Sample now = Sample.take(view, System.currentTimeMillis());
                for (final String key : now.outputs().keySet())
                {
                    final String name = key.substring(0, key.lastIndexOf('/'));
                    if (rows.containsKey(name) || now.output(name + "/lag_messages") < 0)
                    {
                        continue; // the archive's counters have no lag: `tickwire archive status`
                    }
                    final long messages = now.output(name + "/messages");
                    final double rate = intervalMs > 0 ?
                        (messages - Math.max(0, before.output(name + "/messages"))) * 1000.0 / intervalMs : -1;
                    final long lagMs = now.output(name + "/lag_ms");
                    rows.put(name, new Row(name, now.output(name + "/failing") > 0, rate, now.output(name + "/lag_messages"),
                        lagMs < 0 ? -1 : lagMs / 1000.0, now.output(name + "/flushed_seq"), now.output(name + "/errors"),
                        lastError(journalDir, name)));
                }
            }
        }
    }

    /** Outputs the engine does not run now (or no engine runs): their checkpoints against the journal's end. */
    private static void addStopped(final Path journalDir, final Map<String, Row> rows) throws IOException
    {
        final Path dir = journalDir.resolve("outputs");
        if (!Files.isDirectory(dir))
        {
            return;
        }
        long last = -1;
        long lastWatermark = Values.NONE;
        boolean read = false;
        // an output that never flushed has no checkpoint yet, but may have failed
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{checkpoint,error}"))
        {
            for (final Path file : files)
            {
                final String fileName = file.getFileName().toString();
                final String name = fileName.substring(0, fileName.lastIndexOf('.'));
                if (rows.containsKey(name))
                {
                    continue;
                }
                if (!read)
                {
                    try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
                    {
                        last = journal.lastSequence();
                        lastWatermark = journal.lastWatermarkNs();
                    }
                    read = true;
                }
                final TailerCheckpoint checkpoint = new TailerCheckpoint(journalDir, name);
                final long sequence = checkpoint.load() == Values.NONE ? -1 : checkpoint.sequence();
                final long watermark = checkpoint.watermarkNs();
                rows.put(name, new Row(name, false, -1, Math.max(0, last - sequence + (sequence < 0 ? 1 : 0)),
                    watermark == Values.NONE || lastWatermark == Values.NONE ? -1 : (lastWatermark - watermark) / 1e9,
                    sequence, -1, lastError(journalDir, name)));
            }
        }
    }

    private static String lastError(final Path journalDir, final String name)
    {
        return TailerCheckpoint.lastError(journalDir.resolve("outputs").resolve(name + ".checkpoint"));
    }

    static String text(final Map<String, Row> rows)
    {
        if (rows.isEmpty())
        {
            return "no outputs (configure outputs: or pipelines:)" + System.lineSeparator();
        }
        final StringBuilder sb = new StringBuilder(String.format("%-28s %-8s %12s %12s %10s %14s %7s  %s%n",
            "output", "state", "msg/s", "lag msgs", "lag s", "flushed seq", "errors", "last error"));
        for (final Row r : rows.values())
        {
            sb.append(String.format("%-28s %-8s %12s %12d %10s %14d %7s  %s%n", r.name(), r.failing() ? "FAILING" : "ok",
                r.perSecond() < 0 ? "-" : String.format("%,.0f", r.perSecond()), r.lagMessages(),
                r.lagSeconds() < 0 ? "-" : String.format("%.1f", r.lagSeconds()), r.flushedSequence(),
                r.errors() < 0 ? "-" : String.valueOf(r.errors()), r.lastError() == null ? "-" : r.lastError()));
        }
        return sb.toString();
    }

    static String json(final Map<String, Row> rows)
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ArrayNode array = mapper.createArrayNode();
        for (final Row r : rows.values())
        {
            final ObjectNode o = array.addObject();
            o.put("output", r.name()).put("failing", r.failing()).put("lag_messages", r.lagMessages())
                .put("flushed_seq", r.flushedSequence());
            if (r.perSecond() >= 0)
            {
                o.put("messages_per_second", r.perSecond());
            }
            if (r.lagSeconds() >= 0)
            {
                o.put("lag_seconds", r.lagSeconds());
            }
            if (r.errors() >= 0)
            {
                o.put("errors", r.errors());
            }
            o.put("last_error", r.lastError());
        }
        return array.toPrettyString() + System.lineSeparator();
    }
}
