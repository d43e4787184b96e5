package dev.tickwire.engine.bars.features;

import dev.tickwire.wire.Values;

/**
 * The across-bar features of one instrument for one bar spec, updated once per emitted bar (empty bars
 * included: they are bars of the series) from its close and volume. Every value is null until its window is
 * full, never a made-up value. Windows are preallocated rings; O(window) per bar, no allocation. Averages of
 * prices are computed on mantissas (exact long sums where they are sums) and converted to price units last.
 */
public final class RollingFeatures
{
    private static final int CLOSES = 20;
    private static final int RETURNS = 10;
    private static final int VOLUMES = 20;

    private final int priceExponent;
    private final long[] closes = new long[CLOSES];
    private final double[] returns = new double[RETURNS];
    private final long[] volumes = new long[VOLUMES];
    private long bars;

    private final Ema ema5 = new Ema(5);
    private final Ema ema10 = new Ema(10);
    private final Ema ema20 = new Ema(20);
    private final Ema ema12 = new Ema(12);
    private final Ema ema26 = new Ema(26);
    private final Ema signal9 = new Ema(9);
    private final Rsi rsi14 = new Rsi(14);
    private final Rsi rsi5 = new Rsi(5);

    public RollingFeatures(final int priceExponent)
    {
        this.priceExponent = priceExponent;
    }

    /** Bars seen so far. */
    public long bars()
    {
        return bars;
    }

    /** The next bar of the series: updates the windows and writes the across-bar columns. */
    public void onBar(final long close, final long volume, final FeatureBar out)
    {
        final long previous = bars > 0 ? closeBack(0) : Values.NONE;
        if (bars > 0)
        {
            final double r = StrictMath.log((double)close / (double)previous);
            returns[(int)((bars - 1) % RETURNS)] = r;
            final double change = (double)(close - previous);
            rsi14.add(change);
            rsi5.add(change);
        }
        closes[(int)(bars % CLOSES)] = close;
        volumes[(int)(bars % VOLUMES)] = volume;
        bars++;

        final double c = close;
        ema5.add(c);
        ema10.add(c);
        ema20.add(c);
        ema12.add(c);
        ema26.add(c);
        final double macd = ema26.ready() ? ema12.value - ema26.value : Double.NaN;
        if (ema26.ready())
        {
            signal9.add(macd);
        }

        out.set(FeatureColumn.LOG_RETURN, bars > 1 ? returnBack(0) : Double.NaN);
        out.set(FeatureColumn.SMA_5, sma(5));
        out.set(FeatureColumn.SMA_10, sma(10));
        out.set(FeatureColumn.SMA_20, sma(20));
        out.set(FeatureColumn.EMA_5, price(ema5.valueOrNaN()));
        out.set(FeatureColumn.EMA_10, price(ema10.valueOrNaN()));
        out.set(FeatureColumn.EMA_20, price(ema20.valueOrNaN()));
        out.set(FeatureColumn.WMA_5, wma(5));
        out.set(FeatureColumn.WMA_10, wma(10));
        out.set(FeatureColumn.WMA_20, wma(20));
        out.set(FeatureColumn.MOMENTUM_3, bars > 3 ? close - closeBack(3) : Values.NONE);
        out.set(FeatureColumn.MOMENTUM_5, bars > 5 ? close - closeBack(5) : Values.NONE);
        out.set(FeatureColumn.VOLATILITY_5, volatility(5));
        out.set(FeatureColumn.VOLATILITY_10, volatility(10));
        out.set(FeatureColumn.VOLUME_RATIO, volumeRatio());
        out.set(FeatureColumn.RSI_14, rsi14.value());
        out.set(FeatureColumn.RSI_5, rsi5.value());
        out.set(FeatureColumn.BOLLINGER_POSITION, bollinger());
        out.set(FeatureColumn.MACD, price(macd));
        out.set(FeatureColumn.MACD_SIGNAL, price(signal9.valueOrNaN()));
        out.set(FeatureColumn.MACD_HIST, signal9.ready() ? price(macd - signal9.value) : Double.NaN);
    }

    /** The close k bars before the newest (0: the newest); k < bars, k < 20. */
    private long closeBack(final int k)
    {
        return closes[(int)((bars - 1 - k) % CLOSES)];
    }

