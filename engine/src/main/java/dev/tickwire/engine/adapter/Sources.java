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
        final ByType<SourceFactory> factories = ByType.load(SourceFactory.class, "source", SourceFactory::type);
        final List<FeedAdapter> adapters = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < config.sources.size(); i++)
        {
            final String key = "sources[" + i + "]";
            final JsonNode node = config.sources.get(i);
            final SourceFactory factory = factories.get(key + ".type", node.path("type").asText());
            for (final FeedAdapter adapter : factory.create(key, node, config))
            {
                if (!ids.add(adapter.sourceId()))
                {
                    throw new ConfigException(key, "source id " + adapter.sourceId() + " (" + adapter.roleName() +
                        ") is used twice");
                }
                adapters.add(adapter);
            }
        }
        return adapters;
    }

}
