package dev.tickwire.tools.http;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code perSecond}; it starts
 * full. {@link #tryTake} takes tokens only when there are enough; {@link #charge} takes them regardless and may
 * leave the bucket in debt (a response whose size is known only once it is written), which later
 * {@link #tryTake} and {@link #waitNs} calls see until the refill has paid it back.
 *
 * <p>Thread-safe: one lock per bucket, held for a few arithmetic operations (requests of one key on
 * different Jetty threads). No allocation. Times are {@link System#nanoTime()} readings passed in.
 */
final class TokenBucket
{
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNs;

    TokenBucket(final double capacity, final double perSecond, final long nowNs)
    {
        if (!(capacity > 0) || !(perSecond > 0))
        {
            throw new IllegalArgumentException("a token bucket needs a positive capacity and rate: " + capacity + ", " + perSecond);
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.lastNs = nowNs;
    }

    /** Takes {@code n} tokens if the bucket holds them: returns 0, or else the nanoseconds until it will. */
    synchronized long tryTake(final double n, final long nowNs)
    {
        refill(nowNs);
        if (tokens >= n)
        {
            tokens -= n;
            return 0;
        }
        return (long)Math.ceil((n - tokens) / perNano);
    }

    /** Takes {@code n} tokens even if that puts the bucket in debt. */
    synchronized void charge(final double n, final long nowNs)
    {
        refill(nowNs);
        tokens -= n;
    }

    /** Nanoseconds until the bucket holds at least {@code n} tokens again; 0 if it does now. Takes nothing. */
    synchronized long waitNs(final double n, final long nowNs)
    {
        refill(nowNs);
        return tokens >= n ? 0 : (long)Math.ceil((n - tokens) / perNano);
    }

    private void refill(final long nowNs)
    {
        final long elapsed = nowNs - lastNs;
        if (elapsed > 0)
        {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            lastNs = nowNs;
        }
    }
}
