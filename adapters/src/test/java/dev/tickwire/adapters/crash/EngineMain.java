package dev.tickwire.adapters.crash;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The engine as {@link SierraCrashTest} runs it in a child JVM: one live {@code type: sierra} source (.scid and
 * .depth of one contract) journaling into {@code <dataDir>}, no Aeron, until the process is killed.
 *
 * <p>Args: {@code <dataDir> <sierraFolder> <symbol>}. SIGKILL is the point of the exercise; on SIGTERM a shutdown
 * hook closes the engine cleanly.
 */
public final class EngineMain
{
    private EngineMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        if (args.length != 3)
        {
            System.err.println("usage: EngineMain <dataDir> <sierraFolder> <symbol>");
            System.exit(2);
        }
        final TickwireConfig config = config(Path.of(args[0]), Path.of(args[1]), args[2]);
        final Engine engine = Engine.launch(config, Sources.create(config));
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "engine-main-shutdown"));
        System.out.println("EngineMain pid " + ProcessHandle.current().pid() + " running: journal " + config.journalPath());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }

    static TickwireConfig config(final Path dataDir, final Path sierraFolder, final String symbol)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dataDir.toString();
        config.aeron.publish = false;
        config.engine.ringSize = 4096;

        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "sierra");
        source.put("folder", sierraFolder.toString());
        source.put("pollInterval", "2ms");
        final ObjectNode contract = source.putArray("contracts").addObject();
        contract.put("symbol", symbol);
        contract.put("tickSize", "0.25");
        contract.put("scid", true);
        contract.put("depth", true);
        config.sources.add(source);
        return config;
    }
}
