package dev.tickwire.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.adapters.sierra.SierraDemoMarket;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.pipeline.Pipelines;
import dev.tickwire.monitor.Monitor;
import dev.tickwire.monitor.schedule.ScheduleConfig;
import dev.tickwire.monitor.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tickwire run}: starts the engine; without a config, a built-in synthetic demo. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the engine. Without --config: a built-in demo: a simulated Sierra Chart writes a live data "
        + "folder for ES and NQ (./tickwire-data/sierra-demo) and the engine tails it. Log messages also go to "
        + "<dataDir>/logs/tickwire.log (rolled daily and at 50 MB; see `tickwire logs`).")
final class RunCommand implements java.util.concurrent.Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", description = "YAML config file (see README: Configuration).")
    Path config;

    @Option(names = "--duration", converter = Converters.Duration.class,
        description = "Stop after this long (e.g. 30s, 5m); default: run until Ctrl-C or until finite sources are done.")
    Long durationNs;

    @Option(names = "--data-dir", description = "Override dataDir (journal, counters).")
    Path dataDir;

    @Option(names = "--quiet", description = "No status line.")
    boolean quiet;

    @Option(names = "--demo", defaultValue = "sierra",
        description = "Which built-in demo runs without --config: sierra (default) or synthetic.")
    String demo;

    @Override
    public Integer call() throws Exception
    {
        final TickwireConfig cfg = config != null ? ConfigLoader.load(config) : new TickwireConfig();
        if (dataDir != null)
        {
            cfg.dataDir = dataDir.toString();
        }
        SierraDemoMarket market = null;
        if (config == null)
        {
            switch (demo)
            {
                case "synthetic":
                    cfg.sources.add(syntheticDemo());
                    System.out.println("tickwire demo: synthetic ES/NQ feed → validate → journal (" + cfg.journalPath() +
                        ") → books → Aeron " + cfg.aeron.channel + " stream " + cfg.aeron.stream);
                    break;
                case "sierra":
                    final Path sierraData = cfg.dataPath().resolve("sierra-demo").resolve("Data");
                    cfg.sources.add(sierraDemo(sierraData));
                    market = new SierraDemoMarket(sierraData, System.nanoTime(), 2_000, 250).start();
                    System.out.println("tickwire demo: a simulated Sierra Chart writes " + sierraData +
                        " (ES, NQ: .scid trades and bid/ask, .depth batches, flushed every 250 ms);\n" +
                        "the engine tails it → validate → journal (" + cfg.journalPath() + ") → books → Aeron " +
                        cfg.aeron.channel + " stream " + cfg.aeron.stream);
                    break;
                default:
                    throw new IllegalArgumentException("unknown --demo '" + demo + "': use sierra or synthetic");
            }
        }
        cfg.conclude();
        ScheduleConfig.parse(cfg.schedule, new CommandJobRunner()); // a bad job fails before the engine starts
        final Pipelines.Wiring wiring = Pipelines.wire(cfg);
        final List<FeedAdapter> adapters = wiring.adapters();
        final CountDownLatch stop = new CountDownLatch(1);
        try (FileLogs logs = FileLogs.start(cfg.logsPath());
             Engine engine = Engine.launch(new Engine.Context().config(cfg).adapters(adapters).outputs(wiring.outputs()));
             Monitor monitor = Monitor.start(engine, new Secrets());
             Schedules schedules = Schedules.start(cfg, new CommandJobRunner()))
        {
            // a service's log file should show each start and stop (and so each restart)
            LOG.info("started: pid {}, config {}, dataDir {}, {} feed adapter(s)", ProcessHandle.current().pid(),
                config != null ? config.toAbsolutePath() : "none (the " + demo + " demo)", cfg.dataPath().toAbsolutePath(),
                adapters.size());
            final Thread hook = new Thread(stop::countDown, "tickwire-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            final StatusLine status = new StatusLine(engine);
            final long deadline = durationNs == null ? Long.MAX_VALUE : System.nanoTime() + durationNs;
            while (System.nanoTime() < deadline && !(adapters.size() > 0 && engine.adaptersDone()))
            {
                if (stop.await(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS))
                {
                    break;
                }
                if (!quiet)
                {
                    System.out.println(status.next());
                }
            }
            if (market != null)
            {
                market.close();
            }
            engine.awaitDrained(10, TimeUnit.SECONDS);
            final String summary = status.summary();
            System.out.println(summary);
            LOG.info("stopped: {}", summary);
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // Ctrl-C: the JVM is already stopping; the engine closes below
            }
        }
        return 0;
    }

    /** Two synthetic futures at 20 k ticks/s, every 5,000th trade off the tick grid to show rejects. */
    static ObjectNode syntheticDemo()
    {
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("id", 1);
        source.put("name", "demo");
        source.put("rate", 20_000);
        source.put("offGridEvery", 5_000);
        return source;
    }

    /** The simulated Sierra Chart folder's two contracts. */
    static ObjectNode sierraDemo(final Path folder)
    {
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "sierra");
        source.put("folder", folder.toString());
        final com.fasterxml.jackson.databind.node.ArrayNode contracts = source.putArray("contracts");
        for (final String symbol : SierraDemoMarket.SYMBOLS)
        {
            contracts.addObject().put("symbol", symbol).put("tickSize", SierraDemoMarket.TICK_SIZE);
        }
        return source;
    }
}
