package dev.tickwire.engine.bars;

import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bar rules, one at a time, with values worked out by hand. */
class BarBuilderTest
{
    private final List<B> bars = new ArrayList<>();
    private long sequence = 100;

    private static long t(final String iso)
    {
        return Timestamps.parse(iso);
    }

    private BarBuilder builder(final String spec, final String origin, final boolean emitEmpty, final int pe, final int se)
    {
        return new BarBuilder(BarSpec.parse(spec, BarSpec.parseOrigin(origin)), 3, pe, se, emitEmpty, bar -> bars.add(B.of(bar)));
    }

    private void trade(final BarBuilder b, final String time, final long price, final long size, final Side side)
    {
        b.onTrade(t(time), t(time) + 5_000, ++sequence, price, size, side);
    }

    @Test
    void aTradeExactlyOnTheEdgeStartsTheNewBarWhichClosesOnlyWithAnEventAtOrAfterItsEnd()
    {
        final BarBuilder b = builder("1m", "00:00", false, -2, 0);
        trade(b, "2026-01-02T10:00:00Z", 500_000, 2, Side.BUY);
        trade(b, "2026-01-02T10:00:59.999999999Z", 500_100, 3, Side.SELL);
        assertThat(bars).isEmpty();
        trade(b, "2026-01-02T10:01:00Z", 499_900, 1, Side.BUY); // the edge: the new bar
        assertThat(bars).hasSize(1);
        final B first = bars.get(0);
        assertThat(first.start()).isEqualTo(t("2026-01-02T10:00:00Z"));
        assertThat(first.end()).isEqualTo(t("2026-01-02T10:01:00Z"));
        assertThat(first.eventTime()).isEqualTo(first.end());
        assertThat(first.kind()).isEqualTo("TIME");
        assertThat(first.size()).isEqualTo(60_000_000_000L);
        assertThat(first.open()).isEqualTo(500_000);
        assertThat(first.high()).isEqualTo(500_100);
        assertThat(first.low()).isEqualTo(500_000);
        assertThat(first.close()).isEqualTo(500_100);
        assertThat(first.volume()).isEqualTo(5);
        assertThat(first.buyVolume()).isEqualTo(2);
        assertThat(first.sellVolume()).isEqualTo(3);
        assertThat(first.trades()).isEqualTo(2);
        assertThat(first.vwap()).isEqualTo(500_060); // (1_000_000 + 1_500_300) / 5
        assertThat(first.first()).isEqualTo(t("2026-01-02T10:00:00Z"));
        assertThat(first.last()).isEqualTo(t("2026-01-02T10:00:59.999999999Z"));
        assertThat(first.sequence()).isEqualTo(102);
        assertThat(first.receiveTime()).isEqualTo(t("2026-01-02T10:00:59.999999999Z") + 5_000);
        assertThat(first.empty()).isFalse();

        b.onEvent(t("2026-01-02T10:01:59.999999999Z")); // a quote just before the end: the bar stays open
        assertThat(bars).hasSize(1);
        b.onEvent(t("2026-01-02T10:02:00Z")); // a quote exactly at the end closes it
        assertThat(bars).hasSize(2);
        assertThat(bars.get(1).start()).isEqualTo(t("2026-01-02T10:01:00Z"));
        assertThat(bars.get(1).trades()).isEqualTo(1);
        assertThat(bars.get(1).open()).isEqualTo(499_900);
    }

    @Test
    void timeBarsStartAtTheOriginPlusWholeIntervals()
    {
        final BarBuilder hourly = builder("1h", "13:30", false, -2, 0);
        trade(hourly, "2026-01-02T13:29:59Z", 100, 1, Side.BUY);
        trade(hourly, "2026-01-02T13:30:00Z", 101, 1, Side.BUY);
        hourly.onEvent(t("2026-01-02T14:30:00Z"));
        assertThat(bars).extracting(B::start).containsExactly(t("2026-01-02T12:30:00Z"), t("2026-01-02T13:30:00Z"));
        assertThat(bars).extracting(B::end).containsExactly(t("2026-01-02T13:30:00Z"), t("2026-01-02T14:30:00Z"));

        bars.clear();
        final BarBuilder fourHours = builder("4h", "13:30", false, -2, 0);
        trade(fourHours, "2026-01-02T02:00:00Z", 100, 1, Side.BUY);
        fourHours.onEvent(t("2026-01-03T00:00:00Z"));
        assertThat(bars).extracting(B::start).containsExactly(t("2026-01-02T01:30:00Z"));

        bars.clear();
        final BarBuilder daily = builder("1d", "13:30", false, -2, 0);
        trade(daily, "2026-01-02T09:00:00Z", 100, 1, Side.BUY);
        trade(daily, "2026-01-02T13:30:00Z", 102, 1, Side.BUY);
        daily.onEvent(t("2026-01-03T13:30:00Z"));
        assertThat(bars).extracting(B::start).containsExactly(t("2026-01-01T13:30:00Z"), t("2026-01-02T13:30:00Z"));

        bars.clear();
        final BarBuilder ninety = builder("90s", "00:00", false, -2, 0);
        trade(ninety, "2026-01-02T00:02:59Z", 100, 1, Side.BUY);
        ninety.onEvent(t("2026-01-02T00:03:00Z"));
        assertThat(bars).extracting(B::start).containsExactly(t("2026-01-02T00:01:30Z"));
    }

