package dev.tickwire.adapters.lobster;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.L3Book;
import dev.tickwire.engine.book.LevelConsumer;

import java.util.Arrays;

/**
 * The book a LOBSTER import keeps: an {@link L3Book} driven by the messages, held equal to LOBSTER's own order book
 * file after every message, with each step staged as L2 deltas in a {@link LobsterBatch}.
 *
 * <h2>Why corrections</h2>
 * A level-N LOBSTER file only holds the events inside the top N levels, and orders resting before the file starts have
 * no add. So a book built from the messages alone drifts: a level that enters the top N from below arrives without
 * its orders; a level pushed below the top N stops receiving its events. After each message, {@link #reconcile}
 * compares the book with the message's order book row (all N levels each side) and corrects every difference:
 * <ul>
 *   <li>a level of the row the book lacks: ADD it (typically a level entering the top N from below);</li>
 *   <li>a level of both with another size: MODIFY it to the row's size;</li>
 *   <li>a level of the book the row lacks, inside the price range the row covers: DELETE it;</li>
 *   <li>a level of the book beyond the row's last level when the row shows all N levels of that side (typically
 *   pushed out by an add above it): DELETE it too. LOBSTER knows nothing about it any more (its later cancels and
 *   fills are not in the file), so keeping it would be guesswork; deleting it makes the book always equal
 *   LOBSTER's own.</li>
 * </ul>
 *
 * <h2>L3 after a correction</h2>
 * Corrections go through {@link L3Book#setLevel}: a level's known orders stay when the corrected size still holds
 * them, and the difference is the level's <em>unknown</em> volume (orders the book never saw). A level deleted or cut
 * below its known orders forgets them: a later message about such an order is handled as an unknown order
 * ({@link L3Book#reduceUnknown} at its price), and the next row corrects what that cannot. So at every row: the L2
 * view equals the row exactly, each level's size = its known orders + its unknown volume, and its order count is the
 * number of known orders.
 *
 * <h2>The start</h2>
 * The book before the first message is the first row with that message undone ({@link #seed}): row k is the book
 * after message k, and seeding with row 1 itself would count message 1 twice. The seed levels are all unknown volume.
 * <p>
 * Not thread-safe; allocates nothing per message once its arrays fit the book's depth.
 */
final class LobsterBook implements AutoCloseable
{
    static final int ADD = 1;
    static final int PARTIAL_CANCEL = 2;
    static final int DELETE = 3;
    static final int EXECUTE_VISIBLE = 4;
    static final int EXECUTE_HIDDEN = 5;
    static final int CROSS_TRADE = 6;
    static final int HALT = 7;

    private static final int CLEAR_ACTION = 0;
    private static final int ADD_ACTION = 1;

    private final L3Book book;
    private final LobsterBatch batch = new LobsterBatch();
    private boolean seeded;

    private long[] ourPrices = new long[32];
    private long[] ourSizes = new long[32];
    private int ourCount;
    private final LevelConsumer collect = this::collect;
    private final LevelConsumer snapshot = this::snapshot;

    private long unknownOrderEvents;
    private long unmatchedEvents;
    private long duplicateAdds;
    private long forgottenOrders;

    LobsterBook(final int instrumentId)
    {
        book = new L3Book(instrumentId, 1 << 14, 64);
    }

    L2Book l2()
    {
        return book.l2();
    }

    L3Book l3()
    {
        return book;
    }

    /** The deltas staged by the last {@link #seed}, or by the last {@link #apply} and {@link #reconcile}. */
    LobsterBatch batch()
    {
        return batch;
    }

    boolean seeded()
    {
        return seeded;
    }

    /**
     * Sets the book to what it was before the first message: {@code row} (the book after that message) with the
     * message's own change undone, all of it unknown volume; stages it as a snapshot (CLEAR, then an ADD per level).
     */
    void seed(final LobsterBookRow row, final int type, final int side, final long price, final long size)
    {
        book.clear();
        for (int s = L2Book.BID; s <= L2Book.ASK; s++)
        {
            for (int i = 0; i < row.count(s); i++)
            {
                book.setLevel(s, row.price(s, i), row.size(s, i));
            }
        }
        final long before = book.l2().sizeAt(side, price);
        if (type == ADD)
        {
            book.setLevel(side, price, Math.max(0, before - size));
        }
        else if (type == PARTIAL_CANCEL || type == DELETE || type == EXECUTE_VISIBLE)
        {
            book.setLevel(side, price, before + size);
        }
        batch.clear();
        batch.add(CLEAR_ACTION, L2Book.BID, 0, 0, 0, LobsterBatch.SNAPSHOT);
        book.l2().forEachLevel(L2Book.BID, Integer.MAX_VALUE, snapshot);
        book.l2().forEachLevel(L2Book.ASK, Integer.MAX_VALUE, snapshot);
        seeded = true;
    }

