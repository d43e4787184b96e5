package dev.tickwire.archive;

import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes one archive file: each row's columns straight from the message bytes into parquet's column
 * writers. The schema is flat, so the record layer parquet's {@code ParquetWriter} goes through
 * (field markers, null-filling, a consumer call per field) is skipped: only the column writers and
 * parquet's file writer are used, with the same encodings, pages and row groups (docs/performance.md).
 */
final class RowFileWriter implements AutoCloseable
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Rows between checks of the buffered size against the row group's byte limit. */
    private static final int SIZE_CHECK_EVERY = 10_000;

    private final TableSchema schema;
    private final Column[] columns;
    private final int[] offsets;
    /** Per column: a long copied as it is (most columns), the loop's fast path. */
    private final boolean[] plainLong;
    private final int[] presentLevel; // the definition level of a present value: 0 required, 1 optional
    private final Binary[][] labels;
    private final MessageJson json;
    private final ColumnDescriptor[] descriptors;
    private final ParquetProperties props;
    private final ParquetFileWriter file;
    private final ZstdCodecs codecs = new ZstdCodecs();
    private final BytesInputCompressor compressor;
    private final ColumnWriter[] writers;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rowsInGroup;
    private boolean closed;

    /** @param json formats rejected messages for their {@code message} column (null: no formatting) */
    RowFileWriter(final ClosableOutputFile out, final TableSchema schema, final MessageJson json) throws IOException
    {
        this.schema = schema;
        final List<Column> list = schema.columns;
        this.columns = list.toArray(new Column[0]);
        this.offsets = new int[columns.length];
        this.plainLong = new boolean[columns.length];
        this.presentLevel = new int[columns.length];
        this.labels = new Binary[columns.length][];
        this.descriptors = new ColumnDescriptor[columns.length];
        for (int i = 0; i < columns.length; i++)
        {
            final Column c = columns[i];
            offsets[i] = c.offset();
            plainLong[i] = c.kind() == Column.Kind.INTEGER && c.width() == 8 || c.kind() == Column.Kind.TIME ||
                (c.kind() == Column.Kind.PRICE || c.kind() == Column.Kind.SIZE) && schema.exponent(c) <= 0;
            descriptors[i] = schema.schema.getColumnDescription(new String[] {c.name()});
            presentLevel[i] = descriptors[i].getMaxDefinitionLevel();
            if (c.labels() != null)
            {
                labels[i] = new Binary[c.labels().length];
                for (int j = 0; j < labels[i].length; j++)
                {
                    labels[i][j] = c.labels()[j] == null ? null :
                        Binary.fromConstantByteArray(c.labels()[j].getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        this.json = json;
        this.props = ParquetFiles.properties(schema);
        this.file = new ParquetFileWriter(out, schema.schema, ParquetFileWriter.Mode.OVERWRITE, ParquetFiles.ROW_GROUP_BYTES, 0,
            null, props);
        this.compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
        this.writers = new ColumnWriter[columns.length];
        file.start();
        startGroup();
    }

    private void startGroup()
    {
        pages = new ColumnChunkPageWriteStore(compressor, schema.schema, props.getAllocator(),
            props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
        store = props.newColumnWriteStore(schema.schema, pages, pages);
        for (int i = 0; i < columns.length; i++)
        {
            writers[i] = store.getColumnWriter(descriptors[i]);
        }
    }

    /** Writes one row. */
    void write(final MessageRow row) throws IOException
    {
        final DirectBuffer b = row.buffer;
        final int o = row.offset;
        for (int i = 0; i < columns.length; i++)
        {
            if (plainLong[i])
            {
                writers[i].write(b.getLong(o + offsets[i], LE), 0, 0);
            }
            else
            {
                column(i, row, b, o);
            }
        }
        store.endRecord();
        if (++rowsInGroup >= ParquetFiles.ROW_GROUP_ROWS ||
            rowsInGroup % SIZE_CHECK_EVERY == 0 && store.getBufferedSize() >= ParquetFiles.ROW_GROUP_BYTES)
        {
            flushGroup();
            startGroup();
        }
    }

    private void column(final int i, final MessageRow row, final DirectBuffer b, final int o)
    {
        final Column c = columns[i];
        final ColumnWriter w = writers[i];
        final int present = presentLevel[i];
        switch (c.kind())
        {
            case INTEGER:
                if (c.width() == 8)
                {
                    w.write(b.getLong(o + c.offset(), LE), 0, present);
                }
                else
                {
                    w.write(integer(b, o + c.offset(), c.width()), 0, present);
                }
                break;
            case TIME:
                w.write(b.getLong(o + c.offset(), LE), 0, present);
                break;
            case PRICE, SIZE:
                w.write(decimal(b.getLong(o + c.offset(), LE), schema.exponent(c), c), 0, present);
                break;
            case OPTIONAL_PRICE, OPTIONAL_SIZE:
            {
                final long v = b.getLong(o + c.offset(), LE);
                if (v == Values.NONE)
                {
                    w.writeNull(0, 0);
                }
                else
                {
                    w.write(decimal(v, schema.exponent(c), c), 0, present);
                }
                break;
            }
            case OPTIONAL_INTEGER, OPTIONAL_TIME:
            {
                final long v = b.getLong(o + c.offset(), LE);
                if (v == Values.NONE)
                {
                    w.writeNull(0, 0);
                }
                else
                {
                    w.write(v, 0, present);
                }
                break;
            }
            case SCALED:
            {
                final long v = b.getLong(o + c.offset(), LE);
                if (v == Values.NONE)
                {
                    w.writeNull(0, 0);
                }
                else
                {
                    w.write(Binary.fromConstantByteArray(scaled(v, b.getByte(o + c.exponentAt()), row, c)), 0, present);
                }
                break;
            }
            case ZERO_AS_NULL:
            {
                final long v = b.getLong(o + c.offset(), LE);
                if (v == 0)
                {
                    w.writeNull(0, 0);
                }
                else
                {
                    w.write(v, 0, present);
                }
                break;
            }
            case WATERMARK_LAG:
            {
                final long lag = row.watermarkNs - Envelope.eventTimeNs(b, o);
                if (row.watermarkNs == Values.NONE || lag == 0 && schema.table.marketEvents())
                {
                    w.writeNull(0, 0);
                }
                else
                {
                    w.write(lag, 0, present);
                }
                break;
            }
            case LABEL:
            {
                final int code = b.getByte(o + c.offset()) & 0xFF;
                if (code >= labels[i].length || labels[i][code] == null)
                {
                    throw new IllegalArgumentException("message seq " + row.sequence() + ": " + c.name() + " code " + code +
                        " has no name");
                }
                w.write(labels[i][code], 0, present);
                break;
            }
            case CHARS:
                w.write(Binary.fromConstantByteArray(chars(b, o + c.offset(), c.width())), 0, present);
                break;
            case BATCH_END:
                w.write((b.getByte(o + c.offset()) & DeltaFlagBits.END_OF_BATCH) != 0, 0, present);
                break;
            case DAY:
                w.write(row.epochDay, 0, present);
                break;
            case MESSAGE_TYPE:
                w.write(Binary.fromString(MessageTypes.name(Envelope.templateId(b, o))), 0, present);
                break;
            case REJECT_REASON:
                w.write(Binary.fromString(Envelope.rejectReason(b, o).name().toLowerCase(Locale.ROOT)), 0, present);
                break;
            case MESSAGE_JSON:
            {
                final String text = json == null ? null : formatQuietly(b, o);
                if (text == null)
                {
                    w.writeNull(0, 0);
                }
                else
                {
                    w.write(Binary.fromString(text), 0, present);
                }
                break;
            }
            case MESSAGE_BYTES:
            {
                final byte[] bytes = new byte[row.length];
                b.getBytes(o, bytes);
                w.write(Binary.fromConstantByteArray(bytes), 0, present);
                break;
            }
            case FEATURE:
                feature(c, w, present, b, o);
                break;
            default:
                throw new IllegalStateException(c.kind().name());
        }
    }

    /** A bar feature: its null (NaN, Values.NONE) as null; a mantissa as a DECIMAL at its type's exponent. */
    private void feature(final Column c, final ColumnWriter w, final int present, final DirectBuffer b, final int o)
    {
        if (c.feature().type().isDouble())
        {
            final double v = b.getDouble(o + c.offset(), LE);
            if (Double.isNaN(v))
            {
                w.writeNull(0, 0);
            }
            else
            {
                w.write(v, 0, present);
            }
            return;
        }
        final long v = b.getLong(o + c.offset(), LE);
        if (v == Values.NONE)
        {
            w.writeNull(0, 0);
        }
        else
        {
            w.write(c.feature().type().isFixedPoint() ? decimal(v, schema.exponent(c), c) : v, 0, present);
        }
    }

    private String formatQuietly(final DirectBuffer b, final int o)
    {
        try
        {
            return json.format(b, o);
        }
        catch (final RuntimeException ex)
        {
            return null; // a malformed reject may not format; its bytes are kept all the same
        }
    }

    private void flushGroup() throws IOException
    {
        if (rowsInGroup > 0)
        {
            file.startBlock(rowsInGroup);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
            rowsInGroup = 0;
        }
        store.close();
        pages.close();
    }

    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            flushGroup();
            file.end(schema.metadata());
        }
        finally
        {
            codecs.release();
        }
    }

    static int integer(final DirectBuffer b, final int at, final int width)
    {
        switch (width)
        {
            case 1: return b.getByte(at);
            case 2: return b.getShort(at, LE) & 0xFFFF;
            case 4: return b.getInt(at, LE);
            default: throw new IllegalArgumentException("width " + width);
        }
    }

    /**
     * The DECIMAL's unscaled value: the mantissa itself, or for a positive exponent the whole value. Below an
     * exponent of -18 (a mid, at the price exponent − 1, of a price exponent of -18) the DECIMAL(18) keeps 18
     * fraction digits: the mantissa rounded half away from zero to them.
     */
    static long decimal(final long mantissa, final int exponent, final Column c)
    {
        if (exponent < -TableSchema.PRECISION)
        {
            final long divisor = FixedPoint.pow10(-TableSchema.PRECISION - exponent);
            final long half = mantissa < 0 ? -(divisor / 2) : divisor / 2;
            return (mantissa + half) / divisor;
        }
        if (exponent <= 0)
        {
            return mantissa;
        }
        try
        {
            return Math.multiplyExact(mantissa, FixedPoint.pow10(exponent));
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(c.name() + " " + mantissa + "e" + exponent + " does not fit a DECIMAL(18)", ex);
        }
    }

    /**
     * A {@link Column.Kind#SCALED} value as its DECIMAL(38, 18)'s unscaled value, big-endian two's complement in 16
     * bytes: mantissa × 10^(exponent + 18), exact for any long at an exponent in [-18, 0] (at most 9.3 × 10^36).
     */
    static byte[] scaled(final long mantissa, final int exponent, final MessageRow row, final Column c)
    {
        if (exponent < -TableSchema.SCALED_SCALE || exponent > 0)
        {
            throw new IllegalArgumentException("message seq " + row.sequence() + ": " + c.name() + " has exponent " +
                exponent + ", outside the -18..0 the archive keeps exactly (the validator rejects it)");
        }
        final long factor = FixedPoint.pow10(exponent + TableSchema.SCALED_SCALE);
        final long high = Math.multiplyHigh(mantissa, factor);
        final long low = mantissa * factor;
        final byte[] bytes = new byte[TableSchema.SCALED_BYTES];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(high >>> (56 - 8 * i));
            bytes[8 + i] = (byte)(low >>> (56 - 8 * i));
        }
        return bytes;
    }

    static byte[] chars(final DirectBuffer b, final int at, final int length)
    {
        int n = 0;
        while (n < length && b.getByte(at + n) != 0)
        {
            n++;
        }
        final byte[] bytes = new byte[n];
        b.getBytes(at, bytes);
        return bytes;
    }
}
