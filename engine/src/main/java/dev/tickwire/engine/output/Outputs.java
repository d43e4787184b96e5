package dev.tickwire.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.ByType;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.TickwireConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outputs the config's {@code outputs:} list names, the mirror of {@code sources:}: each entry has a
 * {@code type} (found through {@link OutputFactory}), and every type takes the same three keys besides its
 * own: {@code name} (its checkpoint's name, default the type; unique), {@code flushEvery} (messages between
 * flushes, default 10000) and {@code flushInterval} (the longest time between them, default 1s).
 */
public final class Outputs
{
    public static final long DEFAULT_FLUSH_EVERY = 10_000;
    public static final String DEFAULT_FLUSH_INTERVAL = "1s";

    /** One configured output: its sink and how often it is flushed and checkpointed. */
    public record Output(String name, OutputSink sink, long flushEveryMessages, long flushEveryNs)
    {
    }

    private Outputs()
    {
    }

    /** The lowest engine sequence every output of the journal has flushed ({@code Long.MAX_VALUE}: no output). */
    public static long flushedThrough(final java.nio.file.Path journalDir) throws java.io.IOException
    {
        return TailerCheckpoint.lowestFlushedSequence(journalDir);
    }

    /**
     * Builds every output of the config, failing fast on a bad key.
     *
     * @throws ConfigException naming the key
     */
    public static List<Output> create(final TickwireConfig config)
    {
        final ByType<OutputFactory> factories = factories();
        final List<Output> outputs = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < config.outputs.size(); i++)
        {
            final String key = "outputs[" + i + "]";
            final Output output = create(key, config.outputs.get(i), config, factories, null);
            if (!names.add(output.name()))
            {
                throw new ConfigException(key + ".name", "'" + output.name() + "' is taken by another output: give each a name");
            }
            outputs.add(output);
        }
        return outputs;
    }

    /** The output types on the class path. */
    public static ByType<OutputFactory> factories()
    {
        return ByType.load(OutputFactory.class, "output", OutputFactory::type);
    }

    /**
     * One output from its entry (an {@code outputs:} entry, or a pipeline's output).
     *
     * @param defaultName the name when the entry has none (null: its type)
     * @throws ConfigException naming the key
     */
    public static Output create(final String key, final JsonNode node, final TickwireConfig config,
        final ByType<OutputFactory> factories, final String defaultName)
    {
        if (node == null || !node.isObject())
        {
            throw new ConfigException(key, "an output is a map with a type, e.g. {type: jsonl, dir: ./out}");
        }
        final String type = node.path("type").asText();
        final OutputFactory factory = factories.get(key + ".type", type);
        final ObjectNode own = ((ObjectNode)node).deepCopy();
        final String name = own.has("name") ? own.remove("name").asText() : defaultName != null ? defaultName : type;
        if (!name.matches("[A-Za-z0-9._-]{1,64}"))
        {
            throw new ConfigException(key + ".name", "letters, digits, '.', '_' and '-' only (it names a file), got '" +
                name + "'");
        }
        final long every = own.has("flushEvery") ? own.remove("flushEvery").asLong(-1) : DEFAULT_FLUSH_EVERY;
        if (every < 1)
        {
            throw new ConfigException(key + ".flushEvery", "must be a positive number of messages");
        }
        final long intervalNs = Durations.parseNanos(key + ".flushInterval",
            own.has("flushInterval") ? own.remove("flushInterval").asText() : DEFAULT_FLUSH_INTERVAL);
        if (intervalNs <= 0)
        {
            throw new ConfigException(key + ".flushInterval", "must be positive, e.g. 1s");
        }
        return new Output(name, factory.create(key, name, own, config), every, intervalNs);
    }
}
