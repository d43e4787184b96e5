package dev.tickwire.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.DriverMode;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Path;

/** Real components for engine tests: a media driver in this JVM and configs pointing at temp dirs. */
final class EngineFixture
{
    private EngineFixture()
    {
    }

    static MediaDriver launchDriver(final String dir)
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    static String aeronDir()
    {
        return CommonContext.generateRandomDirName();
    }

    /** An engine config on an external driver, with one synthetic source of {@code count} records. */
    static TickwireConfig config(final Path dataDir, final String aeronDir, final String channel, final long count)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dataDir.toString();
        config.engine.ringSize = 1024;
        config.aeron.driver = DriverMode.EXTERNAL;
        config.aeron.dir = aeronDir;
        config.aeron.channel = channel;
        config.aeron.stream = 77;
        config.sources.add(synthetic(1, count));
        return config;
    }

    static ObjectNode synthetic(final int id, final long count)
    {
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("id", id);
        source.put("rate", 0);
        source.put("count", count);
        source.put("seed", 7);
        source.put("snapshotEvery", 50);
        source.put("startTime", "2026-01-02T14:30:00Z");
        return source;
    }
}
