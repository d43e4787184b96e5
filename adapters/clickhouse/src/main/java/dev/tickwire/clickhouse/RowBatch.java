package dev.tickwire.clickhouse;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One table's rows waiting for the next flush, already in ClickHouse's RowBinary format (little-endian
 * values, varint-prefixed strings, a null byte before each Nullable value), with each row's start, engine
 * sequence and UTC day, so a flush can send a run of whole rows: the rows after what the table already
 * holds, one day (one partition, so one part, so all or nothing) at a time.
 */
final class RowBatch
{
    /** Decimal(38, 18): the scale of every decimal column (see {@link ClickHouseTables}). */
    static final int DECIMAL_SCALE = 18;
    private static final long NS_PER_DAY = 86_400_000_000_000L;
    private static final BigInteger DECIMAL_LIMIT = BigInteger.TEN.pow(38);

    private byte[] bytes = new byte[1 << 16];
    private int length;
    private final IntArrayList starts = new IntArrayList();
    private final LongArrayList sequences = new LongArrayList();
    private final IntArrayList days = new IntArrayList();
    private long minReceiveNs = Long.MAX_VALUE;

    /** Starts a row of engine sequence {@code sequence}, event time {@code eventNs}. */
    RowBatch row(final long sequence, final long eventNs, final long receiveNs)
    {
        starts.addInt(length);
        sequences.addLong(sequence);
        days.addInt((int)Math.floorDiv(eventNs, NS_PER_DAY));
        minReceiveNs = Math.min(minReceiveNs, receiveNs);
        return this;
    }

    int rows()
    {
        return starts.size();
    }

    int start(final int row)
    {
        return row == starts.size() ? length : starts.getInt(row);
    }

    long sequence(final int row)
    {
        return sequences.getLong(row);
    }

    int day(final int row)
    {
        return days.getInt(row);
    }

    /** The earliest receive time of the rows (for the lag the monitor reports). */
    long minReceiveNs()
    {
        return minReceiveNs;
    }

    byte[] bytes()
    {
        return bytes;
    }

    void clear()
    {
        length = 0;
        starts.clear();
        sequences.clear();
        days.clear();
        minReceiveNs = Long.MAX_VALUE;
    }

    RowBatch uint8(final int value)
    {
        ensure(1);
        bytes[length++] = (byte)value;
        return this;
    }

    RowBatch int8(final int value)
    {
        return uint8(value);
    }

    RowBatch uint16(final int value)
    {
        ensure(2);
        bytes[length++] = (byte)value;
        bytes[length++] = (byte)(value >>> 8);
        return this;
    }

    RowBatch int32(final int value)
    {
        ensure(4);
        for (int i = 0; i < 4; i++)
        {
            bytes[length++] = (byte)(value >>> (8 * i));
        }
        return this;
    }

    RowBatch int64(final long value)
    {
        ensure(8);
        for (int i = 0; i < 8; i++)
        {
            bytes[length++] = (byte)(value >>> (8 * i));
        }
        return this;
    }

    /** A {@code Nullable(Int64)}: {@link Values#NONE} is null. */
    RowBatch nullableInt64(final long value)
    {
        return value == Values.NONE ? uint8(1) : uint8(0).int64(value);
    }

    /** A {@code Nullable(Float64)}: NaN (SBE's double null) is null. */
    RowBatch nullableFloat64(final double value)
    {
        return Double.isNaN(value) ? uint8(1) : uint8(0).int64(Double.doubleToRawLongBits(value));
    }

    RowBatch string(final String value)
    {
        return utf8(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A String column from its UTF-8 bytes (a symbol's, encoded once). */
    RowBatch utf8(final byte[] utf8)
    {
        ensure(utf8.length + 5);
        int n = utf8.length;
        while ((n & ~0x7F) != 0)
        {
            bytes[length++] = (byte)((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        bytes[length++] = (byte)n;
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /**
     * An exact decimal field as two columns: {@code Nullable(Int64)} mantissa (null: absent) and
     * {@code Nullable(Decimal(38, 18))} value, null also when the value is not exactly a Decimal(38, 18)
     * (an exponent below -18, or more than 20 integer digits): never a rounded number.
     */
    RowBatch decimal(final long mantissa, final int exponent)
    {
        if (mantissa == Values.NONE)
        {
            return uint8(1).uint8(1);
        }
        uint8(0).int64(mantissa);
        final int shift = exponent + DECIMAL_SCALE;
        if (shift < 0)
        {
            return uint8(1);
        }
        if (shift <= 18)
        {
            // |mantissa| < 2^63 and 10^shift ≤ 10^18: the product fits 127 bits, two's complement over two longs
            final long factor = FixedPoint.pow10(shift);
            uint8(0).int64(mantissa * factor).int64(Math.multiplyHigh(mantissa, factor));
            return this;
        }
        final BigInteger raw = BigInteger.valueOf(mantissa).multiply(BigInteger.TEN.pow(shift));
        if (raw.abs().compareTo(DECIMAL_LIMIT) >= 0)
        {
            return uint8(1);
        }
        return uint8(0).int64(raw.longValue()).int64(raw.shiftRight(64).longValue());
    }

    private void ensure(final int more)
    {
        if (length + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
