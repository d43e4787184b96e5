package dev.tickwire.engine.bars;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.Side;

/**
 * When an information-driven bar closes (López de Prado, <i>Advances in Financial Machine Learning</i>, 2018,
 * ch. 2.3.2): imbalance and run bars of ticks, volume or dollars, with the expected-threshold rule on EWMAs.
 *
 * <p>Each trade t gets a sign b_t: the tick rule (+1 if its price is above the previous trade's, −1 if below,
 * the previous sign if equal, 0 until the price first changes), or with {@code sign=aggressor} its aggressor
 * side where the source gives one. Its measure x_t is 1 (tick), its size (volume) or price × size (dollar), all
 * exact integers at the instrument's scale. Within the open bar, X⁺ = Σ x_t over b_t = +1 and X⁻ = Σ x_t over
 * b_t = −1 (exact, 128-bit); T is its number of trades.
 * <ul>
 *   <li>Imbalance bars close at the first trade with |X⁺ − X⁻| ≥ θ, θ = E[T] · |E[x⁺] − E[x⁻]|.</li>
 *   <li>Run bars close at the first trade with max(X⁺, X⁻) ≥ θ, θ = E[T] · max(E[x⁺], E[x⁻]).</li>
 * </ul>
 * E[T] is the expected number of trades per bar and E[x±] the expected signed flow per trade
 * (P[b = ±1] · E[x | b = ±1]), both EWMAs over the completed bars with α = 2 / (ewma + 1):
 * E ← α · value + (1 − α) · E, the values being T and X±/T of the bar just closed. E[T] is then clamped to
 * [min, max]. θ is rounded up to a whole unit once per bar and is at least 1 unit (a bar of zero imbalance
 * would close on every trade), so every trade compares integers and live and history agree exactly.
 *
 * <p>Warm-up: nothing is known before the first bar, so the first bar is a tick bar of {@code t0} trades; at
 * its close E[T] = t0 and E[x±] = X±/t0 (its mean flow per trade). A trade is never split: the trade that
 * reaches θ is in the bar.
 *
 * <p>The book's rule is known to degenerate when the expected imbalance is small relative to one trade's flow
 * (θ at one unit gives bars of one trade, which keep E[T] at 1); {@code min} keeps E[T] from collapsing.
 */
final class InfoBarRule
{
    private static final int TICKS = 0;
    private static final int VOLUME = 1;
    private static final int DOLLARS = 2;

    private final int measure;
    private final boolean imbalance;
    private final double alpha;
    private final long t0;
    private final double minTrades;
    private final double maxTrades;
    private final boolean aggressor;
    private final int sizeExponent;

    private long lastPrice = Values.NONE;
    private int tickSign;

    private long trades;
    private long plusHi;
    private long plusLo;
    private long minusHi;
    private long minusLo;

    private boolean warm;
    private double expectedTrades;
    private double expectedPlus;
    private double expectedMinus;
    private long thresholdHi;
    private long thresholdLo;

    InfoBarRule(final BarKind kind, final InfoBarParams params, final int sizeExponent)
    {
        switch (kind)
        {
            case TICK_IMBALANCE:
            case TICK_RUN:
                measure = TICKS;
                break;
            case VOLUME_IMBALANCE:
            case VOLUME_RUN:
                measure = VOLUME;
                break;
            case DOLLAR_IMBALANCE:
            case DOLLAR_RUN:
                measure = DOLLARS;
                break;
            default:
                throw new IllegalArgumentException(kind + " is not an information-driven bar kind");
        }
        this.imbalance = kind == BarKind.TICK_IMBALANCE || kind == BarKind.VOLUME_IMBALANCE ||
            kind == BarKind.DOLLAR_IMBALANCE;
        this.alpha = params.alpha();
        this.t0 = params.t0();
        this.minTrades = params.minTrades();
        this.maxTrades = params.maxTrades() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : params.maxTrades();
        this.aggressor = params.aggressor();
        this.sizeExponent = sizeExponent;
    }

