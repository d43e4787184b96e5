package dev.tickwire.monitor.metrics;

import dev.tickwire.engine.counters.EngineCounters.CounterKeys;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.counters.SourceState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.agrona.concurrent.status.CountersReader;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The engine's counters as Prometheus metrics, read at scrape time from the counters file (as
 * AeronStat reads Aeron's): the scrape never touches the engine thread. Names follow Prometheus
 * conventions: counters end in {@code _total}, times are {@code _seconds}, sizes {@code _bytes}; what a
 * counter is about (source, reason, output, stream) is a label taken from its key, not its label text.
 */
public final class CounterMetrics implements MultiCollector
{
    /** Counter metric names of keyed counters that are really levels, not counts. */
    private static final Set<String> GAUGE_METRICS = Set.of("archived_through_seq", "failing", "flushed_seq",
        "lag_messages", "lag_ms");

    private final EngineView engine;

    public CounterMetrics(final EngineView engine)
    {
        this.engine = engine;
    }

    @Override
    public MetricSnapshots collect()
    {
        final MetricFamilies families = new MetricFamilies();
        final CountersReader reader = engine.refresh().counters();
        final Map<Integer, String> sources = new HashMap<>();
        reader.forEach((id, type, key, label) ->
        {
            if (type == EngineCounters.TYPE_SOURCE_STATE)
            {
                sources.put(CounterKeys.id(key, 0), CounterKeys.metric(key, 0));
            }
        });
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        reader.forEach((id, type, key, label) ->
        {
            final long value = reader.getCounterValue(id);
            switch (type)
            {
                case EngineCounters.TYPE_ENGINE -> engineCounter(families, CounterKeys.engineMetric(key, 0), value);
                case EngineCounters.TYPE_ENGINE_GAUGE -> engineGauge(families, CounterKeys.engineMetric(key, 0), value);
                case EngineCounters.TYPE_REJECT -> families.counter("tickwire_rejects", "Messages rejected, by reason",
                    Labels.of("reason", reasonName(CounterKeys.id(key, 0))), value);
                case EngineCounters.TYPE_SOURCE_LAST_EVENT_TIME ->
                {
                    final Labels source = Labels.of("source", sources.getOrDefault(CounterKeys.id(key, 0),
                        String.valueOf(CounterKeys.id(key, 0))));
                    if (value > 0)
                    {
                        families.gauge("tickwire_source_last_event_timestamp_seconds",
                            "Event time of the source's last accepted message", source, value / 1e9);
                        families.gauge("tickwire_source_lag_seconds",
                            "Wall clock minus the event time of the source's last accepted message", source,
                            (nowNs - value) / 1e9);
                    }
                }
                case EngineCounters.TYPE_SOURCE_STATE ->
                {
                    final SourceState now = SourceState.of(value);
                    for (final SourceState state : SourceState.values())
                    {
                        families.gauge("tickwire_source_state", "1 for the state the source is in",
                            Labels.of("source", CounterKeys.metric(key, 0), "state", state.label()), state == now ? 1 : 0);
                    }
                }
                case EngineCounters.TYPE_SOURCE -> sourceCounter(families,
                    sources.getOrDefault(CounterKeys.id(key, 0), String.valueOf(CounterKeys.id(key, 0))),
                    CounterKeys.metric(key, 0), value);
                case EngineCounters.TYPE_PUBLICATION -> families.counter(
                    "tickwire_aeron_stream_" + CounterKeys.metric(key, 0), "Offers on an Aeron stream",
                    Labels.of("stream", String.valueOf(CounterKeys.id(key, 0))), value);
                case EngineCounters.TYPE_OUTPUT ->
                {
                    final String metric = CounterKeys.metric(key, 0);
                    final Labels output = Labels.of("output", outputName(label));
                    if (GAUGE_METRICS.contains(metric))
                    {
                        families.gauge("tickwire_output_" + metric, "An output's level", output, value);
                    }
                    else
                    {
                        families.counter("tickwire_output_" + metric, "An output's count", output, value);
                    }
                }
                default ->
                {
                }
            }
        });
        process(families);
        return families.build();
    }

    private static void engineCounter(final MetricFamilies families, final String metric, final long value)
    {
        switch (metric)
        {
            case "ticks_accepted" -> families.counter("tickwire_ticks", "Ticks judged, by verdict",
                Labels.of("verdict", "accepted"), value);
            case "ticks_rejected" -> families.counter("tickwire_ticks", "Ticks judged, by verdict",
                Labels.of("verdict", "rejected"), value);
            case "journal_bytes" -> families.counter("tickwire_journal_written_bytes",
                "Bytes appended to the journal", Labels.EMPTY, value);
            default -> families.counter("tickwire_" + metric, "tickwire engine counter " + metric, Labels.EMPTY, value);
        }
    }

    private static void engineGauge(final MetricFamilies families, final String metric, final long value)
    {
        if (metric.endsWith("_time_ms"))
        {
            families.gauge("tickwire_" + metric.substring(0, metric.length() - "_time_ms".length()) + "_timestamp_seconds",
                "tickwire engine time " + metric, Labels.EMPTY, value / 1e3);
        }
        else
        {
            families.gauge("tickwire_" + metric, "tickwire engine level " + metric, Labels.EMPTY, value);
        }
    }

    private static void sourceCounter(final MetricFamilies families, final String source, final String metric, final long value)
    {
        switch (metric)
        {
            case "messages_accepted" -> families.counter("tickwire_source_messages", "A source's messages, by verdict",
                Labels.of("source", source, "verdict", "accepted"), value);
            case "messages_rejected" -> families.counter("tickwire_source_messages", "A source's messages, by verdict",
                Labels.of("source", source, "verdict", "rejected"), value);
            case "circuit_open" -> families.gauge("tickwire_source_circuit_open",
                "1 while the source's API circuit is open (a polled REST source)", Labels.of("source", source), value);
            default ->
            {
                if (metric.endsWith("_ms"))
                {
                    // a time (a polled source's last and next poll): epoch ms, a gauge in seconds
                    families.gauge("tickwire_source_" + metric.substring(0, metric.length() - 3) + "_timestamp_seconds",
                        "A source's time " + metric, Labels.of("source", source), value / 1e3);
                }
                else
                {
                    families.counter("tickwire_source_" + metric, "A source's own count", Labels.of("source", source), value);
                }
            }
        }
    }

    private void process(final MetricFamilies families)
    {
        final long pid = engine.pid();
        families.gauge("tickwire_up", "1 while the engine process that owns the counters file runs", Labels.EMPTY,
            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? 1 : 0);
        families.gauge("tickwire_start_timestamp_seconds", "When the engine started", Labels.EMPTY,
            engine.startTimeMs() / 1e3);
        final EngineView.Disk disk = engine.disk();
        if (disk != null)
        {
            families.gauge("tickwire_journal_size_bytes", "Bytes of the journal's files", Labels.EMPTY, disk.journalBytes());
            families.gauge("tickwire_journal_free_bytes", "Usable bytes left on the journal's file system", Labels.EMPTY,
                disk.freeBytes());
        }
    }

    /** CROSSED_BOOK → "crossed_book". */
    private static String reasonName(final int code)
    {
        return dev.tickwire.wire.sbe.RejectReason.get((short)code).name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "output archive: days archived" → "archive". */
    private static String outputName(final String label)
    {
        final int colon = label.lastIndexOf(':');
        final String head = colon < 0 ? label : label.substring(0, colon);
        return head.startsWith("output ") ? head.substring("output ".length()) : head;
    }

    /** Data points grouped into families by name, in first-seen order; one label set twice is summed. */
}
