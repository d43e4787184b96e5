package dev.tickwire.tools.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-API-key rate limits of the HTTP API: requests per second and response bytes per minute, each a
 * {@link TokenBucket} per key. A key's limits are its own ({@code tickwire keys create --rps N
 * --bytes-per-minute N}) or else the server's defaults ({@code tickwire serve --rate-limit-rps
 * --rate-limit-bytes-per-minute}); 0 means no limit.
 *
 * <ul>
 *   <li>Requests: a bucket of {@code rps} tokens refilled at {@code rps} a second (a burst of up to one
 *   second's worth); each request takes one token, before it is handled.</li>
 *   <li>Bytes: a bucket of {@code bytesPerMinute} refilled at {@code bytesPerMinute / 60} a second. A
 *   response's size is known only once it is made, so it is charged afterwards and may put the bucket in
 *   debt; while the bucket is empty or in debt the key's requests are refused.</li>
 * </ul>
 *
 * A refused request is told when to come back ({@link Denial#retryAfterSeconds()}, at least 1). Thread-safe;
 * an admitted request allocates nothing.
 */
public final class RateLimiter
{
    /** A key's limits; 0 in either means no limit of that kind. */
    public record Limits(long requestsPerSecond, long bytesPerMinute)
    {
        public static final Limits NONE = new Limits(0, 0);

        public Limits
        {
            if (requestsPerSecond < 0 || bytesPerMinute < 0)
            {
                throw new IllegalArgumentException("rate limits must be 0 (no limit) or positive: " + requestsPerSecond +
                    " requests/s, " + bytesPerMinute + " bytes/min");
            }
        }

        /** These limits with a key's own overrides (null: the default stands). */
        public Limits with(final Long requestsPerSecondOverride, final Long bytesPerMinuteOverride)
        {
            if (requestsPerSecondOverride == null && bytesPerMinuteOverride == null)
            {
                return this;
            }
            return new Limits(requestsPerSecondOverride != null ? requestsPerSecondOverride : requestsPerSecond,
                bytesPerMinuteOverride != null ? bytesPerMinuteOverride : bytesPerMinute);
        }
    }

    /** Why a request was refused, and in how many whole seconds (at least 1) to try again. */
    public record Denial(long retryAfterSeconds, String message)
    {
    }

    private final Limits defaults;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, KeyBuckets> buckets = new ConcurrentHashMap<>();

    public RateLimiter(final Limits defaults)
    {
        this(defaults, System::nanoTime);
    }

    RateLimiter(final Limits defaults, final LongSupplier nanoClock)
    {
        this.defaults = defaults;
        this.nanoClock = nanoClock;
    }

    public Limits defaults()
    {
        return defaults;
    }

    /** The limits that apply to {@code key}. */
    public Limits limitsOf(final KeyStore.KeyInfo key)
    {
        return defaults.with(key.requestsPerSecond(), key.bytesPerMinute());
    }

    /**
     * Admits one request of {@code key} (taking a request token) or says why not.
     *
     * @return null when admitted
     */
    public Denial admit(final KeyStore.KeyInfo key)
    {
        final KeyBuckets b = bucketsOf(key);
        if (b == null)
        {
            return null;
        }
        final long now = nanoClock.getAsLong();
        if (b.bytes != null)
        {
            final long wait = b.bytes.waitNs(1, now);
            if (wait > 0)
            {
                final long seconds = seconds(wait);
                return new Denial(seconds, "rate limit: key '" + key.name() + "' may receive " + b.limits.bytesPerMinute() +
                    " response bytes per minute; retry after " + seconds + " s");
            }
        }
        if (b.requests != null)
        {
            final long wait = b.requests.tryTake(1, now);
            if (wait > 0)
            {
                final long seconds = seconds(wait);
                return new Denial(seconds, "rate limit: key '" + key.name() + "' may make " + b.limits.requestsPerSecond() +
                    " requests per second; retry after " + seconds + " s");
            }
        }
        return null;
    }

    /** Charges a response of {@code bytes} to {@code key}'s byte budget. */
    public void charge(final KeyStore.KeyInfo key, final long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }
        final KeyBuckets b = bucketsOf(key);
        if (b != null && b.bytes != null)
        {
            b.bytes.charge(bytes, nanoClock.getAsLong());
        }
    }

    private KeyBuckets bucketsOf(final KeyStore.KeyInfo key)
    {
        final Limits limits = limitsOf(key);
        if (limits.requestsPerSecond() == 0 && limits.bytesPerMinute() == 0)
        {
            return null;
        }
        final KeyBuckets current = buckets.get(key.name());
        if (current != null && current.limits.equals(limits))
        {
            return current;
        }
        // first request of the key, or its limits changed (a key revoked and created again under the same name)
        return buckets.compute(key.name(), (name, old) -> old != null && old.limits.equals(limits) ? old :
            new KeyBuckets(limits, nanoClock.getAsLong()));
    }

    private static long seconds(final long nanos)
    {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private static final class KeyBuckets
    {
        final Limits limits;
        final TokenBucket requests;
        final TokenBucket bytes;

        KeyBuckets(final Limits limits, final long nowNs)
        {
            this.limits = limits;
            this.requests = limits.requestsPerSecond() == 0 ? null :
                new TokenBucket(limits.requestsPerSecond(), limits.requestsPerSecond(), nowNs);
            this.bytes = limits.bytesPerMinute() == 0 ? null :
                new TokenBucket(limits.bytesPerMinute(), limits.bytesPerMinute() / 60.0, nowNs);
        }
    }
}
