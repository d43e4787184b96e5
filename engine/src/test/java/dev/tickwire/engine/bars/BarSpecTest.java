package dev.tickwire.engine.bars;

import dev.tickwire.wire.sbe.BarKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarSpecTest
{
    private static final long S = 1_000_000_000L;

    @Test
    void namedIntervalsAndAnyDuration()
    {
        assertThat(BarSpec.parse("15s").intervalNs()).isEqualTo(15 * S);
        assertThat(BarSpec.parse("1m").intervalNs()).isEqualTo(60 * S);
        assertThat(BarSpec.parse("5m").intervalNs()).isEqualTo(300 * S);
        assertThat(BarSpec.parse("15m").intervalNs()).isEqualTo(900 * S);
        assertThat(BarSpec.parse("1h").intervalNs()).isEqualTo(3600 * S);
        assertThat(BarSpec.parse("4h").intervalNs()).isEqualTo(4 * 3600 * S);
        assertThat(BarSpec.parse("1d").intervalNs()).isEqualTo(86_400 * S);
        assertThat(BarSpec.parse("90s").intervalNs()).isEqualTo(90 * S);
        assertThat(BarSpec.parse(" time:250ms ").intervalNs()).isEqualTo(S / 4);
        assertThat(BarSpec.parse("1m").kind()).isEqualTo(BarKind.TIME);
    }

    @Test
    void thresholdKinds()
    {
        final BarSpec ticks = BarSpec.parse("ticks:100");
        assertThat(ticks.kind()).isEqualTo(BarKind.TICK);
        assertThat(ticks.ticks()).isEqualTo(100);
        assertThat(BarSpec.parse("volume:0.5").threshold()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(BarSpec.parse("volume:50").kind()).isEqualTo(BarKind.VOLUME);
        assertThat(BarSpec.parse("value:1000000").kind()).isEqualTo(BarKind.VALUE);
        assertThat(BarSpec.parse("value:1e6").threshold()).isEqualByComparingTo(new BigDecimal("1000000"));
        assertThat(BarSpec.parse("value:1e6").sameBarsAs(BarSpec.parse("value:1000000.00"))).isTrue();
        assertThat(BarSpec.parse("60s").sameBarsAs(BarSpec.parse("1m"))).isTrue();
        assertThat(BarSpec.parse("1m", 0).sameBarsAs(BarSpec.parse("1m", 30 * S))).isFalse();
    }

    @Test
    void originsAndAlignment()
    {
        assertThat(BarSpec.parseOrigin("00:00")).isZero();
        assertThat(BarSpec.parseOrigin("13:30")).isEqualTo((13 * 3600 + 30 * 60) * S);
        assertThat(BarSpec.parseOrigin("9:30:15")).isEqualTo((9 * 3600 + 30 * 60 + 15) * S);
        final BarSpec hourly = BarSpec.parse("1h", BarSpec.parseOrigin("13:30"));
        assertThat(hourly.alignedStart(13 * 3600 * S)).isEqualTo(12 * 3600 * S + 30 * 60 * S);
        assertThat(hourly.alignedStart(13 * 3600 * S + 30 * 60 * S)).isEqualTo(13 * 3600 * S + 30 * 60 * S);
        assertThat(hourly.alignedStart(-1)).isEqualTo(-30 * 60 * S); // before the epoch too
        for (final String bad : new String[] {"24:00", "12:60", "1330", "13:30:60", "noon", ""})
        {
            assertThatThrownBy(() -> BarSpec.parseOrigin(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time of day");
        }
    }

    @Test
    void badSpecsSayWhatIsWrong()
    {
        assertThatThrownBy(() -> BarSpec.parse("ticks:0")).hasMessageContaining("at least 1 trade");
        assertThatThrownBy(() -> BarSpec.parse("ticks:1.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> BarSpec.parse("volume:-1")).hasMessageContaining("positive");
        assertThatThrownBy(() -> BarSpec.parse("value:lots")).hasMessageContaining("decimal");
        assertThatThrownBy(() -> BarSpec.parse("renko:5")).hasMessageContaining("not a bar spec");
        assertThatThrownBy(() -> BarSpec.parse("1x")).hasMessageContaining("not a bar spec");
        assertThatThrownBy(() -> BarSpec.parse("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> BarSpec.parse(" ")).hasMessageContaining("empty");
    }
}
