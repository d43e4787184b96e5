package dev.tickwire.engine.book;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Fixed-size records in one off-heap buffer, addressed by int index, with a free list: the storage of
 * {@link L3Book}'s orders and levels. The buffer doubles when full; record indices never change, so they can be
 * linked to each other and stored in an {@link OrderIndex}. Callers read and write fields through {@link #buffer()}
 * at {@link #offset(int)} + field offset; the buffer object stays the same across growth (it is re-wrapped).
 * Not thread-safe.
 */
final class L3Slab implements AutoCloseable
{
    static final int NULL = -1;
    /** 2^25 records: with 40-byte records, 1.25 GiB, below what an int-indexed buffer addresses. */
    static final int MAX_CAPACITY = 1 << 25;

    private final int recordSize;
    private final int linkOffset;
    private final UnsafeBuffer records = new UnsafeBuffer();
    private ByteBuffer memory;
    private int capacity;
    private int freeHead = NULL;
    private int highWater; // records [0, highWater) have been handed out at least once
    private int live;

    /**
     * @param recordSize      bytes per record (a multiple of 8 keeps longs aligned).
     * @param linkOffset      an int field of the record that links free records together.
     * @param initialCapacity records held before the first growth.
     */
    L3Slab(final int recordSize, final int linkOffset, final int initialCapacity)
    {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("initialCapacity must be in [1, " + MAX_CAPACITY + "]: " + initialCapacity);
        }
        this.recordSize = recordSize;
        this.linkOffset = linkOffset;
        resize(initialCapacity);
    }

    UnsafeBuffer buffer()
    {
        return records;
    }

    int offset(final int record)
    {
        return record * recordSize;
    }

    /** A record to fill in; its previous contents are garbage. Grows the buffer when full. */
    int allocate()
    {
        final int record;
        if (freeHead != NULL)
        {
            record = freeHead;
            freeHead = records.getInt(offset(record) + linkOffset);
        }
        else
        {
            if (highWater == capacity)
            {
                if (capacity >= MAX_CAPACITY)
                {
                    throw new IllegalStateException("L3 records full: " + capacity);
                }
                resize(Math.min(capacity * 2, MAX_CAPACITY));
            }
            record = highWater++;
        }
        live++;
        return record;
    }

    void free(final int record)
    {
        records.putInt(offset(record) + linkOffset, freeHead);
        freeHead = record;
        live--;
    }

    /** Frees every record in O(1), keeping the memory. */
    void clear()
    {
        freeHead = NULL;
        highWater = 0;
        live = 0;
    }

    int live()
    {
        return live;
    }

    int capacity()
    {
        return capacity;
    }

    @Override
    public void close()
    {
        if (memory != null)
        {
            clear();
            records.wrap(BufferUtil.NULL_BYTES);
            BufferUtil.free(memory);
            memory = null;
            capacity = 0;
        }
    }

    private void resize(final int newCapacity)
    {
        final ByteBuffer newMemory = ByteBuffer.allocateDirect(newCapacity * recordSize);
        if (memory != null)
        {
            records.getBytes(0, newMemory, 0, highWater * recordSize);
        }
        records.wrap(newMemory, 0, newCapacity * recordSize);
        if (memory != null)
        {
            BufferUtil.free(memory);
        }
        memory = newMemory;
        capacity = newCapacity;
    }
}
