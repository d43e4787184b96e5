package dev.tickwire.tools;

import dev.tickwire.adapters.rest.DryRun;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.TickwireConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code tickwire sources poll}: every stream of the config's polled REST sources polled until caught up once
 * (history from its last journaled position or its backfill depth), then the command ends: journaled like an
 * import, or with {@code --dry-run} validated and printed, nothing journaled.
 */
@Command(name = "poll", mixinStandardHelpOptions = true,
    description = {"Polls the config's REST sources once (each stream until caught up: its history from the journal's "
        + "last position, or its backfill depth, then the current value) and journals what is new, as an import "
        + "does (stop the engine first: one writer per journal).",
        "--dry-run: fetch and validate through the real ring and validator, print what would be journaled, journal "
            + "nothing.",
        "Exit code: 0 done; 3 a stream could not be polled through (listed); 2 a bad config."})
final class SourcesPollCommand implements Callable<Integer>
{
    @Option(names = "--config", required = true, description = "The engine's YAML config (its sources and journal).")
    Path config;

    @Option(names = "--dry-run", description = "Fetch and validate, print what would be journaled, journal nothing.")
    boolean dryRun;

    @Option(names = "--source", description = "Only the polled source with this name (default: all of them).")
    String source;

    @Option(names = "--show", defaultValue = "5",
        description = "Dry run: the first and last N messages of each stream printed (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--timeout", defaultValue = "10m",
        description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call()
    {
        final TickwireConfig cfg = ConfigLoader.load(config);
        final long timeoutNs = Durations.parseNanos("--timeout", timeout);
        if (dryRun)
        {
            final List<DryRun.StreamSummary> summaries = DryRun.run(cfg, source, show, timeoutNs, System.out);
            return summaries.stream().anyMatch(s -> !s.problems().isEmpty()) ? ImportRun.EXIT_INCOMPLETE : 0;
        }
        final List<FeedAdapter> adapters = DryRun.polledSources(cfg, source, true);
        final TickwireConfig engineConfig = ImportRun.config(cfg.journalPath());
        engineConfig.journal.rollCycle = cfg.journal.rollCycle;
        final List<String> problems = new ArrayList<>();
        final long start = System.nanoTime();
        try (Engine engine = Engine.launch(engineConfig, adapters))
        {
            final long deadline = start + timeoutNs;
            while (!engine.adaptersDone() && System.nanoTime() - deadline < 0)
            {
                sleep();
            }
            if (!engine.adaptersDone())
            {
                problems.add("not caught up within " + timeout);
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            adapters.forEach(a -> problems.addAll(a.inputProblems()));
            problems.addAll(engine.adapterFailures());
            System.out.printf("polled %d stream(s) in %.1f s: %d message(s) journaled, instrument definitions " +
                "included (%d accepted, %d rejected)%n",
                adapters.size(), (System.nanoTime() - start) / 1e9, engine.counters().ticksIn().get(),
                engine.counters().accepted().get(), engine.counters().rejectedTotal().get());
        }
        problems.stream().distinct().forEach(p -> System.out.println("  FAILED: " + p));
        return problems.isEmpty() ? 0 : ImportRun.EXIT_INCOMPLETE;
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(50);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
