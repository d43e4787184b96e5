package dev.tickwire.engine.bars;

import java.math.BigInteger;

/**
 * Unsigned 128-bit arithmetic on (hi, lo) pairs of longs, for notionals: Σ price × size of a bar can
 * pass 2^63 (a price mantissa of 10^9 times a size mantissa of 10^10 already does). No allocation; no
 * float in the sums. Only what bars and their features need: add a product, compare, divide by a long
 * (floor, ceiling, half up), and the two conversions to and from double that the information-driven
 * bars' expected thresholds need.
 */
public final class Int128
{
    private static final double TWO_63 = 0x1p63;
    private static final double TWO_64 = 0x1p64;
    private static final double TWO_127 = 0x1p127;

    private Int128()
    {
    }

    /** High 64 bits of the unsigned sum of (hi, lo) and lo2; the low bits are {@code lo + lo2}. */
    public static long addCarry(final long hi, final long lo, final long lo2)
    {
        return hi + (Long.compareUnsigned(lo + lo2, lo) < 0 ? 1 : 0);
    }

    /** Compares two unsigned 128-bit values. */
    public static int compare(final long hiA, final long loA, final long hiB, final long loB)
    {
        final int high = Long.compareUnsigned(hiA, hiB);
        return high != 0 ? high : Long.compareUnsigned(loA, loB);
    }

    /**
     * (hi, lo) / divisor, rounded down, for a quotient that fits a non-negative long.
     *
     * @param divisor positive, and greater than {@code hi} (else the quotient would not fit 64 bits)
     */
    public static long divideFloor(final long hi, final long lo, final long divisor)
    {
        if (divisor <= 0 || Long.compareUnsigned(hi, divisor) >= 0)
        {
            throw new ArithmeticException("128-bit quotient does not fit 64 bits");
        }
        if (hi == 0 && lo >= 0)
        {
            return lo / divisor;
        }
        // Restoring division, one bit at a time: the remainder stays below the divisor (< 2^63), so
        // shifting it left never loses a bit.
        long quotient = 0;
        long remainder = hi;
        for (int bit = 63; bit >= 0; bit--)
        {
            remainder = (remainder << 1) | ((lo >>> bit) & 1L);
            if (Long.compareUnsigned(remainder, divisor) >= 0)
            {
                remainder -= divisor;
                quotient |= 1L << bit;
            }
        }
        return quotient;
    }

    /** Remainder of {@link #divideFloor}: below the divisor, so lo − quotient × divisor, modulo 2^64, is exact. */
    public static long remainder(final long lo, final long divisor, final long quotient)
    {
        return lo - quotient * divisor;
    }

    /** As {@link #divideFloor}, rounded half up. */
    public static long divideRoundHalfUp(final long hi, final long lo, final long divisor)
    {
        final long quotient = divideFloor(hi, lo, divisor);
        final long remainder = remainder(lo, divisor, quotient);
        // half up: the fraction remainder / divisor is at least 1/2 when remainder >= divisor - remainder
        return remainder >= divisor - remainder ? quotient + 1 : quotient;
    }

    /** As {@link #divideFloor}, rounded up. */
    public static long divideCeiling(final long hi, final long lo, final long divisor)
    {
        final long quotient = divideFloor(hi, lo, divisor);
        return remainder(lo, divisor, quotient) != 0 ? quotient + 1 : quotient;
    }

    /**
     * The unsigned value as a double: hi × 2^64 + lo, each part converted once, then added (two roundings
     * at most, always the same ones: deterministic, which is what the features need).
     */
    public static double toDouble(final long hi, final long lo)
    {
        return unsignedToDouble(hi) * TWO_64 + unsignedToDouble(lo);
    }

    private static double unsignedToDouble(final long value)
    {
        return value >= 0 ? (double)value : (double)(value >>> 1) * 2.0 + (double)(value & 1L);
    }

    /**
     * High 64 bits of ⌈value⌉ for a finite value ≥ 0 (negative values and NaN give 0, values at or above
     * 2^127 saturate below 2^127). With {@link #ceilingLo} it turns a double threshold into an exact one,
     * once per bar, so every trade compares integers.
     */
    public static long ceilingHi(final double value)
    {
        final double c = clampCeiling(value);
        return c < TWO_64 ? 0 : (long)Math.floor(c / TWO_64);
    }

    /** Low 64 bits of ⌈value⌉ (see {@link #ceilingHi}). */
    public static long ceilingLo(final double value)
    {
        final double c = clampCeiling(value);
        // c − hi × 2^64 is exact: both are multiples of c's ulp and the difference is below 2^64
        final double low = c < TWO_64 ? c : c - Math.floor(c / TWO_64) * TWO_64;
        return low < TWO_63 ? (long)low : (long)(low - TWO_63) + Long.MIN_VALUE;
    }

    private static double clampCeiling(final double value)
    {
        if (!(value > 0))
        {
            return 0;
        }
        return Math.min(Math.ceil(value), Math.nextDown(TWO_127));
    }

    /** The unsigned (hi, lo) of a non-negative value below 2^128 (setup only: it allocates). */
    public static long[] of(final BigInteger value)
    {
        if (value.signum() < 0 || value.bitLength() > 128)
        {
            throw new ArithmeticException(value + " is outside 0 .. 2^128 - 1");
        }
        return new long[] {value.shiftRight(64).longValue(), value.longValue()};
    }
}
