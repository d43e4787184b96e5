package dev.tickwire.engine.bars;

import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imbalance and run bars (AFML ch. 2) from BarBuilder against a reference that follows the definitions with
 * lists and BigInteger sums: the tick rule (or the aggressor), θ over the bar's trades, the first bar a tick bar of
 * t0 trades, then closing at the first trade whose |Σ b·x| (imbalance) or max(Σ x⁺, Σ x⁻) (runs) reaches
 * ⌈E[T] · E[…]⌉ (at least 1), the EWMAs updated after each bar. Bars are compared trade for trade (first and last
 * trade, OHLCV, threshold), plus the warm-up, the clamps, the aggressor sign and a never-split trade.
 */
class InfoBarsReferenceTest
{
    private static final long START = 1_767_364_200_000_000_000L;

    record T(long price, long size, Side side)
    {
    }

    record Expected(int first, int last, long size)
    {
    }

    @ParameterizedTest(name = "{0} se {1}")
    @CsvSource(delimiter = ';', value = {
        "tib; 0", "tib:ewma=5,t0=10; 0", "tib:ewma=50,t0=200,min=20,max=400; 0", "tib:sign=aggressor,t0=30,ewma=8; 0",
        "vib:ewma=10,t0=20; 0", "vib:ewma=10,t0=20; -3", "vib:ewma=3,t0=5,sign=aggressor; 0",
        "dib:ewma=10,t0=20; 0", "dib:ewma=10,t0=20; -2", "dib:ewma=20,t0=40,min=10; 2",
        "trb:ewma=10,t0=20; 0", "trb:ewma=4,t0=7,sign=aggressor; 0", "vrb:ewma=10,t0=20; 0", "vrb:ewma=10,t0=20; -3",
        "drb:ewma=10,t0=20; 0", "drb:ewma=30,t0=15,max=40; -1",
    })
    void barsMatchTheReference(final String text, final int se)
    {
        final BarSpec spec = BarSpec.parse(text);
        assertThat(BarSpec.isInformationDriven(spec.kind())).isTrue();
        for (long seed = 1; seed <= 5; seed++)
        {
            final List<T> trades = trades(new Random(seed * 131 + text.hashCode()), 20_000);
            final List<long[]> actual = new ArrayList<>();
            final BarBuilder builder = new BarBuilder(spec, 3, -2, se, false, bar ->
            {
                assertThat(bar.kind()).isEqualTo(spec.kind());
                actual.add(new long[] {bar.startNs() - START, bar.endNs() - START, bar.size(), bar.tradeCount(),
                    bar.open(), bar.close(), bar.volume(), bar.sequence()});
            });
            for (int i = 0; i < trades.size(); i++)
            {
                final T t = trades.get(i);
                builder.onTrade(START + i, START + i, i, t.price, t.size, t.side);
            }
            final List<Expected> expected = reference(trades, spec.kind(), spec.info(), se);
            assertThat(actual).as("%s seed %d", text, seed).hasSize(expected.size()).hasSizeGreaterThan(5);
            for (int k = 0; k < expected.size(); k++)
            {
                final Expected x = expected.get(k);
                final long[] bar = actual.get(k);
                final long volume = trades.subList(x.first, x.last + 1).stream().mapToLong(T::size).sum();
                assertThat(bar).as("%s seed %d bar %d", text, seed, k).containsExactly(x.first, x.last, x.size,
                    x.last - x.first + 1, trades.get(x.first).price, trades.get(x.last).price, volume, x.last);
            }
        }
    }

