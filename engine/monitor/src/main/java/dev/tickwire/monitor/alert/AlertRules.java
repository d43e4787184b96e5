package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.Sizes;
import dev.tickwire.engine.quality.TradingCalendar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads {@code alerts.rules}: each rule a {@code type} and its keys; a bad or unknown key fails naming it. */
public final class AlertRules
{
    public static final String SOURCE_SILENT = "sourceSilent";
    public static final String SOURCE_STALLED = "sourceStalled";
    public static final String REJECTS = "rejects";
    public static final String AERON_DROPS = "aeronDrops";
    public static final String FREE_DISK = "freeDisk";
    public static final String ARCHIVE_FAILING = "archiveFailing";
    public static final String BACKUP_FAILING = "backupFailing";
    public static final String ENGINE_DOWN = "engineDown";
    public static final String SCHEDULE_FAILING = "scheduleFailing";
    private static final List<String> TYPES = List.of(SOURCE_SILENT, SOURCE_STALLED, REJECTS, AERON_DROPS, FREE_DISK,
        ARCHIVE_FAILING, BACKUP_FAILING, SCHEDULE_FAILING, ENGINE_DOWN);

    private AlertRules()
    {
    }

    /** The rules of one config; {@code engineDown} rules only when {@code watcher} (the engine cannot see its own death). */
    public static List<AlertRule> parse(final JsonNode rules, final String key, final boolean watcher)
    {
        final List<AlertRule> parsed = new ArrayList<>();
        if (rules == null || rules.isNull())
        {
            return parsed;
        }
        if (!rules.isArray())
        {
            throw new ConfigException(key, "must be a list of rules, each with a 'type'");
        }
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++)
        {
            final String at = key + "[" + i + "]";
            final JsonNode rule = rules.get(i);
            if (!rule.isObject() || !rule.hasNonNull("type"))
            {
                throw new ConfigException(at + ".type", "is required: one of " + TYPES);
            }
            final String type = rule.get("type").asText();
            final String name = rule.hasNonNull("name") ? rule.get("name").asText() : type;
            if (!names.add(name))
            {
                throw new ConfigException(at + ".name", "'" + name + "' is used twice: give each rule of a type its own name");
            }
            final AlertRule parsedRule = rule(rule, at, type, name);
            if (type.equals(ENGINE_DOWN) == watcher)
            {
                parsed.add(parsedRule);
            }
        }
        return parsed;
    }

    private static AlertRule rule(final JsonNode rule, final String at, final String type, final String name)
    {
        switch (type)
        {
            case SOURCE_SILENT:
                allowed(rule, at, "source", "for", "calendar");
                final TradingCalendar calendar;
                try
                {
                    calendar = TradingCalendar.named(text(rule, "calendar", "24x7"));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new ConfigException(at + ".calendar", ex.getMessage());
                }
                return new SourceSilentRule(name, rule.hasNonNull("source") ? rule.get("source").asText() : null,
                    positive(at + ".for", text(rule, "for", "2m")), calendar);
            case SOURCE_STALLED:
                allowed(rule, at, "source", "for");
                return new SourceStalledRule(name, rule.hasNonNull("source") ? rule.get("source").asText() : null,
                    positive(at + ".for", text(rule, "for", "1m")) / 1_000_000L);
            case REJECTS:
                allowed(rule, at, "above", "per");
                return new CounterRateRule(name, "rejects", s -> s.engine("ticks_rejected"), count(rule, at + ".above", 100),
                    positive(at + ".per", text(rule, "per", "1m")) / 1_000_000L);
            case AERON_DROPS:
                allowed(rule, at, "above", "per");
                return new CounterRateRule(name, "messages dropped on Aeron (subscribers too slow)",
                    s -> s.engine("aeron_dropped"), count(rule, at + ".above", 0),
                    positive(at + ".per", text(rule, "per", "5m")) / 1_000_000L);
            case FREE_DISK:
                allowed(rule, at, "below");
                return ThresholdRule.freeDisk(name, bytes(at + ".below", text(rule, "below", "5g")));
            case ARCHIVE_FAILING:
                allowed(rule, at);
                return ThresholdRule.archiveFailing(name);
            case BACKUP_FAILING:
                allowed(rule, at, "maxAge");
                return ThresholdRule.backupFailing(name, positive(at + ".maxAge", text(rule, "maxAge", "36h")) / 1_000_000L);
            case SCHEDULE_FAILING:
                allowed(rule, at, "job");
                return new ScheduleFailingRule(name, rule.hasNonNull("job") ? rule.get("job").asText() : null);
            case ENGINE_DOWN:
                allowed(rule, at, "after");
                return ThresholdRule.engineDown(name, positive(at + ".after", text(rule, "after", "10s")) / 1_000_000L);
            default:
                throw new ConfigException(at + ".type", "unknown rule type '" + type + "'; use one of " + TYPES);
        }
    }

    /** A typo in a key must not pass as "use the default". */
    private static void allowed(final JsonNode rule, final String at, final String... keys)
    {
        final Set<String> known = new HashSet<>(List.of(keys));
        known.add("type");
        known.add("name");
        for (final Iterator<String> it = rule.fieldNames(); it.hasNext(); )
        {
            final String field = it.next();
            if (!known.contains(field))
            {
                throw new ConfigException(at + "." + field, "unknown key; this rule takes " + List.of(keys));
            }
        }
    }

    private static String text(final JsonNode rule, final String field, final String defaultValue)
    {
        return rule.hasNonNull(field) ? rule.get(field).asText() : defaultValue;
    }

    private static long positive(final String key, final String text)
    {
        final long ns = Durations.parseNanos(key, text);
        if (ns < 1_000_000_000L)
        {
            throw new ConfigException(key, "must be at least 1s, got " + text);
        }
        return ns;
    }

    private static long count(final JsonNode rule, final String key, final long defaultValue)
    {
        final String field = key.substring(key.lastIndexOf('.') + 1);
        if (!rule.hasNonNull(field))
        {
            return defaultValue;
        }
        final JsonNode value = rule.get(field);
        if (!value.canConvertToLong() || value.asLong() < 0)
        {
            throw new ConfigException(key, "must be a whole number of at least 0, got " + value);
        }
        return value.asLong();
    }

    private static long bytes(final String key, final String text)
    {
        final long bytes = Sizes.parseBytes(key, text);
        if (bytes <= 0)
        {
            throw new ConfigException(key, "must be a size such as 5g, got " + text);
        }
        return bytes;
    }
}
