package dev.tickwire.engine.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins briefly, then parks; never yields. On a 2-core machine a yielding thread is a context switch
 * per iteration (measured: 140-280 k switches/s per thread at 100 k ticks/s, most CPU in the kernel),
 * which starves the threads with real work. Parking leaves the core to them; the spin catches ticks
 * that follow each other closely without paying a wake-up.
 *
 * <p>Idle for longer than {@link #IDLE_PARKS} short parks, the thread waiting on the ring's cursor
 * (the first stage) parks long and is woken by the publisher ({@link #signalAllWhenBlocking}, which
 * the Disruptor calls on every publish): an engine with no data stops costing ~57 k wake-ups a
 * second (24 % of a core, measured), and the first tick after a quiet spell still wakes it at once.
 */
public final class SpinThenParkWaitStrategy implements WaitStrategy
{
    /**
     * Short parks (~60 µs each) before the long park: ~2 ms without a tick. Short enough that the
     * heartbeat once a second does not keep the thread in short parks (1,000 of them cost 1.7 % of a
     * core, measured); at 100 k ticks/s gaps are ~10 µs, so a busy engine never gets here.
     */
    static final int IDLE_PARKS = 30;
    /** The long park; a publish wakes the thread before it ends. */
    static final long IDLE_PARK_NS = 100_000_000L;

    private final int spins;
    private final long parkNs;
    private final int idleParks;
    /** The thread in the long park, for the publisher to wake (null when none is). */
    private volatile Thread sleeper;

    /**
     * @param spins  busy iterations before the first park
     * @param parkNs requested park time (the OS rounds it up: ~60 µs with Linux's default timer slack)
     */
    public SpinThenParkWaitStrategy(final int spins, final long parkNs)
    {
        this(spins, parkNs, true);
    }

    /** @param longParks after {@link #IDLE_PARKS} short parks, park long until a publish (false: short parks only) */
    public SpinThenParkWaitStrategy(final int spins, final long parkNs, final boolean longParks)
    {
        this.spins = spins;
        this.parkNs = parkNs;
        this.idleParks = longParks ? IDLE_PARKS : Integer.MAX_VALUE;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException
    {
        long available;
        int counter = spins;
        int parks = 0;
        // only the stage waiting on the cursor itself is woken by a publish; later stages keep short parks
        final boolean wakeable = dependentSequence == cursor;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (counter > 0)
            {
                counter--;
                Thread.onSpinWait();
            }
            else if (!wakeable || parks < idleParks)
            {
                parks++;
                LockSupport.parkNanos(parkNs);
            }
            else
            {
                sleeper = Thread.currentThread();
                // re-check after announcing: a publish from now on sees the sleeper and unparks it
                if (dependentSequence.get() < sequence)
                {
                    barrier.checkAlert();
                    LockSupport.parkNanos(this, IDLE_PARK_NS);
                }
                sleeper = null;
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        final Thread thread = sleeper; // one volatile read per publish while the engine is busy
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }
}
