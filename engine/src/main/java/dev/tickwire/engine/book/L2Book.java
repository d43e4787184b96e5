package dev.tickwire.engine.book;

import dev.tickwire.wire.Values;

/**
 * Market-by-price book for one instrument: a bid side and an ask side, each a {@link PriceLevels} in off-heap
 * memory. Best prices are O(1), updates O(log n), and nothing allocates in steady state.
 * <p>
 * Prices and sizes are fixed-point longs. The book applies what it is told: it does not reject crossed states,
 * deciding what is acceptable is the validator's job ({@link #isCrossed()} reports it).
 * <p>
 * Not thread-safe: a book belongs to one handler thread.
 */
public final class L2Book implements AutoCloseable
{
    /** Side codes; match the SBE {@code BookSide} enum values so decoded sides can be passed straight through. */
    public static final int BID = 0;
    public static final int ASK = 1;

    private final int instrumentId;
    private final PriceLevels bids;
    private final PriceLevels asks;

    /**
     * @param initialLevelsPerSide levels each side holds before its first growth.
     */
    public L2Book(final int instrumentId, final int initialLevelsPerSide)
    {
        this.instrumentId = instrumentId;
        this.bids = new PriceLevels(BID, initialLevelsPerSide);
        this.asks = new PriceLevels(ASK, initialLevelsPerSide);
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /** Adds the level or replaces its size and order count; a size of zero or less removes it. */
    public void set(final int side, final long price, final long size, final int orders)
    {
        levels(side).set(price, size, orders);
    }

    /** @return true if the level existed. */
    public boolean delete(final int side, final long price)
    {
        return levels(side).delete(price);
    }

    /** Empties both sides, keeping their memory. */
    public void clear()
    {
        bids.clear();
        asks.clear();
    }

    public void clearSide(final int side)
    {
        levels(side).clear();
    }

    /** @return the best price on side, or {@link Values#NONE} when it is empty. */
    public long bestPrice(final int side)
    {
        return levels(side).bestPrice();
    }

    /** @return the size at the best price, or 0 when the side is empty. */
    public long bestSize(final int side)
    {
        return levels(side).bestSize();
    }

    /** @return the order count at the best price, or 0 when the side is empty. */
    public int bestOrders(final int side)
    {
        return levels(side).bestOrders();
    }

    public long bestBidPrice()
    {
        return bids.bestPrice();
    }

    public long bestAskPrice()
    {
        return asks.bestPrice();
    }

    public boolean contains(final int side, final long price)
    {
        return levels(side).contains(price);
    }

    /** @return the size at price, or 0 when there is no such level. */
    public long sizeAt(final int side, final long price)
    {
        return levels(side).sizeAt(price);
    }

    /** @return the order count at price, or 0 when there is no such level. */
    public int ordersAt(final int side, final long price)
    {
        return levels(side).ordersAt(price);
    }

    /** Number of levels on side. */
    public int depth(final int side)
    {
        return levels(side).depth();
    }

    /** Levels side can hold before it next grows. */
    public int capacity(final int side)
    {
        return levels(side).capacity();
    }

    /**
     * @return true if both sides are non-empty and the best bid is above the best ask. A locked book
     * (bid == ask) is not crossed: real feeds show it, and tickwire accepts it (see {@link #isLocked()}).
     */
    public boolean isCrossed()
    {
        return !bids.isEmpty() && !asks.isEmpty() && bids.bestPrice() > asks.bestPrice();
    }

    /** @return true if both sides are non-empty and the best bid equals the best ask. */
    public boolean isLocked()
    {
        return !bids.isEmpty() && !asks.isEmpty() && bids.bestPrice() == asks.bestPrice();
    }

    /**
     * Visits up to maxLevels levels of side, best first: bids by descending price, asks by ascending price.
     * The consumer must not modify this book while it runs.
     *
     * @return the number of levels visited.
     */
    public int forEachLevel(final int side, final int maxLevels, final LevelConsumer consumer)
    {
        return levels(side).forEachLevel(maxLevels, consumer);
    }

    /** Makes this book's levels equal to other's (instrument id is left alone); used to roll back a batch. */
    public void copyFrom(final L2Book other)
    {
        bids.copyFrom(other.bids);
        asks.copyFrom(other.asks);
    }

    /** @return true if both sides hold exactly the same levels as other's (instrument id is not compared). */
    public boolean sameLevelsAs(final L2Book other)
    {
        return bids.sameLevelsAs(other.bids) && asks.sameLevelsAs(other.asks);
    }

    /** Frees both sides' memory. Idempotent; afterwards the book reads as empty and rejects new levels. */
    @Override
    public void close()
    {
        bids.close();
        asks.close();
    }

    /** For tests and for code in this package that works on one side at a time. */
    PriceLevels levels(final int side)
    {
        if (side == BID)
        {
            return bids;
        }
        if (side == ASK)
        {
            return asks;
        }
        throw new IllegalArgumentException("side must be BID(0) or ASK(1): " + side);
    }
}
