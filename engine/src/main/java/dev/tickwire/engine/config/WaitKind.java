package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.tickwire.engine.ring.SpinThenParkWaitStrategy;

/** {@code engine.waitStrategy}: how the engine's threads wait for ticks. */
public enum WaitKind
{
    /** The default: spin a few µs (catches ticks that follow closely), then park 1 µs (~60 µs on Linux); never yields. */
    PARKING,
    /** Disruptor's: spins, 100 yields, then parks (every yield is a context switch on 2 cores). */
    SLEEPING,
    BLOCKING,
    YIELDING,
    /** A whole core; at most one thread may busy-spin. */
    BUSY_SPIN;

    private static final int PARKING_SPINS = 100;
    private static final long PARK_NS = 1_000;

    public WaitStrategy create()
    {
        return create(true);
    }

    /** @param quiet an idle engine thread parks long, woken by the next publish ({@code engine.idle: quiet}) */
    public WaitStrategy create(final boolean quiet)
    {
        switch (this)
        {
            case PARKING: return new SpinThenParkWaitStrategy(PARKING_SPINS, PARK_NS, quiet);
            case SLEEPING: return new SleepingWaitStrategy();
            case BLOCKING: return new BlockingWaitStrategy();
            case YIELDING: return new YieldingWaitStrategy();
            default: return new BusySpinWaitStrategy();
        }
    }

    @JsonValue
    @Override
    public String toString()
    {
        return ConfigEnums.nameOf(this);
    }
}
