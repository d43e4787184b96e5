package dev.tickwire.engine.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ByType;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.TickwireConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The adapters the config's {@code sources:} list names, each built by the {@link SourceFactory} of its type. */
public final class Sources
{
    private Sources()
    {
    }

    /**
     * Builds every source of the config, failing fast on a bad key.
     *
     * @throws ConfigException naming the key (an unknown type, a bad value, a source id used twice)
     */
    public static List<FeedAdapter> create(final TickwireConfig config)
    {
        return createEach(config).stream().flatMap(List::stream).toList();
    }

    /** As {@link #create}, the adapters of each {@code sources:} entry apart (in the config's order). */
    public static List<List<FeedAdapter>> createEach(final TickwireConfig config)
    {
        final ByType<SourceFactory> factories = factories();
        final List<List<FeedAdapter>> entries = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < config.sources.size(); i++)
        {
            entries.add(create("sources[" + i + "]", config.sources.get(i), config, factories, ids));
        }
        return entries;
    }

    /**
     * The adapters of one source entry (a {@code sources:} entry, or a pipeline's input), whose source ids
     * must not be among {@code taken} (they are added to it).
     */
    public static List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config,
        final ByType<SourceFactory> factories, final Set<Integer> taken)
    {
        final SourceFactory factory = factories.get(key + ".type", node.path("type").asText());
        final List<FeedAdapter> adapters = new ArrayList<>();
        for (final FeedAdapter adapter : factory.create(key, node, config))
        {
            if (!taken.add(adapter.sourceId()))
            {
                throw new ConfigException(key, "source id " + adapter.sourceId() + " (" + adapter.roleName() +
                    ") is used twice");
            }
            adapters.add(adapter);
        }
        return adapters;
    }

    /** The source types on the class path. */
    public static ByType<SourceFactory> factories()
    {
        return ByType.load(SourceFactory.class, "source", SourceFactory::type);
    }
}
