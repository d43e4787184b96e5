package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.LevelConsumer;

/**
 * The top N levels of both sides of a book, copied out at one consistent moment (a batch end),
 * with the event and receive time of the delta that completed that state. Reused: {@link #capture}
 * overwrites the previous content and allocates nothing.
 */
public final class BookLevels implements LevelConsumer
{
    private final int capacity;
    private final long[][] prices = new long[2][];
    private final long[][] sizes = new long[2][];
    private final int[][] orders = new int[2][];
    private final int[] counts = new int[2];
    private long eventTimeNs;
    private long receiveTimeNs;
    private boolean valid;

    public BookLevels(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("levels must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        for (int side = 0; side < 2; side++)
        {
            prices[side] = new long[capacity];
            sizes[side] = new long[capacity];
            orders[side] = new int[capacity];
        }
    }

    /** Copies the best {@link #capacity()} levels of each side of book. */
    public void capture(final L2Book book, final long eventTimeNs, final long receiveTimeNs)
    {
        counts[L2Book.BID] = book.forEachLevel(L2Book.BID, capacity, this);
        counts[L2Book.ASK] = book.forEachLevel(L2Book.ASK, capacity, this);
        this.eventTimeNs = eventTimeNs;
        this.receiveTimeNs = receiveTimeNs;
        this.valid = true;
    }

    @Override
    public void level(final int side, final int index, final long price, final long size, final int orders)
    {
        prices[side][index] = price;
        sizes[side][index] = size;
        this.orders[side][index] = orders;
    }

    /** False until the first {@link #capture}: no consistent book has been seen yet. */
    public boolean valid()
    {
        return valid;
    }

    public int capacity()
    {
        return capacity;
    }

    /** Levels held on side ({@link L2Book#BID} or {@link L2Book#ASK}), at most {@link #capacity()}. */
    public int count(final int side)
    {
        return counts[side];
    }

    /** Price mantissa of level index (0 = best) of side; index must be below {@link #count}. */
    public long price(final int side, final int index)
    {
        return prices[side][index];
    }

    public long size(final int side, final int index)
    {
        return sizes[side][index];
    }

    public int orders(final int side, final int index)
    {
        return orders[side][index];
    }

    /** Event time of the delta that ended the captured batch. */
    public long eventTimeNs()
    {
        return eventTimeNs;
    }

    /** Receive time of the delta that ended the captured batch. */
    public long receiveTimeNs()
    {
        return receiveTimeNs;
    }
}
