package dev.tickwire.engine.book.checkpoint;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.LevelConsumer;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.function.IntFunction;
import java.util.zip.CRC32;

/**
 * One checkpoint of every L2 book, as the journal stood after one excerpt: a header (magic, version,
 * the journal index, a CRC32 of the rest, the count of books, the excerpt's engine sequence), then per
 * book its id and its levels, best first. The sequence finds the excerpt again once retention moved its
 * day to the archive (where it has another index). The CRC makes a damaged checkpoint one to pass over, never one to trust.
 */
final class BookCheckpointCodec implements LevelConsumer
{
    static final int MAGIC = 0x4B42_5754; // "TWBK"
    static final int VERSION = 2; // 2: the engine sequence (a version-1 checkpoint is passed over, then rebuilt)
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int INDEX_OFFSET = 8;
    private static final int CRC_OFFSET = 16;
    private static final int COUNT_OFFSET = 20;
    private static final int SEQUENCE_OFFSET = 24;
    private static final int BOOKS_OFFSET = 32;
    private static final int LEVEL_LENGTH = 20;

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64 * 1024);
    private final CRC32 crc = new CRC32();
    private final byte[] scratch = new byte[64 * 1024];
    private int position;

    /**
     * Encodes {@code books} as they are after the journal excerpt at {@code journalIndex} (engine sequence
     * {@code sequence}); returns the length.
     */
    int encode(final long journalIndex, final long sequence, final Int2ObjectHashMap<L2Book> books)
    {
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putLong(INDEX_OFFSET, journalIndex);
        buffer.putLong(SEQUENCE_OFFSET, sequence);
        buffer.putInt(COUNT_OFFSET, books.size());
        position = BOOKS_OFFSET;
        books.forEach((id, book) ->
        {
            buffer.putInt(position, id);
            buffer.putInt(position + 4, book.depth(L2Book.BID));
            buffer.putInt(position + 8, book.depth(L2Book.ASK));
            position += 12;
            book.forEachLevel(L2Book.BID, Integer.MAX_VALUE, this);
            book.forEachLevel(L2Book.ASK, Integer.MAX_VALUE, this);
        });
        buffer.putInt(CRC_OFFSET, crc(buffer, 0, position));
        return position;
    }

    @Override
    public void level(final int side, final int index, final long price, final long size, final int orders)
    {
        buffer.putLong(position, price);
        buffer.putLong(position + 8, size);
        buffer.putInt(position + 16, orders);
        position += LEVEL_LENGTH;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    /** True if the payload is a whole checkpoint of this version (magic, version, lengths, CRC). */
    boolean valid(final DirectBuffer payload, final int offset, final int length)
    {
        if (length < BOOKS_OFFSET || payload.getInt(offset + MAGIC_OFFSET) != MAGIC ||
            payload.getInt(offset + VERSION_OFFSET) != VERSION)
        {
            return false;
        }
        int at = offset + BOOKS_OFFSET;
        final int end = offset + length;
        for (int i = payload.getInt(offset + COUNT_OFFSET); i > 0; i--)
        {
            if (at + 12 > end)
            {
                return false;
            }
            final long levels = (long)payload.getInt(at + 4) + payload.getInt(at + 8);
            at += 12;
            if (levels < 0 || at + levels * LEVEL_LENGTH > end)
            {
                return false;
            }
            at += (int)(levels * LEVEL_LENGTH);
        }
        return payload.getInt(offset + CRC_OFFSET) == crc(payload, offset, at - offset);
    }

    static long journalIndex(final DirectBuffer payload, final int offset)
    {
        return payload.getLong(offset + INDEX_OFFSET);
    }

    static long sequence(final DirectBuffer payload, final int offset)
    {
        return payload.getLong(offset + SEQUENCE_OFFSET);
    }

    /**
     * Sets each book the payload holds and {@code target} wants (null: skip it) to the payload's levels; the
     * payload must be {@link #valid}.
     */
    static void decode(final DirectBuffer payload, final int offset, final IntFunction<L2Book> target)
    {
        int at = offset + BOOKS_OFFSET;
        for (int i = payload.getInt(offset + COUNT_OFFSET); i > 0; i--)
        {
            final L2Book book = target.apply(payload.getInt(at));
            final int bids = payload.getInt(at + 4);
            final int asks = payload.getInt(at + 8);
            at += 12;
            if (book != null)
            {
                book.clear();
            }
            for (int level = 0; level < bids + asks; level++)
            {
                if (book != null)
                {
                    book.set(level < bids ? L2Book.BID : L2Book.ASK, payload.getLong(at), payload.getLong(at + 8),
                        payload.getInt(at + 16));
                }
                at += LEVEL_LENGTH;
            }
        }
    }

    private int crc(final DirectBuffer source, final int offset, final int length)
    {
        crc.reset();
        for (int done = 0; done < length; )
        {
            final int n = Math.min(scratch.length, length - done);
            source.getBytes(offset + done, scratch, 0, n);
            if (done == 0)
            {
                scratch[CRC_OFFSET] = 0; // the CRC's own field counts as zeros
                scratch[CRC_OFFSET + 1] = 0;
                scratch[CRC_OFFSET + 2] = 0;
                scratch[CRC_OFFSET + 3] = 0;
            }
            crc.update(scratch, 0, n);
            done += n;
        }
        return (int)crc.getValue();
    }
}
