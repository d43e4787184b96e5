package dev.tickwire.engine.book;

/**
 * Receives price levels from {@link L2Book#forEachLevel}. Primitive parameters only, so walking a book never boxes
 * or allocates; callers keep one instance and reuse it.
 */
@FunctionalInterface
public interface LevelConsumer
{
    /**
     * @param side   {@link L2Book#BID} or {@link L2Book#ASK}.
     * @param index  0 for the best level, then 1, 2, ... moving away from the touch.
     * @param price  fixed-point price.
     * @param size   fixed-point size, always positive.
     * @param orders order count as published by the venue.
     */
    void level(int side, int index, long price, long size, int orders);
}
