package dev.tickwire.adapters;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tickwire.adapters.sierra.SierraAdapters;
import dev.tickwire.adapters.sierra.SierraConfig;
import dev.tickwire.adapters.synthetic.SyntheticAdapter;
import dev.tickwire.adapters.synthetic.SyntheticConfig;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.FixedPoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the adapters named in the config's {@code sources} list, failing fast on a bad key. */
public final class AdapterFactory
{
    public static final String TYPES = "synthetic, sierra";

    private AdapterFactory()
    {
    }

    public static List<FeedAdapter> create(final TickwireConfig config)
    {
        final List<FeedAdapter> adapters = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < config.sources.size(); i++)
        {
            final String key = "sources[" + i + "]";
            for (final FeedAdapter adapter : create(key, config.sources.get(i), config))
            {
                if (!ids.add(adapter.sourceId()))
                {
                    throw new ConfigException(key, "source id " + adapter.sourceId() + " (" + adapter.roleName() + ") is used twice");
                }
                adapters.add(adapter);
            }
        }
        return adapters;
    }

    public static List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        final String type = node.path("type").asText();
        switch (type)
        {
            case "synthetic":
                return List.of(new SyntheticAdapter(validate(key, read(key, node, SyntheticConfig.class))));
            case "sierra":
                return SierraAdapters.create(key, read(key, node, SierraConfig.class),
                    InstrumentCatalog.open(config.journalPath()));
            default:
                throw new ConfigException(key + ".type", "unknown source type '" + type + "'; known: " + TYPES);
        }
    }

    static SyntheticConfig validate(final String key, final SyntheticConfig c)
    {
        if (!SourceKind.EXPLICIT.contains(c.id))
        {
            throw new ConfigException(key + ".id", "must be " + SourceKind.EXPLICIT.first + ".." + SourceKind.EXPLICIT.last +
                ", got " + c.id);
        }
        if (c.instruments == null || c.instruments.isEmpty())
        {
            throw new ConfigException(key + ".instruments", "needs at least one instrument");
        }
        for (int j = 0; j < c.instruments.size(); j++)
        {
            final SyntheticConfig.Instrument instrument = c.instruments.get(j);
            final String ik = key + ".instruments[" + j + "]";
            if (instrument.symbol == null || instrument.symbol.isBlank() || instrument.symbol.length() > 32)
            {
                throw new ConfigException(ik + ".symbol", "is required (at most 32 characters)");
            }
            final long tick = parse(ik + ".tickSize", instrument.tickSize, instrument.priceExponent);
            final long start = parse(ik + ".startPrice", instrument.startPrice, instrument.priceExponent);
            if (tick <= 0)
            {
                throw new ConfigException(ik + ".tickSize", "must be positive");
            }
            if (start <= tick * (c.depthLevels + 1) || start % tick != 0)
            {
                throw new ConfigException(ik + ".startPrice", "must be on the tick grid and above " + c.depthLevels + " ticks");
            }
        }
        if (c.rate < 0)
        {
            throw new ConfigException(key + ".rate", "must be >= 0 (0 = as fast as possible)");
        }
        if (c.count < 0)
        {
            throw new ConfigException(key + ".count", "must be >= 0 (0 = unlimited)");
        }
        if (c.mix.trades < 0 || c.mix.quotes < 0 || c.mix.depth < 0 || c.mix.trades + c.mix.quotes + c.mix.depth == 0)
        {
            throw new ConfigException(key + ".mix", "weights must be >= 0 and not all 0");
        }
        if (c.depthLevels < 1 || c.depthLevels > 1000)
        {
            throw new ConfigException(key + ".depthLevels", "must be 1..1000");
        }
        if (c.snapshotEvery < 1)
        {
            throw new ConfigException(key + ".snapshotEvery", "must be >= 1");
        }
        return c;
    }

    private static long parse(final String key, final String value, final int exponent)
    {
        try
        {
            return FixedPoint.parse(value, exponent);
        }
        catch (final RuntimeException ex)
        {
            throw new ConfigException(key, "'" + value + "' is not a decimal with at most " + -exponent + " decimals");
        }
    }

    private static <T> T read(final String key, final JsonNode node, final Class<T> type)
    {
        try
        {
            return ConfigLoader.mapper().treeToValue(node, type);
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw new ConfigException(key + "." + ConfigLoader.path(ex), "unknown key; known keys here: " +
                ex.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        }
        catch (final JsonMappingException ex)
        {
            throw new ConfigException(key + "." + ConfigLoader.path(ex), ex.getOriginalMessage());
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new ConfigException(key, ex.getOriginalMessage());
        }
    }
}
