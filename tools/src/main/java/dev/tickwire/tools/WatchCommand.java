package dev.tickwire.tools;

import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.monitor.alert.AlertAgent;
import dev.tickwire.monitor.alert.AlertRule;
import dev.tickwire.monitor.alert.AlertRules;
import dev.tickwire.monitor.alert.Alerts;
import dev.tickwire.monitor.alert.AlertsConfig;
import dev.tickwire.monitor.alert.ChannelDispatcher;
import dev.tickwire.monitor.metrics.EngineView;
import org.agrona.CloseHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tickwire watch}: a process of its own that alerts when the engine is not running or hung: an
 * engine cannot report its own death. Checks the {@code engineDown} rules of the config's {@code alerts}
 * (one with {@code after: 10s} when there is none) and sends to the same channels.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Watch an engine from another process and alert (the config's alerts.channels) when it is not "
        + "running or its heartbeat stops: the config's engineDown rules, or one with after: 10s.",
        "Exit code with --once: 0 the engine is up, 1 it is down (an alert was sent)."})
final class WatchCommand implements Callable<Integer>
{
    @Option(names = "--config", required = true, description = "The engine's YAML config (dataDir, alerts).")
    Path config;

    @Option(names = "--once", description = "Check once and exit (for cron): 0 up, 1 down.")
    boolean once;

    @Override
    public Integer call() throws Exception
    {
        final TickwireConfig cfg = ConfigLoader.load(config).conclude();
        final AlertsConfig alerts = AlertsConfig.parse(cfg.alerts, new Secrets(), true);
        final List<AlertRule> rules = alerts.rules().isEmpty() ?
            AlertRules.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree("[{\"type\":\"engineDown\"}]"),
                "alerts.rules", true) : alerts.rules();
        final List<ChannelDispatcher> dispatchers = new ArrayList<>();
        alerts.channels().forEach(channel -> dispatchers.add(ChannelDispatcher.start(channel)));
        try (EngineView view = EngineView.open(cfg.countersPath(), cfg.journalPath()))
        {
            final Alerts evaluator = new Alerts(rules, alerts.renotifyMs(), InetAddress.getLocalHost().getHostName(),
                notice -> dispatchers.forEach(d -> d.offer(notice)));
            final AlertAgent agent = new AlertAgent(view, evaluator, alerts.checkEveryMs(), firing -> { },
                cfg.dataPath().resolve("watch-alerts.json"));
            if (once)
            {
                agent.check(System.currentTimeMillis());
                return evaluator.firing().isEmpty() ? 0 : 1;
            }
            System.out.println("tickwire watch: " + rules.size() + " rule(s) on " + cfg.countersPath() + ", " +
                dispatchers.size() + " channel(s), every " + alerts.checkEveryMs() + " ms; Ctrl-C to stop");
            final CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "tickwire-watch-shutdown"));
            do
            {
                agent.check(System.currentTimeMillis());
            }
            while (!stop.await(alerts.checkEveryMs(), TimeUnit.MILLISECONDS));
            return 0;
        }
        finally
        {
            CloseHelper.closeAll(dispatchers); // waits a bounded time for notices in flight
        }
    }
}
