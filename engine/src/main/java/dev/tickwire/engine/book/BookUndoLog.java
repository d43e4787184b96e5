package dev.tickwire.engine.book;

import java.util.Arrays;

/**
 * Prior level states recorded while a batch is applied to a book, to undo it: the validator rolls
 * back a rejected batch on its shadow book; queries roll back a batch still open at a point in time.
 */
public final class BookUndoLog
{
    private int[] side;
    private long[] price;
    private long[] size;
    private int[] orders;
    private int count;

    public BookUndoLog(final int capacity)
    {
        side = new int[capacity];
        price = new long[capacity];
        size = new long[capacity];
        orders = new int[capacity];
    }

    public void reset()
    {
        count = 0;
    }

    /** Records the level as it was before a change; size 0 means it did not exist. */
    public void record(final int side, final long price, final long size, final int orders)
    {
        if (count == this.side.length)
        {
            final int length = count * 2;
            this.side = Arrays.copyOf(this.side, length);
            this.price = Arrays.copyOf(this.price, length);
            this.size = Arrays.copyOf(this.size, length);
            this.orders = Arrays.copyOf(this.orders, length);
        }
        this.side[count] = side;
        this.price[count] = price;
        this.size[count] = size;
        this.orders[count] = orders;
        count++;
    }

    /** Records the level {@code delta} is about to change (CLEAR is not recorded: copy the book for that). */
    public void recordBefore(final L2Book book, final int side, final long price)
    {
        record(side, price, book.sizeAt(side, price), book.ordersAt(side, price));
    }

    public boolean isEmpty()
    {
        return count == 0;
    }

    /** Restores the recorded states, newest first, so a level changed twice ends at its oldest state. */
    public void rollBack(final L2Book book)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            if (size[i] > 0)
            {
                book.set(side[i], price[i], size[i], orders[i]);
            }
            else
            {
                book.delete(side[i], price[i]);
            }
        }
        count = 0;
    }
}
