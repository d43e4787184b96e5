package dev.tickwire.engine.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.TickwireConfig;

import java.util.List;

/**
 * Builds one type of feed from its {@code sources:} entry in the config, found by its {@link #type()}
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services} line), so a new feed is an
 * addition, not an edit of a switch. Read the entry with {@code ConfigLoader.section}, check it with the
 * section's {@code conclude(key)} (every bad value fails naming its key), then build the adapters.
 */
public interface SourceFactory
{
    /** The {@code type:} value this factory builds, e.g. "sierra". */
    String type();

    /**
     * @param key the entry's key in the config, e.g. "sources[0]", for messages
     * @throws dev.tickwire.engine.config.ConfigException naming the key of a bad value
     */
    List<FeedAdapter> create(String key, JsonNode node, TickwireConfig config);
}