    /** Adds a trade (price > 0, size ≥ 0) to the open bar; true when it completes the bar. */
    boolean onTrade(final long price, final long size, final Side side)
    {
        final int sign = sign(price, side);
        trades++;
        if (sign != 0)
        {
            final long hi;
            final long lo;
            switch (measure)
            {
                case TICKS:
                    hi = 0;
                    lo = 1;
                    break;
                case VOLUME:
                    hi = 0;
                    lo = size;
                    break;
                default:
                    hi = Math.multiplyHigh(price, size); // both non-negative: the signed high part is the unsigned one
                    lo = price * size;
                    break;
            }
            if (sign > 0)
            {
                plusHi = Int128.addCarry(plusHi, plusLo, lo) + hi;
                plusLo += lo;
            }
            else
            {
                minusHi = Int128.addCarry(minusHi, minusLo, lo) + hi;
                minusLo += lo;
            }
        }
        if (!warm)
        {
            return trades >= t0;
        }
        if (imbalance)
        {
            // |X⁺ − X⁻| ≥ θ  ⇔  X⁺ ≥ X⁻ + θ  or  X⁻ ≥ X⁺ + θ (unsigned, no subtraction needed)
            return atLeastSum(plusHi, plusLo, minusHi, minusLo) || atLeastSum(minusHi, minusLo, plusHi, plusLo);
        }
        return Int128.compare(plusHi, plusLo, thresholdHi, thresholdLo) >= 0 ||
            Int128.compare(minusHi, minusLo, thresholdHi, thresholdLo) >= 0;
    }

    /** a ≥ b + θ. */
    private boolean atLeastSum(final long aHi, final long aLo, final long bHi, final long bLo)
    {
        final long sumHi = Int128.addCarry(bHi, bLo, thresholdLo) + thresholdHi;
        return Int128.compare(aHi, aLo, sumHi, bLo + thresholdLo) >= 0;
    }

    private int sign(final long price, final Side side)
    {
        if (lastPrice != Values.NONE)
        {
            if (price > lastPrice)
            {
                tickSign = 1;
            }
            else if (price < lastPrice)
            {
                tickSign = -1;
            }
        }
        lastPrice = price;
        if (aggressor)
        {
            if (side == Side.BUY)
            {
                return 1;
            }
            if (side == Side.SELL)
            {
                return -1;
            }
        }
        return tickSign;
    }

    /** The open bar was emitted: updates the expectations and the next bar's threshold, and starts over. */
    void closed()
    {
        final double t = trades;
        final double plus = Int128.toDouble(plusHi, plusLo) / t;
        final double minus = Int128.toDouble(minusHi, minusLo) / t;
        if (!warm)
        {
            expectedTrades = t0;
            expectedPlus = plus;
            expectedMinus = minus;
            warm = true;
        }
        else
        {
            expectedTrades = alpha * t + (1.0 - alpha) * expectedTrades;
            expectedPlus = alpha * plus + (1.0 - alpha) * expectedPlus;
            expectedMinus = alpha * minus + (1.0 - alpha) * expectedMinus;
        }
        expectedTrades = Math.min(Math.max(expectedTrades, minTrades), maxTrades);
        final double theta = imbalance ?
            expectedTrades * Math.abs(expectedPlus - expectedMinus) :
            expectedTrades * Math.max(expectedPlus, expectedMinus);
        thresholdHi = Int128.ceilingHi(theta);
        thresholdLo = Int128.ceilingLo(theta);
        if (thresholdHi == 0 && thresholdLo == 0)
        {
            thresholdLo = 1;
        }
        trades = 0;
        plusHi = 0;
        plusLo = 0;
        minusHi = 0;
        minusLo = 0;
    }

    /**
     * The threshold θ the open bar closes against, at the scale of the matching plain kind: trades, a size
     * mantissa, or a notional at the price exponent (rounded up); 0 while the first (warm-up) bar is open;
     * Long.MAX_VALUE if it does not fit.
     */
    long barSize()
    {
        if (!warm)
        {
            return 0;
        }
        if (measure != DOLLARS || sizeExponent == 0)
        {
            return thresholdHi == 0 && thresholdLo >= 0 ? thresholdLo : Long.MAX_VALUE;
        }
        if (sizeExponent < 0)
        {
            final long divisor = FixedPoint.pow10(-sizeExponent);
            if (Long.compareUnsigned(thresholdHi, divisor) >= 0)
            {
                return Long.MAX_VALUE;
            }
            final long q = Int128.divideCeiling(thresholdHi, thresholdLo, divisor);
            return q < 0 ? Long.MAX_VALUE : q;
        }
        final long factor = FixedPoint.pow10(sizeExponent);
        return thresholdHi == 0 && thresholdLo >= 0 && thresholdLo <= Long.MAX_VALUE / factor ?
            thresholdLo * factor : Long.MAX_VALUE;
    }

    /** True once the warm-up bar has closed. */
    boolean warm()
    {
        return warm;
    }

    double expectedTrades()
    {
        return expectedTrades;
    }

    double expectedPlus()
    {
        return expectedPlus;
    }

    double expectedMinus()
    {
        return expectedMinus;
    }

    long thresholdHi()
    {
        return thresholdHi;
    }

    long thresholdLo()
    {
        return thresholdLo;
    }
}
