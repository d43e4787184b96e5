package dev.tickwire.kafka;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.Secrets;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code outputs: [{type: kafka, …}]} section; {@link #conclude} checks it naming the key. */
public final class KafkaOutputConfig
{
    /** Producer settings the output owns: exactly once depends on them. */
    private static final Set<String> OWNED = Set.of("bootstrap.servers", "transactional.id", "enable.idempotence",
        "acks", "key.serializer", "value.serializer", "isolation.level");

    public String type = "kafka";
    public String bootstrap;
    public String topicPrefix = "tickwire";
    public boolean perInstrument = false;
    public String format = "avro";
    public String rejected;
    public String schemaRegistry;
    public Topic topic = new Topic();
    public KafkaSecurity security;
    public Map<String, String> producer = new LinkedHashMap<>();

    /** How the output's topics are made, and what it checks on topics that exist. */
    public static final class Topic
    {
        public int partitions = 1;
        public short replicationFactor = 1;
        public Integer minInsyncReplicas;
        public String retention;
        public String cleanupPolicy;

        /** Topic configs the output sets (and checks): only those the user gave. */
        Map<String, String> configs(final String key)
        {
            final Map<String, String> configs = new LinkedHashMap<>();
            if (minInsyncReplicas != null)
            {
                configs.put("min.insync.replicas", minInsyncReplicas.toString());
            }
            if (retention != null)
            {
                configs.put("retention.ms", String.valueOf(Durations.parseNanos(key + ".retention", retention) / 1_000_000));
            }
            if (cleanupPolicy != null)
            {
                configs.put("cleanup.policy", cleanupPolicy);
            }
            return configs;
        }
    }

    KafkaOutputConfig conclude(final String key)
    {
        if (bootstrap == null || bootstrap.isBlank())
        {
            throw new ConfigException(key + ".bootstrap", "is required: the brokers, e.g. 127.0.0.1:9092");
        }
        if (topicPrefix == null || !topicPrefix.matches("[A-Za-z0-9._-]{1,200}"))
        {
            throw new ConfigException(key + ".topicPrefix", "letters, digits, '.', '_' and '-' only, got '" +
                topicPrefix + "'");
        }
        if (!"avro".equals(format) && !"json".equals(format))
        {
            throw new ConfigException(key + ".format", "must be avro or json, got '" + format + "'");
        }
        if (rejected != null && !rejected.matches("[A-Za-z0-9._-]{1,249}"))
        {
            throw new ConfigException(key + ".rejected", "must be a topic name, got '" + rejected + "'");
        }
        if (schemaRegistry != null)
        {
            if (!"avro".equals(format))
            {
                throw new ConfigException(key + ".schemaRegistry", "goes with format: avro");
            }
            if (!schemaRegistry.startsWith("http://") && !schemaRegistry.startsWith("https://"))
            {
                throw new ConfigException(key + ".schemaRegistry", "must be an http(s) URL, got '" + schemaRegistry + "'");
            }
        }
        if (topic == null)
        {
            topic = new Topic();
        }
        if (topic.partitions < 1)
        {
            throw new ConfigException(key + ".topic.partitions", "must be at least 1, got " + topic.partitions);
        }
        if (topic.replicationFactor < 1)
        {
            throw new ConfigException(key + ".topic.replicationFactor", "must be at least 1, got " +
                topic.replicationFactor);
        }
        if (topic.minInsyncReplicas != null && (topic.minInsyncReplicas < 1 ||
            topic.minInsyncReplicas > topic.replicationFactor))
        {
            throw new ConfigException(key + ".topic.minInsyncReplicas", "must be 1.." + topic.replicationFactor +
                " (the replication factor), got " + topic.minInsyncReplicas);
        }
        if (topic.cleanupPolicy != null && !Set.of("delete", "compact", "compact,delete", "delete,compact")
            .contains(topic.cleanupPolicy))
        {
            throw new ConfigException(key + ".topic.cleanupPolicy", "must be delete, compact or compact,delete, got '" +
                topic.cleanupPolicy + "'");
        }
        topic.configs(key + ".topic");
        for (final String name : producer.keySet())
        {
            if (KafkaSecurity.isSecurityProperty(name))
            {
                throw new ConfigException(key + ".producer." + name, "security settings go in " + key + ".security");
            }
            if (OWNED.contains(name))
            {
                throw new ConfigException(key + ".producer." + name, "is set by the output (exactly once needs it)");
            }
        }
        return this;
    }

    /** The client properties every client of this output shares: brokers and security. */
    Map<String, Object> clientProperties(final String key, final Secrets secrets)
    {
        final Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        if (security != null)
        {
            security.apply(key + ".security", props, secrets);
        }
        return props;
    }

    String topicSuffix(final String what)
    {
        return topicPrefix + "." + what;
    }

    static String sanitise(final String symbol)
    {
        return symbol.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
