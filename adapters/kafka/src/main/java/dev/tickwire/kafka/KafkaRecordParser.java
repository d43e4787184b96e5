package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One Kafka record value as a trade or a quote, in text and units still (exponents are the instrument's, applied
 * by the source): JSON by the configured field names or the output's Avro. A bad value throws
 * {@link BadRecord} saying what is wrong.
 */
final class KafkaRecordParser
{
    static final class BadRecord extends Exception
    {
        private static final long serialVersionUID = 1L;

        BadRecord(final String message)
        {
            super(message, null, false, false);
        }
    }

    /** A parsed record: a trade (price, size, side; bid and ask if given) or a quote (bid, bidSize, ask, askSize). Decimals as text. */
    static final class Parsed
    {
        boolean quote;
        String symbol;
        long timeNs;
        String price;
        String size;
        Side side = Side.NONE;
        String bid;
        String bidSize;
        String ask;
        String askSize;
    }

    private final KafkaSourceConfig config;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final BinaryMessageDecoder<GenericRecord> avro = new BinaryMessageDecoder<>(GenericData.get(), null);
    private final Parsed parsed = new Parsed();

    KafkaRecordParser(final KafkaSourceConfig config)
    {
        this.config = config;
        AvroSchemas.shipped().values().forEach(avro::addSchema);
    }

    Parsed parse(final byte[] value) throws BadRecord
    {
        if (value == null || value.length == 0)
        {
            throw new BadRecord("empty value");
        }
        return "avro".equals(config.format) ? avro(value) : json(value);
    }

    private Parsed json(final byte[] value) throws BadRecord
    {
        final JsonNode node;
        try
        {
            node = json.readTree(value);
        }
        catch (final java.io.IOException ex)
        {
            throw new BadRecord("not JSON: " + firstLine(ex.getMessage()));
        }
        if (node == null || !node.isObject())
        {
            throw new BadRecord("not a JSON object");
        }
        final Parsed p = reset();
        final JsonNode type = node.get(config.field("type"));
        p.quote = type != null ? "quote".equalsIgnoreCase(type.asText()) : node.has(config.field("bid"));
        if (type != null && !p.quote && !"trade".equalsIgnoreCase(type.asText()))
        {
            throw new BadRecord(config.field("type") + " '" + type.asText() + "' is neither trade nor quote");
        }
        p.symbol = text(node, "symbol", true);
        p.timeNs = time(node);
        if (p.quote)
        {
            p.bid = decimal(node, "bid");
            p.bidSize = decimal(node, "bidSize");
            p.ask = decimal(node, "ask");
            p.askSize = decimal(node, "askSize");
        }
        else
        {
            p.price = decimal(node, "price");
            p.size = decimal(node, "size");
            final String side = text(node, "side", false);
            p.side = side == null ? Side.NONE : side(side);
            p.bid = node.hasNonNull(config.field("bid")) ? decimal(node, "bid") : null; // the book when it printed
            p.ask = node.hasNonNull(config.field("ask")) ? decimal(node, "ask") : null;
        }
        return p;
    }

    private Parsed avro(final byte[] value) throws BadRecord
    {
        final GenericRecord r;
        try
        {
            r = avro.decode(value);
        }
        catch (final Exception ex)
        {
            throw new BadRecord("not an Avro single-object value of the output's schemas: " + ex.getMessage());
        }
        final Parsed p = reset();
        final Object symbol = r.get(AvroSchemas.SYMBOL);
        if (symbol == null)
        {
            throw new BadRecord("no symbol");
        }
        p.symbol = symbol.toString();
        p.timeNs = (Long)r.get("eventTimeNs");
        switch (r.getSchema().getName())
        {
            case "Trade" ->
            {
                p.price = avroDecimal(r, "price");
                p.size = avroDecimal(r, "size");
                p.side = Side.valueOf(r.get("aggressor").toString());
                p.bid = r.get("bidPrice") == null ? null : r.get("bidPrice").toString();
                p.ask = r.get("askPrice") == null ? null : r.get("askPrice").toString();
            }
            case "Quote" ->
            {
                p.quote = true;
                p.bid = avroDecimal(r, "bidPrice");
                p.bidSize = avroDecimal(r, "bidSize");
                p.ask = avroDecimal(r, "askPrice");
                p.askSize = avroDecimal(r, "askSize");
            }
            default -> throw new BadRecord("a " + r.getSchema().getName() + ", neither trade nor quote");
        }
        return p;
    }

    private static String avroDecimal(final GenericRecord r, final String field) throws BadRecord
    {
        final Object v = r.get(field);
        if (v == null)
        {
            throw new BadRecord("no " + field);
        }
        return v.toString();
    }

    private Parsed reset()
    {
        final Parsed p = parsed;
        p.quote = false;
        p.symbol = p.price = p.size = p.bid = p.bidSize = p.ask = p.askSize = null;
        p.side = Side.NONE;
        p.timeNs = Values.NONE;
        return p;
    }

    private String text(final JsonNode node, final String meaning, final boolean required) throws BadRecord
    {
        final JsonNode v = node.get(config.field(meaning));
        if (v == null || v.isNull())
        {
            if (required)
            {
                throw new BadRecord("no " + config.field(meaning));
            }
            return null;
        }
        if (!v.isValueNode())
        {
            throw new BadRecord(config.field(meaning) + " is not a value");
        }
        final String text = v.asText();
        if (required && text.isBlank())
        {
            throw new BadRecord(config.field(meaning) + " is empty");
        }
        return text;
    }

    private String decimal(final JsonNode node, final String meaning) throws BadRecord
    {
        final JsonNode v = node.get(config.field(meaning));
        if (v == null || v.isNull())
        {
            throw new BadRecord("no " + config.field(meaning));
        }
        final String text = v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
        try
        {
            new java.math.BigDecimal(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new BadRecord(config.field(meaning) + " '" + text + "' is not a number");
        }
        return text;
    }

    private long time(final JsonNode node) throws BadRecord
    {
        final String name = config.field("time");
        final JsonNode v = node.get(name);
        if (v == null || v.isNull())
        {
            throw new BadRecord("no " + name);
        }
        try
        {
            switch (config.timeFormat)
            {
                case "ns": return v.isNumber() ? v.longValue() : Long.parseLong(v.asText().trim());
                case "ms": return Math.multiplyExact(v.isNumber() ? v.longValue() : Long.parseLong(v.asText().trim()),
                    1_000_000L);
                default:
                    final Instant t = Instant.parse(v.asText().trim());
                    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
            }
        }
        catch (final NumberFormatException | DateTimeParseException | ArithmeticException ex)
        {
            throw new BadRecord(name + " '" + v.asText() + "' is not a time (" + config.timeFormat + ")");
        }
    }

    private Side side(final String text) throws BadRecord
    {
        switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "buy": case "b": case "bid": return Side.BUY;
            case "sell": case "s": case "ask": return Side.SELL;
            case "none": case "": return Side.NONE;
            default: throw new BadRecord(config.field("side") + " '" + text + "' is not buy, sell or none");
        }
    }

    /** A mantissa at the exponent, or BadRecord naming the field when it does not fit. */
    static long mantissa(final String text, final int exponent, final String field) throws BadRecord
    {
        if ("NaN".equals(text))
        {
            return FixedPoint.NOT_FINITE;
        }
        try
        {
            return FixedPoint.parse(text, exponent);
        }
        catch (final RuntimeException ex)
        {
            throw new BadRecord(field + " '" + text + "' does not fit exponent " + exponent);
        }
    }

    private static String firstLine(final String message)
    {
        final int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }
}
