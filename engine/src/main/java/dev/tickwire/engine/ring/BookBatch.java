package dev.tickwire.engine.ring;

import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * How every adapter publishes a book batch (the deltas of one consistent change): staged with
 * {@link #add}, then {@link #publish} claims them as one ring range, END_OF_BATCH on the last, so
 * the validator judges the change whole. Deltas at or before the journal's checkpoint
 * ({@link #resumeAfter}) are skipped: a restart inside a batch publishes only its rest. A batch
 * larger than half the ring cannot be one range (the adapter would wait for slots the validator can
 * only free by judging it): it is published in ranges of half the ring, judged in parts, and said once.
 *
 * <p>One instance per adapter, reused for every batch; no allocation once its arrays have grown to
 * the largest batch.
 */
public final class BookBatch
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.adapters");

    private final TickPublisher publisher;
    private final int sourceId;
    private final MessageWriter writer = new MessageWriter();
    private final ThrottledLog splitLog;
    private long resumePosition = Values.NONE;
    private int instrumentId;
    private int size;
    private long[] position = new long[64];
    private long[] eventNs = new long[64];
    private long[] receiveNs = new long[64];
    private BookAction[] action = new BookAction[64];
    private BookSide[] side = new BookSide[64];
    private long[] price = new long[64];
    private long[] levelSize = new long[64];
    private int[] orders = new int[64];
    private int[] flags = new int[64];
    private RejectReason[] verdict = new RejectReason[64];

    public BookBatch(final TickPublisher publisher, final int sourceId, final String sourceName)
    {
        this.publisher = publisher;
        this.sourceId = sourceId;
        this.splitLog = new ThrottledLog(LOG, sourceName + ": book batches larger than half the ring", 1);
    }

    /** Deltas at or before this position are in the journal already and are not published again. */
    public BookBatch resumeAfter(final long position)
    {
        this.resumePosition = position;
        return this;
    }

    /** Starts a batch of one instrument (what was staged and not published is dropped). */
    public BookBatch begin(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        this.size = 0;
        return this;
    }

    /** Deltas staged. */
    public int size()
    {
        return size;
    }

    /** Stages a delta; false if the journal holds it already (then it is skipped). */
    public boolean add(final long position, final long eventTimeNs, final long receiveTimeNs, final BookAction action,
        final BookSide side, final long price, final long size, final int orders, final int flags)
    {
        return add(position, eventTimeNs, receiveTimeNs, action, side, price, size, orders, flags, RejectReason.NONE);
    }

    /**
     * Stages a delta the adapter already judged (e.g. MALFORMED for a record it cannot read: journaled
     * as rejected, with its position); false if the journal holds it already.
     */
    public boolean add(final long position, final long eventTimeNs, final long receiveTimeNs, final BookAction action,
        final BookSide side, final long price, final long size, final int orders, final int flags,
        final RejectReason verdict)
    {
        if (position <= resumePosition)
        {
            return false;
        }
        if (this.size == this.position.length)
        {
            grow();
        }
        final int i = this.size++;
        this.position[i] = position;
        this.eventNs[i] = eventTimeNs;
        this.receiveNs[i] = receiveTimeNs;
        this.action[i] = action;
        this.side[i] = side;
        this.price[i] = price;
        this.levelSize[i] = size;
        this.orders[i] = orders;
        this.flags[i] = flags & ~DeltaFlagBits.END_OF_BATCH;
        this.verdict[i] = verdict;
        return true;
    }

    /**
     * Publishes what is staged, END_OF_BATCH on the last delta if {@code endOfBatch} (false for a run
     * the source left unterminated), and starts over.
     *
     * @return deltas published
     */
    public int publish(final boolean endOfBatch)
    {
        final int n = size;
        if (n == 0)
        {
            return 0;
        }
        final int maxRange = Math.max(1, publisher.capacity() / 2);
        if (n > maxRange && splitLog.admit())
        {
            LOG.warn("{} deltas in one book batch of source {}: more than half the ring ({} slots), published in " +
                "parts and judged in parts; raise engine.ringSize above {}{}", n, sourceId, publisher.capacity(), 2 * n,
                splitLog.suffix());
        }
        int i = 0;
        while (i < n)
        {
            final int range = Math.min(n - i, maxRange);
            final long hi = publisher.claim(range);
            final long lo = hi - range + 1;
            for (long sequence = lo; sequence <= hi; sequence++, i++)
            {
                final TickSlot slot = publisher.slot(sequence);
                final int f = flags[i] | (endOfBatch && i == n - 1 ? DeltaFlagBits.END_OF_BATCH : 0);
                slot.length(writer.bookDelta(slot.buffer(), 0, sourceId, position[i], instrumentId, eventNs[i],
                    receiveNs[i], action[i], side[i], price[i], levelSize[i], orders[i], f));
                if (verdict[i] != RejectReason.NONE)
                {
                    Envelope.reject(slot.buffer(), 0, verdict[i]);
                }
            }
            publisher.publish(lo, hi);
        }
        size = 0;
        return n;
    }

    /** Batches split because they were larger than half the ring, so far. */
    public long splits()
    {
        return splitLog.count();
    }

    private void grow()
    {
        final int length = position.length * 2;
        position = Arrays.copyOf(position, length);
        eventNs = Arrays.copyOf(eventNs, length);
        receiveNs = Arrays.copyOf(receiveNs, length);
        action = Arrays.copyOf(action, length);
        side = Arrays.copyOf(side, length);
        price = Arrays.copyOf(price, length);
        levelSize = Arrays.copyOf(levelSize, length);
        orders = Arrays.copyOf(orders, length);
        flags = Arrays.copyOf(flags, length);
        verdict = Arrays.copyOf(verdict, length);
    }
}
