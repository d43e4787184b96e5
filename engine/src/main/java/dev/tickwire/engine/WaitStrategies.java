package dev.tickwire.engine;

import dev.tickwire.engine.ring.SpinThenParkWaitStrategy;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.tickwire.engine.config.ConfigException;

/** Disruptor wait strategies by configuration name. */
final class WaitStrategies
{
    /** A few µs of spinning catches ticks that follow closely; then parks (~60 µs on Linux). */
    private static final int PARKING_SPINS = 100;
    private static final long PARK_NS = 1_000;

    private WaitStrategies()
    {
    }

    static WaitStrategy of(final String name)
    {
        switch (name)
        {
            case "parking": return new SpinThenParkWaitStrategy(PARKING_SPINS, PARK_NS); // the default: 2 cores
            case "sleeping": return new SleepingWaitStrategy(); // Disruptor's: spins, 100 yields, then parks
            case "blocking": return new BlockingWaitStrategy();
            case "yielding": return new YieldingWaitStrategy();
            case "busy-spin": return new BusySpinWaitStrategy();
            default: throw new ConfigException("engine.waitStrategy", "unknown wait strategy '" + name + "'");
        }
    }
}
