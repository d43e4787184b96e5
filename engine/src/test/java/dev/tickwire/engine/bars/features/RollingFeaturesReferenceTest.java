package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.BarSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The across-bar features against a plain reference over the list of closes and volumes (BigDecimal, straight
 * from the textbook definitions in docs/features.md), bar by bar, null exactly until each window is full: on
 * random walks with flat stretches (RSI and Bollinger undefined), zero volumes, and on the bars a BarBuilder
 * emits (time bars with empty bars, tick bars).
 */
class RollingFeaturesReferenceTest
{
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final FeatureColumn[] ROLLING = {
        FeatureColumn.LOG_RETURN, FeatureColumn.SMA_5, FeatureColumn.SMA_10, FeatureColumn.SMA_20, FeatureColumn.EMA_5,
        FeatureColumn.EMA_10, FeatureColumn.EMA_20, FeatureColumn.WMA_5, FeatureColumn.WMA_10, FeatureColumn.WMA_20,
        FeatureColumn.MOMENTUM_3, FeatureColumn.MOMENTUM_5, FeatureColumn.VOLATILITY_5, FeatureColumn.VOLATILITY_10,
        FeatureColumn.VOLUME_RATIO, FeatureColumn.RSI_14, FeatureColumn.RSI_5, FeatureColumn.BOLLINGER_POSITION,
        FeatureColumn.MACD, FeatureColumn.MACD_SIGNAL, FeatureColumn.MACD_HIST};

    @ParameterizedTest(name = "price exponent {0}")
    @CsvSource({"-2", "0", "-8"})
    void randomWalksBarByBar(final int pe)
    {
        final Random random = new Random(17 + pe);
        for (int round = 0; round < 8; round++)
        {
            final List<Long> closes = new ArrayList<>();
            final List<Long> volumes = new ArrayList<>();
            long price = pe == -8 ? 6_000_000_000_000L : 100_000;
            final RollingFeatures rolling = new RollingFeatures(pe);
            final FeatureBar out = new FeatureBar();
            for (int t = 0; t < 200; t++)
            {
                final int shape = random.nextInt(20);
                if (shape > 2 || t < 40 && round % 4 == 0) // flat stretches: some rounds start flat for 40 bars
                {
                    price = Math.max(1, price + (shape > 2 ? random.nextInt(41) - 20 : 0) * (pe == -8 ? 1_000_000 : 1));
                }
                final long volume = random.nextInt(10) == 0 || round % 5 == 1 && t < 30 ? 0 : random.nextInt(1000);
                closes.add(price);
                volumes.add(volume);
                rolling.onBar(price, volume, out);
                assertBar(out, closes, volumes, pe, "round " + round + " bar " + t);
            }
        }
    }

    @Test
    void warmUpIsExactlyTheWindow()
    {
        final RollingFeatures rolling = new RollingFeatures(-2);
        final FeatureBar out = new FeatureBar();
        final Map<FeatureColumn, Integer> firstValue = new EnumMap<>(FeatureColumn.class);
        for (int t = 0; t < 60; t++)
        {
            rolling.onBar(10_000 + (t * 37 % 11) * 3 + t, 100 + t, out);
            for (final FeatureColumn c : ROLLING)
            {
                if (!out.isNull(c))
                {
                    firstValue.putIfAbsent(c, t + 1);
                }
            }
        }
        // the bar (1-based) that first carries each column
        final int[] expected = {2, 5, 10, 20, 5, 10, 20, 5, 10, 20, 4, 6, 6, 11, 20, 15, 6, 20, 26, 34, 34};
        final Map<FeatureColumn, Integer> warmUp = new EnumMap<>(FeatureColumn.class);
        for (int i = 0; i < ROLLING.length; i++)
        {
            warmUp.put(ROLLING[i], expected[i]);
        }
        assertThat(firstValue).isEqualTo(warmUp);
        assertThat(rolling.bars()).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0} emitEmpty {1}")
    @CsvSource(delimiter = ';', value = {"1s; true", "1s; false", "ticks:3; false", "tib:ewma=10,t0=20; false"})
    void theBarsABuilderEmits(final String spec, final boolean emitEmpty)
    {
        final int n = spec.startsWith("tib") ? 6_000 : 1_500; // the reference is quadratic in the bars
        final List<Tape.Event> events = Tape.random(new Random(5), n, Tape.Mode.BOTH);
        final Driver driver = new Driver(List.of(BarSpec.parse(spec)), emitEmpty, 5, -2, 0).run(events);
        final List<Long> closes = new ArrayList<>();
        final List<Long> volumes = new ArrayList<>();
        int empty = 0;
        for (final Driver.Emitted bar : driver.bars.get(0))
        {
            closes.add(bar.close());
            volumes.add(bar.volume());
            empty += bar.empty() ? 1 : 0;
            assertBar(bar.features(), closes, volumes, -2, spec + " bar " + closes.size());
        }
        assertThat(closes).hasSizeGreaterThan(20);
        assertThat(empty > 0).isEqualTo(emitEmpty);
    }

