package dev.tickwire.engine.net;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The retry rule for a network peer (alert channels, sinks, feeds): up to {@code retries} more attempts after the first, waiting before
 * retry n a time drawn uniformly from [0, min(cap, base·2^(n−1))] ("full jitter"). The jitter matters:
 * when a receiver comes back, the senders it turned away spread out instead of all arriving together.
 */
public final class Backoff
{
    public static final long DEFAULT_CAP_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_REASON = 300;

    private final long baseNs;
    private final long capNs;
    private final int retries;
    private final RandomGenerator random;

    /** What one attempt does; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt
    {
        void run(int attempt) throws Exception;
    }

    public Backoff(final long baseNs, final long capNs, final int retries)
    {
        this(baseNs, capNs, retries, null);
    }

    /** With a given random source (tests); null = the calling thread's. */
    Backoff(final long baseNs, final long capNs, final int retries, final RandomGenerator random)
    {
        if (baseNs < 0 || capNs < baseNs || retries < 0)
        {
            throw new IllegalArgumentException("need 0 <= base <= cap and retries >= 0: base " + baseNs +
                " ns, cap " + capNs + " ns, retries " + retries);
        }
        this.baseNs = baseNs;
        this.capNs = capNs;
        this.retries = retries;
        this.random = random;
    }

    /** Attempts in all, the first included. */
    public int maxAttempts()
    {
        return retries + 1;
    }

    /** The longest wait before retry {@code n} (1-based): min(cap, base·2^(n−1)), without overflow. */
    public long ceilingNs(final int n)
    {
        final int shift = Math.min(Math.max(n - 1, 0), 62);
        return baseNs > (capNs >> shift) ? capNs : Math.min(capNs, baseNs << shift);
    }

    /** The wait before retry {@code n}: uniform in [0, ceiling]. */
    public long delayNs(final int n)
    {
        final long ceiling = ceilingNs(n);
        if (ceiling == 0)
        {
            return 0;
        }
        final RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        return r.nextLong(ceiling + 1);
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way {@code retryable} rejects, or the attempts run
     * out; returns the number of attempts made. An interrupt (a closing dispatcher) stops at once.
     *
     * @param target what is being reached, for the message (e.g. "POST https://hooks.example.com:443"); no secrets
     */
    public int run(final String target, final Attempt attempt, final Predicate<Exception> retryable)
        throws DeliveryException, InterruptedException
    {
        for (int n = 1; ; n++)
        {
            try
            {
                attempt.run(n);
                return n;
            }
            catch (final InterruptedException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                if (!retryable.test(ex))
                {
                    throw new DeliveryException(target + ": " + describe(ex) + " (not retried)", n, ex);
                }
                if (n >= maxAttempts())
                {
                    throw new DeliveryException(target + ": " + describe(ex) + " (gave up after " + n +
                        (n == 1 ? " attempt)" : " attempts)"), n, ex);
                }
            }
            TimeUnit.NANOSECONDS.sleep(delayNs(n));
        }
    }

    /**
     * One line: the exception's type and message, and its root cause's when there is one (Angus Mail's
     * "Could not connect" says why only there, e.g. a certificate path the JVM does not trust).
     */
    public static String describe(final Throwable ex)
    {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String text = oneLine(ex) + (root == ex ? "" : " (" + oneLine(root) + ")");
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
    }

    /** Some exceptions, e.g. ConnectException, come without a message. */
    private static String oneLine(final Throwable ex)
    {
        final String message = ex.getMessage();
        return ex.getClass().getSimpleName() +
            (message == null || message.isBlank() ? "" : ": " + message.strip().replaceAll("\\s+", " "));
    }
}
