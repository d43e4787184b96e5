package dev.tickwire.adapters.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.OutputFactory;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.InstrumentCatalog;

import java.nio.file.Path;

/** {@code outputs: [{type: jsonl, dir: ./out}]}: the journal as JSON lines files, one a day. */
public final class JsonLinesOutputFactory implements OutputFactory
{
    /** The {@code type: jsonl} section's own keys. */
    public static final class Config
    {
        public String type = "jsonl";
        /** The folder the files go to (created if missing). */
        public String dir;

        Config conclude(final String key)
        {
            if (dir == null || dir.isBlank())
            {
                throw new ConfigException(key + ".dir", "is required: the folder the JSON lines files go to");
            }
            return this;
        }
    }

    @Override
    public String type()
    {
        return "jsonl";
    }

    @Override
    public OutputSink create(final String key, final String name, final JsonNode node, final TickwireConfig config)
    {
        final Config c = ConfigLoader.section(key, node, Config.class).conclude(key);
        return new JsonLinesOutput(Path.of(c.dir), name, InstrumentCatalog.open(config.journalPath()));
    }
}
