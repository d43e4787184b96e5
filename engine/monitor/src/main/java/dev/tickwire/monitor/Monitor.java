package dev.tickwire.monitor;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.heartbeat.EngineStatuses;
import dev.tickwire.monitor.alert.AlertAgent;
import dev.tickwire.monitor.alert.AlertChannel;
import dev.tickwire.monitor.alert.Alerts;
import dev.tickwire.monitor.alert.AlertsConfig;
import dev.tickwire.monitor.alert.ChannelDispatcher;
import dev.tickwire.monitor.alert.Notice;
import dev.tickwire.monitor.metrics.EngineView;
import dev.tickwire.monitor.metrics.MetricsServer;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Monitoring of a running engine, beside it in its process: {@code /metrics} when {@code metrics.port}
 * is set, and the alert rules of {@code alerts} with their channels. Reads the counters file like any
 * other process would; one sleeping thread for the rules, one per channel, one for HTTP.
 */
public final class Monitor implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final EngineView view;
    private final MetricsServer metrics;
    private final AgentRunner alertRunner;
    private final List<ChannelDispatcher> dispatchers;

    private Monitor(final EngineView view, final MetricsServer metrics, final AgentRunner alertRunner,
        final List<ChannelDispatcher> dispatchers)
    {
        this.view = view;
        this.metrics = metrics;
        this.alertRunner = alertRunner;
        this.dispatchers = dispatchers;
    }

    /**
     * Starts what the engine's config asks for; nothing (no thread) when neither metrics nor alerts are set.
     *
     * @throws dev.tickwire.engine.config.ConfigException naming the key of a bad alert rule or channel
     */
    public static Monitor start(final Engine engine, final Secrets secrets)
    {
        final TickwireConfig config = engine.config();
        final AlertsConfig alertsConfig = AlertsConfig.parse(config.alerts, secrets, false);
        final EngineView view = EngineView.open(config.countersPath(), config.journalPath());
        MetricsServer metrics = null;
        final List<ChannelDispatcher> dispatchers = new ArrayList<>();
        try
        {
            if (config.metrics.port != null)
            {
                metrics = MetricsServer.start(MetricsServer.registry(view), config.metrics.host, config.metrics.port);
                LOG.info("metrics on http://{}:{}/metrics", config.metrics.host, metrics.port());
            }
            AgentRunner alertRunner = null;
            if (!alertsConfig.rules().isEmpty())
            {
                for (final AlertChannel channel : alertsConfig.channels())
                {
                    dispatchers.add(ChannelDispatcher.start(channel));
                }
                final EngineCounters counters = engine.counters();
                final EngineStatuses statuses = engine.statuses();
                final Alerts[] alerts = new Alerts[1];
                alerts[0] = new Alerts(alertsConfig.rules(), alertsConfig.renotifyMs(), Notice.localHost(), notice ->
                {
                    counters.alertNotices().incrementRelease();
                    if (notice.state() == Notice.State.FIRING)
                    {
                        counters.alertsFired().incrementRelease();
                        statuses.publish(StatusCode.ALERT_FIRING, notice.timeMs(), alerts[0].ruleIndex(notice.rule()));
                    }
                    else if (notice.state() == Notice.State.RESOLVED)
                    {
                        statuses.publish(StatusCode.ALERT_RESOLVED, notice.timeMs(), alerts[0].ruleIndex(notice.rule()));
                    }
                    dispatchers.forEach(d -> d.offer(notice));
                });
                alertRunner = new AgentRunner(new SleepingMillisIdleStrategy(Math.min(200, alertsConfig.checkEveryMs())),
                    ex -> LOG.warn("alerts: {}", ex.toString()), null,
                    new AlertAgent(view, alerts[0], alertsConfig.checkEveryMs(), counters.alertsFiring()::setRelease,
                        config.dataPath().resolve(AlertAgent.STATE_FILE)));
                AgentRunner.startOnThread(alertRunner);
                LOG.info("alerts: {} rule(s), {} channel(s), checked every {} ms", alertsConfig.rules().size(),
                    dispatchers.size(), alertsConfig.checkEveryMs());
            }
            return new Monitor(view, metrics, alertRunner, dispatchers);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(metrics, view);
            CloseHelper.quietCloseAll(dispatchers);
            throw ex;
        }
    }

    /** The port {@code /metrics} listens on, or -1. */
    public int metricsPort()
    {
        return metrics == null ? -1 : metrics.port();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(alertRunner, metrics);
        CloseHelper.closeAll(dispatchers);
        view.close();
    }
}
