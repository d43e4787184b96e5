package dev.tickwire.engine.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config and on the command line: 250us, 500ms, 5s, 2m, 24h, 1d, or ns. */
public final class Durations
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m|h|d)?");

    private Durations()
    {
    }

    public static long parseNanos(final String key, final String text)
    {
        final Matcher m = DURATION.matcher(text.trim());
        if (!m.matches())
        {
            throw new ConfigException(key, "'" + text + "' is not a duration (e.g. 500ms, 5s, 2m, 24h)");
        }
        final long amount = Long.parseLong(m.group(1));
        final String unit = m.group(2) == null ? "ns" : m.group(2);
        switch (unit)
        {
            case "ns": return amount;
            case "us":
            case "µs": return amount * 1_000L;
            case "ms": return amount * 1_000_000L;
            case "s": return amount * 1_000_000_000L;
            case "m": return amount * 60_000_000_000L;
            case "h": return amount * 3_600_000_000_000L;
            default: return amount * 86_400_000_000_000L;
        }
    }
}