    /**
     * Applies a message's own change to the book and stages its delta (none for hidden executions, cross trades,
     * halts, and events the book cannot place). Clears the batch first.
     *
     * @param side {@link L2Book#BID} for Direction 1 (a buy limit order), {@link L2Book#ASK} for −1.
     */
    void apply(final int type, final long orderId, final long size, final long price, final int side)
    {
        batch.clear();
        final int change;
        switch (type)
        {
            case ADD:
                change = book.add(orderId, side, price, size);
                if (change == L3Book.UNCHANGED)
                {
                    duplicateAdds++; // the id is in the book already: the row will tell what the level is
                }
                break;
            case PARTIAL_CANCEL:
                change = book.contains(orderId) ? book.reduce(orderId, size) : unknownOrder(side, price, size);
                break;
            case DELETE:
                change = book.contains(orderId) ? book.remove(orderId) : unknownOrder(side, price, size);
                break;
            case EXECUTE_VISIBLE:
                change = book.contains(orderId) ? book.execute(orderId, size) : unknownOrder(side, price, size);
                break;
            default:
                change = L3Book.UNCHANGED;
                break;
        }
        if (change != L3Book.UNCHANGED)
        {
            batch.add(change, book.lastSide(), book.lastPrice(), book.lastLevelSize(), book.lastLevelOrders(),
                LobsterBatch.MESSAGE);
        }
    }

    /** Stages (after what is staged) and applies the corrections that make the book equal {@code row}. */
    void reconcile(final LobsterBookRow row)
    {
        for (int side = L2Book.BID; side <= L2Book.ASK; side++)
        {
            ourCount = 0;
            book.l2().forEachLevel(side, Integer.MAX_VALUE, collect);
            final int n = row.count(side);
            int i = 0;
            int j = 0;
            while (i < ourCount || j < n)
            {
                if (i < ourCount && j < n && ourPrices[i] == row.price(side, j))
                {
                    if (ourSizes[i] != row.size(side, j))
                    {
                        correct(side, ourPrices[i], row.size(side, j), LobsterBatch.SIZE_CORRECTED);
                    }
                    i++;
                    j++;
                }
                else if (j == n || (i < ourCount && isBetter(side, ourPrices[i], row.price(side, j))))
                {
                    // Ours, not in the row: inside the row's range, or beyond a row that shows all N levels.
                    correct(side, ourPrices[i], 0,
                        j == n && row.full(side) ? LobsterBatch.LEVEL_BEYOND_ROW : LobsterBatch.LEVEL_DELETED);
                    i++;
                }
                else
                {
                    correct(side, row.price(side, j), row.size(side, j), LobsterBatch.LEVEL_ADDED);
                    j++;
                }
            }
        }
    }

    /** Cancels and visible fills of orders the L3 book does not know. */
    long unknownOrderEvents()
    {
        return unknownOrderEvents;
    }

    /** ...of which the book had no unknown volume at that price to take them from (the row then corrects it). */
    long unmatchedEvents()
    {
        return unmatchedEvents;
    }

    long duplicateAdds()
    {
        return duplicateAdds;
    }

    /** Known orders dropped by corrections (their level left the top N, or shrank below them). */
    long forgottenOrders()
    {
        return forgottenOrders;
    }

    @Override
    public void close()
    {
        book.close();
    }

    private int unknownOrder(final int side, final long price, final long size)
    {
        unknownOrderEvents++;
        final int change = book.reduceUnknown(side, price, size);
        if (change == L3Book.UNCHANGED)
        {
            unmatchedEvents++;
        }
        return change;
    }

    private void correct(final int side, final long price, final long size, final int kind)
    {
        final int change = book.setLevel(side, price, size);
        forgottenOrders += book.lastForgottenOrders();
        if (change != L3Book.UNCHANGED)
        {
            batch.add(change, side, price, book.lastLevelSize(), book.lastLevelOrders(), kind);
        }
    }

    private static boolean isBetter(final int side, final long price, final long than)
    {
        return side == L2Book.BID ? price > than : price < than;
    }

    private void collect(final int side, final int index, final long price, final long size, final int orders)
    {
        if (ourCount == ourPrices.length)
        {
            ourPrices = Arrays.copyOf(ourPrices, ourCount * 2);
            ourSizes = Arrays.copyOf(ourSizes, ourCount * 2);
        }
        ourPrices[ourCount] = price;
        ourSizes[ourCount] = size;
        ourCount++;
    }

    private void snapshot(final int side, final int index, final long price, final long size, final int orders)
    {
        batch.add(ADD_ACTION, side, price, size, orders, LobsterBatch.SNAPSHOT);
    }
}
