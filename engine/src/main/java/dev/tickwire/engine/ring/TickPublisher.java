package dev.tickwire.engine.ring;

import com.lmax.disruptor.RingBuffer;
import dev.tickwire.wire.Envelope;

/**
 * How adapters put ticks into the ring: claim slots, encode into {@link TickSlot#buffer()}, set the
 * length, publish. Publishing stamps each message with its engine sequence (the journal's next
 * sequence plus the ring sequence), so sequences are unique and gap-free across restarts.
 *
 * <p>A book batch (deltas up to END_OF_BATCH) must be claimed and published in one range, so the
 * validator sees it whole and can accept or reject it as one change.
 */
public final class TickPublisher
{
    private final RingBuffer<TickSlot> ring;
    private final long sequenceBase;

    public TickPublisher(final RingBuffer<TickSlot> ring, final long sequenceBase)
    {
        this.ring = ring;
        this.sequenceBase = sequenceBase;
    }

    /** Claims one slot, waiting while the ring is full (adapters must not drop source records). */
    public long claim()
    {
        return ring.next();
    }

    /** Claims {@code n} consecutive slots; returns the highest sequence (the lowest is hi - n + 1). */
    public long claim(final int n)
    {
        return ring.next(n);
    }

    public TickSlot slot(final long sequence)
    {
        return ring.get(sequence);
    }

    public void publish(final long sequence)
    {
        stamp(sequence);
        ring.publish(sequence);
    }

    public void publish(final long lo, final long hi)
    {
        for (long s = lo; s <= hi; s++)
        {
            stamp(s);
        }
        ring.publish(lo, hi);
    }

    /** Slots of the ring, for adapters that size their batches. */
    public int capacity()
    {
        return ring.getBufferSize();
    }

    private void stamp(final long sequence)
    {
        Envelope.sequence(ring.get(sequence).buffer(), 0, sequenceBase + sequence);
    }
}
