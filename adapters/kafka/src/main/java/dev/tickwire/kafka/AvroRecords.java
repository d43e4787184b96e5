package dev.tickwire.kafka;

import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Journaled SBE messages as Avro records of the shipped schemas ({@link AvroSchemas}): each field is read
 * from the message's bytes at the offset its {@code sbe} property gives, so this class knows no message.
 * A nullable field holding SBE's null (the int64 null, NaN), or beyond the message's block (a field of a later
 * version than the message's), is null.
 */
final class AvroRecords
{
    private static final Object[] NO_SYMBOLS = new Object[0];

    private enum Kind
    {
        INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, DOUBLE, CHARS, DECIMAL, ENUM, SET
    }

    /** Which exponent a decimal is at: the instrument's, or (OWN) the int8 field of the message at exponentAt. */
    private enum Scale
    {
        PRICE, SIZE, MID, OWN
    }

    private record Reader(int position, Kind kind, int offset, int length, Scale scale, int exponentAt, boolean nullable,
        Object[] symbols)
    {
    }

    private record Shape(Schema schema, List<Reader> readers, int symbolPosition)
    {
    }

    private final Int2ObjectHashMap<Shape> shapes = new Int2ObjectHashMap<>();

    AvroRecords(final Map<String, Schema> schemas)
    {
        for (final Schema schema : schemas.values())
        {
            final List<Reader> readers = new ArrayList<>();
            int symbolPosition = -1;
            for (final Schema.Field f : schema.getFields())
            {
                @SuppressWarnings("unchecked")
                final Map<String, Object> sbe = (Map<String, Object>)f.getObjectProp(AvroSchemas.SBE);
                if (sbe == null)
                {
                    symbolPosition = f.pos(); // the one derived field
                    continue;
                }
                final String type = (String)sbe.get("type");
                final String primitive = (String)sbe.get("primitive");
                final Kind kind;
                Object[] symbols = NO_SYMBOLS;
                if (AvroSchemas.isDecimal(type))
                {
                    kind = Kind.DECIMAL;
                }
                else if (f.schema().getType() == Schema.Type.ENUM)
                {
                    kind = Kind.ENUM;
                    symbols = enumSymbols(f.schema(), type);
                }
                else if (f.schema().getType() == Schema.Type.ARRAY)
                {
                    kind = Kind.SET;
                    final Schema item = f.schema().getElementType();
                    symbols = item.getEnumSymbols().stream().map(s -> new GenericData.EnumSymbol(item, s)).toArray();
                }
                else if (primitive.equals("char"))
                {
                    kind = Kind.CHARS;
                }
                else
                {
                    kind = Kind.valueOf(primitive.toUpperCase(java.util.Locale.ROOT));
                }
                final String scale = f.getProp(AvroSchemas.SCALE);
                // an exponent field of the message (priceExponent, ...): OWN; else price, size or mid of the instrument
                final Schema.Field own = scale == null || !scale.endsWith("Exponent") ? null : schema.getField(scale);
                readers.add(new Reader(f.pos(), kind, ((Number)sbe.get("offset")).intValue(),
                    ((Number)sbe.get("length")).intValue(), scale == null ? null : own != null ? Scale.OWN :
                    Scale.valueOf(scale.toUpperCase(java.util.Locale.ROOT)), own == null ? -1 :
                    ((Number)((Map<?, ?>)own.getObjectProp(AvroSchemas.SBE)).get("offset")).intValue(),
                    f.schema().getType() == Schema.Type.UNION, symbols));
            }
            shapes.put(((Number)schema.getObjectProp("sbe.templateId")).intValue(),
                new Shape(schema, readers, symbolPosition));
        }
    }

    /** SBE enum codes to Avro enum symbols, through the generated SBE enum (its codes need not be 0..n). */
    private static Object[] enumSymbols(final Schema schema, final String sbeType)
    {
        final Object[] byCode = new Object[256];
        try
        {
            final Class<?> type = Class.forName("dev.tickwire.wire.sbe." + sbeType);
            for (final Object constant : type.getEnumConstants())
            {
                final String name = ((Enum<?>)constant).name();
                if (schema.hasEnumSymbol(name))
                {
                    final int code = ((Number)type.getMethod("value").invoke(constant)).intValue();
                    byCode[code & 0xFF] = new GenericData.EnumSymbol(schema, name);
                }
            }
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("no SBE enum dev.tickwire.wire.sbe." + sbeType + " for the Avro enum " +
                schema.getFullName(), ex);
        }
        return byCode;
    }

    /** The schema of a message type, or null for a type without one. */
    Schema schema(final int templateId)
    {
        final Shape shape = shapes.get(templateId);
        return shape == null ? null : shape.schema;
    }

    /** The message as a record, or null for a type without a schema; {@code instrument} may be null (unknown). */
    GenericRecord record(final DirectBuffer buffer, final int offset, final Instrument instrument)
    {
        final Shape shape = shapes.get(Envelope.templateId(buffer, offset));
        if (shape == null)
        {
            return null;
        }
        final GenericData.Record record = new GenericData.Record(shape.schema);
        if (shape.symbolPosition >= 0)
        {
            record.put(shape.symbolPosition, instrument == null ? null : instrument.symbol());
        }
        final int block = offset + Envelope.HEADER_LENGTH;
        final int blockLength = buffer.getShort(offset + MessageHeaderDecoder.blockLengthEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        for (final Reader r : shape.readers)
        {
            final int at = block + r.offset;
            if (r.offset + r.length > blockLength)
            {
                record.put(r.position, null); // a later version's field: an older message has none
                continue;
            }
            if (r.nullable && r.kind == Kind.INT64 && buffer.getLong(at, ByteOrder.LITTLE_ENDIAN) == Values.NONE)
            {
                record.put(r.position, null);
                continue;
            }
            record.put(r.position, switch (r.kind)
            {
                case INT8 -> (int)buffer.getByte(at);
                case UINT8 -> buffer.getByte(at) & 0xFF;
                case INT16 -> (int)buffer.getShort(at, ByteOrder.LITTLE_ENDIAN);
                case UINT16 -> buffer.getShort(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                case INT32 -> buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
                case UINT32 -> buffer.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                case INT64 -> buffer.getLong(at, ByteOrder.LITTLE_ENDIAN);
                case DOUBLE -> real(buffer.getDouble(at, ByteOrder.LITTLE_ENDIAN), r.nullable);
                case CHARS -> chars(buffer, at, r.length);
                case DECIMAL -> decimal(buffer.getLong(at, ByteOrder.LITTLE_ENDIAN), r.scale == Scale.OWN ?
                    buffer.getByte(block + r.exponentAt) : exponent(r.scale, instrument));
                case ENUM -> r.symbols[buffer.getByte(at) & 0xFF];
                case SET -> set(buffer.getByte(at) & 0xFF, r.symbols);
            });
        }
        return record;
    }

    private static int exponent(final Scale scale, final Instrument instrument)
    {
        if (instrument == null)
        {
            return 0;
        }
        return switch (scale)
        {
            case PRICE -> instrument.priceExponent();
            case MID -> instrument.priceExponent() - 1;
            case SIZE, OWN -> instrument.sizeExponent();
        };
    }

    /** A double; NaN (SBE's double null) is null where the field may be null. */
    private static Double real(final double value, final boolean nullable)
    {
        return nullable && Double.isNaN(value) ? null : value;
    }

    private static String decimal(final long mantissa, final int exponent)
    {
        if (mantissa == Values.NONE)
        {
            return null;
        }
        if (mantissa == FixedPoint.NOT_FINITE)
        {
            return "NaN";
        }
        // a rejected message's own exponent may be any byte: still exact, as dump writes it
        return exponent < -18 || exponent > 18 ? mantissa + "e" + exponent : FixedPoint.toDecimalString(mantissa, exponent);
    }

    private static String chars(final DirectBuffer buffer, final int at, final int length)
    {
        int end = 0;
        while (end < length && buffer.getByte(at + end) != 0)
        {
            end++;
        }
        final byte[] bytes = new byte[end];
        buffer.getBytes(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).trim();
    }

    private static List<Object> set(final int bits, final Object[] symbols)
    {
        final List<Object> on = new ArrayList<>(symbols.length);
        for (int bit = 0; bit < symbols.length; bit++)
        {
            if ((bits & (1 << bit)) != 0)
            {
                on.add(symbols[bit]);
            }
        }
        return on;
    }
}
