package dev.tickwire.tools.http;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code /stream} client: a bounded outgoing buffer between the tailer thread, which {@link #offer}s
 * frames and never waits, and the socket, written asynchronously by a sender thread.
 *
 * <p>The bound counts every frame not yet written to the socket: queued here, or handed to Jetty and not yet
 * completed (Jetty's own outgoing queue is unbounded, so it is counted too). When a frame would pass the bound
 * the client is too slow (or gone): it is closed with 1013 "try again later: buffer full (N messages behind)",
 * its queued frames are dropped and, if the close cannot even be written, the connection is cut after
 * {@link #DISCONNECT_AFTER_MS}. So a slow client holds at most {@code capacity} frames of memory and never
 * slows the tailer or the other clients.
 *
 * <p>Threads: {@link #offer} and {@link #flush} only from the tailer thread (the single producer); the queue's
 * single consumer is the drain task, run on the sender executor one at a time ({@code scheduled}).
 */
final class StreamSession
{
    /** WebSocket close codes used by the stream. */
    static final int POLICY_VIOLATION = 1008;
    static final int TRY_AGAIN_LATER = 1013;
    static final int GOING_AWAY = 1001;
    /** A close frame's reason holds at most 123 bytes of UTF-8. */
    static final int MAX_REASON_BYTES = 123;
    static final long DISCONNECT_AFTER_MS = 5_000;

    private final Session socket;
    private final String name;
    private final int capacity;
    private final OneToOneConcurrentArrayQueue<String> queue;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ScheduledExecutorService sender;
    private final StreamCounters counters;
    private final Runnable drain = this::drain;
    private final WriteCallback written = new WriteCallback()
    {
        @Override
        public void writeSuccess()
        {
            pending.decrementAndGet();
            counters.framesSent.increment();
        }

        @Override
        public void writeFailed(final Throwable cause)
        {
            pending.decrementAndGet();
            close(GOING_AWAY, "write failed");
        }
    };
    private volatile boolean open = true;
    /** Tailer thread only: has frames offered since the last flush. */
    boolean dirty;

    StreamSession(final Session socket, final String name, final int capacity, final ScheduledExecutorService sender,
        final StreamCounters counters)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("a stream buffer holds at least 1 frame, got " + capacity);
        }
        this.socket = socket;
        this.name = name;
        this.capacity = capacity;
        this.queue = new OneToOneConcurrentArrayQueue<>(capacity);
        this.sender = sender;
        this.counters = counters;
    }

    /** The key's name and the client's address, for logs. */
    String name()
    {
        return name;
    }

    boolean isOpen()
    {
        return open;
    }

    /** Frames not yet written to the socket (queued or in Jetty's hands). */
    int pending()
    {
        return pending.get();
    }

    /**
     * Queues a frame (tailer thread). When the buffer is full the session is closed as too slow.
     *
     * @return false if the frame was not queued (closed, or just closed as too slow)
     */
    boolean offer(final String frame)
    {
        if (!open)
        {
            return false;
        }
        final int n = pending.incrementAndGet();
        if (n > capacity)
        {
            pending.decrementAndGet();
            counters.slowClosed.increment();
            close(TRY_AGAIN_LATER, "try again later: buffer full (" + (n - 1) + " messages behind)");
            return false;
        }
        queue.offer(frame); // cannot fail: the queue holds at least `capacity` and at most that many are pending
        return true;
    }

    /** Has the sender write what was offered (the tailer, once per batch read; any thread). Never waits. */
    void flush()
    {
        if (!scheduled.get() && scheduled.compareAndSet(false, true))
        {
            sender.execute(drain);
        }
    }

    /** Hands every queued frame to the socket; Jetty writes asynchronously, one callback per frame. */
    private void drain()
    {
        do
        {
            String frame;
            while ((frame = queue.poll()) != null)
            {
                if (open)
                {
                    try
                    {
                        socket.getRemote().sendString(frame, written);
                    }
                    catch (final RuntimeException ex)
                    {
                        pending.decrementAndGet();
                        close(GOING_AWAY, "write failed");
                    }
                }
                else
                {
                    pending.decrementAndGet(); // closed: dropped
                }
            }
            scheduled.set(false);
        }
        while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
    }

    /**
     * Closes the session with a code and reason (at most once; any thread). The close frame is written by the
     * sender; if the connection has not closed after {@link #DISCONNECT_AFTER_MS} (a client that reads nothing
     * never sees it), it is cut.
     */
    void close(final int code, final String reason)
    {
        open = false;
        if (!closing.compareAndSet(false, true))
        {
            return;
        }
        final String trimmed = trimReason(reason);
        try
        {
            flush(); // drops what is queued
            sender.execute(() ->
            {
                try
                {
                    socket.close(code, trimmed);
                }
                catch (final RuntimeException ex)
                {
                    socket.disconnect();
                }
            });
            sender.schedule(() ->
            {
                if (socket.isOpen())
                {
                    socket.disconnect();
                }
            }, DISCONNECT_AFTER_MS, TimeUnit.MILLISECONDS);
        }
        catch (final java.util.concurrent.RejectedExecutionException stopping)
        {
            socket.disconnect(); // the server is stopping
        }
    }

    /** The socket closed (the client left, or our close completed): nothing more is written. */
    void closed()
    {
        open = false;
        closing.set(true);
        flush();
    }

    /** A close reason cut to what a close frame holds. */
    static String trimReason(final String reason)
    {
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES)
        {
            return reason;
        }
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES - 3)
        {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
