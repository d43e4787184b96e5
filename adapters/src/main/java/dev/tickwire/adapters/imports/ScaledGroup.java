package dev.tickwire.adapters.imports;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal values that share one exponent in a message (a derivative ticker's prices, an option's greeks), with
 * the exponent chosen per message so every value is kept exactly: the exponent of the value with the most
 * decimals, between -18 and 0. A value too large for a long at that exponent moves the whole group to a larger
 * exponent, rounding half-even the values with more decimals ({@link #rounded()} says so, for a counter).
 *
 * <p>Used by the importers and pollers of reference data, never on the engine thread: parsing through
 * BigDecimal allocates. One instance per adapter: {@link #clear()}, {@link #add} each text, then
 * {@link #exponent()} and {@link #mantissa(int)}.
 */
public final class ScaledGroup
{
    public static final int MIN_EXPONENT = -18;
    public static final int MAX_EXPONENT = 0;
    /** Longer text is not a number any source writes; parsing it would be slow. */
    static final int MAX_TEXT_LENGTH = 64;
    /** |scale| beyond this ("1e999999999") would make BigDecimal build a number of that many digits. */
    private static final int MAX_SCALE = 100;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final BigDecimal[] values;
    private final boolean[] notFinite;
    private final long[] mantissas;
    private int count;
    private int exponent;
    private boolean rounded;
    private boolean concluded;

    public ScaledGroup(final int capacity)
    {
        values = new BigDecimal[capacity];
        notFinite = new boolean[capacity];
        mantissas = new long[capacity];
    }

    public ScaledGroup clear()
    {
        count = 0;
        concluded = false;
        return this;
    }

    /**
     * Adds a value: empty or null text is absent ({@link Values#NONE}); NaN and infinities are
     * {@link FixedPoint#NOT_FINITE} (the validator rejects them).
     *
     * @return the value's index in the group
     * @throws NumberFormatException if the text is not a decimal number, is longer than 64 characters, or has an
     *                               exponent beyond ±100 (such a number would take BigDecimal ages to scale)
     */
    public int add(final String text)
    {
        final int i = count++;
        concluded = false;
        notFinite[i] = false;
        values[i] = null;
        if (text == null || text.isBlank())
        {
            return i;
        }
        final String t = text.trim();
        if (t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("-inf") ||
            t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("-infinity") || t.equalsIgnoreCase("+inf"))
        {
            notFinite[i] = true;
            return i;
        }
        if (t.length() > MAX_TEXT_LENGTH)
        {
            throw new NumberFormatException("longer than " + MAX_TEXT_LENGTH + " characters");
        }
        final BigDecimal value = new BigDecimal(t);
        if (Math.abs(value.scale()) > MAX_SCALE)
        {
            throw new NumberFormatException("out of range: " + t);
        }
        values[i] = value;
        return i;
    }

    /** The group's exponent: the most decimals any value has, within [-18, 0], raised if a value would overflow. */
    public int exponent()
    {
        conclude();
        return exponent;
    }

    /** The value at {@code index} as a mantissa at {@link #exponent()}, Values.NONE if absent. */
    public long mantissa(final int index)
    {
        conclude();
        return mantissas[index];
    }

    /** True if some value had to be rounded to fit (a value with many decimals beside a huge one). */
    public boolean rounded()
    {
        conclude();
        return rounded;
    }

    private void conclude()
    {
        if (concluded)
        {
            return;
        }
        int e = MAX_EXPONENT;
        for (int i = 0; i < count; i++)
        {
            if (values[i] != null)
            {
                e = Math.min(e, -Math.max(0, values[i].stripTrailingZeros().scale()));
            }
        }
        e = Math.max(MIN_EXPONENT, e);
        while (e < MAX_EXPONENT && !fits(e))
        {
            e++;
        }
        exponent = e;
        rounded = false;
        for (int i = 0; i < count; i++)
        {
            if (notFinite[i])
            {
                mantissas[i] = FixedPoint.NOT_FINITE;
            }
            else if (values[i] == null)
            {
                mantissas[i] = Values.NONE;
            }
            else
            {
                final BigDecimal scaled = values[i].movePointLeft(e);
                final BigDecimal whole = scaled.setScale(0, RoundingMode.HALF_EVEN);
                rounded |= whole.compareTo(scaled) != 0;
                mantissas[i] = whole.abs().compareTo(LONG_MAX) > 0 ? FixedPoint.NOT_FINITE : whole.longValueExact();
            }
        }
        concluded = true;
    }

    private boolean fits(final int e)
    {
        for (int i = 0; i < count; i++)
        {
            if (values[i] != null && values[i].movePointLeft(e).abs().compareTo(LONG_MAX) > 0)
            {
                return false;
            }
        }
        return true;
    }
}
