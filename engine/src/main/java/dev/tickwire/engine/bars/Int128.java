package dev.tickwire.engine.bars;

import java.math.BigInteger;

/**
 * Unsigned 128-bit arithmetic on (hi, lo) pairs of longs, for notionals: Σ price × size of a bar can
 * pass 2^63 (a price mantissa of 10^9 times a size mantissa of 10^10 already does). No allocation; no
 * float. Only what bars need: add a product, compare, divide by a long with rounding half up.
 */
final class Int128
{
    private Int128()
    {
    }

    /** High 64 bits of the unsigned sum of (hi, lo) and lo2; the low bits are {@code lo + lo2}. */
    static long addCarry(final long hi, final long lo, final long lo2)
    {
        return hi + (Long.compareUnsigned(lo + lo2, lo) < 0 ? 1 : 0);
    }

    /** Compares two unsigned 128-bit values. */
    static int compare(final long hiA, final long loA, final long hiB, final long loB)
    {
        final int high = Long.compareUnsigned(hiA, hiB);
        return high != 0 ? high : Long.compareUnsigned(loA, loB);
    }

    /**
     * (hi, lo) / divisor, rounded half up, for a quotient that fits a non-negative long.
     *
     * @param divisor positive, and greater than {@code hi} (else the quotient would not fit 64 bits)
     */
    static long divideRoundHalfUp(final long hi, final long lo, final long divisor)
    {
        if (divisor <= 0 || Long.compareUnsigned(hi, divisor) >= 0)
        {
            throw new ArithmeticException("128-bit quotient does not fit 64 bits");
        }
        long quotient;
        long remainder;
        if (hi == 0 && lo >= 0)
        {
            quotient = lo / divisor;
            remainder = lo % divisor;
        }
        else
        {
            // Restoring division, one bit at a time: the remainder stays below the divisor (< 2^63), so
            // shifting it left never loses a bit.
            quotient = 0;
            remainder = hi;
            for (int bit = 63; bit >= 0; bit--)
            {
                remainder = (remainder << 1) | ((lo >>> bit) & 1L);
                if (Long.compareUnsigned(remainder, divisor) >= 0)
                {
                    remainder -= divisor;
                    quotient |= 1L << bit;
                }
            }
        }
        // half up: the fraction remainder / divisor is at least 1/2 when remainder >= divisor - remainder
        return remainder >= divisor - remainder ? quotient + 1 : quotient;
    }

    /** The unsigned (hi, lo) of a non-negative value below 2^128 (setup only: it allocates). */
    static long[] of(final BigInteger value)
    {
        if (value.signum() < 0 || value.bitLength() > 128)
        {
            throw new ArithmeticException(value + " is outside 0 .. 2^128 - 1");
        }
        return new long[] {value.shiftRight(64).longValue(), value.longValue()};
    }
}
