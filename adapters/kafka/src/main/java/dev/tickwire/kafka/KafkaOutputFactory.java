package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.OutputFactory;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.InstrumentCatalog;

import java.time.Duration;

/** {@code outputs: [{type: kafka, bootstrap: …}]}: the journal into Kafka topics, exactly once ({@link KafkaOutput}). */
public final class KafkaOutputFactory implements OutputFactory
{
    /** How long the start waits for Kafka to check the topics before it goes on without. */
    static final Duration START_CHECK = Duration.ofSeconds(5);

    @Override
    public String type()
    {
        return "kafka";
    }

    @Override
    public OutputSink create(final String key, final String name, final JsonNode node, final TickwireConfig config)
    {
        return create(key, name, node, config, new Secrets());
    }

    KafkaOutput create(final String key, final String name, final JsonNode node, final TickwireConfig config,
        final Secrets secrets)
    {
        final KafkaOutputConfig c = ConfigLoader.section(key, node, KafkaOutputConfig.class).conclude(key);
        final InstrumentCatalog catalog = InstrumentCatalog.open(config.journalPath());
        final ValueEncoder values = "json".equals(c.format) ? new JsonValues(catalog) : c.schemaRegistry == null ?
            new AvroValues(AvroSchemas.shipped()) : new RegistryAvroValues(AvroSchemas.shipped(),
            new SchemaRegistry(c.schemaRegistry));
        final KafkaOutput output = new KafkaOutput(key, name, c, c.clientProperties(key, secrets), catalog, values);
        output.checkAtStart(START_CHECK);
        return output;
    }
}
