package dev.tickwire.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedPointTest
{
    @ParameterizedTest(name = "{0} x 10^{1} = {2}")
    @CsvSource({
        // exponent 0
        "0, 0, 0",
        "5, 0, 5",
        "-5, 0, -5",
        "9223372036854775807, 0, 9223372036854775807",
        // positive exponents
        "5, 2, 500",
        "-5, 3, -5000",
        "12, 1, 120",
        // negative exponents
        "585325, -2, 5853.25",
        "5, -2, 0.05",
        "-5, -2, -0.05",
        "500, -2, 5.00",
        "1, -8, 0.00000001",
        "-123456789, -8, -1.23456789",
        "100000000, -8, 1.00000000",
        "0, -3, 0.000",
        "-1, -1, -0.1",
        "9223372036854775807, -18, 9.223372036854775807",
        "-9223372036854775807, -4, -922337203685477.5807",
    })
    void toDecimalString(final long mantissa, final int exponent, final String expected)
    {
        assertThat(FixedPoint.toDecimalString(mantissa, exponent)).isEqualTo(expected);
        // it is the same number BigDecimal would give
        assertThat(new BigDecimal(expected)).isEqualByComparingTo(BigDecimal.valueOf(mantissa, -exponent));
    }

    @Test
    void zeroWithPositiveExponentIsPlainZero()
    {
        // 0 x 10^2 is 0; the zero padding for a positive exponent must not turn it into "000"
        assertThat(FixedPoint.toDecimalString(0, 2)).isEqualTo("0");
    }

    @Test
    void appendDecimalAppendsToWhatIsThere()
    {
        final StringBuilder sb = new StringBuilder("px=");
        final StringBuilder returned = FixedPoint.appendDecimal(sb, -5, -2);
        assertThat(returned).isSameAs(sb);
        FixedPoint.appendDecimal(sb.append(" qty="), 3, 2);
        FixedPoint.appendDecimal(sb.append(" tick="), 25, -2);
        FixedPoint.appendDecimal(sb.append(" n="), 7, 0);
        assertThat(sb.toString()).isEqualTo("px=-0.05 qty=300 tick=0.25 n=7");
    }

    @ParameterizedTest(name = "parse({0}, {1}) = {2}")
    @CsvSource({
        "5000.25, -2, 500025",
        "5000.2, -2, 500020",
        "5000, -2, 500000",
        "' 5000.25 ', -2, 500025",
        "-0.05, -2, -5",
        "0.00000001, -8, 1",
        "42, 0, 42",
        "42.000, 0, 42",
        "500, 2, 5",
        "-1200, 2, -12",
        "1e3, 0, 1000",
        "9223372036854775807, 0, 9223372036854775807",
    })
    void parse(final String text, final int exponent, final long expected)
    {
        assertThat(FixedPoint.parse(text, exponent)).isEqualTo(expected);
    }

    @Test
    void parseWithTooManyDecimalsThrowsNamingTheValue()
    {
        assertThatThrownBy(() -> FixedPoint.parse("5000.255", -2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("5000.255")
            .hasMessageContaining("-2");
        assertThatThrownBy(() -> FixedPoint.parse("1.5", 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1.5");
        assertThatThrownBy(() -> FixedPoint.parse("550", 2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("550");
    }

    @Test
    void parseOfAValueTooLargeForALongThrowsNamingTheValue()
    {
        assertThatThrownBy(() -> FixedPoint.parse("92233720368547758.08", -2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("92233720368547758.08");
    }

    @Test
    void parseOfTextThatIsNoNumberThrowsIllegalArgument()
    {
        // NumberFormatException is an IllegalArgumentException
        assertThatThrownBy(() -> FixedPoint.parse("abc", -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "exponentOf({0}) = {1}")
    @CsvSource({
        "0.25, -2",
        "1, 0",
        "0.10, -1",
        "5853.25, -2",
        "0.00000001, -8",
        "100, 0",
        "1.0, 0",
        "0, 0",
        "-0.5, -1",
        "' 0.125 ', -3",
    })
    void exponentOf(final String text, final int expected)
    {
        assertThat(FixedPoint.exponentOf(text)).isEqualTo(expected);
    }

    @Test
    void exponentOfGivesAnExponentThatParsesTheTextExactly()
    {
        for (final String text : new String[] { "0.25", "5853.25", "0.0001", "12", "0.10" })
        {
            final int exponent = FixedPoint.exponentOf(text);
            final long mantissa = FixedPoint.parse(text, exponent);
            assertThat(new BigDecimal(FixedPoint.toDecimalString(mantissa, exponent)))
                .isEqualByComparingTo(new BigDecimal(text));
        }
    }

    @Test
    void pow10()
    {
        assertThat(FixedPoint.pow10(0)).isEqualTo(1);
        assertThat(FixedPoint.pow10(2)).isEqualTo(100);
        assertThat(FixedPoint.pow10(18)).isEqualTo(1_000_000_000_000_000_000L);
    }

    @Test
    void nullAndNotFiniteAreDistinctSentinels()
    {
        assertThat(Values.NONE).isEqualTo(Long.MIN_VALUE);
        assertThat(FixedPoint.NOT_FINITE).isEqualTo(Long.MIN_VALUE + 1);
    }

    @Provide
    Arbitrary<Long> mantissas()
    {
        // Long.MIN_VALUE is Values.NONE, never a value
        return Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE);
    }

    @Property(tries = 3000)
    void parseInvertsToDecimalString(
        @ForAll("mantissas") final long mantissa, @ForAll @IntRange(min = -8, max = 0) final int exponent)
    {
        final String text = FixedPoint.toDecimalString(mantissa, exponent);
        assertThat(FixedPoint.parse(text, exponent)).isEqualTo(mantissa);
        // exactly -exponent digits after the point, none when the exponent is 0
        if (exponent == 0)
        {
            assertThat(text).doesNotContain(".");
        }
        else
        {
            assertThat(text.length() - text.indexOf('.') - 1).isEqualTo(-exponent);
        }
        assertThat(new BigDecimal(text)).isEqualByComparingTo(BigDecimal.valueOf(mantissa, -exponent));
    }

    @Property(tries = 1000)
    void appendDecimalMatchesBigDecimalForPositiveExponents(
        @ForAll("smallMantissas") final long mantissa, @ForAll @IntRange(min = 1, max = 6) final int exponent)
    {
        final String text = FixedPoint.toDecimalString(mantissa, exponent);
        assertThat(new BigDecimal(text)).isEqualByComparingTo(BigDecimal.valueOf(mantissa, -exponent));
        assertThat(FixedPoint.parse(text, exponent)).isEqualTo(mantissa);
    }

    @Provide
    Arbitrary<Long> smallMantissas()
    {
        return Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L);
    }
}
