package dev.tickwire.wire;

import java.math.BigDecimal;

/**
 * Fixed-point prices and sizes: value = mantissa × 10^exponent. The core never uses float or
 * double; conversions to and from text live here and run outside the hot path.
 */
public final class FixedPoint
{
    private static final char[] ZEROS = "0000000000000000000".toCharArray();
    /** A source value that was NaN or infinite (no value at all is {@link Values#NONE}); adapters encode it so the validator can reject it. */
    public static final long NOT_FINITE = Long.MIN_VALUE + 1;

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private FixedPoint()
    {
    }

    public static long pow10(final int n)
    {
        return POWERS_OF_TEN[n];
    }

    /** Decimal text of mantissa × 10^exponent, without trailing zeros beyond the exponent ("5853.25"). */
    public static String toDecimalString(final long mantissa, final int exponent)
    {
        return appendDecimal(new StringBuilder(24), mantissa, exponent).toString();
    }

    /** Appends mantissa × 10^exponent as plain decimal text; allocation-free apart from the builder's growth. */
    public static StringBuilder appendDecimal(final StringBuilder sb, final long mantissa, final int exponent)
    {
        if (exponent >= 0)
        {
            sb.append(mantissa);
            if (mantissa == 0)
            {
                return sb;
            }
            for (int i = 0; i < exponent; i++)
            {
                sb.append('0');
            }
            return sb;
        }
        final int scale = -exponent;
        long abs = mantissa;
        if (mantissa < 0)
        {
            sb.append('-');
            abs = -mantissa; // Long.MIN_VALUE is never a real price (it is Values.NONE)
        }
        final long divisor = POWERS_OF_TEN[scale];
        sb.append(abs / divisor).append('.');
        return appendPadded(sb, abs % divisor, scale);
    }

    /** Appends a non-negative {@code value} left-padded with zeros to {@code width} digits. */
    public static StringBuilder appendPadded(final StringBuilder sb, final long value, final int width)
    {
        int pad = 0;
        for (int i = width - 1; i > 0 && value < POWERS_OF_TEN[i]; i--)
        {
            pad++; // comparisons, not divisions: a time's nine fraction digits go through here per row
        }
        if (pad > 0)
        {
            sb.append(ZEROS, 0, pad);
        }
        return sb.append(value);
    }

    /**
     * Parses decimal text into a mantissa at the given exponent.
     *
     * @throws IllegalArgumentException if the text has more precision than the exponent allows
     */
    public static long parse(final String text, final int exponent)
    {
        final BigDecimal value = new BigDecimal(text.trim());
        try
        {
            return value.movePointLeft(exponent).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                "'" + text + "' does not fit a fixed-point value with exponent " + exponent, ex);
        }
    }

    /** The smallest exponent (most negative) that represents the text exactly, e.g. "0.25" gives -2. */
    public static int exponentOf(final String text)
    {
        return -Math.max(0, new BigDecimal(text.trim()).stripTrailingZeros().scale());
    }
}
