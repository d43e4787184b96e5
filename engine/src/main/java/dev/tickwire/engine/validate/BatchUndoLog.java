package dev.tickwire.engine.validate;

import dev.tickwire.engine.book.L2Book;

import java.util.Arrays;

/** Prior level states recorded while a batch is applied to a shadow book, to undo a rejected batch. */
final class BatchUndoLog
{
    private int[] side;
    private long[] price;
    private long[] size;
    private int[] orders;
    private int count;

    BatchUndoLog(final int capacity)
    {
        side = new int[capacity];
        price = new long[capacity];
        size = new long[capacity];
        orders = new int[capacity];
    }

    void reset()
    {
        count = 0;
    }

    /** Records the level as it was before a change; size 0 means it did not exist. */
    void record(final int side, final long price, final long size, final int orders)
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

    /** Restores the recorded states, newest first, so a level changed twice ends at its oldest state. */
    void rollBack(final L2Book book)
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
