package dev.tickwire.engine.synthetic;

/**
 * The generator's own ladder for one instrument: best bid at {@code mid}, best ask at
 * {@code mid + 1} (in ticks), {@code levels} levels a side. Depth changes are derived from it so
 * every batch the adapter emits leaves a consistent, uncrossed book.
 */
final class SyntheticBook
{
    final long[] bidSize;
    final long[] askSize;
    long mid;

    SyntheticBook(final int levels, final long midTicks)
    {
        bidSize = new long[levels];
        askSize = new long[levels];
        mid = midTicks;
    }

    int levels()
    {
        return bidSize.length;
    }

    long bidTicks(final int k)
    {
        return mid - k;
    }

    long askTicks(final int k)
    {
        return mid + 1 + k;
    }

    /** Moves the book up one tick: the old best ask becomes the best bid. */
    void shiftUp(final long newBestBidSize, final long newDeepestAskSize)
    {
        System.arraycopy(bidSize, 0, bidSize, 1, bidSize.length - 1);
        bidSize[0] = newBestBidSize;
        System.arraycopy(askSize, 1, askSize, 0, askSize.length - 1);
        askSize[askSize.length - 1] = newDeepestAskSize;
        mid++;
    }

    /** Moves the book down one tick: the old best bid becomes the best ask. */
    void shiftDown(final long newBestAskSize, final long newDeepestBidSize)
    {
        System.arraycopy(askSize, 0, askSize, 1, askSize.length - 1);
        askSize[0] = newBestAskSize;
        System.arraycopy(bidSize, 1, bidSize, 0, bidSize.length - 1);
        bidSize[bidSize.length - 1] = newDeepestBidSize;
        mid--;
    }
}
