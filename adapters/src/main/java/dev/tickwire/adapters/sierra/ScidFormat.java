package dev.tickwire.adapters.sierra;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Sierra Chart intraday data file ({@code .scid}), little-endian throughout (shared/REFERENCE.md §1).
 *
 * <pre>
 * header, 56 bytes:  0 char[4] "SCID" | 4 u32 HeaderSize=56 | 8 u32 RecordSize=40 | 12 u16 Version=1
 *                    14 u16 unused | 16 u32 UTCStartIndex | 20 char[36] reserve
 * record, 40 bytes:  0 i64 DateTime (µs since 1899-12-30 UTC) | 8 f32 Open | 12 f32 High | 16 f32 Low
 *                    20 f32 Close | 24 u32 NumTrades | 28 u32 TotalVolume | 32 u32 BidVolume | 36 u32 AskVolume
 * </pre>
 *
 * Tick records carry a marker in {@code Open} ({@link #SINGLE_TRADE}, {@link #FIRST_SUB_TRADE},
 * {@link #LAST_SUB_TRADE}); then trade price = Close, ask = High, bid = Low. The readers do no float
 * arithmetic and do not allocate; only {@link #checkHeader} allocates, and only to describe a failure.
 */
public final class ScidFormat
{
    public static final int HEADER_SIZE = 56;
    public static final int RECORD_SIZE = 40;
    /** "SCID" read as a little-endian int. */
    public static final int MAGIC = 'S' | 'C' << 8 | 'I' << 16 | 'D' << 24;
    public static final int VERSION = 1;

    /** Unix µs = SCDateTimeMS − this (25,569 days from 1899-12-30 to 1970-01-01). */
    public static final long SC_EPOCH_OFFSET_US = 2_209_161_600_000_000L;

    /** Open-field markers of tick records. */
    public static final float SINGLE_TRADE = 0.0f;
    public static final float FIRST_SUB_TRADE = -1.99900095e+37f;
    public static final float LAST_SUB_TRADE = -1.99900197e+37f;

    public static final int KIND_TRADE = 0;
    public static final int KIND_QUOTE = 1;
    public static final int KIND_BAR = 2;

    // header offsets
    public static final int HEADER_MAGIC_OFFSET = 0;
    public static final int HEADER_SIZE_OFFSET = 4;
    public static final int HEADER_RECORD_SIZE_OFFSET = 8;
    public static final int HEADER_VERSION_OFFSET = 12;
    public static final int HEADER_UNUSED_OFFSET = 14;
    public static final int HEADER_UTC_START_INDEX_OFFSET = 16;
    public static final int HEADER_RESERVE_OFFSET = 20;

    // record offsets
    public static final int DATE_TIME_OFFSET = 0;
    public static final int OPEN_OFFSET = 8;
    public static final int HIGH_OFFSET = 12;
    public static final int LOW_OFFSET = 16;
    public static final int CLOSE_OFFSET = 20;
    public static final int NUM_TRADES_OFFSET = 24;
    public static final int TOTAL_VOLUME_OFFSET = 28;
    public static final int BID_VOLUME_OFFSET = 32;
    public static final int ASK_VOLUME_OFFSET = 36;

    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final long U32_MASK = 0xFFFF_FFFFL;

    private static final int FIRST_SUB_TRADE_BITS = Float.floatToRawIntBits(FIRST_SUB_TRADE);
    private static final int LAST_SUB_TRADE_BITS = Float.floatToRawIntBits(LAST_SUB_TRADE);

    private ScidFormat()
    {
    }

    /**
     * @param available bytes readable from {@code offset} (the buffer must hold at least
     *                  {@code min(available, HEADER_SIZE)} bytes there)
     * @return null if the header is valid, else a short reason; checks size, magic, header size, record size
     */
    public static String checkHeader(final DirectBuffer buffer, final int offset, final int available)
    {
        return checkHeader(buffer, offset, available, HEADER_SIZE, RECORD_SIZE, MAGIC, "SCID");
    }

    /** Shared by both formats: the layout of the first 12 bytes (magic, header size, record size) is the same. */
    static String checkHeader(
        final DirectBuffer buffer,
        final int offset,
        final int available,
        final int headerSize,
        final int recordSize,
        final int magic,
        final String magicText)
    {
        if (available < headerSize)
        {
            return "short header: " + Math.max(0, available) + " of " + headerSize + " bytes";
        }
        if (buffer.getInt(offset, LE) != magic)
        {
            final StringBuilder sb = new StringBuilder("wrong magic '");
            for (int i = 0; i < 4; i++)
            {
                final int c = buffer.getByte(offset + i) & 0xFF;
                sb.append(c >= 0x20 && c <= 0x7E ? (char)c : '?');
            }
            return sb.append("' (expected ").append(magicText).append(')').toString();
        }
        final long actualHeaderSize = buffer.getInt(offset + 4, LE) & U32_MASK;
        if (actualHeaderSize != headerSize)
        {
            return "header size " + actualHeaderSize + " (expected " + headerSize + ")";
        }
        final long actualRecordSize = buffer.getInt(offset + 8, LE) & U32_MASK;
        if (actualRecordSize != recordSize)
        {
            return "record size " + actualRecordSize + " (expected " + recordSize + ")";
        }
        return null;
    }

    // ---------------------------------------------------------------- record readers

    /** SCDateTimeMS: µs since 1899-12-30 00:00 UTC. */
    public static long dateTime(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getLong(recordOffset + DATE_TIME_OFFSET, LE);
    }

    public static float open(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getFloat(recordOffset + OPEN_OFFSET, LE);
    }

    public static float high(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getFloat(recordOffset + HIGH_OFFSET, LE);
    }

    public static float low(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getFloat(recordOffset + LOW_OFFSET, LE);
    }

    public static float close(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getFloat(recordOffset + CLOSE_OFFSET, LE);
    }

    public static long numTrades(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getInt(recordOffset + NUM_TRADES_OFFSET, LE) & U32_MASK;
    }

    public static long totalVolume(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getInt(recordOffset + TOTAL_VOLUME_OFFSET, LE) & U32_MASK;
    }

    public static long bidVolume(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getInt(recordOffset + BID_VOLUME_OFFSET, LE) & U32_MASK;
    }

    public static long askVolume(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getInt(recordOffset + ASK_VOLUME_OFFSET, LE) & U32_MASK;
    }

    // ---------------------------------------------------------------- time

    /** SCDateTimeMS (µs since 1899-12-30 UTC) to Unix epoch nanoseconds. */
    public static long toEpochNanos(final long scDateTimeUs)
    {
        return (scDateTimeUs - SC_EPOCH_OFFSET_US) * 1_000L;
    }

    /** Unix epoch nanoseconds to SCDateTimeMS, µs precision, rounded down (towards the past). */
    public static long toScDateTime(final long epochNanos)
    {
        return Math.floorDiv(epochNanos, 1_000L) + SC_EPOCH_OFFSET_US;
    }

    // ---------------------------------------------------------------- classification

    /**
     * {@link #KIND_TRADE}, {@link #KIND_QUOTE} or {@link #KIND_BAR}. A tick record has a marker in Open
     * (0.0f, either sign, or a sub-trade marker, compared by bit pattern) and NumTrades ≤ 1; it is a
     * trade if TotalVolume &gt; 0, else a bid/ask-only update. Anything else is an aggregated bar.
     */
    public static int kind(final DirectBuffer b, final int off)
    {
        if (!isMarkerBits(b.getInt(off + OPEN_OFFSET, LE)) || numTrades(b, off) > 1)
        {
            return KIND_BAR;
        }
        return totalVolume(b, off) > 0 ? KIND_TRADE : KIND_QUOTE;
    }

    /** True if {@code open} is one of the three tick markers (by bit pattern; -0.0f counts as 0.0f). */
    public static boolean isTickMarker(final float open)
    {
        return isMarkerBits(Float.floatToRawIntBits(open));
    }

    private static boolean isMarkerBits(final int bits)
    {
        return (bits & 0x7FFF_FFFF) == 0 || bits == FIRST_SUB_TRADE_BITS || bits == LAST_SUB_TRADE_BITS;
    }

    // ---------------------------------------------------------------- writers

    /** A valid 56-byte header: magic, 56, 40, version 1, everything else zero. */
    public static void writeHeader(final MutableDirectBuffer b, final int off)
    {
        b.setMemory(off, HEADER_SIZE, (byte)0);
        b.putInt(off + HEADER_MAGIC_OFFSET, MAGIC, LE);
        b.putInt(off + HEADER_SIZE_OFFSET, HEADER_SIZE, LE);
        b.putInt(off + HEADER_RECORD_SIZE_OFFSET, RECORD_SIZE, LE);
        b.putShort(off + HEADER_VERSION_OFFSET, (short)VERSION, LE);
    }

    /**
     * One 40-byte record. The u32 fields must be in [0, 2^32 − 1]; they are checked before anything is written.
     *
     * @throws IllegalArgumentException if a u32 field is out of range
     */
    public static void writeRecord(
        final MutableDirectBuffer b,
        final int off,
        final long scDateTimeUs,
        final float open,
        final float high,
        final float low,
        final float close,
        final long numTrades,
        final long totalVolume,
        final long bidVolume,
        final long askVolume)
    {
        final int trades = u32(numTrades, "numTrades");
        final int total = u32(totalVolume, "totalVolume");
        final int bid = u32(bidVolume, "bidVolume");
        final int ask = u32(askVolume, "askVolume");
        b.putLong(off + DATE_TIME_OFFSET, scDateTimeUs, LE);
        b.putFloat(off + OPEN_OFFSET, open, LE);
        b.putFloat(off + HIGH_OFFSET, high, LE);
        b.putFloat(off + LOW_OFFSET, low, LE);
        b.putFloat(off + CLOSE_OFFSET, close, LE);
        b.putInt(off + NUM_TRADES_OFFSET, trades, LE);
        b.putInt(off + TOTAL_VOLUME_OFFSET, total, LE);
        b.putInt(off + BID_VOLUME_OFFSET, bid, LE);
        b.putInt(off + ASK_VOLUME_OFFSET, ask, LE);
    }

    static int u32(final long value, final String name)
    {
        if ((value & ~U32_MASK) != 0)
        {
            throw new IllegalArgumentException(name + " " + value + " is not a u32");
        }
        return (int)value;
    }
}