    /** Trending and mean-reverting stretches, unchanged prices, zero sizes, aggressors unknown at times. */
    static List<T> trades(final Random random, final int n)
    {
        final List<T> trades = new ArrayList<>(n);
        long price = 500_000;
        int drift = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 500 == 0)
            {
                drift = random.nextInt(3) - 1;
            }
            final int move = random.nextInt(10);
            if (move < 4)
            {
                price = Math.max(1, price + random.nextInt(5) - 2 + drift);
            }
            final long size = random.nextInt(40) == 0 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 500 : 25);
            final Side side = switch (random.nextInt(8))
            {
                case 0 -> Side.NONE;
                case 1, 2, 3 -> drift >= 0 ? Side.BUY : Side.SELL;
                case 4 -> Side.BUY;
                default -> Side.SELL;
            };
            trades.add(new T(price, size, side));
        }
        return trades;
    }

    /** The definitions, one trade at a time. */
    static List<Expected> reference(final List<T> trades, final BarKind kind, final InfoBarParams p, final int se)
    {
        final boolean imbalance = kind.name().endsWith("IMBALANCE");
        final String measure = kind.name().substring(0, kind.name().indexOf('_'));
        final double alpha = 2.0 / (p.ewma() + 1);
        final List<Expected> bars = new ArrayList<>();
        Long lastPrice = null;
        int tickSign = 0;
        boolean warm = false;
        double expectedT = 0;
        double expectedPlus = 0;
        double expectedMinus = 0;
        BigInteger threshold = BigInteger.ZERO;
        int first = 0;
        BigInteger plus = BigInteger.ZERO;
        BigInteger minus = BigInteger.ZERO;
        for (int i = 0; i < trades.size(); i++)
        {
            final T t = trades.get(i);
            if (lastPrice != null && t.price != lastPrice)
            {
                tickSign = t.price > lastPrice ? 1 : -1;
            }
            lastPrice = t.price;
            int b = tickSign;
            if (p.aggressor() && t.side != Side.NONE)
            {
                b = t.side == Side.BUY ? 1 : -1;
            }
            final BigInteger x = switch (measure)
            {
                case "TICK" -> BigInteger.ONE;
                case "VOLUME" -> BigInteger.valueOf(t.size);
                default -> BigInteger.valueOf(t.price).multiply(BigInteger.valueOf(t.size));
            };
            if (b > 0)
            {
                plus = plus.add(x);
            }
            else if (b < 0)
            {
                minus = minus.add(x);
            }
            final int count = i - first + 1;
            final boolean closes = !warm ? count == p.t0() : imbalance ?
                plus.subtract(minus).abs().compareTo(threshold) >= 0 : plus.max(minus).compareTo(threshold) >= 0;
            if (!closes)
            {
                continue;
            }
            bars.add(new Expected(first, i, !warm ? 0 : size(threshold, measure, se)));
            final double perPlus = plus.doubleValue() / count;
            final double perMinus = minus.doubleValue() / count;
            if (!warm)
            {
                expectedT = p.t0();
                expectedPlus = perPlus;
                expectedMinus = perMinus;
                warm = true;
            }
            else
            {
                expectedT = alpha * count + (1 - alpha) * expectedT;
                expectedPlus = alpha * perPlus + (1 - alpha) * expectedPlus;
                expectedMinus = alpha * perMinus + (1 - alpha) * expectedMinus;
            }
            expectedT = Math.max(expectedT, p.minTrades());
            if (p.maxTrades() != Long.MAX_VALUE)
            {
                expectedT = Math.min(expectedT, p.maxTrades());
            }
            final double theta = imbalance ? expectedT * Math.abs(expectedPlus - expectedMinus) :
                expectedT * Math.max(expectedPlus, expectedMinus);
            threshold = new BigDecimal(theta).setScale(0, RoundingMode.CEILING).toBigInteger().max(BigInteger.ONE);
            first = i + 1;
            plus = BigInteger.ZERO;
            minus = BigInteger.ZERO;
        }
        return bars;
    }

    private static long size(final BigInteger threshold, final String measure, final int se)
    {
        if (!measure.equals("DOLLAR"))
        {
            return threshold.longValueExact();
        }
        return new BigDecimal(threshold).movePointLeft(-se).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    @Test
    void theWarmUpBarIsATickBarOfT0TradesAndTheExpectationsStartFromIt()
    {
        final List<Long> counts = new ArrayList<>();
        final List<Long> sizes = new ArrayList<>();
        final BarBuilder builder = new BarBuilder(BarSpec.parse("tib:t0=4,ewma=3"), 1, -2, 0, false, bar ->
        {
            counts.add(bar.tradeCount());
            sizes.add(bar.size());
        });
        // 4 trades: 100, 101 (+), 102 (+), 101 (−): b = 0, +1, +1, −1 → E[T] = 4, E[x⁺] = 2/4, E[x⁻] = 1/4
        // → θ = ⌈4 × |0.5 − 0.25|⌉ = 1: the next trade with a sign closes a bar of one trade
        final long[] prices = {100, 101, 102, 101, 101, 103};
        for (int i = 0; i < prices.length; i++)
        {
            builder.onTrade(START + i, START + i, i, prices[i], 1, Side.NONE);
        }
        // trade 5 (101, unchanged: b = −1 by the tick rule) closes a bar of one trade; so does trade 6 (+1)
        // (then α = 1/2: E[T] = 2.5, E[x⁺] = 0.25, E[x⁻] = 0.625, θ = ⌈0.9375⌉ = 1 again)
        assertThat(counts).containsExactly(4L, 1L, 1L);
        assertThat(sizes).containsExactly(0L, 1L, 1L);
    }

    @Test
    void aTradeIsNeverSplitAndUnchangedPricesNeverCloseABar()
    {
        final List<long[]> bars = new ArrayList<>();
        final BarBuilder builder = new BarBuilder(BarSpec.parse("vib:t0=2,ewma=1"), 1, -2, 0, false,
            bar -> bars.add(new long[] {bar.tradeCount(), bar.volume(), bar.size()}));
        builder.onTrade(START, START, 1, 100, 10, Side.NONE);
        builder.onTrade(START + 1, START + 1, 2, 101, 10, Side.NONE); // warm-up: x⁺ = 10 over 2 trades
        assertThat(bars).hasSize(1);
        // E[T] = 2, E[v⁺] = 5 per trade: θ = 10. One trade of 1,000 (an uptick) is a whole bar by itself.
        builder.onTrade(START + 2, START + 2, 3, 102, 1_000, Side.NONE);
        assertThat(bars).hasSize(2);
        assertThat(bars.get(1)).containsExactly(1, 1_000, 10);
        // ewma=1: α = 1, E[T] = 1, E[v⁺] = 1,000: θ = 1,000; unchanged prices keep the last sign (+), so 1,000 more
        // shares at 102 close the bar exactly at the threshold
        builder.onTrade(START + 3, START + 3, 4, 102, 600, Side.NONE);
        builder.onTrade(START + 4, START + 4, 5, 102, 400, Side.NONE);
        assertThat(bars).hasSize(3);
        assertThat(bars.get(2)).containsExactly(2, 1_000, 1_000);
    }

    @Test
    void theClampsBoundTheExpectedBarLength()
    {
        final BarSpec spec = BarSpec.parse("tib:ewma=2,t0=50,min=20,max=60");
        final InfoBarRule rule = new InfoBarRule(spec.kind(), spec.info(), 0);
        final List<T> trades = trades(new Random(3), 50_000);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int i = 0; i < trades.size(); i++)
        {
            final T t = trades.get(i);
            if (rule.onTrade(t.price, t.size, t.side))
            {
                rule.closed();
                lowest = Math.min(lowest, rule.expectedTrades());
                highest = Math.max(highest, rule.expectedTrades());
            }
        }
        assertThat(lowest).isGreaterThanOrEqualTo(20);
        assertThat(highest).isLessThanOrEqualTo(60);
        assertThat(rule.warm()).isTrue();
    }

    @Test
    void theAggressorSignUsesTheSideAndFallsBackToTheTickRule()
    {
        final BarSpec spec = BarSpec.parse("trb:t0=3,sign=aggressor");
        final InfoBarRule rule = new InfoBarRule(spec.kind(), spec.info(), 0);
        rule.onTrade(100, 1, Side.SELL); // −1 (aggressor), though the tick rule knows nothing yet
        rule.onTrade(100, 1, Side.NONE); // tick rule: still 0 (no price change yet)
        rule.onTrade(101, 1, Side.NONE); // tick rule: +1
        rule.closed();
        assertThat(rule.expectedPlus()).isEqualTo(1.0 / 3);
        assertThat(rule.expectedMinus()).isEqualTo(1.0 / 3);
        assertThat(rule.expectedTrades()).isEqualTo(3);
        assertThat(rule.thresholdLo()).isEqualTo(1); // ⌈3 × 1/3⌉ = 1
        assertThat(rule.thresholdHi()).isZero();
    }
}
