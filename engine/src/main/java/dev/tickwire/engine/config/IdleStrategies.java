package dev.tickwire.engine.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/** Idle strategies for Agents, by configuration name: backoff, sleeping[:DURATION], yielding, busy-spin. */
public final class IdleStrategies
{
    public static final String NAMES = "backoff, sleeping, sleeping:<duration> (e.g. sleeping:1ms), yielding, busy-spin";

    private IdleStrategies()
    {
    }

    public static IdleStrategy of(final String key, final String name)
    {
        final String value = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("backoff"))
        {
            // Spin briefly, then park up to 1 ms; no yields: on 2 cores each yield is a context switch,
            // and yielding threads kept both cores busy in the kernel (docs/performance.md).
            return new BackoffIdleStrategy(10, 0, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (value.equals("sleeping"))
        {
            return new SleepingMillisIdleStrategy(1);
        }
        if (value.startsWith("sleeping:"))
        {
            return new SleepingIdleStrategy(Durations.parseNanos(key, value.substring("sleeping:".length())));
        }
        if (value.equals("yielding"))
        {
            return new YieldingIdleStrategy();
        }
        if (value.equals("busy-spin"))
        {
            return new BusySpinIdleStrategy();
        }
        throw new ConfigException(key, "unknown idle strategy '" + name + "'; use one of: " + NAMES);
    }
}
