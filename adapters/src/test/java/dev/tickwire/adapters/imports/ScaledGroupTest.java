package dev.tickwire.adapters.imports;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaledGroupTest
{
    private final ScaledGroup group = new ScaledGroup(8);

    @Test
    void theExponentKeepsEveryValueExactly()
    {
        final int mark = group.add("43521.12345678");
        final int index = group.add("43520.5");
        final int last = group.add("");
        final int whole = group.add("43521");
        assertThat(group.exponent()).isEqualTo(-8);
        assertThat(group.mantissa(mark)).isEqualTo(4_352_112_345_678L);
        assertThat(group.mantissa(index)).isEqualTo(4_352_050_000_000L);
        assertThat(group.mantissa(last)).isEqualTo(Values.NONE);
        assertThat(group.mantissa(whole)).isEqualTo(4_352_100_000_000L);
        assertThat(group.rounded()).isFalse();
    }

    @Test
    void scientificNotationNegativesAndNonFiniteValues()
    {
        final int rate = group.add("1.2345e-05");
        final int negative = group.add("-0.0001");
        final int nan = group.add("NaN");
        assertThat(group.exponent()).isEqualTo(-9);
        assertThat(group.mantissa(rate)).isEqualTo(12_345);
        assertThat(group.mantissa(negative)).isEqualTo(-100_000);
        assertThat(group.mantissa(nan)).isEqualTo(FixedPoint.NOT_FINITE);
        group.clear();
        final int integer = group.add("123456780");
        assertThat(group.exponent()).isZero();
        assertThat(group.mantissa(integer)).isEqualTo(123_456_780);
    }

    @Test
    void aHugeValueBesideManyDecimalsRaisesTheExponentAndSaysItRounded()
    {
        final int big = group.add("92233720368.5");
        final int small = group.add("0.123456789012345678");
        assertThat(group.exponent()).isEqualTo(-8); // 92233720368.5 × 10^8 fits a long, × 10^9 does not
        assertThat(group.mantissa(big)).isEqualTo(9_223_372_036_850_000_000L);
        assertThat(group.mantissa(small)).isEqualTo(12_345_679);
        assertThat(group.rounded()).isTrue();
    }

    @Test
    void hugeExponentsAndLongTextAreNotNumbersRatherThanAHang()
    {
        // BigDecimal parses these at once, but scaling them would build a number of a billion digits
        assertThatThrownBy(() -> group.add("1e999999999")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> group.add("1e-999999999")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> group.add("1".repeat(65))).isInstanceOf(NumberFormatException.class);
        group.clear();
        final int large = group.add("9e99");
        final int rate = group.add("0.00004405208333333333"); // dYdX writes funding rates with 20 decimals
        assertThat(group.exponent()).isZero();
        assertThat(group.mantissa(large)).isEqualTo(FixedPoint.NOT_FINITE);
        assertThat(group.mantissa(rate)).isZero();
        group.clear();
        final int alone = group.add("0.00004405208333333333");
        assertThat(group.exponent()).isEqualTo(-18);
        assertThat(group.mantissa(alone)).isEqualTo(44_052_083_333_333L);
        assertThat(group.rounded()).isTrue();
    }
}
