package dev.tickwire.monitor.alert;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A counter that rose by more than {@code above} within the last {@code per}: rejects above N a minute,
 * or any Aeron drop ({@code above: 0}). Keeps the readings of the window, starting from 0 at the
 * engine's start (so what happened before the first check counts); a restarted engine (a counter that
 * went down) starts the window again.
 */
final class CounterRateRule implements AlertRule
{
    private final String name;
    private final String what;
    private final ToLongFunction<Sample> counter;
    private final long above;
    private final long perMs;
    private final ArrayDeque<long[]> window = new ArrayDeque<>();

    CounterRateRule(final String name, final String what, final ToLongFunction<Sample> counter, final long above,
        final long perMs)
    {
        this.name = name;
        this.what = what;
        this.counter = counter;
        this.above = above;
        this.perMs = perMs;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public List<Firing> check(final Sample sample)
    {
        final long value = counter.applyAsLong(sample);
        if (!window.isEmpty() && value < window.peekLast()[1])
        {
            window.clear(); // the engine restarted: its counters began again at 0
        }
        if (window.isEmpty())
        {
            window.addLast(new long[] {sample.startTimeMs(), 0}); // every counter was 0 when the engine started
        }
        window.addLast(new long[] {sample.nowMs(), value});
        while (window.size() > 1 && window.peekFirst()[0] < sample.nowMs() - perMs)
        {
            window.pollFirst();
        }
        final long rise = value - window.peekFirst()[1];
        if (rise > above)
        {
            return List.of(new Firing("", rise + " " + what + " in the last " + perMs / 1000 + " s (alert above " +
                above + ")", what + " total " + value));
        }
        return List.of();
    }
}
