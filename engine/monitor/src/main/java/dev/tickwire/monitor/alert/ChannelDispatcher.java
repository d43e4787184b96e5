package dev.tickwire.monitor.alert;

import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.net.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One channel's own daemon thread and bounded queue, so a slow or dead receiver delays nothing else:
 * {@link #offer} never waits (a full queue drops the notice and counts it). The first failure is logged
 * with the channel's name and reason, later ones only counted, and the first success after them logged
 * once as a recovery: a receiver down for an hour is two log lines, not thousands.
 */
public final class ChannelDispatcher implements AutoCloseable
{
    public static final int DEFAULT_CAPACITY = 1_000;
    public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDispatcher.class);
    /** Wakes a thread waiting on an empty queue at close; never delivered. */
    private static final Notice WAKE_UP = new Notice("", Notice.State.RESOLVED, "", "", 0, "");

    /** A count the dispatcher bumps; the engine can back it with a counter in its counters file. */
    public interface Counter
    {
        void increment();

        long get();

        static Counter atomic()
        {
            final AtomicLong value = new AtomicLong();
            return new Counter()
            {
                @Override
                public void increment()
                {
                    value.incrementAndGet();
                }

                @Override
                public long get()
                {
                    return value.get();
                }
            };
        }
    }

    /** Notices sent, notices the channel gave up on, notices never tried (queue full, or closing). */
    public record Counters(Counter delivered, Counter failed, Counter dropped)
    {
        public static Counters atomic()
        {
            return new Counters(Counter.atomic(), Counter.atomic(), Counter.atomic());
        }
    }

    private final AlertChannel channel;
    private final BlockingQueue<Notice> queue;
    private final Counters counters;
    private final Thread thread;
    private volatile boolean closing;
    private boolean failing; // the dispatcher thread's own

    private ChannelDispatcher(final AlertChannel channel, final int capacity, final Counters counters)
    {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.counters = Objects.requireNonNull(counters, "counters");
        this.thread = new Thread(this::run, "tickwire-alert-" + channel.name());
        thread.setDaemon(true); // an alert stuck in a retry must not keep the JVM alive
    }

    /** Starts a dispatcher with a {@value #DEFAULT_CAPACITY}-notice queue and its own counts. */
    public static ChannelDispatcher start(final AlertChannel channel)
    {
        return start(channel, DEFAULT_CAPACITY, Counters.atomic());
    }

    public static ChannelDispatcher start(final AlertChannel channel, final int capacity, final Counters counters)
    {
        final ChannelDispatcher dispatcher = new ChannelDispatcher(channel, capacity, counters);
        dispatcher.thread.start();
        return dispatcher;
    }

    public String name()
    {
        return channel.name();
    }

    /** Queues {@code notice} for the channel; false (and counted as dropped) if the queue is full or closed. */
    public boolean offer(final Notice notice)
    {
        Objects.requireNonNull(notice, "notice");
        if (closing || !queue.offer(notice))
        {
            counters.dropped().increment();
            return false;
        }
        return true;
    }

    public long delivered()
    {
        return counters.delivered().get();
    }

    public long failed()
    {
        return counters.failed().get();
    }

    public long dropped()
    {
        return counters.dropped().get();
    }

    private void run()
    {
        try
        {
            while (true)
            {
                final Notice notice = closing ? queue.poll() : queue.take(); // closing: drain, then stop
                if (notice == null)
                {
                    return;
                }
                if (notice != WAKE_UP)
                {
                    deliver(notice);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            // close() ran out of patience; what is left is counted there
        }
    }

    private void deliver(final Notice notice) throws InterruptedException
    {
        try
        {
            channel.send(notice);
            counters.delivered().increment();
            if (failing)
            {
                failing = false;
                LOG.info("alert channel '{}' recovered: delivering again", channel.name());
            }
        }
        catch (final InterruptedException ex)
        {
            counters.failed().increment();
            throw ex;
        }
        catch (final Exception ex)
        {
            counters.failed().increment();
            if (!failing)
            {
                failing = true;
                // the channels' messages name the receiver and the reason, never a secret
                LOG.warn("alert channel '{}' failed: {}; further failures are counted, not logged, until it recovers",
                    channel.name(), ex instanceof DeliveryException ? ex.getMessage() : Backoff.describe(ex));
            }
        }
    }

    @Override
    public void close()
    {
        close(DEFAULT_CLOSE_WAIT);
    }

    /**
     * Stops taking notices, lets the thread deliver what is queued for up to {@code wait}, then interrupts it
     * (a backoff or an HTTP wait ends at once; an SMTP step within its timeout); whatever is left is counted
     * as dropped. Closes the channel.
     */
    public void close(final Duration wait)
    {
        closing = true;
        queue.offer(WAKE_UP); // a full queue needs no wake-up: the thread is busy and sees 'closing' next
        try
        {
            thread.join(Math.max(1, wait.toMillis()));
            if (thread.isAlive())
            {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(1));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        Notice left;
        while ((left = queue.poll()) != null)
        {
            if (left != WAKE_UP)
            {
                counters.dropped().increment();
            }
        }
        channel.close();
    }
}
