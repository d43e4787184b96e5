package dev.tickwire.engine.bars;

import dev.tickwire.wire.sbe.BarKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Information-driven bar specs: kinds, defaults, parameters, and messages that name what is wrong. */
class InfoBarSpecTest
{
    @Test
    void kindsAloneTakeTheDefaults()
    {
        assertThat(BarSpec.parse("tib").kind()).isEqualTo(BarKind.TICK_IMBALANCE);
        assertThat(BarSpec.parse("VIB").kind()).isEqualTo(BarKind.VOLUME_IMBALANCE);
        assertThat(BarSpec.parse(" dib: ").kind()).isEqualTo(BarKind.DOLLAR_IMBALANCE);
        assertThat(BarSpec.parse("trb").kind()).isEqualTo(BarKind.TICK_RUN);
        assertThat(BarSpec.parse("vrb").kind()).isEqualTo(BarKind.VOLUME_RUN);
        assertThat(BarSpec.parse("drb").kind()).isEqualTo(BarKind.DOLLAR_RUN);
        assertThat(BarSpec.parse("tib").info()).isEqualTo(InfoBarParams.defaults());
        assertThat(InfoBarParams.defaults().text()).isEqualTo("ewma=100,t0=100,sign=tick");
        assertThat(BarSpec.parse("1m").info()).isNull();
        assertThat(BarSpec.isInformationDriven(BarKind.VOLUME)).isFalse();
        assertThat(BarSpec.parse("tib").intervalNs()).isZero();
    }

    @Test
    void parameters()
    {
        final InfoBarParams p = BarSpec.parse("vrb: ewma=20, T0=500 ,min=50,max=5000,sign=Aggressor").info();
        assertThat(p).isEqualTo(new InfoBarParams(20, 500, 50, 5000, true));
        assertThat(p.alpha()).isEqualTo(2.0 / 21);
        assertThat(p.text()).isEqualTo("ewma=20,t0=500,min=50,max=5000,sign=aggressor");
        assertThat(BarSpec.parse("tib:ewma=100").info().ewma()).isEqualTo(100);
        assertThat(BarSpec.parse("tib:ewma=10").sameBarsAs(BarSpec.parse("tib:ewma=10,t0=100,sign=tick"))).isTrue();
        assertThat(BarSpec.parse("tib:ewma=10").sameBarsAs(BarSpec.parse("tib:ewma=11"))).isFalse();
        assertThat(BarSpec.parse("tib").sameBarsAs(BarSpec.parse("trb"))).isFalse();
        assertThat(BarSpec.parse("tib").sameBarsAs(BarSpec.parse("ticks:100"))).isFalse();
    }

    @Test
    void badSpecsSayWhatIsWrong()
    {
        bad("tib:ewma=0", "ewma must be at least 1");
        bad("tib:ewma=ten", "ewma needs a whole number (a span in bars), got 'ten'");
        bad("tib:ewma=3000000000", "ewma must be at least 1 and at most 2147483647");
        bad("tib:t0=-5", "t0 must be at least 1");
        bad("tib:t0=1.5", "t0 needs a whole number");
        bad("tib:window=5", "unknown parameter 'window' (known: ewma, t0, min, max, sign)");
        bad("tib:ewma=5,ewma=6", "parameter ewma is given twice");
        bad("tib:ewma=5,", "parameters are key=value pairs");
        bad("tib:ewma", "parameters are key=value pairs");
        bad("tib:sign=quote", "sign must be tick or aggressor, got 'quote'");
        bad("tib:min=10,max=5", "min (10) must not exceed max (5)");
        bad("tib:t0=100,max=50", "t0 (100) must lie within min .. max (1 .. 50)");
        bad("tib:t0=5,min=10", "t0 (5) must lie within min .. max (10 .. unbounded)");
        bad("tibs", "is not a bar spec");
        bad("imbalance:5", "information-driven kind (tib, vib, dib, trb, vrb, drb)");
    }

    private static void bad(final String spec, final String message)
    {
        assertThatThrownBy(() -> BarSpec.parse(spec)).as(spec).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message).hasMessageContaining(spec.trim());
    }
}
