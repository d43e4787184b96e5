package dev.tickwire.adapters.sierra;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;

import static dev.tickwire.adapters.sierra.ScidFormat.LE;
import static dev.tickwire.adapters.sierra.ScidFormat.U32_MASK;

/**
 * Sierra Chart market depth file ({@code .depth}), little-endian (shared/REFERENCE.md §2).
 *
 * <pre>
 * header, 64 bytes:  0 u32 "SCDD" | 4 u32 HeaderSize=64 | 8 u32 RecordSize=24 | 12 u32 Version=1 | 16 char[48] reserve
 * record, 24 bytes:  0 i64 DateTime (µs since 1899-12-30 UTC) | 8 u8 Command | 9 u8 Flags | 10 u16 NumOrders
 *                    12 f32 Price | 16 u32 Quantity | 20 u32 Reserved
 * </pre>
 *
 * One file per symbol per UTC day: {@code <dataDir>/MarketDepthData/<SYMBOL>.<YYYY-MM-DD>.depth}. A batch
 * (records up to one flagged {@link #FLAG_END_OF_BATCH}) is one consistent book change.
 */
public final class DepthFormat
{
    public static final int HEADER_SIZE = 64;
    public static final int RECORD_SIZE = 24;
    /** "SCDD" read as a little-endian int. */
    public static final int MAGIC = 0x44444353;
    public static final int VERSION = 1;

    public static final int NO_COMMAND = 0;
    public static final int CLEAR_BOOK = 1;
    public static final int ADD_BID_LEVEL = 2;
    public static final int ADD_ASK_LEVEL = 3;
    public static final int MODIFY_BID_LEVEL = 4;
    public static final int MODIFY_ASK_LEVEL = 5;
    public static final int DELETE_BID_LEVEL = 6;
    public static final int DELETE_ASK_LEVEL = 7;
    /** The highest defined command. */
    public static final int MAX_COMMAND = DELETE_ASK_LEVEL;

    /** The book action of a depth command; {@code NULL_VAL} for one the format does not define. */
    public static BookAction action(final int command)
    {
        switch (command)
        {
            case CLEAR_BOOK: return BookAction.CLEAR;
            case ADD_BID_LEVEL:
            case ADD_ASK_LEVEL: return BookAction.ADD;
            case MODIFY_BID_LEVEL:
            case MODIFY_ASK_LEVEL: return BookAction.MODIFY;
            case DELETE_BID_LEVEL:
            case DELETE_ASK_LEVEL: return BookAction.DELETE;
            default: return BookAction.NULL_VAL;
        }
    }

    /** The side of a depth command: even commands are bids, odd asks; a CLEAR (both sides) says BID. */
    public static BookSide side(final int command)
    {
        return command == CLEAR_BOOK || command % 2 == 0 ? BookSide.BID : BookSide.ASK;
    }

    public static final int FLAG_END_OF_BATCH = 0x01;

    public static final String DEPTH_DIR = "MarketDepthData";
    public static final String EXTENSION = ".depth";

    // header offsets
    public static final int HEADER_MAGIC_OFFSET = 0;
    public static final int HEADER_SIZE_OFFSET = 4;
    public static final int HEADER_RECORD_SIZE_OFFSET = 8;
    public static final int HEADER_VERSION_OFFSET = 12;
    public static final int HEADER_RESERVE_OFFSET = 16;

    // record offsets
    public static final int DATE_TIME_OFFSET = 0;
    public static final int COMMAND_OFFSET = 8;
    public static final int FLAGS_OFFSET = 9;
    public static final int NUM_ORDERS_OFFSET = 10;
    public static final int PRICE_OFFSET = 12;
    public static final int QUANTITY_OFFSET = 16;
    public static final int RESERVED_OFFSET = 20;

    private DepthFormat()
    {
    }

    /**
     * @param available bytes readable from {@code offset}
     * @return null if the header is valid, else a short reason; checks size, magic, header size, record size
     */
    public static String checkHeader(final DirectBuffer buffer, final int offset, final int available)
    {
        return ScidFormat.checkHeader(buffer, offset, available, HEADER_SIZE, RECORD_SIZE, MAGIC, "SCDD");
    }

    // ---------------------------------------------------------------- record readers

    /** SCDateTimeMS: µs since 1899-12-30 00:00 UTC. */
    public static long dateTime(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getLong(recordOffset + DATE_TIME_OFFSET, LE);
    }

    public static int command(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getByte(recordOffset + COMMAND_OFFSET) & 0xFF;
    }

    public static int flags(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getByte(recordOffset + FLAGS_OFFSET) & 0xFF;
    }

