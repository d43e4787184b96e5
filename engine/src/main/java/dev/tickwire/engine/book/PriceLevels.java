package dev.tickwire.engine.book;

import dev.tickwire.wire.Values;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One side of an L2 book: the price levels, kept in an AVL tree of fixed-size nodes in off-heap memory.
 * <p>
 * The tree is ordered by ascending price on both sides; only "best" differs (highest for bids, lowest for asks).
 * Nodes are addressed by int index, {@link #NULL} (-1) is the null link, removed nodes go to a free list, and the
 * memory doubles when full. Node indices never change while a level lives, which is what lets the best level be
 * cached by index and read in O(1).
 * <p>
 * Not thread-safe: a book belongs to one handler thread.
 */
public final class PriceLevels implements AutoCloseable
{
    static final int NULL = -1;

    // Node layout: the longs sit first so they are 8-byte aligned; 32 bytes keeps a node inside one cache line.
    static final int NODE_SIZE = 32;
    private static final int PRICE_OFFSET = 0;
    private static final int SIZE_OFFSET = 8;
    private static final int ORDERS_OFFSET = 16;
    private static final int LEFT_OFFSET = 20; // doubles as the next link while a node is on the free list
    private static final int RIGHT_OFFSET = 24;
    private static final int HEIGHT_OFFSET = 28;

    /** 2^25 nodes = 1 GiB, safely below the 2 GiB an int-indexed buffer can address. */
    public static final int MAX_CAPACITY = 1 << 25;
    private static final int CACHE_LINE = 64;

    private final int side;
    private final boolean descending;
    private final UnsafeBuffer nodes = new UnsafeBuffer();
    private ByteBuffer memory; // kept so close() and growth can free it at once instead of waiting for GC
    private int capacity;
    private boolean closed;

    private int root = NULL;
    private int best = NULL;
    private int count;
    private int freeHead = NULL;
    private int highWater; // nodes [0, highWater) have been handed out at least once
    private int lastInserted = NULL;

    private int checkedNodes; // scratch for checkInvariants

    /**
     * @param side            {@link L2Book#BID} (best = highest price) or {@link L2Book#ASK} (best = lowest price).
     * @param initialCapacity levels held before the first growth; size it for the usual depth so growth is rare.
     */
    public PriceLevels(final int side, final int initialCapacity)
    {
        if (side != L2Book.BID && side != L2Book.ASK)
        {
            throw new IllegalArgumentException("side must be BID(0) or ASK(1): " + side);
        }
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(
                "initialCapacity must be in [1, " + MAX_CAPACITY + "]: " + initialCapacity);
        }
        this.side = side;
        this.descending = side == L2Book.BID;
        resize(initialCapacity);
    }

    public int side()
    {
        return side;
    }

    /** Number of levels. */
    public int depth()
    {
        return count;
    }

    public boolean isEmpty()
    {
        return count == 0;
    }

    /** Levels that fit before the next growth. */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Adds the level or replaces its size and order count; a size of zero or less removes it.
     *
     * @throws IllegalArgumentException if price is {@link Values#NONE}}, which is reserved for "no level".
     */
    public void set(final long price, final long size, final int orders)
    {
        if (price == Values.NONE)
        {
            throw new IllegalArgumentException("price is Values.NONE (no price)");
        }
        if (size <= 0)
        {
            delete(price);
            return;
        }

        // Most updates change an existing level: a plain lookup, no structural change.
        final int existing = find(price);
        if (existing != NULL)
        {
            nodes.putLong(offset(existing) + SIZE_OFFSET, size);
            nodes.putInt(offset(existing) + ORDERS_OFFSET, orders);
            return;
        }

        // Grow before descending so the recursion never sees the buffer change under it.
        if (freeHead == NULL && highWater == capacity)
        {
            grow();
        }
        root = insert(root, price, size, orders);
        count++;
        if (best == NULL || isBetter(price, price(best)))
        {
            best = lastInserted;
        }
    }

    /** @return true if the level existed. */
    public boolean delete(final long price)
    {
        if (find(price) == NULL)
        {
            return false;
        }
        final boolean removingBest = price == price(best);
        root = remove(root, price);
        count--;
        if (removingBest)
        {
            best = extreme(root);
        }
        return true;
    }

    /** Drops every level in O(1); the memory is kept for reuse. */
    public void clear()
    {
        root = NULL;
        best = NULL;
        count = 0;
        freeHead = NULL;
        highWater = 0;
    }

    /** @return the best price, or {@link Values#NONE}} when the side is empty. */
    public long bestPrice()
    {
        return best == NULL ? Values.NONE : price(best);
    }

    /** @return the size at the best price, or 0 when the side is empty. */
    public long bestSize()
    {
        return best == NULL ? 0 : size(best);
    }

    /** @return the order count at the best price, or 0 when the side is empty. */
    public int bestOrders()
    {
        return best == NULL ? 0 : orders(best);
    }

    public boolean contains(final long price)
    {
        return find(price) != NULL;
    }

    /** @return the size at price, or 0 when there is no such level. */
    public long sizeAt(final long price)
    {
        final int node = find(price);
        return node == NULL ? 0 : size(node);
    }

    /** @return the order count at price, or 0 when there is no such level. */
    public int ordersAt(final long price)
    {
        final int node = find(price);
        return node == NULL ? 0 : orders(node);
    }

    /**
     * Visits up to maxLevels levels, best first. The consumer must not modify this side while it runs.
     *
     * @return the number of levels visited.
     */
    public int forEachLevel(final int maxLevels, final LevelConsumer consumer)
    {
        if (maxLevels <= 0)
        {
            return 0;
        }
        return visit(root, 0, maxLevels, consumer);
    }

    /**
     * Makes this side an exact copy of other by copying the used part of its memory, so a batch can be rolled back
     * with a memcpy instead of replaying levels. Allocates only if this side must grow to hold other's nodes.
     */
    public void copyFrom(final PriceLevels other)
    {
        if (other == this)
        {
            return;
        }
        if (other.side != side)
        {
            // The trees are ordered the same way, but the cached best would point at the wrong end.
            throw new IllegalArgumentException("cannot copy side " + other.side + " into side " + side);
        }
        if (closed)
        {
            throw new IllegalStateException("price levels closed");
        }
        if (other.highWater > capacity)
        {
            int newCapacity = capacity;
            while (newCapacity < other.highWater)
            {
                newCapacity = Math.min(newCapacity * 2, MAX_CAPACITY);
            }
            resize(newCapacity);
        }
        nodes.putBytes(0, other.nodes, 0, other.highWater * NODE_SIZE);
        root = other.root;
        best = other.best;
        count = other.count;
        freeHead = other.freeHead;
        highWater = other.highWater;
    }

    /** @return true if both sides hold exactly the same levels (price, size, orders), whatever their tree shape. */
    public boolean sameLevelsAs(final PriceLevels other)
    {
        if (other == this)
        {
            return true;
        }
        // Equal counts plus every level of this found in other means the two sets are equal.
        return count == other.count && allLevelsIn(root, other);
    }

    /** Frees the memory now rather than at some later GC. Idempotent; the side reads as empty afterwards. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        clear();
        nodes.wrap(BufferUtil.NULL_BYTES);
        BufferUtil.free(memory);
        memory = null;
        capacity = 0;
    }

    /**
     * Verifies ordering, AVL balance, stored heights, the level count, the cached best and the free list.
     * For tests; O(n).
     *
     * @throws IllegalStateException describing the first broken invariant.
     */
    void checkInvariants()
    {
        checkedNodes = 0;
        checkSubtree(root, 0, false, 0, false);
        if (checkedNodes != count)
        {
            throw new IllegalStateException("count " + count + " but tree holds " + checkedNodes);
        }
        if (best != extreme(root))
        {
            throw new IllegalStateException("cached best " + best + " but extreme is " + extreme(root));
        }
        int free = 0;
        for (int node = freeHead; node != NULL; node = left(node))
        {
            if (node < 0 || node >= highWater || ++free > highWater)
            {
                throw new IllegalStateException("free list corrupt at node " + node);
            }
        }
        if (count + free != highWater)
        {
            throw new IllegalStateException("leak: " + count + " live + " + free + " free != " + highWater + " used");
        }
    }

    // ---- AVL tree ----

    private int insert(final int node, final long price, final long size, final int orders)
    {
        if (node == NULL)
        {
            lastInserted = allocate(price, size, orders);
            return lastInserted;
        }
        // Equal prices never get here: set() updates existing levels in place.
        if (price < price(node))
        {
            left(node, insert(left(node), price, size, orders));
        }
        else
        {
            right(node, insert(right(node), price, size, orders));
        }
        return rebalance(node);
    }

    /** Removes price, which the caller has checked is present, from the subtree; returns the new subtree root. */
    private int remove(final int node, final long price)
    {
        final long nodePrice = price(node);
        if (price < nodePrice)
        {
            left(node, remove(left(node), price));
            return rebalance(node);
        }
        if (price > nodePrice)
        {
            right(node, remove(right(node), price));
            return rebalance(node);
        }

        final int l = left(node);
        final int r = right(node);
        release(node);
        if (l == NULL)
        {
            return r;
        }
        if (r == NULL)
        {
            return l;
        }
        // Relink the in-order successor into the removed node's place rather than copying its fields across,
        // so that live levels keep their indices and the cached best stays valid.
        final int successor = min(r);
        right(successor, removeMin(r));
        left(successor, l);
        return rebalance(successor);
    }

    /** Unlinks (without freeing) the lowest node of the subtree; returns the new subtree root. */
    private int removeMin(final int node)
    {
        final int l = left(node);
        if (l == NULL)
        {
            return right(node);
        }
        left(node, removeMin(l));
        return rebalance(node);
    }

    private int rebalance(final int node)
    {
        updateHeight(node);
        final int l = left(node);
        final int r = right(node);
        final int balance = height(l) - height(r);
        if (balance > 1)
        {
            if (height(left(l)) < height(right(l)))
            {
                left(node, rotateLeft(l));
            }
            return rotateRight(node);
        }
        if (balance < -1)
        {
            if (height(right(r)) < height(left(r)))
            {
                right(node, rotateRight(r));
            }
            return rotateLeft(node);
        }
        return node;
    }

    private int rotateRight(final int node)
    {
        final int l = left(node);
        left(node, right(l));
        right(l, node);
        updateHeight(node);
        updateHeight(l);
        return l;
    }

    private int rotateLeft(final int node)
    {
        final int r = right(node);
        right(node, left(r));
        left(r, node);
        updateHeight(node);
        updateHeight(r);
        return r;
    }

    private void updateHeight(final int node)
    {
        nodes.putInt(offset(node) + HEIGHT_OFFSET, 1 + Math.max(height(left(node)), height(right(node))));
    }

    private int find(final long price)
    {
        int node = root;
        while (node != NULL)
        {
            final long nodePrice = price(node);
            if (price == nodePrice)
            {
                return node;
            }
            node = price < nodePrice ? left(node) : right(node);
        }
        return NULL;
    }

    private int min(final int subtree)
    {
        int node = subtree;
        for (int l = left(node); l != NULL; l = left(node))
        {
            node = l;
        }
        return node;
    }

    /** The best node of the subtree: rightmost for bids, leftmost for asks. */
    private int extreme(final int subtree)
    {
        int node = subtree;
        if (node == NULL)
        {
            return NULL;
        }
        for (int next = nearer(node); next != NULL; next = nearer(node))
        {
            node = next;
        }
        return node;
    }

    private boolean isBetter(final long price, final long than)
    {
        return descending ? price > than : price < than;
    }

    /** The child holding better prices. */
    private int nearer(final int node)
    {
        return descending ? right(node) : left(node);
    }

    /** The child holding worse prices. */
    private int farther(final int node)
    {
        return descending ? left(node) : right(node);
    }

    private int visit(final int node, final int visited, final int maxLevels, final LevelConsumer consumer)
    {
        if (node == NULL || visited == maxLevels)
        {
            return visited;
        }
        final int afterNearer = visit(nearer(node), visited, maxLevels, consumer);
        if (afterNearer == maxLevels)
        {
            return afterNearer;
        }
        consumer.level(side, afterNearer, price(node), size(node), orders(node));
        return visit(farther(node), afterNearer + 1, maxLevels, consumer);
    }

    private boolean allLevelsIn(final int node, final PriceLevels other)
    {
        if (node == NULL)
        {
            return true;
        }
        final int match = other.find(price(node));
        return match != NULL &&
            other.size(match) == size(node) &&
            other.orders(match) == orders(node) &&
            allLevelsIn(left(node), other) &&
            allLevelsIn(right(node), other);
    }

    /** @return the subtree height, checked against the stored one. Bounds are exclusive and optional. */
    private int checkSubtree(
        final int node, final long low, final boolean hasLow, final long high, final boolean hasHigh)
    {
        if (node == NULL)
        {
            return 0;
        }
        if (node < 0 || node >= highWater || ++checkedNodes > count)
        {
            throw new IllegalStateException("bad link or cycle at node " + node);
        }
        final long price = price(node);
        if ((hasLow && price <= low) || (hasHigh && price >= high) || size(node) <= 0)
        {
            throw new IllegalStateException("node " + node + " out of order or empty: price " + price);
        }
        final int leftHeight = checkSubtree(left(node), low, hasLow, price, true);
        final int rightHeight = checkSubtree(right(node), price, true, high, hasHigh);
        final int height = 1 + Math.max(leftHeight, rightHeight);
        if (Math.abs(leftHeight - rightHeight) > 1 || height != height(node))
        {
            throw new IllegalStateException("node " + node + " unbalanced or stale height");
        }
        return height;
    }

    // ---- node storage ----

    private int allocate(final long price, final long size, final int orders)
    {
        final int node;
        if (freeHead != NULL)
        {
            node = freeHead;
            freeHead = left(node);
        }
        else
        {
            node = highWater++;
        }
        final int offset = offset(node);
        nodes.putLong(offset + PRICE_OFFSET, price);
        nodes.putLong(offset + SIZE_OFFSET, size);
        nodes.putInt(offset + ORDERS_OFFSET, orders);
        nodes.putInt(offset + LEFT_OFFSET, NULL);
        nodes.putInt(offset + RIGHT_OFFSET, NULL);
        nodes.putInt(offset + HEIGHT_OFFSET, 1);
        return node;
    }

    private void release(final int node)
    {
        left(node, freeHead);
        freeHead = node;
    }

    private void grow()
    {
        if (capacity >= MAX_CAPACITY)
        {
            throw new IllegalStateException("price levels full: " + capacity);
        }
        resize(Math.min(capacity * 2, MAX_CAPACITY));
    }

    private void resize(final int newCapacity)
    {
        if (closed)
        {
            throw new IllegalStateException("price levels closed");
        }
        final int length = newCapacity * NODE_SIZE;
        // Plain allocateDirect plus our own alignment: BufferUtil.allocateDirectAligned returns a slice, which
        // cannot be freed explicitly, and books are created per instrument so prompt release matters.
        final ByteBuffer newMemory = ByteBuffer.allocateDirect(length + CACHE_LINE);
        final int alignOffset = (int)(-BufferUtil.address(newMemory) & (CACHE_LINE - 1));
        if (memory != null)
        {
            nodes.getBytes(0, newMemory, alignOffset, highWater * NODE_SIZE);
        }
        nodes.wrap(newMemory, alignOffset, length);
        if (memory != null)
        {
            BufferUtil.free(memory);
        }
        memory = newMemory;
        capacity = newCapacity;
    }

    private static int offset(final int node)
    {
        return node * NODE_SIZE;
    }

    private long price(final int node)
    {
        return nodes.getLong(offset(node) + PRICE_OFFSET);
    }

    private long size(final int node)
    {
        return nodes.getLong(offset(node) + SIZE_OFFSET);
    }

    private int orders(final int node)
    {
        return nodes.getInt(offset(node) + ORDERS_OFFSET);
    }

    private int left(final int node)
    {
        return nodes.getInt(offset(node) + LEFT_OFFSET);
    }

    private void left(final int node, final int child)
    {
        nodes.putInt(offset(node) + LEFT_OFFSET, child);
    }

    private int right(final int node)
    {
        return nodes.getInt(offset(node) + RIGHT_OFFSET);
    }

    private void right(final int node, final int child)
    {
        nodes.putInt(offset(node) + RIGHT_OFFSET, child);
    }

    private int height(final int node)
    {
        return node == NULL ? 0 : nodes.getInt(offset(node) + HEIGHT_OFFSET);
    }
}
