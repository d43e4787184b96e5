package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code alerts} section: rules, channels, how often rules are checked and how often a lasting alert
 * is sent again.
 *
 * @param rules        the rules this process checks (the engine: all but engineDown; a watcher: engineDown)
 * @param channels     where notices go
 * @param checkEveryMs {@code alerts.checkEvery} (default 5s)
 * @param renotifyMs   {@code alerts.renotifyEvery} (default 1h; 0 = never)
 */
public record AlertsConfig(List<AlertRule> rules, List<AlertChannel> channels, long checkEveryMs, long renotifyMs)
{
    private static final Set<String> KEYS = Set.of("rules", "channels", "checkEvery", "renotifyEvery");

    /** Parses and checks {@code alerts}; null or absent = no rules, no channels. */
    public static AlertsConfig parse(final JsonNode alerts, final Secrets secrets, final boolean watcher)
    {
        if (alerts == null || alerts.isNull())
        {
            return new AlertsConfig(List.of(), List.of(), 5_000, 3_600_000);
        }
        for (final Iterator<String> it = alerts.fieldNames(); it.hasNext(); )
        {
            final String field = it.next();
            if (!KEYS.contains(field))
            {
                throw new ConfigException(TickwireConfig.ALERTS + "." + field, "unknown key; alerts takes " + KEYS);
            }
        }
        final long checkEveryNs = Durations.parseNanos(TickwireConfig.ALERTS + ".checkEvery",
            alerts.hasNonNull("checkEvery") ? alerts.get("checkEvery").asText() : "5s");
        if (checkEveryNs < 100_000_000L)
        {
            throw new ConfigException(TickwireConfig.ALERTS + ".checkEvery", "must be at least 100ms");
        }
        final long renotifyNs = Durations.parseNanos(TickwireConfig.ALERTS + ".renotifyEvery",
            alerts.hasNonNull("renotifyEvery") ? alerts.get("renotifyEvery").asText() : "1h");
        final List<AlertRule> rules = AlertRules.parse(alerts.get("rules"), TickwireConfig.ALERTS + ".rules", watcher);
        final List<AlertChannel> channels = alerts.hasNonNull("channels") ?
            AlertChannels.parse(alerts.get("channels"), secrets) : List.of();
        return new AlertsConfig(rules, channels, checkEveryNs / 1_000_000L, renotifyNs / 1_000_000L);
    }
}
