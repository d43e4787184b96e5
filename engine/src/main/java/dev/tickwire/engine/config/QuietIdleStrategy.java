package dev.tickwire.engine.config;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * A backoff that goes quiet: the given strategy (spin, then park up to 1 ms) while work comes often, and
 * after {@code quietAfter} idle cycles in a row (~0.1 s) parks {@code quietParkNs} at a time,
 * until the next work. An idle engine on a desktop then wakes ~100 times a second instead of ~1,000,
 * and a busy one never reaches the long parks: the first record after a lull waits at most one long park
 * (10 ms by default, the Sierra Chart poll interval).
 */
public final class QuietIdleStrategy implements IdleStrategy
{
    private final IdleStrategy active;
    private final int quietAfter;
    private final long quietParkNs;
    private int idles;

    public QuietIdleStrategy(final IdleStrategy active, final int quietAfter, final long quietParkNs)
    {
        this.active = active;
        this.quietAfter = quietAfter;
        this.quietParkNs = quietParkNs;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
            return;
        }
        idle();
    }

    @Override
    public void idle()
    {
        if (idles >= quietAfter)
        {
            LockSupport.parkNanos(quietParkNs);
            return;
        }
        idles++;
        active.idle();
    }

    @Override
    public void reset()
    {
        idles = 0;
        active.reset();
    }

    @Override
    public String alias()
    {
        return "quiet-backoff";
    }
}
