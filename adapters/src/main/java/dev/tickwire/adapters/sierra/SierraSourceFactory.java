package dev.tickwire.adapters.sierra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;

import java.util.List;

/** {@code type: sierra}: Sierra Chart's Data folder, tailed live (or read once, {@code follow: false}). */
public final class SierraSourceFactory implements SourceFactory
{
    @Override
    public String type()
    {
        return "sierra";
    }

    @Override
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        return SierraAdapters.create(key, ConfigLoader.section(key, node, SierraConfig.class).conclude(key),
            InstrumentCatalog.open(config.journalPath()));
    }
}
