package dev.tickwire.engine.book;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An off-heap open-addressing hash map from long keys (order ids, prices) to non-negative int values (record
 * indices), for {@link L3Book}. Linear probing; deletion shifts the following entries back instead of leaving
 * tombstones, so lookups never slow down with churn; the table doubles (rehash) when it would be over 70 % full.
 * <p>
 * Every long is a valid key (0 and negative ids included): an empty slot is marked by its value, {@link #MISSING}.
 * Nothing allocates except growth. Not thread-safe.
 */
final class OrderIndex implements AutoCloseable
{
    static final int MISSING = -1;

    private static final int ENTRY_SIZE = 16; // key long, value int, 4 bytes padding: entries stay 8-byte aligned
    private static final int KEY_OFFSET = 0;
    private static final int VALUE_OFFSET = 8;
    /** 2^26 entries = 1 GiB of table. */
    static final int MAX_CAPACITY = 1 << 26;

    private final UnsafeBuffer table = new UnsafeBuffer();
    private ByteBuffer memory;
    private int capacity;
    private int mask;
    private int resizeThreshold;
    private int size;

    /** @param initialCapacity entries expected; the table is sized so they fit below the load factor. */
    OrderIndex(final int initialCapacity)
    {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY / 2)
        {
            throw new IllegalArgumentException("initialCapacity must be in [1, " + MAX_CAPACITY / 2 + "]: " +
                initialCapacity);
        }
        int slots = 8;
        while (slots * 7L / 10 < initialCapacity)
        {
            slots <<= 1;
        }
        allocate(slots);
    }

    int size()
    {
        return size;
    }

    /** Slots in the table (a power of two). */
    int capacity()
    {
        return capacity;
    }

    /** @return the value for key, or {@link #MISSING}. */
    int get(final long key)
    {
        int slot = home(key, mask);
        while (true)
        {
            final int offset = slot * ENTRY_SIZE;
            final int value = table.getInt(offset + VALUE_OFFSET);
            if (value == MISSING)
            {
                return MISSING;
            }
            if (table.getLong(offset + KEY_OFFSET) == key)
            {
                return value;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Inserts or replaces; value must be non-negative. */
    void put(final long key, final int value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("value must be non-negative: " + value);
        }
        int slot = home(key, mask);
        while (true)
        {
            final int offset = slot * ENTRY_SIZE;
            if (table.getInt(offset + VALUE_OFFSET) == MISSING)
            {
                if (size + 1 > resizeThreshold)
                {
                    rehash(capacity << 1);
                    put(key, value); // once: the bigger table has room
                    return;
                }
                table.putLong(offset + KEY_OFFSET, key);
                table.putInt(offset + VALUE_OFFSET, value);
                size++;
                return;
            }
            if (table.getLong(offset + KEY_OFFSET) == key)
            {
                table.putInt(offset + VALUE_OFFSET, value);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** @return the removed value, or {@link #MISSING} if the key was absent. */
    int remove(final long key)
    {
        int slot = home(key, mask);
        while (true)
        {
            final int offset = slot * ENTRY_SIZE;
            final int value = table.getInt(offset + VALUE_OFFSET);
            if (value == MISSING)
            {
                return MISSING;
            }
            if (table.getLong(offset + KEY_OFFSET) == key)
            {
                shiftBack(slot);
                size--;
                return value;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Empties the table, keeping its memory: O(capacity), for rare resets. */
    void clear()
    {
        table.setMemory(0, capacity * ENTRY_SIZE, (byte)0xFF); // every value becomes MISSING (-1)
        size = 0;
    }

    @Override
    public void close()
    {
        if (memory != null)
        {
            table.wrap(BufferUtil.NULL_BYTES);
            BufferUtil.free(memory);
            memory = null;
            capacity = 0;
            size = 0;
        }
    }

    /** For tests: every entry is reachable from its home slot without crossing an empty slot, and the count is right. */
    void checkInvariants()
    {
        int live = 0;
        for (int slot = 0; slot < capacity; slot++)
        {
            final int offset = slot * ENTRY_SIZE;
            if (table.getInt(offset + VALUE_OFFSET) != MISSING)
            {
                live++;
                final long key = table.getLong(offset + KEY_OFFSET);
                if (get(key) != table.getInt(offset + VALUE_OFFSET))
                {
                    throw new IllegalStateException("key " + key + " in slot " + slot + " is not reachable");
                }
            }
        }
        if (live != size)
        {
            throw new IllegalStateException("size " + size + " but " + live + " entries");
        }
    }

    /**
     * Backward-shift deletion: empties {@code gap}, then moves each following entry of the probe run into the gap
     * when the gap lies on its probe path (cyclically between its home slot and its slot), until an empty slot.
     */
    private void shiftBack(final int removed)
    {
        int gap = removed;
        int slot = (gap + 1) & mask;
        while (true)
        {
            final int offset = slot * ENTRY_SIZE;
            final int value = table.getInt(offset + VALUE_OFFSET);
            if (value == MISSING)
            {
                break;
            }
            final long key = table.getLong(offset + KEY_OFFSET);
            final int home = home(key, mask);
            // The entry may move to the gap iff its home is not cyclically within (gap, slot].
            if (((slot - home) & mask) >= ((slot - gap) & mask))
            {
                final int gapOffset = gap * ENTRY_SIZE;
                table.putLong(gapOffset + KEY_OFFSET, key);
                table.putInt(gapOffset + VALUE_OFFSET, value);
                gap = slot;
            }
            slot = (slot + 1) & mask;
        }
        table.putInt(gap * ENTRY_SIZE + VALUE_OFFSET, MISSING);
    }

    private void rehash(final int newCapacity)
    {
        if (newCapacity > MAX_CAPACITY)
        {
            throw new IllegalStateException("order index full: " + capacity + " slots");
        }
        final ByteBuffer oldMemory = memory;
        final UnsafeBuffer old = new UnsafeBuffer(oldMemory, 0, capacity * ENTRY_SIZE);
        final int oldCapacity = capacity;
        allocate(newCapacity);
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int offset = slot * ENTRY_SIZE;
            final int value = old.getInt(offset + VALUE_OFFSET);
            if (value != MISSING)
            {
                insertFresh(old.getLong(offset + KEY_OFFSET), value);
            }
        }
        BufferUtil.free(oldMemory);
    }

    /** Insert during rehash: the key is known to be absent and there is room. */
    private void insertFresh(final long key, final int value)
    {
        int slot = home(key, mask);
        while (table.getInt(slot * ENTRY_SIZE + VALUE_OFFSET) != MISSING)
        {
            slot = (slot + 1) & mask;
        }
        table.putLong(slot * ENTRY_SIZE + KEY_OFFSET, key);
        table.putInt(slot * ENTRY_SIZE + VALUE_OFFSET, value);
        size++;
    }

    private void allocate(final int slots)
    {
        memory = ByteBuffer.allocateDirect(slots * ENTRY_SIZE);
        table.wrap(memory, 0, slots * ENTRY_SIZE);
        capacity = slots;
        mask = slots - 1;
        resizeThreshold = (int)(slots * 7L / 10);
        size = 0;
        table.setMemory(0, slots * ENTRY_SIZE, (byte)0xFF);
    }

    /**
     * Home slot: the MurmurHash3 64-bit finalizer, because order ids are often sequential and prices are multiples of
     * the tick, and linear probing needs their low bits spread.
     */
    private static int home(final long key, final int mask)
    {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int)h & mask;
    }
}
