package dev.tickwire.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.tickwire.engine.config.ConfigException;

/** Disruptor wait strategies by configuration name. */
final class WaitStrategies
{
    private WaitStrategies()
    {
    }

    static WaitStrategy of(final String name)
    {
        switch (name)
        {
            case "sleeping": return new SleepingWaitStrategy(); // spins, yields, then parks: fits 2 cores
            case "blocking": return new BlockingWaitStrategy();
            case "yielding": return new YieldingWaitStrategy();
            case "busy-spin": return new BusySpinWaitStrategy();
            default: throw new ConfigException("engine.waitStrategy", "unknown wait strategy '" + name + "'");
        }
    }
}
