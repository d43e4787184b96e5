package dev.tickwire.engine.adapter;

import org.agrona.concurrent.Agent;

import java.util.List;

/**
 * A feed: turns source records into ticks in the ring. The engine calls {@link #start} once with
 * the adapter's context (publisher, resume checkpoint, instrument registration), then runs the
 * adapter as an Agrona {@link Agent}: {@code doWork()} publishes what is available and returns how
 * much it did, the AgentRunner's idle strategy handles the rest; {@code onClose()} releases files.
 */
public interface FeedAdapter extends Agent
{
    /** The source id stamped on every message; unique per engine, stable across restarts. */
    int sourceId();

    /**
     * Called once before the first {@code doWork()}, on the engine's thread.
     *
     * @param context where to publish and where to resume: the adapter must publish only records
     *                after {@link AdapterContext#resumePosition()} so a restart journals each exactly once
     */
    void start(AdapterContext context);

    /**
     * Where a source position is, in words a user can act on, e.g. "ESM25_FUT_CME.scid byte 4056 (record 100)".
     * Called on the engine thread when a record is rejected: it must be a pure function of the position.
     */
    default String describe(final long position)
    {
        return roleName() + " position " + position;
    }

    /** True when a finite source (an import, a bounded synthetic run) has published everything. */
    default boolean isDone()
    {
        return false;
    }

    /**
     * True for a source that ends (an import, a bounded synthetic run): if it keeps failing it is
     * given up rather than retried forever ({@link AdapterGuard}).
     */
    default boolean isFinite()
    {
        return false;
    }

    /**
     * What this source could not read whole (a file cut short, unreadable, vanished), one message
     * each, for an import's summary and exit code. Read once the source is done.
     */
    default List<String> inputProblems()
    {
        return List.of();
    }
}
