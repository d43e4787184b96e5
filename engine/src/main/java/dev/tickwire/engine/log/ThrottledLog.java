package dev.tickwire.engine.log;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The one way tickwire logs anything that can repeat: a source's read errors, its malformed rows,
 * its rejects, an adapter's exceptions, a failing stage. The first {@code inFull} occurrences are
 * logged in full; after that each one is only counted, and the count is logged in one summary line
 * at most once per {@code summaryEvery} (on the next occurrence once the interval has passed, or on
 * {@link #flush()}: at the end of a file, an import, a run). A problem that repeats forever therefore
 * writes {@code inFull} lines plus one a minute, never a flood.
 *
 * <p>Safe to share between threads (stages on their own threads share one): counts are atomic and
 * one thread wins each summary. Allocation-free when an occurrence is only counted.
 */
public final class ThrottledLog
{
    /** Summaries at most once a minute by default. */
    public static final long DEFAULT_SUMMARY_EVERY_NS = TimeUnit.MINUTES.toNanos(1);

    private final Logger logger;
    private final String subject;
    private final int inFull;
    private final long summaryEveryNs;
    private final NanoClock clock;
    private static final AtomicLongFieldUpdater<ThrottledLog> COUNT =
        AtomicLongFieldUpdater.newUpdater(ThrottledLog.class, "count");
    private static final AtomicLongFieldUpdater<ThrottledLog> UNSAID =
        AtomicLongFieldUpdater.newUpdater(ThrottledLog.class, "unsaid");
    private static final AtomicLongFieldUpdater<ThrottledLog> LAST_SUMMARY =
        AtomicLongFieldUpdater.newUpdater(ThrottledLog.class, "lastSummaryNs");
    private volatile long count;
    private volatile long unsaid;
    private volatile long lastSummaryNs;

    /**
     * @param subject what repeats, for the summary line, e.g. "tardis trades binance:BTCUSDT: malformed rows"
     * @param inFull  occurrences logged in full before counting starts (0: only summaries)
     */
    public ThrottledLog(final Logger logger, final String subject, final int inFull)
    {
        this(logger, subject, inFull, DEFAULT_SUMMARY_EVERY_NS, SystemNanoClock.INSTANCE);
    }

    public ThrottledLog(
        final Logger logger, final String subject, final int inFull, final long summaryEveryNs, final NanoClock clock)
    {
        if (inFull < 0 || summaryEveryNs <= 0)
        {
            throw new IllegalArgumentException("inFull >= 0 and summaryEveryNs > 0");
        }
        this.logger = logger;
        this.subject = subject;
        this.inFull = inFull;
        this.summaryEveryNs = summaryEveryNs;
        this.clock = clock;
        this.lastSummaryNs = clock.nanoTime();
    }

    /**
     * Counts one occurrence. True if the caller should log it in full; false if it is only counted
     * (a due summary line is logged here instead). Allocation-free when it returns false.
     */
    public boolean admit()
    {
        final long n = COUNT.incrementAndGet(this);
        if (n <= inFull)
        {
            if (n == inFull)
            {
                lastSummaryNs = clock.nanoTime();
            }
            return true;
        }
        UNSAID.incrementAndGet(this);
        final long now = clock.nanoTime();
        final long last = lastSummaryNs;
        if (now - last >= summaryEveryNs && LAST_SUMMARY.compareAndSet(this, last, now))
        {
            summarize();
        }
        return false;
    }

    /** True if the occurrence just admitted was the last one logged in full: say that counting starts. */
    public boolean wasLastInFull()
    {
        return count == inFull;
    }

    /** The note to append to the last line logged in full ("" otherwise). */
    public String suffix()
    {
        return wasLastInFull() ? " (further ones are counted, and summed up at most once every " +
            TimeUnit.NANOSECONDS.toSeconds(summaryEveryNs) + " s)" : "";
    }

    /** Counts and, if admitted, logs a warning: {@code format} as slf4j's, the suffix appended. */
    public void warn(final String format, final Object... args)
    {
        if (admit())
        {
            logger.warn(format + suffix(), args);
        }
    }

    /** Counts and, if admitted, logs an error with the stack trace of the first occurrence only. */
    public void error(final Throwable cause, final String format, final Object... args)
    {
        if (admit())
        {
            if (count == 1)
            {
                final Object[] withCause = java.util.Arrays.copyOf(args, args.length + 1);
                withCause[args.length] = cause;
                logger.error(format + suffix(), withCause);
            }
            else
            {
                logger.error(format + suffix(), args);
            }
        }
    }

    /** Logs the occurrences counted since the last line, if any: at the end of a file, a run. */
    public void flush()
    {
        if (unsaid > 0)
        {
            lastSummaryNs = clock.nanoTime();
            summarize();
        }
    }

    /** Occurrences so far, logged or not. */
    public long count()
    {
        return count;
    }

    private void summarize()
    {
        final long more = UNSAID.getAndSet(this, 0);
        if (more > 0)
        {
            logger.warn("{}: {} more, counted but not logged one by one ({} in all)", subject, more, count);
        }
    }
}
