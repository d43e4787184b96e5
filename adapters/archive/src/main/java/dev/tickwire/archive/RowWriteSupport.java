package dev.tickwire.archive;

import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes a journaled message as a row of its table, reading each column straight from the SBE
 * bytes (no intermediate object). Labels and the symbol are constant binaries, so a market-event
 * row allocates nothing.
 */
final class RowWriteSupport extends WriteSupport<MessageRow>
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final TableSchema schema;
    private final Column[] columns;
    /** Per column: true when the value is a long copied as it is (most columns), the loop's fast path. */
    private final boolean[] plainLong;
    private final int[] offsets;
    private final String[] names;
    private final Binary[][] labels;
    private final Binary symbol;
    private final MessageJson json;
    private RecordConsumer out;

    /** @param json formats rejected messages for their {@code message} column */
    RowWriteSupport(final TableSchema schema, final MessageJson json)
    {
        this.schema = schema;
        final List<Column> list = schema.columns;
        this.columns = list.toArray(new Column[0]);
        this.labels = new Binary[columns.length][];
        this.plainLong = new boolean[columns.length];
        this.offsets = new int[columns.length];
        this.names = new String[columns.length];
        for (int i = 0; i < columns.length; i++)
        {
            final Column c = columns[i];
            offsets[i] = c.offset();
            names[i] = c.name();
            plainLong[i] = c.kind() == Column.Kind.INTEGER && c.width() == 8 || c.kind() == Column.Kind.TIME ||
                (c.kind() == Column.Kind.PRICE || c.kind() == Column.Kind.SIZE) && schema.exponent(c) <= 0;
        }
        for (int i = 0; i < columns.length; i++)
        {
            if (columns[i].labels() != null)
            {
                labels[i] = new Binary[columns[i].labels().length];
                for (int j = 0; j < labels[i].length; j++)
                {
                    final String label = columns[i].labels()[j];
                    labels[i][j] = label == null ? null : Binary.fromConstantByteArray(label.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        this.symbol = Binary.fromConstantByteArray(schema.symbol.getBytes(StandardCharsets.UTF_8));
        this.json = json;
    }

    @Override
    public WriteContext init(final Configuration configuration)
    {
        return init((ParquetConfiguration)null); // never build a Hadoop Configuration
    }

    @Override
    public WriteContext init(final ParquetConfiguration configuration)
    {
        return new WriteContext(schema.schema, schema.metadata());
    }

    @Override
    public void prepareForWrite(final RecordConsumer recordConsumer)
    {
        this.out = recordConsumer;
    }

    @Override
    public void write(final MessageRow row)
    {
        final DirectBuffer b = row.buffer;
        final int o = row.offset;
        out.startMessage();
        for (int i = 0; i < columns.length; i++)
        {
            if (plainLong[i])
            {
                out.startField(names[i], i);
                out.addLong(b.getLong(o + offsets[i], LE));
                out.endField(names[i], i);
            }
            else
            {
                column(i, row, b, o);
            }
        }
        out.endMessage();
    }

    /** Every column but the plain longs: small enough a method to leave {@link #write}'s loop tight. */
    private void column(final int i, final MessageRow row, final DirectBuffer b, final int o)
    {
        {
            final Column c = columns[i];
            switch (c.kind())
            {
                case INTEGER:
                    if (c.width() == 8)
                    {
                        start(c, i).addLong(b.getLong(o + c.offset(), LE));
                    }
                    else
                    {
                        start(c, i).addInteger(integer(b, o + c.offset(), c.width()));
                    }
                    break;
                case TIME:
                    start(c, i).addLong(b.getLong(o + c.offset(), LE));
                    break;
                case PRICE, SIZE:
                    start(c, i).addLong(decimal(b.getLong(o + c.offset(), LE), schema.exponent(c), c));
                    break;
                case OPTIONAL_PRICE:
                {
                    final long v = b.getLong(o + c.offset(), LE);
                    if (v == Values.NONE)
                    {
                        return;
                    }
                    start(c, i).addLong(decimal(v, schema.exponent(c), c));
                    break;
                }
                case LABEL:
                {
                    final int code = b.getByte(o + c.offset()) & 0xFF;
                    if (code >= labels[i].length || labels[i][code] == null)
                    {
                        throw new IllegalArgumentException("message seq " + row.sequence() + ": " + c.name() +
                            " code " + code + " has no name");
                    }
                    start(c, i).addBinary(labels[i][code]);
                    break;
                }
                case CHARS:
                    start(c, i).addBinary(Binary.fromConstantByteArray(chars(b, o + c.offset(), c.width())));
                    break;
                case SYMBOL:
                    start(c, i).addBinary(symbol);
                    break;
                case WATERMARK_LAG:
                {
                    final long lag = row.watermarkNs - Envelope.eventTimeNs(b, o);
                    if (row.watermarkNs == Values.NONE || lag == 0 && schema.table.marketEvents())
                    {
                        return;
                    }
                    start(c, i).addLong(lag);
                    break;
                }
                case ZERO_AS_NULL:
                {
                    final long v = b.getLong(o + c.offset(), LE);
                    if (v == 0)
                    {
                        return;
                    }
                    start(c, i).addLong(v);
                    break;
                }
                case BATCH_END:
                    start(c, i).addBoolean((b.getByte(o + c.offset()) & DeltaFlagBits.END_OF_BATCH) != 0);
                    break;
                case DAY:
                    start(c, i).addInteger(row.epochDay);
                    break;
                case MESSAGE_TYPE:
                    start(c, i).addBinary(Binary.fromString(MessageTypes.name(Envelope.templateId(b, o))));
                    break;
                case REJECT_REASON:
                    start(c, i).addBinary(Binary.fromString(Envelope.rejectReason(b, o).name().toLowerCase(Locale.ROOT)));
                    break;
                case MESSAGE_JSON:
                {
                    final String text = json == null ? null : formatQuietly(b, o);
                    if (text == null)
                    {
                        return;
                    }
                    start(c, i).addBinary(Binary.fromString(text));
                    break;
                }
                case MESSAGE_BYTES:
                {
                    final byte[] bytes = new byte[row.length];
                    b.getBytes(o, bytes);
                    start(c, i).addBinary(Binary.fromConstantByteArray(bytes));
                    break;
                }
                default:
                    throw new IllegalStateException(c.kind().name());
            }
            out.endField(c.name(), i);
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

    private RecordConsumer start(final Column c, final int index)
    {
        out.startField(c.name(), index);
        return out;
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

    /** The DECIMAL's unscaled value: the mantissa itself, or for a positive exponent the whole value. */
    static long decimal(final long mantissa, final int exponent, final Column c)
    {
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
