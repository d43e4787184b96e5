package dev.tickwire.engine.book;

/**
 * Receives the orders of one level from {@link L3Book#forEachOrder}, front of the queue first. Primitive parameters
 * only, so walking a queue never boxes or allocates; callers keep one instance and reuse it.
 */
@FunctionalInterface
public interface OrderConsumer
{
    /**
     * @param position 0 for the order at the front of the queue (next to fill), then 1, 2, ...
     * @param orderId  the venue's order id.
     * @param size     the order's remaining size, fixed-point, always positive.
     */
    void order(int position, long orderId, long size);
}
