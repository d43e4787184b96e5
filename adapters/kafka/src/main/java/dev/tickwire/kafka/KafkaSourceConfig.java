package dev.tickwire.kafka;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.FixedPoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code sources: [{type: kafka, …}]} section; {@link #conclude} checks it naming the key. */
public final class KafkaSourceConfig
{
    /** Consumer settings the source owns: where it reads from is the journal's business. */
    private static final Set<String> OWNED = Set.of("bootstrap.servers", "group.id", "enable.auto.commit",
        "key.deserializer", "value.deserializer", "isolation.level", "auto.offset.reset");
    private static final Set<String> FIELDS = Set.of("type", "symbol", "price", "size", "time", "side", "bid", "ask",
        "bidSize", "askSize");

    public String type = "kafka";
    /** The source id of partition 0; partition p is {@code id + p} (each partition resumes on its own). */
    public int id;
    public String name = "kafka";
    public String bootstrap;
    public String topic;
    /** The topic's partitions to read: 0..partitions-1. */
    public int partitions = 1;
    /** json (the output's, or foreign JSON through {@link #fields}) or avro (the output's single-object encoding). */
    public String format = "json";
    /** JSON member names, by meaning; the defaults are the output's (the {@code dump}) names. */
    public Map<String, String> fields = new LinkedHashMap<>();
    /** How a JSON time is written: iso (the dump's "ts"), ns or ms since the epoch. */
    public String timeFormat = "iso";
    public String venue = "KAFKA";
    /** Exponents and tick size of symbols not listed in {@link #instruments}. */
    public int priceExponent = -2;
    public int sizeExponent = 0;
    public String tickSize = "0.01";
    public List<Instrument> instruments = new ArrayList<>();
    public KafkaSecurity security;
    public Map<String, String> consumer = new LinkedHashMap<>();

    /** A symbol's scale, when it differs from the defaults. */
    public static final class Instrument
    {
        public String symbol;
        public Integer priceExponent;
        public Integer sizeExponent;
        public String tickSize;
    }

    /** A symbol's exponents and tick size mantissa, resolved. */
    record Scale(int priceExponent, int sizeExponent, long tickSize)
    {
    }

    private final Map<String, Scale> scales = new HashMap<>();
    private Scale defaultScale;

    KafkaSourceConfig conclude(final String key)
    {
        if (!SourceKind.EXPLICIT.contains(id) || !SourceKind.EXPLICIT.contains(id + Math.max(partitions, 1) - 1))
        {
            throw new ConfigException(key + ".id", "must be " + SourceKind.EXPLICIT.first + ".." +
                SourceKind.EXPLICIT.last + " with room for one id per partition (id + partition), got " + id);
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,48}"))
        {
            throw new ConfigException(key + ".name", "letters, digits, '.', '_' and '-' only, got '" + name + "'");
        }
        if (bootstrap == null || bootstrap.isBlank())
        {
            throw new ConfigException(key + ".bootstrap", "is required: the brokers, e.g. 127.0.0.1:9092");
        }
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}"))
        {
            throw new ConfigException(key + ".topic", "is required: a topic name, got '" + topic + "'");
        }
        if (partitions < 1 || partitions > 1024)
        {
            throw new ConfigException(key + ".partitions", "must be 1..1024, got " + partitions);
        }
        if (!"json".equals(format) && !"avro".equals(format))
        {
            throw new ConfigException(key + ".format", "must be json or avro, got '" + format + "'");
        }
        for (final String f : fields.keySet())
        {
            if (!FIELDS.contains(f))
            {
                throw new ConfigException(key + ".fields." + f, "unknown; known: " + FIELDS);
            }
        }
        if (!Set.of("iso", "ns", "ms").contains(timeFormat))
        {
            throw new ConfigException(key + ".timeFormat", "must be iso, ns or ms, got '" + timeFormat + "'");
        }
        defaultScale = scale(key, priceExponent, sizeExponent, tickSize);
        for (int i = 0; i < instruments.size(); i++)
        {
            final Instrument in = instruments.get(i);
            final String ik = key + ".instruments[" + i + "]";
            if (in.symbol == null || in.symbol.isBlank() || in.symbol.length() > 32)
            {
                throw new ConfigException(ik + ".symbol", "is required (at most 32 characters)");
            }
            scales.put(in.symbol, scale(ik, in.priceExponent == null ? priceExponent : in.priceExponent,
                in.sizeExponent == null ? sizeExponent : in.sizeExponent, in.tickSize == null ? tickSize : in.tickSize));
        }
        for (final String name : consumer.keySet())
        {
            if (KafkaSecurity.isSecurityProperty(name))
            {
                throw new ConfigException(key + ".consumer." + name, "security settings go in " + key + ".security");
            }
            if (OWNED.contains(name))
            {
                throw new ConfigException(key + ".consumer." + name, "is set by the source (the journal says where " +
                    "to resume)");
            }
        }
        return this;
    }

    private static Scale scale(final String key, final int pe, final int se, final String tick)
    {
        if (pe < -18 || pe > 18)
        {
            throw new ConfigException(key + ".priceExponent", "must be -18..18, got " + pe);
        }
        if (se < -18 || se > 18)
        {
            throw new ConfigException(key + ".sizeExponent", "must be -18..18, got " + se);
        }
        final long mantissa;
        try
        {
            mantissa = FixedPoint.parse(tick, pe);
        }
        catch (final RuntimeException ex)
        {
            throw new ConfigException(key + ".tickSize", "'" + tick + "' is not a decimal at price exponent " + pe);
        }
        if (mantissa <= 0)
        {
            throw new ConfigException(key + ".tickSize", "must be positive, got '" + tick + "'");
        }
        return new Scale(pe, se, mantissa);
    }

    Scale scaleOf(final String symbol)
    {
        return scales.getOrDefault(symbol, defaultScale);
    }

    /** The JSON member for a meaning: the configured one, else the output's name for it. */
    String field(final String meaning)
    {
        final String configured = fields.get(meaning);
        if (configured != null)
        {
            return configured;
        }
        switch (meaning)
        {
            case "time": return "ts";
            case "bidSize": return "bid_size";
            case "askSize": return "ask_size";
            default: return meaning;
        }
    }
}
