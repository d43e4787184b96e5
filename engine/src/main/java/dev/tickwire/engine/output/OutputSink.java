package dev.tickwire.engine.output;

import dev.tickwire.journal.JournalHandler;
import dev.tickwire.wire.Values;

/**
 * Where journaled messages go downstream of the engine (a file archive, Kafka, ClickHouse, …): the one
 * interface a new output implements. A {@link JournalTailer} reads the journal from the output's
 * durable checkpoint and hands it every message in journal order ({@link #onMessage}, on the tailer's
 * thread, never the engine's), asks it to {@link #flush} now and then, and only then moves the
 * checkpoint past what it flushed.
 *
 * <p>Delivery is at least once: after a crash, messages after the last checkpoint come again. An output
 * that must not write them twice says where to resume itself ({@link #resumeAfter}, e.g. the index it
 * committed with its own data) or lets its target deduplicate by the message's engine sequence.
 */
public interface OutputSink extends JournalHandler, AutoCloseable
{
    /**
     * Makes everything received so far durable downstream. Throwing means nothing since the last
     * successful flush is durable: the tailer backs off, then delivers those messages again.
     */
    void flush() throws Exception;

    /**
     * The journal index to resume after, given the tailer's checkpoint (its last flushed index, or
     * {@link Values#NONE}}): the checkpoint itself by default.
     */
    default long resumeAfter(final long checkpoint)
    {
        return checkpoint;
    }

    /** Releases what the output holds (files, connections); called once, after a last flush attempt. */
    @Override
    void close();
}
