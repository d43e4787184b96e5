package dev.tickwire.monitor.alert;

import dev.tickwire.engine.counters.SourceState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source STALLED (failing and backing off: a polled API whose circuit is open, a file source whose reads keep
 * failing) for longer than {@code for}. The state is a level in the counters file, so the rule keeps when it first
 * saw each source stalled; a source that works again resolves the alert.
 */
final class SourceStalledRule implements AlertRule
{
    private final String name;
    private final String source;
    private final long forMs;
    private final Map<String, Long> stalledSinceMs = new HashMap<>();

    SourceStalledRule(final String name, final String source, final long forMs)
    {
        this.name = name;
        this.source = source;
        this.forMs = forMs;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public List<Firing> check(final Sample sample)
    {
        final List<Firing> firing = new ArrayList<>(1);
        for (final Sample.Source s : sample.sources())
        {
            if (source != null && !source.equals(s.name()))
            {
                continue;
            }
            if (s.state() != SourceState.STALLED || !sample.running())
            {
                stalledSinceMs.remove(s.name());
                continue;
            }
            final long since = stalledSinceMs.computeIfAbsent(s.name(), n -> sample.nowMs());
            if (sample.nowMs() - since >= forMs)
            {
                firing.add(new Firing(s.name(), s.name() + " stalled for " + (sample.nowMs() - since) / 1000 + " s" +
                    (s.count("circuit_open") > 0 ? " (its API's circuit is open)" : ""), "failed polls " +
                    s.count("failed_polls") + ", errors " + s.count("errors") + ", threshold " + forMs / 1000 + " s"));
            }
        }
        return firing;
    }
}
