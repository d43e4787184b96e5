package dev.tickwire.engine.bars;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The 128-bit helpers against BigInteger. */
class Int128Test
{
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger big(final long hi, final long lo)
    {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    @Test
    void sumsOfProductsAndRoundedQuotientsMatchBigInteger()
    {
        final Random random = new Random(5);
        for (int round = 0; round < 2_000; round++)
        {
            long hi = 0;
            long lo = 0;
            BigInteger sum = BigInteger.ZERO;
            long volume = 0;
            long maxPrice = 0;
            final int n = 1 + random.nextInt(50);
            for (int i = 0; i < n; i++)
            {
                final long price = 1 + (random.nextLong() >>> (1 + random.nextInt(62)));
                final long size = random.nextLong() >>> (8 + random.nextInt(55)); // Σ size stays below 2^63
                maxPrice = Math.max(maxPrice, price);
                final long productLo = price * size;
                hi = Int128.addCarry(hi, lo, productLo) + Math.multiplyHigh(price, size);
                lo += productLo;
                sum = sum.add(BigInteger.valueOf(price).multiply(BigInteger.valueOf(size)));
                volume += size;
            }
            assertThat(big(hi, lo)).isEqualTo(sum);
            assertThat(Int128.compare(hi, lo, hi, lo)).isZero();
            if (volume > 0)
            {
                final BigInteger[] qr = sum.divideAndRemainder(BigInteger.valueOf(volume));
                final long expected = qr[0].longValueExact() + (qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(volume)) >= 0 ? 1 : 0);
                assertThat(Int128.divideRoundHalfUp(hi, lo, volume)).isEqualTo(expected);
                assertThat(expected).isLessThanOrEqualTo(maxPrice);
            }
        }
    }

    @Test
    void carriesAndComparesAcrossTheLowWord()
    {
        final long hi = Int128.addCarry(0, -1L, 1L); // 2^64 - 1 + 1
        assertThat(hi).isEqualTo(1);
        assertThat(Int128.compare(1, 0, 0, -1L)).isPositive(); // 2^64 > 2^64 - 1
        assertThat(Int128.compare(0, Long.MIN_VALUE, 0, Long.MAX_VALUE)).isPositive(); // unsigned low word
        assertThat(Int128.of(TWO_64.add(BigInteger.TWO))).containsExactly(1L, 2L);
        assertThat(Int128.divideRoundHalfUp(0, 5, 2)).isEqualTo(3);
        assertThat(Int128.divideRoundHalfUp(0, 7, 4)).isEqualTo(2);
        assertThat(Int128.divideRoundHalfUp(0, 5, 4)).isEqualTo(1);
        assertThatThrownBy(() -> Int128.divideRoundHalfUp(3, 0, 3)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void floorCeilingAndDoublesMatchBigDecimal()
    {
        final Random random = new Random(11);
        for (int round = 0; round < 20_000; round++)
        {
            final long divisor = 1 + (random.nextLong() >>> (1 + random.nextInt(62)));
            final long hi = Long.remainderUnsigned(random.nextLong() >>> random.nextInt(64), divisor) >>> 1;
            final long lo = random.nextLong();
            final BigInteger value = big(hi, lo);
            final BigInteger[] qr = value.divideAndRemainder(BigInteger.valueOf(divisor));
            if (qr[0].bitLength() < 63)
            {
                assertThat(Int128.divideFloor(hi, lo, divisor)).isEqualTo(qr[0].longValueExact());
                assertThat(Int128.remainder(lo, divisor, qr[0].longValue())).isEqualTo(qr[1].longValueExact());
                assertThat(Int128.divideCeiling(hi, lo, divisor))
                    .isEqualTo(qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0));
            }
            // the double is within two roundings of the exact value, and always the same one
            final double d = Int128.toDouble(hi, lo);
            assertThat(d).isCloseTo(new BigDecimal(value).doubleValue(), within(Math.ulp(d) * 2));
            assertThat(Int128.toDouble(hi, lo)).isEqualTo(d);
            // ⌈x⌉ for a double x, as (hi, lo)
            final double x = Math.scalb(random.nextDouble(), random.nextInt(126));
            final BigInteger ceiling = new BigDecimal(x).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
            assertThat(big(Int128.ceilingHi(x), Int128.ceilingLo(x))).as("ceiling of %s", x).isEqualTo(ceiling);
        }
        assertThat(Int128.ceilingLo(0.5)).isEqualTo(1);
        assertThat(Int128.ceilingLo(-3)).isZero();
        assertThat(Int128.ceilingLo(Double.NaN)).isZero();
        assertThat(Int128.ceilingHi(0x1p64)).isEqualTo(1);
        assertThat(Int128.ceilingLo(0x1p64)).isZero();
        assertThat(Int128.ceilingLo(0x1p63)).isEqualTo(Long.MIN_VALUE);
        assertThat(Int128.toDouble(1, 0)).isEqualTo(0x1p64);
        assertThat(Int128.toDouble(0, -1L)).isEqualTo(0x1p64);
        assertThat(Int128.divideCeiling(0, 7, 7)).isEqualTo(1);
        assertThat(Int128.divideCeiling(0, 8, 7)).isEqualTo(2);
    }
}