    @Test
    void emptyIntervalsAreSkippedOrEmittedWithThePreviousClose()
    {
        for (final boolean emitEmpty : new boolean[] {false, true})
        {
            bars.clear();
            final BarBuilder b = builder("1m", "00:00", emitEmpty, -2, 0);
            b.onEvent(t("2026-01-02T09:58:00Z")); // before any trade: no previous close, nothing to emit
            b.onEvent(t("2026-01-02T09:59:30Z"));
            trade(b, "2026-01-02T10:00:10Z", 500_000, 2, Side.BUY);
            trade(b, "2026-01-02T10:00:20Z", 500_025, 2, Side.SELL);
            b.onEvent(t("2026-01-02T10:03:30Z")); // closes 10:00, and 10:01, 10:02 are empty
            trade(b, "2026-01-02T10:04:05Z", 500_050, 1, Side.BUY); // 10:03 was empty too
            b.onEvent(t("2026-01-02T10:05:00Z"));
            if (!emitEmpty)
            {
                assertThat(bars).extracting(B::start).containsExactly(t("2026-01-02T10:00:00Z"), t("2026-01-02T10:04:00Z"));
                continue;
            }
            assertThat(bars).extracting(B::start).containsExactly(t("2026-01-02T10:00:00Z"), t("2026-01-02T10:01:00Z"),
                t("2026-01-02T10:02:00Z"), t("2026-01-02T10:03:00Z"), t("2026-01-02T10:04:00Z"));
            assertThat(bars).extracting(B::empty).containsExactly(false, true, true, true, false);
            final B empty = bars.get(2);
            assertThat(empty.end()).isEqualTo(t("2026-01-02T10:03:00Z"));
            assertThat(empty.eventTime()).isEqualTo(empty.end());
            assertThat(List.of(empty.open(), empty.high(), empty.low(), empty.close(), empty.vwap()))
                .containsOnly(500_025L);
            assertThat(List.of(empty.volume(), empty.buyVolume(), empty.sellVolume(), empty.trades(), empty.first(),
                empty.last(), empty.sequence(), empty.receiveTime())).containsOnly(0L);
        }
    }

