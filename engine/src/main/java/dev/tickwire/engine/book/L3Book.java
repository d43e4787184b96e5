package dev.tickwire.engine.book;

import dev.tickwire.wire.Values;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Market-by-order book for one instrument: every order by id, a FIFO queue per price level, and an {@link L2Book}
 * kept consistent with it after every operation, all in off-heap memory.
 * <ul>
 *   <li>Orders are 40-byte records (id, price, size, prev, next, level, side) in an {@link L3Slab} with a free list;
 *   id → record through an {@link OrderIndex} (open addressing, linear probing, backward-shift deletion, rehash at
 *   70 % full).</li>
 *   <li>Each price level is a 40-byte record (price, known size, unknown size, head, tail, order count, side) found
 *   through one {@link OrderIndex} per side (price → record); its orders form a doubly linked list, oldest first.</li>
 * </ul>
 * Nothing allocates in steady state; the buffers double when full (rare).
 *
 * <h2>Known and unknown volume</h2>
 * A feed that starts mid-session shows levels whose orders were placed before it started, and a depth-limited feed
 * loses track of orders that leave its window. Such volume is <em>unknown</em>: it is in the level's size but belongs
 * to no order this book knows. Each level therefore holds
 * <pre>
 *   L2 size   = known size (sum of its orders' sizes) + unknown size (&gt;= 0)
 *   L2 orders = number of known orders (unknown volume comes from an unknown number of orders)
 * </pre>
 * Unknown volume enters through {@link #setLevel} (a snapshot or a correction from the source) and leaves through
 * {@link #reduceUnknown} (a cancel or fill of an order the book does not know) or another {@link #setLevel}. It never
 * goes below 0, and a level with neither orders nor unknown volume disappears. A level never holds less than its
 * known orders: a correction below them forgets those orders (see {@link #setLevel}).
 *
 * <h2>Results</h2>
 * Every change returns what happened to the one level it touched, as {@link #LEVEL_ADDED}, {@link #LEVEL_MODIFIED}
 * or {@link #LEVEL_DELETED} (equal to the SBE {@code BookAction} values ADD, MODIFY, DELETE), or {@link #UNCHANGED};
 * {@link #lastSide()}, {@link #lastPrice()}, {@link #lastLevelSize()} and {@link #lastLevelOrders()} then describe the
 * level after the change, which is everything an L2 delta needs, and {@link #lastVolume()} the volume that left or
 * entered it.
 * <p>
 * Not thread-safe: a book belongs to one thread.
 */
public final class L3Book implements AutoCloseable
{
    /** Nothing changed (unknown order id, duplicate add, nothing left to reduce, level already right). */
    public static final int UNCHANGED = 0;
    /** A new level appeared (BookAction.ADD). */
    public static final int LEVEL_ADDED = 1;
    /** An existing level changed size or order count (BookAction.MODIFY). */
    public static final int LEVEL_MODIFIED = 2;
    /** The level is gone (BookAction.DELETE). */
    public static final int LEVEL_DELETED = 3;

    private static final int NULL = L3Slab.NULL;
    private static final int MISSING = OrderIndex.MISSING;

    // Order record; the free list links through NEXT.
    private static final int ORDER_RECORD = 40;
    private static final int O_ID = 0;
    private static final int O_PRICE = 8;
    private static final int O_SIZE = 16;
    private static final int O_PREV = 24;
    private static final int O_NEXT = 28;
    private static final int O_LEVEL = 32;
    private static final int O_SIDE = 36;

    // Level record; the free list links through HEAD.
    private static final int LEVEL_RECORD = 40;
    private static final int L_PRICE = 0;
    private static final int L_KNOWN = 8;
    private static final int L_UNKNOWN = 16;
    private static final int L_HEAD = 24;
    private static final int L_TAIL = 28;
    private static final int L_COUNT = 32;
    private static final int L_SIDE = 36;

    private final L2Book l2;
    private final L3Slab orders;
    private final L3Slab levels;
    private final UnsafeBuffer o;
    private final UnsafeBuffer l;
    private final OrderIndex byId;
    private final OrderIndex bidLevels;
    private final OrderIndex askLevels;

    private int lastSide = L2Book.BID;
    private long lastPrice = Values.NONE;
    private long lastLevelSize;
    private int lastLevelOrders;
    private long lastVolume;
    private int lastForgotten;

    /**
     * @param initialOrders        orders held before the first growth.
     * @param initialLevelsPerSide levels each side holds before its first growth.
     */
    public L3Book(final int instrumentId, final int initialOrders, final int initialLevelsPerSide)
    {
        l2 = new L2Book(instrumentId, initialLevelsPerSide);
        orders = new L3Slab(ORDER_RECORD, O_NEXT, initialOrders);
        levels = new L3Slab(LEVEL_RECORD, L_HEAD, 2 * initialLevelsPerSide);
        o = orders.buffer();
        l = levels.buffer();
        byId = new OrderIndex(initialOrders);
        bidLevels = new OrderIndex(initialLevelsPerSide);
        askLevels = new OrderIndex(initialLevelsPerSide);
    }

    /** The L2 view, always consistent with the orders (read it, do not change it). */
    public L2Book l2()
    {
        return l2;
    }

    public int instrumentId()
    {
        return l2.instrumentId();
    }

    /** Orders the book knows. */
    public int orderCount()
    {
        return byId.size();
    }

    public boolean contains(final long orderId)
    {
        return byId.get(orderId) != MISSING;
    }

    /** @return the order's remaining size, or 0 if the book does not know it. */
    public long orderSize(final long orderId)
    {
        final int node = byId.get(orderId);
        return node == MISSING ? 0 : o.getLong(orders.offset(node) + O_SIZE);
    }

    /** @return the order's price, or {@link Values#NONE}} if the book does not know it. */
    public long orderPrice(final long orderId)
    {
        final int node = byId.get(orderId);
        return node == MISSING ? Values.NONE : o.getLong(orders.offset(node) + O_PRICE);
    }

    /** @return the order's side, or -1 if the book does not know it. */
    public int orderSide(final long orderId)
    {
        final int node = byId.get(orderId);
        return node == MISSING ? -1 : o.getInt(orders.offset(node) + O_SIDE);
    }

    /** @return how many known orders are ahead of this one in its level's queue (0 = front), or -1 if unknown. */
    public int queuePosition(final long orderId)
    {
        final int node = byId.get(orderId);
        if (node == MISSING)
        {
            return -1;
        }
        int ahead = 0;
        for (int prev = prev(node); prev != NULL; prev = prev(prev))
        {
            ahead++;
        }
        return ahead;
    }

    /** @return the known volume ahead of this order in its queue, or -1 if unknown (unknown volume is not counted). */
    public long sizeAhead(final long orderId)
    {
        final int node = byId.get(orderId);
        if (node == MISSING)
        {
            return -1;
        }
        long ahead = 0;
        for (int prev = prev(node); prev != NULL; prev = prev(prev))
        {
            ahead += o.getLong(orders.offset(prev) + O_SIZE);
        }
        return ahead;
    }

    /**
     * Visits the known orders of one level, front of the queue first. The consumer must not change this book.
     *
     * @return the number of orders visited (0 if there is no such level).
     */
    public int forEachOrder(final int side, final long price, final OrderConsumer consumer)
    {
        final int level = levelIndex(side).get(price);
        if (level == MISSING)
        {
            return 0;
        }
        int position = 0;
        for (int node = l.getInt(levels.offset(level) + L_HEAD); node != NULL; node = next(node))
        {
            final int offset = orders.offset(node);
            consumer.order(position++, o.getLong(offset + O_ID), o.getLong(offset + O_SIZE));
        }
        return position;
    }

    /** @return the level's volume that belongs to known orders, 0 if there is no such level. */
    public long knownSize(final int side, final long price)
    {
        final int level = levelIndex(side).get(price);
        return level == MISSING ? 0 : l.getLong(levels.offset(level) + L_KNOWN);
    }

    /** @return the level's volume of orders this book does not know, 0 if there is no such level. */
    public long unknownSize(final int side, final long price)
    {
        final int level = levelIndex(side).get(price);
        return level == MISSING ? 0 : l.getLong(levels.offset(level) + L_UNKNOWN);
    }

    // ---- changes ----

    /**
     * Adds an order at the back of its level's queue.
     *
     * @return {@link #LEVEL_ADDED} or {@link #LEVEL_MODIFIED}; {@link #UNCHANGED} if the id is already in the book
     * (the book keeps the order it has).
     * @throws IllegalArgumentException if side is not BID/ASK, size is not positive or price is Values.NONE.
     */
    public int add(final long orderId, final int side, final long price, final long size)
    {
        final OrderIndex index = levelIndex(side);
        if (size <= 0 || price == Values.NONE)
        {
            throw new IllegalArgumentException("an order needs a positive size and a price: size " + size);
        }
        if (byId.get(orderId) != MISSING)
        {
            return unchanged();
        }
        int level = index.get(price);
        final boolean newLevel = level == MISSING;
        if (newLevel)
        {
            level = newLevel(side, price, index);
        }
        final int node = orders.allocate();
        final int offset = orders.offset(node);
        final int levelOffset = levels.offset(level);
        final int tail = l.getInt(levelOffset + L_TAIL);
        o.putLong(offset + O_ID, orderId);
        o.putLong(offset + O_PRICE, price);
        o.putLong(offset + O_SIZE, size);
        o.putInt(offset + O_PREV, tail);
        o.putInt(offset + O_NEXT, NULL);
        o.putInt(offset + O_LEVEL, level);
        o.putInt(offset + O_SIDE, side);
        if (tail == NULL)
        {
            l.putInt(levelOffset + L_HEAD, node);
        }
        else
        {
            o.putInt(orders.offset(tail) + O_NEXT, node);
        }
        l.putInt(levelOffset + L_TAIL, node);
        l.putInt(levelOffset + L_COUNT, l.getInt(levelOffset + L_COUNT) + 1);
        l.putLong(levelOffset + L_KNOWN, l.getLong(levelOffset + L_KNOWN) + size);
        byId.put(orderId, node);
        lastVolume = size;
        settle(level);
        return newLevel ? LEVEL_ADDED : LEVEL_MODIFIED;
    }

    /**
     * Takes up to {@code size} off a known order (a partial cancel or fill); the order leaves the book when nothing
     * is left. Keeps its queue position otherwise.
     *
     * @return {@link #LEVEL_MODIFIED} or {@link #LEVEL_DELETED}; {@link #UNCHANGED} if the order is unknown or size
     * is not positive (use {@link #reduceUnknown} for orders the book does not know).
     */
    public int reduce(final long orderId, final long size)
    {
        final int node = byId.get(orderId);
        if (node == MISSING || size <= 0)
        {
            return unchanged();
        }
        final int offset = orders.offset(node);
        final long orderSize = o.getLong(offset + O_SIZE);
        final int level = o.getInt(offset + O_LEVEL);
        final long by = Math.min(size, orderSize);
        final int levelOffset = levels.offset(level);
        l.putLong(levelOffset + L_KNOWN, l.getLong(levelOffset + L_KNOWN) - by);
        if (by == orderSize)
        {
            unlink(node, level);
            byId.remove(orderId);
            orders.free(node);
        }
        else
        {
            o.putLong(offset + O_SIZE, orderSize - by);
        }
        lastVolume = by;
        return settle(level);
    }

    /** A fill of a known order: the same book change as {@link #reduce}. */
    public int execute(final long orderId, final long size)
    {
        return reduce(orderId, size);
    }

    /** Removes a known order whatever its size. @return as {@link #reduce}. */
    public int remove(final long orderId)
    {
        final int node = byId.get(orderId);
        if (node == MISSING)
        {
            return unchanged();
        }
        return reduce(orderId, o.getLong(orders.offset(node) + O_SIZE));
    }

    /**
     * A cancel or fill of an order the book does not know (it rested before the data started, or the book forgot it):
     * takes up to {@code size} off the level's unknown volume, never below 0. Known orders are left alone: volume the
     * book can attribute is not taken for someone else's (a source correction settles any disagreement).
     *
     * @return {@link #LEVEL_MODIFIED} or {@link #LEVEL_DELETED} (the level had only unknown volume and it is gone);
     * {@link #UNCHANGED} if there is no such level, no unknown volume in it, or size is not positive.
     */
    public int reduceUnknown(final int side, final long price, final long size)
    {
        final int level = levelIndex(side).get(price);
        lastSide = side;
        lastPrice = price;
        if (level == MISSING || size <= 0)
        {
            return unchangedLevel(level);
        }
        final int levelOffset = levels.offset(level);
        final long unknown = l.getLong(levelOffset + L_UNKNOWN);
        if (unknown == 0)
        {
            return unchangedLevel(level);
        }
        final long by = Math.min(size, unknown);
        l.putLong(levelOffset + L_UNKNOWN, unknown - by);
        lastVolume = by;
        return settle(level);
    }

    /**
     * Makes the level's total size {@code size} (a snapshot level or a correction from the source): the known orders
     * stay and the rest is unknown volume. If {@code size} is below the known orders' sum, the book's picture of the
     * level is wrong in a way it cannot resolve (which orders went?), so it forgets the level's orders and holds the
     * whole size as unknown ({@link #lastForgottenOrders()} says how many). Size 0 removes the level and forgets its
     * orders.
     *
     * @return {@link #LEVEL_ADDED}, {@link #LEVEL_MODIFIED}, {@link #LEVEL_DELETED}, or {@link #UNCHANGED} if the
     * level already had that size.
     */
    public int setLevel(final int side, final long price, final long size)
    {
        final OrderIndex index = levelIndex(side);
        if (size < 0 || price == Values.NONE)
        {
            throw new IllegalArgumentException("a level needs a size >= 0 and a price: size " + size);
        }
        lastSide = side;
        lastPrice = price;
        lastForgotten = 0;
        int level = index.get(price);
        if (level == MISSING)
        {
            if (size == 0)
            {
                return unchangedLevel(level);
            }
            level = newLevel(side, price, index);
            l.putLong(levels.offset(level) + L_UNKNOWN, size);
            lastVolume = size;
            settle(level);
            return LEVEL_ADDED;
        }
        final int levelOffset = levels.offset(level);
        long known = l.getLong(levelOffset + L_KNOWN);
        final long total = known + l.getLong(levelOffset + L_UNKNOWN);
        if (total == size)
        {
            return unchangedLevel(level);
        }
        if (size < known)
        {
            lastForgotten = forgetOrders(level);
            known = 0;
        }
        l.putLong(levelOffset + L_UNKNOWN, size - known);
        lastVolume = size - total;
        return settle(level);
    }

    /** Empties the book (orders, levels and the L2 view), keeping the memory. */
    public void clear()
    {
        orders.clear();
        levels.clear();
        byId.clear();
        bidLevels.clear();
        askLevels.clear();
        l2.clear();
        lastVolume = 0;
        lastForgotten = 0;
    }

    // ---- what the last change did ----

    /** Side of the level the last change touched. */
    public int lastSide()
    {
        return lastSide;
    }

    /** Price of the level the last change touched. */
    public long lastPrice()
    {
        return lastPrice;
    }

    /** The level's L2 size after the last change (0 if it is gone). */
    public long lastLevelSize()
    {
        return lastLevelSize;
    }

    /** The level's L2 order count (known orders) after the last change. */
    public int lastLevelOrders()
    {
        return lastLevelOrders;
    }

    /**
     * Volume the last change moved: added by {@link #add}, taken by the reductions (can be less than asked), the
     * size difference made by {@link #setLevel} (negative when it shrank the level); 0 when nothing changed.
     */
    public long lastVolume()
    {
        return lastVolume;
    }

    /** Orders the last {@link #setLevel} forgot. */
    public int lastForgottenOrders()
    {
        return lastForgotten;
    }

    /** Frees all memory. Idempotent. */
    @Override
    public void close()
    {
        l2.close();
        orders.close();
        levels.close();
        byId.close();
        bidLevels.close();
        askLevels.close();
    }

    /** Orders and levels the buffers hold before they next grow (for tests). */
    int orderCapacity()
    {
        return orders.capacity();
    }

    int orderIndexCapacity()
    {
        return byId.capacity();
    }

    /**
     * Checks every structure against the others: each L2 level has a level record of that side and price whose known
     * + unknown size and order count match it; each queue links both ways and its orders point back to it with
     * positive sizes summing to the known size; the id index, the record counts and the L2 depth agree. For tests;
     * O(n), allocates.
     *
     * @throws IllegalStateException describing the first broken invariant.
     */
    void checkInvariants()
    {
        byId.checkInvariants();
        bidLevels.checkInvariants();
        askLevels.checkInvariants();
        final long[] orderTotal = new long[1];
        for (int side = L2Book.BID; side <= L2Book.ASK; side++)
        {
            final OrderIndex index = levelIndex(side);
            if (index.size() != l2.depth(side))
            {
                throw new IllegalStateException("side " + side + ": " + index.size() + " level records, L2 depth " +
                    l2.depth(side));
            }
            l2.forEachLevel(side, Integer.MAX_VALUE, (s, i, price, size, count) ->
            {
                final int level = index.get(price);
                if (level == MISSING)
                {
                    throw new IllegalStateException("L2 level " + s + "/" + price + " has no level record");
                }
                final int levelOffset = levels.offset(level);
                final long known = l.getLong(levelOffset + L_KNOWN);
                final long unknown = l.getLong(levelOffset + L_UNKNOWN);
                if (l.getLong(levelOffset + L_PRICE) != price || l.getInt(levelOffset + L_SIDE) != s || unknown < 0 ||
                    known + unknown != size || l.getInt(levelOffset + L_COUNT) != count)
                {
                    throw new IllegalStateException("level " + s + "/" + price + ": known " + known + " unknown " +
                        unknown + " orders " + l.getInt(levelOffset + L_COUNT) + " but L2 " + size + "/" + count);
                }
                long sum = 0;
                int n = 0;
                int prev = NULL;
                for (int node = l.getInt(levelOffset + L_HEAD); node != NULL; node = next(node))
                {
                    final int offset = orders.offset(node);
                    if (++n > count || o.getInt(offset + O_PREV) != prev || o.getInt(offset + O_LEVEL) != level ||
                        o.getLong(offset + O_PRICE) != price || o.getInt(offset + O_SIDE) != s ||
                        o.getLong(offset + O_SIZE) <= 0 || byId.get(o.getLong(offset + O_ID)) != node)
                    {
                        throw new IllegalStateException("queue of level " + s + "/" + price + " broken at order " +
                            o.getLong(offset + O_ID));
                    }
                    sum += o.getLong(offset + O_SIZE);
                    prev = node;
                }
                if (n != count || sum != known || l.getInt(levelOffset + L_TAIL) != prev)
                {
                    throw new IllegalStateException("level " + s + "/" + price + ": queue holds " + n + " orders of " +
                        sum + ", level says " + count + " of " + known);
                }
                orderTotal[0] += n;
            });
        }
        if (orderTotal[0] != byId.size() || orders.live() != byId.size())
        {
            throw new IllegalStateException("orders: " + orderTotal[0] + " in queues, " + byId.size() + " indexed, " +
                orders.live() + " records");
        }
        if (levels.live() != bidLevels.size() + askLevels.size())
        {
            throw new IllegalStateException("levels: " + levels.live() + " records, " +
                (bidLevels.size() + askLevels.size()) + " indexed");
        }
    }

    // ---- internals ----

    private OrderIndex levelIndex(final int side)
    {
        if (side == L2Book.BID)
        {
            return bidLevels;
        }
        if (side == L2Book.ASK)
        {
            return askLevels;
        }
        throw new IllegalArgumentException("side must be BID(0) or ASK(1): " + side);
    }

    private int newLevel(final int side, final long price, final OrderIndex index)
    {
        final int level = levels.allocate();
        final int offset = levels.offset(level);
        l.putLong(offset + L_PRICE, price);
        l.putLong(offset + L_KNOWN, 0);
        l.putLong(offset + L_UNKNOWN, 0);
        l.putInt(offset + L_HEAD, NULL);
        l.putInt(offset + L_TAIL, NULL);
        l.putInt(offset + L_COUNT, 0);
        l.putInt(offset + L_SIDE, side);
        index.put(price, level);
        return level;
    }

    /** Writes the level into the L2 view, removing it when empty; records it as the last change. */
    private int settle(final int level)
    {
        final int offset = levels.offset(level);
        final int side = l.getInt(offset + L_SIDE);
        final long price = l.getLong(offset + L_PRICE);
        final long total = l.getLong(offset + L_KNOWN) + l.getLong(offset + L_UNKNOWN);
        final int count = l.getInt(offset + L_COUNT);
        lastSide = side;
        lastPrice = price;
        lastLevelSize = total;
        lastLevelOrders = count;
        if (total == 0)
        {
            levelIndex(side).remove(price);
            levels.free(level);
            l2.delete(side, price);
            return LEVEL_DELETED;
        }
        l2.set(side, price, total, count);
        return LEVEL_MODIFIED;
    }

    private void unlink(final int node, final int level)
    {
        final int offset = orders.offset(node);
        final int prev = o.getInt(offset + O_PREV);
        final int next = o.getInt(offset + O_NEXT);
        final int levelOffset = levels.offset(level);
        if (prev == NULL)
        {
            l.putInt(levelOffset + L_HEAD, next);
        }
        else
        {
            o.putInt(orders.offset(prev) + O_NEXT, next);
        }
        if (next == NULL)
        {
            l.putInt(levelOffset + L_TAIL, prev);
        }
        else
        {
            o.putInt(orders.offset(next) + O_PREV, prev);
        }
        l.putInt(levelOffset + L_COUNT, l.getInt(levelOffset + L_COUNT) - 1);
    }

    /** Drops every known order of the level; returns how many. */
    private int forgetOrders(final int level)
    {
        final int levelOffset = levels.offset(level);
        int forgotten = 0;
        int node = l.getInt(levelOffset + L_HEAD);
        while (node != NULL)
        {
            final int offset = orders.offset(node);
            final int next = o.getInt(offset + O_NEXT);
            byId.remove(o.getLong(offset + O_ID));
            orders.free(node);
            forgotten++;
            node = next;
        }
        l.putInt(levelOffset + L_HEAD, NULL);
        l.putInt(levelOffset + L_TAIL, NULL);
        l.putInt(levelOffset + L_COUNT, 0);
        l.putLong(levelOffset + L_KNOWN, 0);
        return forgotten;
    }

    private int prev(final int node)
    {
        return o.getInt(orders.offset(node) + O_PREV);
    }

    private int next(final int node)
    {
        return o.getInt(orders.offset(node) + O_NEXT);
    }

    private int unchanged()
    {
        lastVolume = 0;
        return UNCHANGED;
    }

    /** Nothing changed at a level the caller named: report its current state. */
    private int unchangedLevel(final int level)
    {
        lastVolume = 0;
        if (level == MISSING)
        {
            lastLevelSize = 0;
            lastLevelOrders = 0;
        }
        else
        {
            final int offset = levels.offset(level);
            lastLevelSize = l.getLong(offset + L_KNOWN) + l.getLong(offset + L_UNKNOWN);
            lastLevelOrders = l.getInt(offset + L_COUNT);
        }
        return UNCHANGED;
    }
}
