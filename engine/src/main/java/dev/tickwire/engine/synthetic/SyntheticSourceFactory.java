package dev.tickwire.engine.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;

import java.util.List;

/** {@code type: synthetic}: a deterministic generated market (the demo, tests, benchmarks). */
public final class SyntheticSourceFactory implements SourceFactory
{
    @Override
    public String type()
    {
        return "synthetic";
    }

    @Override
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        return List.of(new SyntheticAdapter(ConfigLoader.section(key, node, SyntheticConfig.class).conclude(key)));
    }
}
