package dev.tickwire.adapters.lobster;

import java.util.Arrays;

/**
 * The book deltas of one LOBSTER message (its own change, then its corrections), staged in primitive arrays before
 * they are published as one ring range. Reused for every message; grows only for a deeper book than seen so far.
 */
final class LobsterBatch
{
    /** Why a delta is in the batch. */
    static final int MESSAGE = 0;
    static final int SNAPSHOT = 1;
    static final int SIZE_CORRECTED = 2;
    static final int LEVEL_ADDED = 3;
    static final int LEVEL_DELETED = 4;
    static final int LEVEL_BEYOND_ROW = 5;

    private int size;
    private int[] actions = new int[16];
    private int[] sides = new int[16];
    private long[] prices = new long[16];
    private long[] sizes = new long[16];
    private int[] orders = new int[16];
    private int[] kinds = new int[16];

    void clear()
    {
        size = 0;
    }

    int size()
    {
        return size;
    }

    /** @param action a BookAction value (0 CLEAR, 1 ADD, 2 MODIFY, 3 DELETE). */
    void add(final int action, final int side, final long price, final long levelSize, final int levelOrders,
        final int kind)
    {
        if (size == actions.length)
        {
            final int n = size * 2;
            actions = Arrays.copyOf(actions, n);
            sides = Arrays.copyOf(sides, n);
            prices = Arrays.copyOf(prices, n);
            sizes = Arrays.copyOf(sizes, n);
            orders = Arrays.copyOf(orders, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        actions[size] = action;
        sides[size] = side;
        prices[size] = price;
        sizes[size] = levelSize;
        orders[size] = levelOrders;
        kinds[size] = kind;
        size++;
    }

    int action(final int i)
    {
        return actions[i];
    }

    int side(final int i)
    {
        return sides[i];
    }

    long price(final int i)
    {
        return prices[i];
    }

    long levelSize(final int i)
    {
        return sizes[i];
    }

    int levelOrders(final int i)
    {
        return orders[i];
    }

    int kind(final int i)
    {
        return kinds[i];
    }
}
