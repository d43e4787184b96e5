package dev.tickwire.monitor.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metric families gathered during one scrape: points with the same name and labels add up. */
final class MetricFamilies
{
    private final Map<String, Family> families = new LinkedHashMap<>();

    void counter(final String name, final String help, final Labels labels, final long value)
    {
        families.computeIfAbsent(name, n -> new Family(true, help)).points.merge(labels, (double)value, Double::sum);
    }

    void gauge(final String name, final String help, final Labels labels, final double value)
    {
        families.computeIfAbsent(name, n -> new Family(false, help)).points.merge(labels, value, Double::sum);
    }

    MetricSnapshots build()
    {
        final List<MetricSnapshot> all = new ArrayList<>(families.size());
        families.forEach((name, family) ->
        {
            if (family.counter)
            {
                final CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(family.help);
                family.points.forEach((labels, value) ->
                    builder.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
                all.add(builder.build());
            }
            else
            {
                final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(family.help);
                family.points.forEach((labels, value) ->
                    builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
                all.add(builder.build());
            }
        });
        return new MetricSnapshots(all);
    }

    record Family(boolean counter, String help, Map<Labels, Double> points)
    {
    Family(final boolean counter, final String help)
    {
        this(counter, help, new LinkedHashMap<>());
    }
    }
}
