package dev.tickwire.engine.validate;

/**
 * The validator's configurable limits.
 *
 * @param timeToleranceNs how far an event time may go back within one source before it is rejected
 * @param maxFutureNs     how far an event time may lie after its receive time (a clock sanity check;
 *                        it also keeps one bogus timestamp from poisoning the journal's time index)
 * @param priceBandBps    trades and quotes further than this from the instrument's last trade, in
 *                        basis points, are rejected; 0 turns the band off
 */
public record ValidationLimits(long timeToleranceNs, long maxFutureNs, long priceBandBps)
{
    public static final ValidationLimits DEFAULT = new ValidationLimits(0, 86_400_000_000_000L, 2_000);

    public ValidationLimits
    {
        if (timeToleranceNs < 0)
        {
            throw new IllegalArgumentException("timeTolerance must not be negative: " + timeToleranceNs);
        }
        if (maxFutureNs < 0)
        {
            throw new IllegalArgumentException("maxFuture must not be negative: " + maxFutureNs);
        }
        if (priceBandBps < 0)
        {
            throw new IllegalArgumentException("priceBandBps must not be negative: " + priceBandBps);
        }
    }
}
