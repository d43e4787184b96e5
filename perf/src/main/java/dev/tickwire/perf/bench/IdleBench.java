package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.adapters.sierra.SierraDemoMarket;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an engine with nothing to do costs: a new user's engine (embedded driver, defaults) tailing a
 * Sierra Chart folder whose files stop growing, measured as the whole process's CPU time over a window
 * after it has settled. Run with no other engine in the process.
 */
final class IdleBench
{
    private IdleBench()
    {
    }

    /**
     * @param idle          {@code engine.idle}: quiet (the default) or eager (before quiet parks)
     * @param settleSeconds after the last record, before measuring (JIT, the first quiet parks)
     * @return CPU of the process in % of one core
     */
    static double idleCpuPercent(final String idle, final long settleSeconds, final long measureSeconds) throws Exception
    {
        return idleCpuPercent(idle, settleSeconds, measureSeconds, config -> { });
    }

    /** @param prepare changes the config before the engine starts (e.g. the Aeron Archive recording) */
    static double idleCpuPercent(final String idle, final long settleSeconds, final long measureSeconds,
        final java.util.function.Consumer<TickwireConfig> prepare) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-idle");
        final Path folder = dir.resolve("SC").resolve("Data");
        // a few seconds of a simulated Sierra Chart, then it stops writing: the files stay, nothing grows
        final SierraDemoMarket market = new SierraDemoMarket(folder, 42, 2_000, 250).start();
        Thread.sleep(2_000);
        market.close();
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.aeron.dir = CommonContext.generateRandomDirName();
        config.engine.idle = idle;
        config.sources.add(sierra(folder));
        prepare.accept(config);
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))))
        {
            Thread.sleep(settleSeconds * 1000);
            final long cpu0 = processCpuNs();
            final long t0 = System.nanoTime();
            Thread.sleep(measureSeconds * 1000);
            return (processCpuNs() - cpu0) * 100.0 / (System.nanoTime() - t0);
        }
    }

    private static ObjectNode sierra(final Path folder)
    {
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "sierra");
        source.put("folder", folder.toString());
        for (final String symbol : SierraDemoMarket.SYMBOLS)
        {
            source.withArray("contracts").addObject().put("symbol", symbol).put("tickSize", SierraDemoMarket.TICK_SIZE);
        }
        return source;
    }

    private static long processCpuNs()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
