package dev.tickwire.perf.bench;

import org.HdrHistogram.Histogram;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Open-loop load: trades over {@code instruments} instruments at a fixed offered rate (0 = as fast
 * as possible). Each tick carries its INTENDED send time (System.nanoTime domain) in its trade id,
 * so a subscriber measures latency from when the tick should have left, not from when a stalled
 * sender finally sent it: no coordinated omission.
 */
final class ProbeAdapter implements FeedAdapter
{
    private final int sourceId;
    private final int instruments;
    private final long count;
    private final long intervalNs;
    private final MessageWriter writer = new MessageWriter();
    private final int[] ids;
    private TickPublisher publisher;
    private EpochNanoClock clock;
    private long sent;
    private long startNs = -1;
    private volatile boolean done;
    private final Histogram lateness = new Histogram(60_000_000_000L, 3);
    private long recordAfter = Long.MAX_VALUE;

    ProbeAdapter(final int sourceId, final int instruments, final long count, final long ratePerSecond)
    {
        this.sourceId = sourceId;
        this.instruments = instruments;
        this.count = count;
        this.intervalNs = ratePerSecond > 0 ? 1_000_000_000L / ratePerSecond : 0;
        this.ids = new int[instruments];
    }

    /**
     * Also records how late each tick leaves after its intended time (from tick {@code warmup} on):
     * the part of tick-to-subscriber latency spent before the tick reached the ring.
     */
    ProbeAdapter recordLatenessAfter(final long warmup)
    {
        this.recordAfter = warmup;
        return this;
    }

    /** Read after {@link #isDone()}: the adapter thread wrote it. */
    Histogram lateness()
    {
        return lateness;
    }

    @Override
    public int sourceId()
    {
        return sourceId;
    }

    @Override
    public String roleName()
    {
        return "probe";
    }

    @Override
    public void start(final AdapterContext context)
    {
        publisher = context.publisher();
        clock = context.clock();
        for (int i = 0; i < instruments; i++)
        {
            ids[i] = context.defineInstrument("PROBE" + i, "BENCH", -2, 0, 25);
        }
    }

    @Override
    public int doWork()
    {
        if (done)
        {
            return 0;
        }
        final long now = System.nanoTime();
        if (startNs < 0)
        {
            startNs = now;
        }
        int work = 0;
        while (sent < count && work < 256)
        {
            final long intended = startNs + sent * intervalNs;
            if (intervalNs > 0 && intended > System.nanoTime())
            {
                break; // not due yet: the idle strategy waits
            }
            if (intervalNs > 0 && sent >= recordAfter)
            {
                lateness.recordValue(Math.max(0, System.nanoTime() - intended));
            }
            final long sequence = publisher.claim();
            final TickSlot slot = publisher.slot(sequence);
            final long epoch = clock.nanoTime();
            final long n = ++sent;
            slot.length(writer.trade(slot.buffer(), 0, sourceId, n, ids[(int)(n % instruments)], epoch, epoch,
                500_000 + (n & 7) * 25, 1 + (n & 3), (n & 1) == 0 ? Side.BUY : Side.SELL,
                intervalNs > 0 ? intended : System.nanoTime(), 499_975, 500_200));
            publisher.publish(sequence);
            work++;
        }
        if (sent >= count)
        {
            done = true;
        }
        return work;
    }

    @Override
    public boolean isDone()
    {
        return done;
    }
}
