package dev.tickwire.tools;

import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.monitor.alert.Sample;
import dev.tickwire.monitor.metrics.EngineView;
import dev.tickwire.monitor.status.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tickwire status}: one screen about a running (or stopped) engine, with an exit code for scripts. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"One screen about a running (or the last) engine, read from its counters file by another process: "
        + "up since, each source's state, last event and lag, rates, rejects, journal size and free disk, Aeron "
        + "subscribers and drops, alerts firing.",
        "Exit code: 0 healthy; 1 running, but alerts are firing or a source is stalled; 2 no engine ever ran with this "
            + "dataDir (or a bad option); 3 not running, or hung (no heartbeat)."})
final class StatusCommand implements Callable<Integer>
{
    @Mixin
    EngineDirOptions dirs;

    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    @Option(names = "--interval", defaultValue = "1s",
        description = "Read the counters twice this far apart for the rates (0: no rates; default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--stale", defaultValue = "10s",
        description = "A heartbeat older than this means a hung engine (default: ${DEFAULT-VALUE}).")
    String stale;

    @Override
    public Integer call() throws InterruptedException
    {
        final long intervalMs = Durations.parseNanos("--interval", interval) / 1_000_000L;
        final long staleMs = Durations.parseNanos("--stale", stale) / 1_000_000L;
        final TickwireConfig cfg = dirs.load();
        try (EngineView view = EngineView.open(cfg.countersPath(), cfg.journalPath()))
        {
            Sample before = null;
            if (intervalMs > 0 && view.running())
            {
                before = Sample.take(view, System.currentTimeMillis());
                Thread.sleep(intervalMs);
            }
            final StatusReport report = new StatusReport(before, Sample.take(view, System.currentTimeMillis()), view.pid(),
                cfg.dataPath(), staleMs);
            System.out.print(json ? report.json() + System.lineSeparator() : report.text());
            return report.exitCode();
        }
    }
}
