package dev.tickwire.archive;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds each row of an archive file into the SBE message the journal held: every column is
 * written back at its field's offset, so the bytes are the journal's, byte for byte. Columns the
 * message does not have (the symbol, the end-of-batch flag) are skipped; one buffer is reused.
 */
final class RowMaterializer extends RecordMaterializer<MessageRow>
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** A column the message has no field for (the partition day of a monthly file, the batch-end flag). */
    private static final PrimitiveConverter IGNORED = new PrimitiveConverter()
    {
        @Override
        public void addLong(final long value)
        {
        }

        @Override
        public void addInt(final int value)
        {
        }

        @Override
        public void addBinary(final Binary value)
        {
        }

        @Override
        public void addBoolean(final boolean value)
        {
        }
    };

    private final MessageRow row = new MessageRow();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TableSchema schema;
    private final Root root;
    /** The SCALED columns' converters: finished at the row's end, once its exponents are back in the message. */
    private final java.util.List<ScaledConverter> scaled = new java.util.ArrayList<>();
    private long eventTimeNs;
    private long watermarkLag;
    private boolean hasWatermark;

    RowMaterializer(final TableSchema schema, final MessageType fileSchema)
    {
        this.schema = schema;
        final Map<String, Column> byName = new HashMap<>();
        for (final Column c : schema.columns)
        {
            byName.put(c.name(), c); // a column with nothing to rebuild (the day, batch_end) gets the ignoring converter
        }
        final Converter[] converters = new Converter[fileSchema.getFieldCount()];
        for (int i = 0; i < converters.length; i++)
        {
            final Type field = fileSchema.getType(i);
            final Column c = byName.get(field.getName());
            converters[i] = c == null ? IGNORED : converter(c);
        }
        this.root = new Root(converters);
    }

    @Override
    public MessageRow getCurrentRecord()
    {
        row.watermarkNs = hasWatermark ? eventTimeNs + watermarkLag : schema.table.marketEvents() ? eventTimeNs : Values.NONE;
        return row;
    }

    @Override
    public GroupConverter getRootConverter()
    {
        return root;
    }

    private void startRow()
    {
        final MutableDirectBuffer b = row.owned;
        final ArchiveTable table = schema.table;
        hasWatermark = false;
        if (table == ArchiveTable.SNAPSHOTS) // not a message: a row of its columns' layout, absent levels empty
        {
            row.wrap(b, 0, SnapshotSpec.FIRST_LEVEL + schema.levels * SnapshotSpec.LEVEL_BYTES, Values.NONE);
            b.setMemory(0, row.length, (byte)0);
            noneInOptionalColumns(b);
            return;
        }
        row.wrap(b, 0, MessageHeaderEncoder.ENCODED_LENGTH + table.blockLength(), Values.NONE);
        if (table == ArchiveTable.REJECTS)
        {
            return; // the raw column holds the whole message
        }
        b.setMemory(0, row.length, (byte)0); // verdict ACCEPTED, reason NONE: the accepted tables hold only those
        header.wrap(b, 0).blockLength(table.blockLength()).templateId(table.templateId())
            .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(MessageHeaderEncoder.SCHEMA_VERSION);
        noneInOptionalColumns(b);
    }

    private void noneInOptionalColumns(final MutableDirectBuffer b)
    {
        for (final Column c : schema.columns)
        {
            if (c.kind() == Column.Kind.OPTIONAL_PRICE || c.kind() == Column.Kind.OPTIONAL_SIZE ||
                c.kind() == Column.Kind.OPTIONAL_INTEGER || c.kind() == Column.Kind.OPTIONAL_TIME ||
                c.kind() == Column.Kind.SCALED)
            {
                b.putLong(c.offset(), Values.NONE, LE);
            }
            else if (c.kind() == Column.Kind.FEATURE && c.feature().type().isDouble())
            {
                b.putDouble(c.offset(), Double.NaN, LE); // a null feature: SBE's double null
            }
            else if (c.kind() == Column.Kind.FEATURE)
            {
                b.putLong(c.offset(), Values.NONE, LE);
            }
        }
    }

    private Converter converter(final Column c)
    {
        final MutableDirectBuffer b = row.owned;
        switch (c.kind())
        {
            case OPTIONAL_INTEGER, OPTIONAL_TIME: // a null leaves the field at Values.NONE
                return new PrimitiveConverter()
                {
                    @Override
                    public void addLong(final long value)
                    {
                        b.putLong(c.offset(), value, LE);
                    }
                };
            case SCALED:
            {
                final ScaledConverter converter = new ScaledConverter(c);
                scaled.add(converter);
                return converter;
            }
            case INTEGER, ZERO_AS_NULL: // a null leaves the zeroed field at 0
                return new PrimitiveConverter()
                {
                    @Override
                    public void addLong(final long value)
                    {
                        b.putLong(c.offset(), value, LE);
                    }

                    @Override
                    public void addInt(final int value)
                    {
                        switch (c.width())
                        {
                            case 1 -> b.putByte(c.offset(), (byte)value);
                            case 2 -> b.putShort(c.offset(), (short)value, LE);
                            default -> b.putInt(c.offset(), value, LE);
                        }
                    }
                };
            case TIME:
                return new PrimitiveConverter()
                {
                    @Override
                    public void addLong(final long value)
                    {
                        b.putLong(c.offset(), value, LE);
                        if (c.name().equals("ts"))
                        {
                            eventTimeNs = value;
                        }
                    }
                };
            case PRICE, SIZE, OPTIONAL_PRICE, OPTIONAL_SIZE:
            {
                final int exponent = schema.exponent(c);
                final long divisor = exponent > 0 ? FixedPoint.pow10(exponent) : 1;
                return new PrimitiveConverter()
                {
                    @Override
                    public void addLong(final long value)
                    {
                        b.putLong(c.offset(), value / divisor, LE);
                    }
                };
            }
            case LABEL:
            {
                final Map<Binary, Integer> codes = new HashMap<>();
                for (int i = 0; i < c.labels().length; i++)
                {
                    if (c.labels()[i] != null)
                    {
                        codes.put(Binary.fromString(c.labels()[i]), i);
                    }
                }
                return new PrimitiveConverter()
                {
                    private Binary last;
                    private byte lastCode;

                    @Override
                    public void addBinary(final Binary value)
                    {
                        if (!value.equals(last)) // labels repeat: skip the map on a run
                        {
                            final Integer code = codes.get(value);
                            if (code == null)
                            {
                                throw new IllegalArgumentException(c.name() + " '" + value.toStringUsingUTF8() + "' is not a known value");
                            }
                            last = value.copy();
                            lastCode = (byte)code.intValue();
                        }
                        b.putByte(c.offset(), lastCode);
                    }
                };
            }
            case CHARS:
                return new PrimitiveConverter()
                {
                    @Override
                    public void addBinary(final Binary value)
                    {
                        final byte[] bytes = value.getBytes();
                        b.setMemory(c.offset(), c.width(), (byte)0);
                        b.putBytes(c.offset(), bytes, 0, Math.min(bytes.length, c.width()));
                    }
                };
            case WATERMARK_LAG:
                return new PrimitiveConverter()
                {
                    @Override
                    public void addLong(final long value)
                    {
                        watermarkLag = value;
                        hasWatermark = true;
                    }
                };
            case FEATURE:
                return feature(c);
            case MESSAGE_BYTES:
                return new PrimitiveConverter()
                {
                    @Override
                    public void addBinary(final Binary value)
                    {
                        final byte[] bytes = value.getBytes();
                        b.putBytes(0, bytes);
                        row.length = bytes.length;
                    }
                };
            default:
                return IGNORED;
        }
    }

    /** A bar feature back at its field: a double as it is, a DECIMAL's unscaled value as the mantissa. */
    private Converter feature(final Column c)
    {
        final MutableDirectBuffer b = row.owned;
        final int exponent = c.feature().type().isFixedPoint() ? schema.exponent(c) : 0;
        final long divisor = exponent > 0 ? FixedPoint.pow10(exponent) : 1;
        final long multiplier = exponent < -TableSchema.PRECISION ?
            FixedPoint.pow10(-TableSchema.PRECISION - exponent) : 1;
        return new PrimitiveConverter()
        {
            @Override
            public void addDouble(final double value)
            {
                b.putDouble(c.offset(), value, LE);
            }

            @Override
            public void addLong(final long value)
            {
                b.putLong(c.offset(), value / divisor * multiplier, LE);
            }
        };
    }

    /**
     * A DECIMAL(38, 18) back to its mantissa: the unscaled value divided by 10^(exponent + 18), exactly (the writer
     * multiplied by it). Reference data is sparse beside ticks: a BigInteger per value is cheap enough here.
     */
    private final class ScaledConverter extends PrimitiveConverter
    {
        private final Column column;
        private byte[] pending;

        ScaledConverter(final Column column)
        {
            this.column = column;
        }

        @Override
        public void addBinary(final Binary value)
        {
            pending = value.getBytes();
        }

        void finish()
        {
            if (pending == null)
            {
                return; // null: the field stays Values.NONE
            }
            final MutableDirectBuffer b = row.owned;
            final int exponent = b.getByte(column.exponentAt());
            final java.math.BigInteger unscaled = new java.math.BigInteger(pending);
            pending = null;
            final java.math.BigInteger[] mantissa = unscaled.divideAndRemainder(
                java.math.BigInteger.TEN.pow(exponent + TableSchema.SCALED_SCALE));
            if (mantissa[1].signum() != 0 || mantissa[0].bitLength() > 63)
            {
                throw new IllegalArgumentException(column.name() + " " + new java.math.BigDecimal(unscaled,
                    TableSchema.SCALED_SCALE).toPlainString() + " is not a mantissa at exponent " + exponent);
            }
            b.putLong(column.offset(), mantissa[0].longValue(), LE);
        }
    }

    private final class Root extends GroupConverter
    {
        private final Converter[] converters;

        Root(final Converter[] converters)
        {
            this.converters = converters;
        }

        @Override
        public Converter getConverter(final int fieldIndex)
        {
            return converters[fieldIndex];
        }

        @Override
        public void start()
        {
            startRow();
        }

        @Override
        public void end()
        {
            for (int i = 0; i < scaled.size(); i++)
            {
                scaled.get(i).finish();
            }
        }
    }
}
