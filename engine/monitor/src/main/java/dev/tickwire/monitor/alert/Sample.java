package dev.tickwire.monitor.alert;

import dev.tickwire.engine.counters.EngineCounters.CounterKeys;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.monitor.metrics.EngineView;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of an engine's counters file, taken once per check and shared by every rule (and by
 * {@code tickwire status}): engine counters by name, each source, each output's counters, the disk.
 */
public final class Sample
{
    private final long nowMs;
    private final boolean running;
    private final long startTimeMs;
    private final Map<String, Long> engine = new HashMap<>();
    private final Map<Integer, Source> sourcesById = new HashMap<>();
    private final List<Source> sources = new ArrayList<>();
    private final Map<String, Long> outputs = new HashMap<>();
    private final Map<String, Long> rejects = new HashMap<>();
    private final EngineView.Disk disk;
    private final java.nio.file.Path journal;

    private Sample(final long nowMs, final EngineView view)
    {
        this.nowMs = nowMs;
        this.running = view.running();
        this.startTimeMs = view.startTimeMs();
        final CountersReader reader = view.counters();
        reader.forEach((id, type, key, label) ->
        {
            if (type == EngineCounters.TYPE_SOURCE_STATE)
            {
                final Source source = new Source(CounterKeys.id(key, 0), CounterKeys.metric(key, 0));
                source.state = SourceState.of(reader.getCounterValue(id));
                sourcesById.put(source.id, source);
                sources.add(source);
            }
        });
        reader.forEach((id, type, key, label) ->
        {
            final long value = reader.getCounterValue(id);
            switch (type)
            {
                case EngineCounters.TYPE_ENGINE, EngineCounters.TYPE_ENGINE_GAUGE ->
                    engine.put(CounterKeys.engineMetric(key, 0), value);
                case EngineCounters.TYPE_REJECT ->
                    rejects.put(dev.tickwire.wire.sbe.RejectReason.get((short)CounterKeys.id(key, 0)).name(), value);
                case EngineCounters.TYPE_SOURCE_LAST_EVENT_TIME ->
                {
                    final Source source = sourcesById.get(CounterKeys.id(key, 0));
                    if (source != null)
                    {
                        source.lastEventNs = value;
                    }
                }
                case EngineCounters.TYPE_SOURCE ->
                {
                    final Source source = sourcesById.get(CounterKeys.id(key, 0));
                    if (source != null)
                    {
                        source.counts.merge(CounterKeys.metric(key, 0), value, Long::sum);
                    }
                }
                case EngineCounters.TYPE_OUTPUT -> outputs.merge(label.substring(0, Math.max(0, label.lastIndexOf(':')))
                    .replaceFirst("^output ", "") + "/" + CounterKeys.metric(key, 0), value, Long::sum);
                default ->
                {
                }
            }
        });
        this.disk = view.disk();
        this.journal = view.journal();
    }

    /** The engine's journal directory (where a backup's outcome is kept), or null. */
    public java.nio.file.Path journal()
    {
        return journal;
    }

    /** Reads the counters file now. */
    public static Sample take(final EngineView view, final long nowMs)
    {
        return new Sample(nowMs, view);
    }

    public long nowMs()
    {
        return nowMs;
    }

    /** The engine process is alive. */
    public boolean running()
    {
        return running;
    }

    public long startTimeMs()
    {
        return startTimeMs;
    }

    /** An engine counter by its metric name (ticks_in, aeron_dropped, heartbeat_time_ms, …), 0 if absent. */
    public long engine(final String metric)
    {
        return engine.getOrDefault(metric, 0L);
    }

    public List<Source> sources()
    {
        return sources;
    }

    /** An output's counter: "archive/failing", "ndjson/messages"; -1 if absent. */
    public long output(final String outputAndMetric)
    {
        return outputs.getOrDefault(outputAndMetric, -1L);
    }

    /** Every output counter, "output/metric" → value. */
    public Map<String, Long> outputs()
    {
        return outputs;
    }

    /** Rejects by reason name (PRICE_OFF_TICK → count). */
    public Map<String, Long> rejects()
    {
        return rejects;
    }

    /** The journal's size and free space, or null. */
    public EngineView.Disk disk()
    {
        return disk;
    }

    /** One source as the counters file shows it. */
    public static final class Source
    {
        private final int id;
        private final String name;
        private SourceState state = SourceState.STARTING;
        private long lastEventNs;
        private final Map<String, Long> counts = new HashMap<>();

        Source(final int id, final String name)
        {
            this.id = id;
            this.name = name;
        }

        public int id()
        {
            return id;
        }

        public String name()
        {
            return name;
        }

        public SourceState state()
        {
            return state;
        }

        /** Event time of its last accepted message, 0 if none. */
        public long lastEventNs()
        {
            return lastEventNs;
        }

        /** True if it has this counter (a polled source has {@code polls}). */
        public boolean has(final String metric)
        {
            return counts.containsKey(metric);
        }

        /** One of its counters by metric name (messages_accepted, errors, file_problems, …), 0 if absent. */
        public long count(final String metric)
        {
            return counts.getOrDefault(metric, 0L);
        }
    }
}
