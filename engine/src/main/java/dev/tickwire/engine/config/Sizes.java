package dev.tickwire.engine.config;

import java.util.Locale;

/** Byte sizes as written in config: 65536, 64k, 16m, 1g. */
public final class Sizes
{
    private Sizes()
    {
    }

    public static long parseBytes(final String key, final String text)
    {
        if (text == null)
        {
            throw new ConfigException(key, "must not be empty: a size such as 64k, 4m or 1g");
        }
        final String value = text.trim().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = value;
        if (value.endsWith("k") || value.endsWith("m") || value.endsWith("g"))
        {
            final char unit = value.charAt(value.length() - 1);
            multiplier = unit == 'k' ? 1024L : unit == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            digits = value.substring(0, value.length() - 1);
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(digits.trim()), multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new ConfigException(key, "'" + text + "' is not a size (e.g. 65536, 64k, 16m)");
        }
    }
}
