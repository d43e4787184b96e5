package dev.tickwire.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.TickwireConfig;

/**
 * Builds one type of output from its {@code outputs:} entry in the config, found by its {@link #type()}
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services} line), so a module such as the
 * Kafka output adds a type without editing the engine. The same pattern as sources.
 */
public interface OutputFactory
{
    /** The {@code type:} value this factory builds, e.g. "jsonl". */
    String type();

    /**
     * @param key  the entry's key in the config, e.g. "outputs[0]", for messages
     * @param name the output's name (unique; names its checkpoint and, as the output likes, its files)
     * @param node the entry without the keys every output takes (name, flushEvery, flushInterval)
     * @throws dev.tickwire.engine.config.ConfigException naming the key of a bad value
     */
    OutputSink create(String key, String name, JsonNode node, TickwireConfig config);
}