    /** The log return k returns before the newest; k < bars − 1, k < 10. */
    private double returnBack(final int k)
    {
        return returns[(int)((bars - 2 - k) % RETURNS)];
    }

    private double price(final double mantissa)
    {
        return BarFeatures.real(mantissa, priceExponent);
    }

    /** Σ of the last n closes, exact, then one division. */
    private double sma(final int n)
    {
        if (bars < n)
        {
            return Double.NaN;
        }
        long sum = 0;
        for (int k = n - 1; k >= 0; k--)
        {
            sum += closeBack(k);
        }
        return price((double)sum / n);
    }

    /** Σ i × close over the last n (weight n for the newest), exact, / (n(n + 1)/2). */
    private double wma(final int n)
    {
        if (bars < n)
        {
            return Double.NaN;
        }
        long sum = 0;
        for (int k = n - 1; k >= 0; k--)
        {
            sum += (long)(n - k) * closeBack(k);
        }
        return price((double)sum / (n * (n + 1) / 2));
    }

    /** Sample standard deviation (n − 1) of the last n log returns, two passes, oldest first. */
    private double volatility(final int n)
    {
        if (bars < n + 1)
        {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = n - 1; k >= 0; k--)
        {
            sum += returnBack(k);
        }
        final double mean = sum / n;
        double squares = 0;
        for (int k = n - 1; k >= 0; k--)
        {
            final double d = returnBack(k) - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }

    private double volumeRatio()
    {
        if (bars < VOLUMES)
        {
            return Double.NaN;
        }
        long sum = 0;
        for (int k = 0; k < VOLUMES; k++)
        {
            sum += volumes[k];
        }
        return sum == 0 ? Double.NaN : (double)volumes[(int)((bars - 1) % VOLUMES)] * VOLUMES / (double)sum;
    }

    /** %B = (close − (m − 2σ)) / 4σ, m and σ (population) of the last 20 closes; null when σ = 0. */
    private double bollinger()
    {
        if (bars < CLOSES)
        {
            return Double.NaN;
        }
        long sum = 0;
        for (int k = CLOSES - 1; k >= 0; k--)
        {
            sum += closeBack(k);
        }
        final double mean = (double)sum / CLOSES;
        double squares = 0;
        for (int k = CLOSES - 1; k >= 0; k--)
        {
            final double d = closeBack(k) - mean;
            squares += d * d;
        }
        final double sigma = Math.sqrt(squares / CLOSES);
        return sigma == 0 ? Double.NaN : ((double)closeBack(0) - (mean - 2 * sigma)) / (4 * sigma);
    }

    /** EMA with α = 2 / (n + 1), seeded with the mean of its first n values. */
    private static final class Ema
    {
        private final int n;
        private final double alpha;
        private long count;
        private double seed;
        private double value = Double.NaN;

        Ema(final int n)
        {
            this.n = n;
            this.alpha = 2.0 / (n + 1);
        }

        void add(final double x)
        {
            count++;
            if (count < n)
            {
                seed += x;
            }
            else if (count == n)
            {
                value = (seed + x) / n;
            }
            else
            {
                value = alpha * x + (1.0 - alpha) * value;
            }
        }

        boolean ready()
        {
            return count >= n;
        }

        double valueOrNaN()
        {
            return value;
        }
    }

    /** Wilder's RSI: the first averages are means of n changes, then avg ← (avg × (n − 1) + x) / n. */
    private static final class Rsi
    {
        private final int n;
        private long count;
        private double gain;
        private double loss;

        Rsi(final int n)
        {
            this.n = n;
        }

        void add(final double change)
        {
            final double up = change > 0 ? change : 0;
            final double down = change < 0 ? -change : 0;
            count++;
            if (count <= n)
            {
                gain += up;
                loss += down;
                if (count == n)
                {
                    gain /= n;
                    loss /= n;
                }
            }
            else
            {
                gain = (gain * (n - 1) + up) / n;
                loss = (loss * (n - 1) + down) / n;
            }
        }

        /** 100 × gain / (gain + loss) (= 100 − 100 / (1 + RS)); null before n changes or when both are 0. */
        double value()
        {
            return count >= n && gain + loss > 0 ? 100.0 * gain / (gain + loss) : Double.NaN;
        }
    }
}