    @Test
    void tickBarsCloseOnTheNthTradeAndIgnoreQuotes()
    {
        final BarBuilder b = builder("ticks:3", "00:00", true, -2, 0);
        for (int i = 0; i < 7; i++)
        {
            trade(b, "2026-01-02T10:00:0" + i + "Z", 100 + i, 1, Side.BUY);
            b.onEvent(t("2026-01-02T11:00:00Z")); // time never closes a tick bar, nor makes empty ones
        }
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0).kind()).isEqualTo("TICK");
        assertThat(bars.get(0).size()).isEqualTo(3);
        assertThat(bars.get(0).start()).isEqualTo(t("2026-01-02T10:00:00Z")); // first trade
        assertThat(bars.get(0).end()).isEqualTo(t("2026-01-02T10:00:02Z")); // last trade, inclusive
        assertThat(bars.get(0).eventTime()).isEqualTo(t("2026-01-02T10:00:02Z"));
        assertThat(bars.get(1).open()).isEqualTo(103);
        assertThat(bars.get(1).close()).isEqualTo(105);
        assertThat(b.openTrades()).isEqualTo(1);
        assertThat(b.openStartNs()).isEqualTo(t("2026-01-02T10:00:06Z"));
    }

    @Test
    void volumeBarsUseTheSizeExponentAndNeverSplitATrade()
    {
        final BarBuilder b = builder("volume:1.5", "00:00", false, -2, -3); // 1.5 units = 1500 mantissa
        trade(b, "2026-01-02T10:00:00Z", 100, 700, Side.BUY);
        trade(b, "2026-01-02T10:00:01Z", 100, 700, Side.SELL);
        assertThat(bars).isEmpty(); // 1.4
        trade(b, "2026-01-02T10:00:02Z", 100, 200, Side.NONE); // 1.6 ≥ 1.5: closes, with the whole trade
        trade(b, "2026-01-02T10:00:03Z", 100, 2_000, Side.BUY); // alone larger than the threshold: a bar by itself
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0).size()).isEqualTo(1500);
        assertThat(bars.get(0).volume()).isEqualTo(1600);
        assertThat(bars.get(0).buyVolume()).isEqualTo(700);
        assertThat(bars.get(0).sellVolume()).isEqualTo(700); // the NONE trade is in neither side
        assertThat(bars.get(1).volume()).isEqualTo(2000);
        assertThat(bars.get(1).trades()).isEqualTo(1);

        bars.clear();
        final BarBuilder exact = builder("volume:3", "00:00", false, -2, 0);
        trade(exact, "2026-01-02T10:00:00Z", 100, 1, Side.BUY);
        trade(exact, "2026-01-02T10:00:00Z", 100, 2, Side.BUY); // exactly the threshold closes
        assertThat(bars).extracting(B::volume).containsExactly(3L);
    }

    @Test
    void valueBarsCloseOnNotionalInCurrencyUnits()
    {
        final BarBuilder b = builder("value:10000", "00:00", false, -2, 0);
        trade(b, "2026-01-02T10:00:00Z", 500_000, 1, Side.BUY); // 5000.00
        assertThat(bars).isEmpty();
        trade(b, "2026-01-02T10:00:01Z", 499_999, 1, Side.BUY); // 9999.99 < 10000
        assertThat(bars).isEmpty();
        trade(b, "2026-01-02T10:00:02Z", 1, 1, Side.BUY); // 10000.00
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).kind()).isEqualTo("VALUE");
        assertThat(bars.get(0).size()).isEqualTo(1_000_000); // 10000 at the price exponent
        assertThat(bars.get(0).trades()).isEqualTo(3);

        // a threshold finer than the scale: Σ ≥ 0.015 is Σ ≥ 0.02 when notionals are whole cents
        bars.clear();
        final BarBuilder fine = builder("value:0.015", "00:00", false, -2, 0);
        trade(fine, "2026-01-02T10:00:00Z", 1, 1, Side.BUY);
        assertThat(bars).isEmpty();
        trade(fine, "2026-01-02T10:00:01Z", 1, 1, Side.BUY);
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).size()).isEqualTo(2);
    }

    @Test
    void vwapIsRoundedHalfUpAtThePriceExponent()
    {
        final BarBuilder b = builder("ticks:2", "00:00", false, -2, 0);
        trade(b, "2026-01-02T10:00:00Z", 10_001, 1, Side.BUY);
        trade(b, "2026-01-02T10:00:00Z", 10_002, 1, Side.BUY); // 100.015 → 100.02
        trade(b, "2026-01-02T10:00:00Z", 10_001, 3, Side.BUY);
        trade(b, "2026-01-02T10:00:00Z", 10_002, 1, Side.BUY); // 100.0125 → 100.01
        trade(b, "2026-01-02T10:00:00Z", 10_001, 1, Side.BUY);
        trade(b, "2026-01-02T10:00:00Z", 10_002, 3, Side.BUY); // 100.0175 → 100.02
        trade(b, "2026-01-02T10:00:00Z", 10_001, 0, Side.BUY);
        trade(b, "2026-01-02T10:00:00Z", 10_003, 0, Side.BUY); // no volume: the close
        assertThat(bars).extracting(B::vwap).containsExactly(10_002L, 10_001L, 10_002L, 10_003L);
        assertThat(bars.get(3).trades()).isEqualTo(2);
        assertThat(bars.get(3).volume()).isZero();
    }

    @Test
    void notionalsBeyond64BitsGiveTheExactVwapAndValueBars()
    {
        final long price = 9_000_000_000_000_001L; // near 2^63
        final long[] sizes = {1_000_000_000L, 3_000_000_007L, 5L, 999_999_999_999L};
        final BarBuilder b = builder("ticks:4", "00:00", false, -2, -8);
        BigInteger sum = BigInteger.ZERO;
        BigInteger volume = BigInteger.ZERO;
        for (int i = 0; i < sizes.length; i++)
        {
            final long p = price - i * 1_000_000_000_000L;
            trade(b, "2026-01-02T10:00:00Z", p, sizes[i], Side.SELL);
            sum = sum.add(BigInteger.valueOf(p).multiply(BigInteger.valueOf(sizes[i])));
            volume = volume.add(BigInteger.valueOf(sizes[i]));
        }
        assertThat(sum.bitLength()).isGreaterThan(80);
        final BigInteger[] qr = sum.divideAndRemainder(volume);
        final long expected = qr[0].longValueExact() + (qr[1].shiftLeft(1).compareTo(volume) >= 0 ? 1 : 0);
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).vwap()).isEqualTo(expected);
        assertThat(bars.get(0).sellVolume()).isEqualTo(volume.longValueExact());

        // a value threshold whose mantissa at pe + se (10^-10) is beyond 2^63: 1e11 currency units = 1e21
        bars.clear();
        final BarBuilder value = builder("value:100000000000", "00:00", false, -2, -8);
        trade(value, "2026-01-02T10:00:00Z", 500_000_000L, 1_000_000_000_000L, Side.BUY); // 5,000,000.00 × 10,000 = 5e10
        assertThat(bars).isEmpty();
        trade(value, "2026-01-02T10:00:01Z", 500_000_000L, 999_999_999_999L, Side.BUY); // just short of 1e11
        assertThat(bars).isEmpty();
        trade(value, "2026-01-02T10:00:02Z", 500_000_000L, 1L, Side.BUY); // 5,000,000.00 × 0.00000001 = 0.05: exactly 1e11
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).size()).isEqualTo(10_000_000_000_000L); // 1e11 at the price exponent
    }

    @Test
    void aLateTradeJoinsTheOpenBarAndNeverReopensAClosedOne()
    {
        final BarBuilder b = builder("1m", "00:00", false, -2, 0);
        trade(b, "2026-01-02T10:00:10Z", 100, 1, Side.BUY);
        trade(b, "2026-01-02T10:01:10Z", 101, 1, Side.BUY); // closes 10:00
        trade(b, "2026-01-02T10:00:50Z", 99, 1, Side.BUY); // another source, late: joins 10:01
        b.onEvent(t("2026-01-02T10:02:00Z"));
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0).trades()).isEqualTo(1);
        assertThat(bars.get(1).start()).isEqualTo(t("2026-01-02T10:01:00Z"));
        assertThat(bars.get(1).trades()).isEqualTo(2);
        assertThat(bars.get(1).low()).isEqualTo(99);
        assertThat(bars.get(1).first()).isEqualTo(t("2026-01-02T10:01:10Z"));
        assertThat(bars.get(1).last()).isEqualTo(t("2026-01-02T10:00:50Z"));
    }

    @Test
    void finishCompletesTheTimeBarsEndingByTheLimitOnly()
    {
        final BarBuilder b = builder("1m", "00:00", true, -2, 0);
        trade(b, "2026-01-02T10:00:10Z", 100, 1, Side.BUY);
        b.finish(t("2026-01-02T10:00:59.999999999Z")); // the bar is not over yet
        assertThat(bars).isEmpty();
        b.finish(t("2026-01-02T10:03:30Z")); // 10:00 and the empty 10:01, 10:02; 10:03 would end after the limit
        assertThat(bars).extracting(B::start).containsExactly(t("2026-01-02T10:00:00Z"), t("2026-01-02T10:01:00Z"),
            t("2026-01-02T10:02:00Z"));
        assertThat(b.openTrades()).isZero();

        bars.clear();
        final BarBuilder ticks = builder("ticks:5", "00:00", false, -2, 0);
        trade(ticks, "2026-01-02T10:00:10Z", 100, 1, Side.BUY);
        ticks.finish(Long.MAX_VALUE);
        assertThat(bars).isEmpty(); // a tick bar is only complete at its Nth trade
    }

    @Test
    void aThresholdThatDoesNotFitTheScaleIsRefused()
    {
        assertThatThrownBy(() -> builder("value:100000000000", "00:00", false, -10, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large").hasMessageContaining("price exponent -10");
        assertThatThrownBy(() -> builder("volume:100000000000000", "00:00", false, -2, -8))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size exponent -8");
        assertThat(builder("volume:100", "00:00", false, -2, -8).spec().kind()).isEqualTo(BarKind.VOLUME);
    }
}
