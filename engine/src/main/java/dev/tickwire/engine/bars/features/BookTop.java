package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.LevelConsumer;

/**
 * The best N levels of each side of a book, as the input of {@link InstrumentState#onBook}: a preallocated
 * holder the caller fills at each consistent point (a batch end), from an {@link L2Book} with
 * {@link #fill(L2Book)} (O(log n + N), no allocation) or level by level. Best level first on both sides.
 */
public final class BookTop implements LevelConsumer
{
    private final long[] bidPrices;
    private final long[] bidSizes;
    private final long[] askPrices;
    private final long[] askSizes;
    private int bidLevels;
    private int askLevels;

    /** @param capacity levels per side (the features' N) */
    public BookTop(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("a book top needs at least 1 level, got " + capacity);
        }
        bidPrices = new long[capacity];
        bidSizes = new long[capacity];
        askPrices = new long[capacity];
        askSizes = new long[capacity];
    }

    /** Copies the best {@link #capacity()} levels of each side of the book. */
    public BookTop fill(final L2Book book)
    {
        bidLevels = book.forEachLevel(L2Book.BID, bidPrices.length, this);
        askLevels = book.forEachLevel(L2Book.ASK, askPrices.length, this);
        return this;
    }

    @Override
    public void level(final int side, final int index, final long price, final long size, final int orders)
    {
        if (side == L2Book.BID)
        {
            bidPrices[index] = price;
            bidSizes[index] = size;
        }
        else
        {
            askPrices[index] = price;
            askSizes[index] = size;
        }
    }

    /** Both sides empty. */
    public BookTop clear()
    {
        bidLevels = 0;
        askLevels = 0;
        return this;
    }

    /** Sets the next bid level (call best first, after {@link #clear()}); levels beyond the capacity are ignored. */
    public BookTop addBid(final long price, final long size)
    {
        if (bidLevels < bidPrices.length)
        {
            bidPrices[bidLevels] = price;
            bidSizes[bidLevels] = size;
            bidLevels++;
        }
        return this;
    }

    /** Sets the next ask level (best first). */
    public BookTop addAsk(final long price, final long size)
    {
        if (askLevels < askPrices.length)
        {
            askPrices[askLevels] = price;
            askSizes[askLevels] = size;
            askLevels++;
        }
        return this;
    }

    public int capacity()
    {
        return bidPrices.length;
    }

    public int bidLevels()
    {
        return bidLevels;
    }

    public int askLevels()
    {
        return askLevels;
    }

    public long bidPrice(final int level)
    {
        return bidPrices[level];
    }

    public long bidSize(final int level)
    {
        return bidSizes[level];
    }

    public long askPrice(final int level)
    {
        return askPrices[level];
    }

    public long askSize(final int level)
    {
        return askSizes[level];
    }
}
