package dev.tickwire.tools.http;

import dev.tickwire.engine.config.IdleStrategies;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.journal.Journal;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import org.agrona.concurrent.AgentRunner;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live market-data stream of {@code tickwire serve} ({@code GET /stream}, a WebSocket): one journal tailer
 * thread ({@link StreamTailer} on an {@link AgentRunner} with a backoff idle strategy that parks, never a busy
 * spin) reads what the engine journals from the journal's end at start onward and fans it out to the sessions;
 * a small sender pool writes each session's frames asynchronously, from its bounded buffer
 * ({@link StreamSession}). The engine is another process: nothing here can slow it, and a slow or dead
 * client only ever fills its own buffer, then is closed with 1013.
 */
public final class LiveStream implements AutoCloseable
{
    /** Frames a session may have unwritten before it is closed as too slow (a frame is ~300 bytes). */
    public static final int DEFAULT_BUFFER_FRAMES = 10_000;
    /** Pings every this many seconds keep quiet streams through idle timeouts and proxies. */
    static final long PING_SECONDS = 15;

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

    private final ThrottledLog slowClosed = new ThrottledLog(LOG, "stream sessions closed as too slow", 10);

    private final Journal journal;
    private final int bufferFrames;
    private final StreamCounters counters = new StreamCounters();
    private final StreamTailer tailer;
    private final AgentRunner runner;
    private final ScheduledThreadPoolExecutor sender;
    private final ConcurrentHashMap<Session, StreamSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** What the stream has done so far. */
    public record Stats(int sessions, long opened, long refused, long slowClosed, long framesSent, long messagesRead)
    {
    }

    private LiveStream(final Journal journal, final int bufferFrames)
    {
        if (bufferFrames < 1)
        {
            throw new IllegalArgumentException("the stream buffer must hold at least 1 frame, got " + bufferFrames);
        }
        this.journal = Objects.requireNonNull(journal, "journal");
        this.bufferFrames = bufferFrames;
        final AtomicInteger n = new AtomicInteger();
        this.sender = new ScheduledThreadPoolExecutor(Math.min(2, Runtime.getRuntime().availableProcessors()), r ->
        {
            final Thread t = new Thread(r, "tickwire-stream-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        sender.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        sender.setRemoveOnCancelPolicy(true);
        this.tailer = new StreamTailer(journal, counters);
        this.runner = new AgentRunner(IdleStrategies.of("stream", "backoff"),
            ex -> LOG.error("stream tailer: {}", ex.toString(), ex), null, tailer);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread t = new Thread(r, "tickwire-stream");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the stream's tailer over an open journal, from the journal's end.
     *
     * @param bufferFrames frames a session may have unwritten before it is closed as too slow
     */
    public static LiveStream start(final Journal journal, final int bufferFrames)
    {
        return new LiveStream(journal, bufferFrames);
    }

    public int bufferFrames()
    {
        return bufferFrames;
    }

    public Stats stats()
    {
        return new Stats(sessions.size(), counters.opened.sum(), counters.refused.sum(), counters.slowClosed.sum(),
            counters.framesSent.sum(), counters.messagesRead.sum());
    }

    /** The engine sequence of the last journal message the tailer has handled. */
    public long positionSequence()
    {
        return tailer.positionSequence();
    }

    /** Prometheus text lines of the stream's counters, to append to {@code /metrics}. */
    public String metricsText()
    {
        final Stats s = stats();
        return "# HELP tickwire_stream_sessions WebSocket /stream sessions open now\n" +
            "# TYPE tickwire_stream_sessions gauge\n" +
            "tickwire_stream_sessions " + s.sessions() + "\n" +
            "# HELP tickwire_stream_sessions_opened_total /stream sessions accepted\n" +
            "# TYPE tickwire_stream_sessions_opened_total counter\n" +
            "tickwire_stream_sessions_opened_total " + s.opened() + "\n" +
            "# HELP tickwire_stream_refused_total /stream sessions closed at once (1008: unknown symbol, type, parameter)\n" +
            "# TYPE tickwire_stream_refused_total counter\n" +
            "tickwire_stream_refused_total " + s.refused() + "\n" +
            "# HELP tickwire_stream_slow_closed_total /stream sessions closed with 1013 because their buffer was full\n" +
            "# TYPE tickwire_stream_slow_closed_total counter\n" +
            "tickwire_stream_slow_closed_total " + s.slowClosed() + "\n" +
            "# HELP tickwire_stream_frames_sent_total frames written to /stream sessions\n" +
            "# TYPE tickwire_stream_frames_sent_total counter\n" +
            "tickwire_stream_frames_sent_total " + s.framesSent() + "\n" +
            "# HELP tickwire_stream_messages_read_total journal messages read by the stream's tailer\n" +
            "# TYPE tickwire_stream_messages_read_total counter\n" +
            "tickwire_stream_messages_read_total " + s.messagesRead() + "\n" +
            "# HELP tickwire_stream_read_seq engine sequence of the last journal message the stream's tailer handled\n" +
            "# TYPE tickwire_stream_read_seq gauge\n" +
            "tickwire_stream_read_seq " + positionSequence() + "\n";
    }

    /** A client upgraded to a WebSocket with a valid key: parse what it asks for, then subscribe it. */
    void connect(final WsConnectContext ctx, final KeyStore.KeyInfo key)
    {
        final StreamRequest request;
        try
        {
            request = StreamRequest.parse(ctx.queryParamMap(), journal.instruments());
        }
        catch (final StreamRequest.Refused refused)
        {
            counters.refused.increment();
            ctx.closeSession(StreamSession.POLICY_VIOLATION, StreamSession.trimReason(refused.getMessage()));
            return;
        }
        if (closed)
        {
            ctx.closeSession(StreamSession.GOING_AWAY, "server stopping");
            return;
        }
        final String name = (key == null ? "?" : key.name()) + "@" + ctx.session.getRemoteAddress();
        final StreamSession session = new StreamSession(ctx.session, name, bufferFrames, sender, counters);
        sessions.put(ctx.session, session);
        counters.opened.increment();
        ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
        tailer.subscribe(session, request);
        LOG.debug("stream {} opened: {}", name, ctx.queryString());
    }

    /** The WebSocket closed (either side): unsubscribe. */
    void closed(final WsCloseContext ctx)
    {
        final StreamSession session = sessions.remove(ctx.session);
        if (session != null)
        {
            session.closed();
            tailer.unsubscribe(session);
            if (ctx.status() == StreamSession.TRY_AGAIN_LATER)
            {
                slowClosed.warn("stream {} closed: {}", session.name(), ctx.reason());
            }
            else
            {
                LOG.debug("stream {} closed: {} {}", session.name(), ctx.status(), ctx.reason());
            }
        }
    }

    void failed(final WsErrorContext ctx)
    {
        final StreamSession session = sessions.get(ctx.session);
        LOG.debug("stream {}: {}", session == null ? ctx.session.getRemoteAddress() : session.name(),
            String.valueOf(ctx.error()));
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            runner.close(); // the tailer closes its sessions (1001) as it stops
            sessions.values().forEach(s -> s.close(StreamSession.GOING_AWAY, "server stopping"));
        }
        finally
        {
            sender.shutdown();
            try
            {
                if (!sender.awaitTermination(2, TimeUnit.SECONDS))
                {
                    sender.shutdownNow();
                }
            }
            catch (final InterruptedException ex)
            {
                sender.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
