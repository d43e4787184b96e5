package dev.tickwire.kafka;

import dev.tickwire.engine.config.ConfigException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes the output's topics exist as its config says: missing ones are created with the AdminClient; present
 * ones are checked (partitions, replication factor and each topic config the user set), and a mismatch is a
 * {@link ConfigException} naming the key, e.g. "outputs[0].topic.partitions: topic tickwire.trades has 1
 * partition, the config says 3". Known topics are remembered, so only a new one costs a round trip.
 */
final class KafkaTopics
{
    private static final long TIMEOUT_S = 5; // bounds a close of the engine while the broker is away, too

    private final String key;
    private final KafkaOutputConfig.Topic spec;
    private final Map<String, String> configs;
    private final Set<String> known = new HashSet<>();

    KafkaTopics(final String key, final KafkaOutputConfig.Topic spec)
    {
        this.key = key;
        this.spec = spec;
        this.configs = spec.configs(key + ".topic");
    }

    boolean isKnown(final String topic)
    {
        return known.contains(topic);
    }

    /** Creates or checks the data topics (as the config's {@code topic:} says). */
    void ensure(final Admin admin, final Collection<String> topics) throws Exception
    {
        ensure(admin, topics, spec.partitions, configs, key + ".topic");
    }

    /** The checkpoint topic: one partition, compacted, the data topics' replication. */
    void ensureCheckpoints(final Admin admin, final String topic) throws Exception
    {
        final Map<String, String> c = new HashMap<>();
        c.put("cleanup.policy", "compact");
        if (spec.minInsyncReplicas != null)
        {
            c.put("min.insync.replicas", spec.minInsyncReplicas.toString());
        }
        ensure(admin, List.of(topic), 1, c, key + ".topic");
    }

    private void ensure(final Admin admin, final Collection<String> topics, final int partitions,
        final Map<String, String> wanted, final String specKey) throws Exception
    {
        final List<String> unknown = new ArrayList<>();
        for (final String t : topics)
        {
            if (!known.contains(t))
            {
                unknown.add(t);
            }
        }
        if (unknown.isEmpty())
        {
            return;
        }
        final Map<String, TopicDescription> present = new HashMap<>();
        final List<NewTopic> missing = new ArrayList<>();
        final var described = admin.describeTopics(unknown).topicNameValues();
        for (final String t : unknown)
        {
            try
            {
                present.put(t, get(described.get(t), "describing topic " + t));
            }
            catch (final ExecutionException ex)
            {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException))
                {
                    throw ex;
                }
                missing.add(new NewTopic(t, partitions, spec.replicationFactor).configs(wanted));
            }
        }
        if (!missing.isEmpty())
        {
            final var created = admin.createTopics(missing).values();
            for (final NewTopic t : missing)
            {
                try
                {
                    get(created.get(t.name()), "creating topic " + t.name());
                }
                catch (final ExecutionException ex)
                {
                    if (!(ex.getCause() instanceof TopicExistsException))
                    {
                        throw ex;
                    }
                    // made meanwhile by someone else: check it next time round
                    continue;
                }
                known.add(t.name());
            }
        }
        if (!present.isEmpty())
        {
            check(admin, present, partitions, wanted, specKey);
        }
    }

    private void check(final Admin admin, final Map<String, TopicDescription> present, final int partitions,
        final Map<String, String> wanted, final String specKey) throws Exception
    {
        final List<ConfigResource> resources = new ArrayList<>();
        for (final String t : present.keySet())
        {
            resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t));
        }
        final Map<ConfigResource, Config> actual = wanted.isEmpty() ? Map.of() :
            get(admin.describeConfigs(resources).all(), "reading topic configs");
        for (final TopicDescription d : present.values())
        {
            final int has = d.partitions().size();
            if (has != partitions)
            {
                throw new ConfigException(specKey + ".partitions", "topic " + d.name() + " has " + has +
                    (has == 1 ? " partition" : " partitions") + ", the config says " + partitions);
            }
            final int replicas = d.partitions().get(0).replicas().size();
            if (replicas != spec.replicationFactor)
            {
                throw new ConfigException(specKey + ".replicationFactor", "topic " + d.name() + " has replication " +
                    "factor " + replicas + ", the config says " + spec.replicationFactor);
            }
            final Config config = actual.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()));
            for (final Map.Entry<String, String> w : wanted.entrySet())
            {
                final ConfigEntry entry = config == null ? null : config.get(w.getKey());
                final String value = entry == null ? null : entry.value();
                if (!w.getValue().equals(value))
                {
                    throw new ConfigException(specKey + "." + configKey(w.getKey()), "topic " + d.name() + " has " +
                        w.getKey() + "=" + value + ", the config says " + w.getValue());
                }
            }
            known.add(d.name());
        }
    }

    /** The future's value; no answer in time says what was asked. */
    private static <T> T get(final org.apache.kafka.common.KafkaFuture<T> future, final String what) throws Exception
    {
        try
        {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            throw new java.util.concurrent.TimeoutException("no answer from Kafka in " + TIMEOUT_S + " s " + what);
        }
    }

    /** The config key of a topic config, for messages. */
    private static String configKey(final String topicConfig)
    {
        switch (topicConfig)
        {
            case "min.insync.replicas": return "minInsyncReplicas";
            case "retention.ms": return "retention";
            default: return "cleanupPolicy";
        }
    }
}
