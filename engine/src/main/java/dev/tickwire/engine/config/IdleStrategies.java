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
    public static final String NAMES = "backoff, backoff:<quiet park> (e.g. backoff:10ms; backoff:0 never goes quiet), " +
        "sleeping, sleeping:<duration> (e.g. sleeping:1ms), yielding, busy-spin";
    /**
     * Idle cycles in a row before a backoff goes quiet: 10 spins, parks growing to 1 ms, then ~40 of them
     * (~40 ms): the engine's heartbeat once a second (work for the driver) leaves most of each second quiet.
     */
    static final int QUIET_AFTER = 60;
    static final String QUIET_PARK = "10ms";

    private IdleStrategies()
    {
    }

    public static IdleStrategy of(final String key, final String name)
    {
        final String value = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("backoff") || value.startsWith("backoff:"))
        {
            // Spin briefly, then park up to 1 ms; no yields: on 2 cores each yield is a context switch,
            // and yielding threads kept both cores busy in the kernel (docs/performance.md). After ~1 s
            // without work, long parks: an idle engine costs almost no CPU (QuietIdleStrategy).
            final IdleStrategy backoff =
                new BackoffIdleStrategy(10, 0, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            final long quietParkNs = Durations.parseNanos(key,
                value.equals("backoff") ? QUIET_PARK : value.substring("backoff:".length()));
            if (quietParkNs > 1_000_000_000L)
            {
                throw new ConfigException(key, "a quiet park longer than 1s would leave a feed unread too long: " + name);
            }
            return quietParkNs == 0 ? backoff : new QuietIdleStrategy(backoff, QUIET_AFTER, quietParkNs);
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
