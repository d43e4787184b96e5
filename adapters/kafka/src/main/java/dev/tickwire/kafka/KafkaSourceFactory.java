package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code sources: [{type: kafka, id: 30, bootstrap: …, topic: …}]}: one {@link KafkaSource} per partition. */
public final class KafkaSourceFactory implements SourceFactory
{
    @Override
    public String type()
    {
        return "kafka";
    }

    @Override
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        final KafkaSourceConfig c = ConfigLoader.section(key, node, KafkaSourceConfig.class).conclude(key);
        final Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", c.bootstrap);
        if (c.security != null)
        {
            c.security.apply(key + ".security", props, new Secrets());
        }
        final List<FeedAdapter> adapters = new ArrayList<>(c.partitions);
        for (int p = 0; p < c.partitions; p++)
        {
            adapters.add(new KafkaSource(c, p, props));
        }
        return adapters;
    }
}
