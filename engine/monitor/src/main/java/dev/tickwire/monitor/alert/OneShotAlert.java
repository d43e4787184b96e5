package dev.tickwire.monitor.alert;

import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A notice sent once from a command that runs and exits (the daily chain, a batch): through every channel of
 * the config's {@code alerts}, synchronously (each channel retries as configured); a channel that gives up is
 * logged, never thrown: the command's own failure is what matters.
 */
public final class OneShotAlert
{
    private static final Logger LOG = LoggerFactory.getLogger(OneShotAlert.class);

    private OneShotAlert()
    {
    }

    /** @return the number of channels that delivered it */
    public static int send(final TickwireConfig config, final String rule, final String summary, final String detail)
    {
        final AlertsConfig alerts = AlertsConfig.parse(config.alerts, new Secrets(), false);
        final Notice notice = new Notice(rule, Notice.State.FIRING, summary, detail, System.currentTimeMillis(),
            Notice.localHost());
        int delivered = 0;
        for (final AlertChannel channel : alerts.channels())
        {
            try (channel)
            {
                channel.send(notice);
                delivered++;
            }
            catch (final Exception ex)
            {
                LOG.error("alert channel {} could not send '{}': {}", channel.name(), summary, ex.getMessage());
            }
        }
        return delivered;
    }

}
