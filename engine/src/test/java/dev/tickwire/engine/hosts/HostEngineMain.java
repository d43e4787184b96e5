package dev.tickwire.engine.hosts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The engine on its "host" (a child JVM in a network namespace): a synthetic feed of {@code count} records at
 * {@code rate}, published on {@code channel}. Steps through files in {@code sync}: writes engine.ready, starts
 * the feed on go, writes engine.done (with its counters) when everything is published, closes on stop (with
 * {@code count} 0 the feed goes on until stop).
 */
public final class HostEngineMain
{
    public static void main(final String[] args) throws Exception
    {
        final Path dataDir = Path.of(args[0]);
        final Path sync = Path.of(args[1]);
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dataDir.toString();
        config.engine.ringSize = 4096;
        config.aeron.dir = CommonContext.generateRandomDirName();
        config.aeron.channel = args[2];
        config.aeron.stream = 1001;
        if (args.length > 5)
        {
            config.archive.aeron.record = true;
            config.archive.aeron.controlChannel = args[5];
        }
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("id", 1);
        source.put("rate", Long.parseLong(args[4]));
        source.put("count", Long.parseLong(args[3]));
        source.put("seed", 7);
        source.put("snapshotEvery", 50);
        config.sources.add(source);
        try (Engine engine = Engine.create(new Engine.Context().config(config).adapters(Sources.create(config))))
        {
            Files.writeString(sync.resolve("engine.ready"), "ready");
            await(sync.resolve("go"));
            engine.awaitDrained(10, TimeUnit.SECONDS);
            // what the engine published before any strategy was there (definitions, the feed's first status)
            Files.writeString(sync.resolve("engine.go"), Long.toString(engine.journal().lastSequence()));
            engine.startAdapters();
            if (Long.parseLong(args[3]) == 0)
            {
                await(sync.resolve("stop")); // an endless feed: publishing until the test has seen what it needs
                engine.close();
                System.exit(0);
            }
            while (!engine.adaptersDone())
            {
                Thread.sleep(10);
            }
            engine.awaitDrained(10, TimeUnit.SECONDS);
            Files.writeString(sync.resolve("engine.done"), "published=" + engine.counters().published().get() +
                " dropped=" + engine.counters().dropped().get() + " notConnected=" +
                engine.counters().notConnected().get() + " backPressured=" + engine.counters().backPressured().get());
            await(sync.resolve("stop"));
        }
        System.exit(0);
    }

    static void await(final Path file) throws InterruptedException
    {
        while (!Files.exists(file))
        {
            Thread.sleep(10);
        }
    }
}