    private static void assertBar(
        final FeatureBar out, final List<Long> closes, final List<Long> volumes, final int pe, final String where)
    {
        final Map<FeatureColumn, Object> expected = expected(closes, volumes, pe);
        // MACD is a difference of EMAs: its rounding is relative to the price, not to the difference
        final double price = BigDecimal.valueOf(closes.get(closes.size() - 1)).movePointLeft(-pe).doubleValue();
        for (final FeatureColumn c : ROLLING)
        {
            FeatureCheck.compare(out, c, expected.get(c), where, c.columnName().startsWith("macd") ? price : 0);
        }
    }

    /** The reference for the newest bar of the lists. */
    static Map<FeatureColumn, Object> expected(final List<Long> closes, final List<Long> volumes, final int pe)
    {
        final int t = closes.size() - 1;
        final Map<FeatureColumn, Object> x = new EnumMap<>(FeatureColumn.class);
        x.put(FeatureColumn.LOG_RETURN, t >= 1 ? Math.log((double)closes.get(t) / closes.get(t - 1)) : null);
        x.put(FeatureColumn.SMA_5, price(sma(closes, t, 5), pe));
        x.put(FeatureColumn.SMA_10, price(sma(closes, t, 10), pe));
        x.put(FeatureColumn.SMA_20, price(sma(closes, t, 20), pe));
        x.put(FeatureColumn.EMA_5, price(ema(values(closes), t, 5), pe));
        x.put(FeatureColumn.EMA_10, price(ema(values(closes), t, 10), pe));
        x.put(FeatureColumn.EMA_20, price(ema(values(closes), t, 20), pe));
        x.put(FeatureColumn.WMA_5, price(wma(closes, t, 5), pe));
        x.put(FeatureColumn.WMA_10, price(wma(closes, t, 10), pe));
        x.put(FeatureColumn.WMA_20, price(wma(closes, t, 20), pe));
        x.put(FeatureColumn.MOMENTUM_3, t >= 3 ? closes.get(t) - closes.get(t - 3) : null);
        x.put(FeatureColumn.MOMENTUM_5, t >= 5 ? closes.get(t) - closes.get(t - 5) : null);
        x.put(FeatureColumn.VOLATILITY_5, volatility(closes, t, 5));
        x.put(FeatureColumn.VOLATILITY_10, volatility(closes, t, 10));
        if (t >= 19)
        {
            long sum = 0;
            for (int i = t - 19; i <= t; i++)
            {
                sum += volumes.get(i);
            }
            final BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(20), MC);
            x.put(FeatureColumn.VOLUME_RATIO, sum == 0 ? null :
                BigDecimal.valueOf(volumes.get(t)).divide(mean, MC).doubleValue());
        }
        x.put(FeatureColumn.RSI_14, rsi(closes, t, 14));
        x.put(FeatureColumn.RSI_5, rsi(closes, t, 5));
        if (t >= 19)
        {
            final BigDecimal mean = sma(closes, t, 20);
            BigDecimal variance = BigDecimal.ZERO;
            for (int i = t - 19; i <= t; i++)
            {
                final BigDecimal d = BigDecimal.valueOf(closes.get(i)).subtract(mean);
                variance = variance.add(d.multiply(d));
            }
            final BigDecimal sigma = variance.divide(BigDecimal.valueOf(20), MC).sqrt(MC);
            x.put(FeatureColumn.BOLLINGER_POSITION, sigma.signum() == 0 ? null :
                BigDecimal.valueOf(closes.get(t)).subtract(mean.subtract(sigma.multiply(BigDecimal.valueOf(2))))
                    .divide(sigma.multiply(BigDecimal.valueOf(4)), MC).doubleValue());
        }
        final List<BigDecimal> ema12 = emaSeries(values(closes), 12);
        final List<BigDecimal> ema26 = emaSeries(values(closes), 26);
        final List<BigDecimal> macd = new ArrayList<>();
        for (int i = 25; i <= t; i++)
        {
            macd.add(ema12.get(i).subtract(ema26.get(i)));
        }
        x.put(FeatureColumn.MACD, t >= 25 ? price(macd.get(macd.size() - 1), pe) : null);
        final BigDecimal signal = macd.isEmpty() ? null : emaSeries(macd, 9).get(macd.size() - 1);
        x.put(FeatureColumn.MACD_SIGNAL, price(signal, pe));
        x.put(FeatureColumn.MACD_HIST, signal == null ? null : price(macd.get(macd.size() - 1).subtract(signal), pe));
        return x;
    }

    private static Double price(final BigDecimal mantissa, final int pe)
    {
        return mantissa == null ? null : mantissa.movePointLeft(-pe).doubleValue();
    }

    private static List<BigDecimal> values(final List<Long> closes)
    {
        return closes.stream().map(BigDecimal::valueOf).toList();
    }

    private static BigDecimal sma(final List<Long> closes, final int t, final int n)
    {
        if (t < n - 1)
        {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = t - n + 1; i <= t; i++)
        {
            sum = sum.add(BigDecimal.valueOf(closes.get(i)));
        }
        return sum.divide(BigDecimal.valueOf(n), MC);
    }

    private static BigDecimal wma(final List<Long> closes, final int t, final int n)
    {
        if (t < n - 1)
        {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int w = 1; w <= n; w++)
        {
            sum = sum.add(BigDecimal.valueOf(w).multiply(BigDecimal.valueOf(closes.get(t - n + w))));
        }
        return sum.divide(BigDecimal.valueOf(n * (n + 1) / 2), MC);
    }

    /** EMA of values[0..t]: the mean of the first n, then α·x + (1 − α)·ema with α = 2 / (n + 1). */
    private static BigDecimal ema(final List<BigDecimal> values, final int t, final int n)
    {
        if (t < n - 1)
        {
            return null;
        }
        BigDecimal ema = BigDecimal.ZERO;
        for (int i = 0; i < n; i++)
        {
            ema = ema.add(values.get(i));
        }
        ema = ema.divide(BigDecimal.valueOf(n), MC);
        final BigDecimal alpha = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n + 1), MC);
        for (int i = n; i <= t; i++)
        {
            ema = alpha.multiply(values.get(i)).add(BigDecimal.ONE.subtract(alpha).multiply(ema), MC);
        }
        return ema;
    }

    /** The EMA of every prefix (null before n values). */
    private static List<BigDecimal> emaSeries(final List<BigDecimal> values, final int n)
    {
        final List<BigDecimal> series = new ArrayList<>();
        for (int t = 0; t < values.size(); t++)
        {
            series.add(t < n - 1 ? null : t == n - 1 ? ema(values, t, n) :
                BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n + 1), MC).multiply(values.get(t))
                    .add(BigDecimal.ONE.subtract(BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n + 1), MC))
                        .multiply(series.get(t - 1)), MC));
        }
        return series;
    }

    private static Double volatility(final List<Long> closes, final int t, final int n)
    {
        if (t < n)
        {
            return null;
        }
        final double[] r = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            final int at = t - n + 1 + i;
            r[i] = Math.log((double)closes.get(at) / closes.get(at - 1));
            mean += r[i] / n;
        }
        double squares = 0;
        for (final double v : r)
        {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (n - 1));
    }

    /** Wilder: the first averages are the means of the first n gains and losses, then (avg·(n − 1) + x) / n. */
    private static Double rsi(final List<Long> closes, final int t, final int n)
    {
        if (t < n)
        {
            return null;
        }
        BigDecimal gain = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        for (int i = 1; i <= n; i++)
        {
            final long change = closes.get(i) - closes.get(i - 1);
            gain = gain.add(BigDecimal.valueOf(Math.max(change, 0)));
            loss = loss.add(BigDecimal.valueOf(Math.max(-change, 0)));
        }
        final BigDecimal size = BigDecimal.valueOf(n);
        gain = gain.divide(size, MC);
        loss = loss.divide(size, MC);
        for (int i = n + 1; i <= t; i++)
        {
            final long change = closes.get(i) - closes.get(i - 1);
            final BigDecimal keep = BigDecimal.valueOf(n - 1);
            gain = gain.multiply(keep).add(BigDecimal.valueOf(Math.max(change, 0))).divide(size, MC);
            loss = loss.multiply(keep).add(BigDecimal.valueOf(Math.max(-change, 0))).divide(size, MC);
        }
        if (gain.add(loss).signum() == 0)
        {
            return null;
        }
        // 100 − 100 / (1 + RS), RS = gain / loss; written as 100 · gain / (gain + loss) so that loss = 0 gives 100
        return BigDecimal.valueOf(100).multiply(gain).divide(gain.add(loss), MC).doubleValue();
    }
}
