package dev.tickwire.engine.book;

import dev.tickwire.wire.Values;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Best bid/ask of every instrument as of its last consistent point (a batch end, or a quote),
 * written by the book stage and readable from any thread. A seqlock per instrument: the writer makes
 * the version odd, writes, makes it even; a reader retries while the version is odd or changed.
 */
public final class TopOfBook
{
    private static final int VERSION = 0;
    private static final int BID_PRICE = 8;
    private static final int BID_SIZE = 16;
    private static final int ASK_PRICE = 24;
    private static final int ASK_SIZE = 32;
    private static final int EVENT_TIME = 40;
    private static final int ENTRY_LENGTH = 64;

    private final UnsafeBuffer buffer;
    private final int maxInstruments;

    public TopOfBook(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxInstruments * ENTRY_LENGTH, 64));
        for (int i = 0; i < maxInstruments; i++)
        {
            buffer.putLong(i * ENTRY_LENGTH + BID_PRICE, Values.NONE);
            buffer.putLong(i * ENTRY_LENGTH + ASK_PRICE, Values.NONE);
        }
    }

    public int maxInstruments()
    {
        return maxInstruments;
    }

    /** Single writer only. Absent sides are {@link Values#NONE}} with size 0. */
    public void update(
        final int instrumentId, final long bidPrice, final long bidSize, final long askPrice, final long askSize,
        final long eventTimeNs)
    {
        final int base = instrumentId * ENTRY_LENGTH;
        final long version = buffer.getLong(base + VERSION);
        buffer.putLongRelease(base + VERSION, version + 1);
        buffer.putLong(base + BID_PRICE, bidPrice);
        buffer.putLong(base + BID_SIZE, bidSize);
        buffer.putLong(base + ASK_PRICE, askPrice);
        buffer.putLong(base + ASK_SIZE, askSize);
        buffer.putLong(base + EVENT_TIME, eventTimeNs);
        buffer.putLongRelease(base + VERSION, version + 2);
    }

    /**
     * Copies a consistent view into {@code out} = [bidPrice, bidSize, askPrice, askSize, eventTimeNs].
     *
     * @return false if the instrument has never been updated
     */
    public boolean read(final int instrumentId, final long[] out)
    {
        if (instrumentId < 0 || instrumentId >= maxInstruments)
        {
            return false;
        }
        final int base = instrumentId * ENTRY_LENGTH;
        while (true)
        {
            final long before = buffer.getLongVolatile(base + VERSION);
            if ((before & 1) == 0)
            {
                out[0] = buffer.getLong(base + BID_PRICE);
                out[1] = buffer.getLong(base + BID_SIZE);
                out[2] = buffer.getLong(base + ASK_PRICE);
                out[3] = buffer.getLong(base + ASK_SIZE);
                out[4] = buffer.getLong(base + EVENT_TIME);
                java.lang.invoke.VarHandle.loadLoadFence();
                if (buffer.getLongVolatile(base + VERSION) == before)
                {
                    return before != 0;
                }
            }
            Thread.onSpinWait();
        }
    }
}
