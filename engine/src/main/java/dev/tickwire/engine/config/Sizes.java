package dev.tickwire.engine.config;

import java.util.Locale;

/** Byte sizes as written in config: 65536, 64k, 16m, 1g, 2t (binary units; 10GB and 10gb read as 10g). */
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
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.length() > 2 && value.endsWith("b") && "kmgt".indexOf(value.charAt(value.length() - 2)) >= 0)
        {
            value = value.substring(0, value.length() - 1);
        }
        long multiplier = 1;
        String digits = value;
        final int unitIndex = value.isEmpty() ? -1 : "kmgt".indexOf(value.charAt(value.length() - 1));
        if (unitIndex >= 0)
        {
            multiplier = 1L << (10 * (unitIndex + 1));
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
