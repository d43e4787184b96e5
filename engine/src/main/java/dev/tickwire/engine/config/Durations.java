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
        if (text == null)
        {
            throw new ConfigException(key, "must not be empty: a duration such as 10ms, 5s or 1m");
        }
        final Matcher m = DURATION.matcher(text.trim());
        if (!m.matches())
        {
            throw new ConfigException(key, "'" + text + "' is not a duration (e.g. 500ms, 5s, 2m, 24h)");
        }
        final String unit = m.group(2) == null ? "ns" : m.group(2);
        try
        {
            return Math.multiplyExact(Long.parseLong(m.group(1)), nanosPer(unit));
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new ConfigException(key, "'" + text + "' is too long a duration");
        }
    }

    private static long nanosPer(final String unit)
    {
        switch (unit)
        {
            case "ns": return 1L;
            case "us":
            case "µs": return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            default: return 86_400_000_000_000L;
        }
    }
}