    public static int numOrders(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getShort(recordOffset + NUM_ORDERS_OFFSET, LE) & 0xFFFF;
    }

    public static float price(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getFloat(recordOffset + PRICE_OFFSET, LE);
    }

    public static long quantity(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getInt(recordOffset + QUANTITY_OFFSET, LE) & U32_MASK;
    }

    /** The u32 Reserved field (0 in files written by Sierra Chart and by {@link #writeRecord}). */
    public static long reserved(final DirectBuffer buffer, final int recordOffset)
    {
        return buffer.getInt(recordOffset + RESERVED_OFFSET, LE) & U32_MASK;
    }

    // ---------------------------------------------------------------- writers

    /** A valid 64-byte header: magic, 64, 24, version 1, zero reserve. */
    public static void writeHeader(final MutableDirectBuffer b, final int off)
    {
        b.setMemory(off, HEADER_SIZE, (byte)0);
        b.putInt(off + HEADER_MAGIC_OFFSET, MAGIC, LE);
        b.putInt(off + HEADER_SIZE_OFFSET, HEADER_SIZE, LE);
        b.putInt(off + HEADER_RECORD_SIZE_OFFSET, RECORD_SIZE, LE);
        b.putInt(off + HEADER_VERSION_OFFSET, VERSION, LE);
    }

    /**
     * One 24-byte record with Reserved = 0. Command and flags must fit a u8, numOrders a u16, quantity a u32;
     * they are checked before anything is written.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public static void writeRecord(
        final MutableDirectBuffer b,
        final int off,
        final long scDateTimeUs,
        final int command,
        final int flags,
        final int numOrders,
        final float price,
        final long quantity)
    {
        checkRange(command, 0xFF, "command");
        checkRange(flags, 0xFF, "flags");
        checkRange(numOrders, 0xFFFF, "numOrders");
        final int qty = ScidFormat.u32(quantity, "quantity");
        b.putLong(off + DATE_TIME_OFFSET, scDateTimeUs, LE);
        b.putByte(off + COMMAND_OFFSET, (byte)command);
        b.putByte(off + FLAGS_OFFSET, (byte)flags);
        b.putShort(off + NUM_ORDERS_OFFSET, (short)numOrders, LE);
        b.putFloat(off + PRICE_OFFSET, price, LE);
        b.putInt(off + QUANTITY_OFFSET, qty, LE);
        b.putInt(off + RESERVED_OFFSET, 0, LE);
    }

    private static void checkRange(final int value, final int max, final String name)
    {
        if (value < 0 || value > max)
        {
            throw new IllegalArgumentException(name + " " + value + " is not in [0, " + max + "]");
        }
    }

    // ---------------------------------------------------------------- file naming

    /** {@code SYMBOL.YYYY-MM-DD.depth}, e.g. {@code ESM25_FUT_CME.2025-06-13.depth}. */
    public static String fileName(final String symbol, final LocalDate day)
    {
        final int year = day.getYear();
        if (year < 0 || year > 9999)
        {
            throw new IllegalArgumentException("year " + year + " does not fit YYYY");
        }
        return symbol + '.' + day + EXTENSION;
    }

    /**
     * The day of a depth file named exactly {@code SYMBOL.YYYY-MM-DD.depth} for this symbol, or null if the
     * name is another symbol's, has another extension, or does not hold a valid calendar date.
     */
    public static LocalDate dayOf(final String fileName, final String symbol)
    {
        final int dateStart = symbol.length() + 1;
        if (fileName.length() != dateStart + 10 + EXTENSION.length() ||
            !fileName.startsWith(symbol) ||
            fileName.charAt(symbol.length()) != '.' ||
            !fileName.endsWith(EXTENSION))
        {
            return null;
        }
        if (fileName.charAt(dateStart + 4) != '-' || fileName.charAt(dateStart + 7) != '-')
        {
            return null;
        }
        final int year = digits(fileName, dateStart, 4);
        final int month = digits(fileName, dateStart + 5, 2);
        final int day = digits(fileName, dateStart + 8, 2);
        if (year < 0 || month < 0 || day < 0)
        {
            return null;
        }
        try
        {
            return LocalDate.of(year, month, day);
        }
        catch (final DateTimeException ex)
        {
            return null;
        }
    }

    /** {@code <sierraDataDir>/MarketDepthData}. */
    public static Path depthDir(final Path sierraDataDir)
    {
        return sierraDataDir.resolve(DEPTH_DIR);
    }

    /** The decimal value of {@code count} ASCII digits at {@code start}, or -1 if one is not a digit. */
    private static int digits(final String s, final int start, final int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            final char c = s.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
