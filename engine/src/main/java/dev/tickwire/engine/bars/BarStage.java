package dev.tickwire.engine.bars;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageDispatcher;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The live bar stage, after the book stage: feeds every accepted message of the ring to a
 * {@link BarFeed} (one {@link BarBuilder} per instrument and spec) and hands each completed bar to its
 * listener, normally a {@link BarPublication}. Bars close on event time only, so the bars built here
 * are the bars built later from the journal. No allocation per tick.
 */
public final class BarStage implements EventHandler<TickSlot>
{
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final BarFeed feed;

    public BarStage(final List<BarSpec> specs, final boolean emitEmpty, final BarListener listener)
    {
        this(specs, emitEmpty, listener, 0, null);
    }

    /**
     * @param depth the top-N levels of the bar features (0: none)
     * @param books the book stage's books (this stage runs after it), read at batch ends for the features
     */
    public BarStage(final List<BarSpec> specs, final boolean emitEmpty, final BarListener listener, final int depth,
        final java.util.function.IntFunction<dev.tickwire.engine.book.L2Book> books)
    {
        this.feed = new BarFeed(specs, emitEmpty, listener, depth, books);
    }

    @Override
    public void onEvent(final TickSlot slot, final long sequence, final boolean endOfBatch)
    {
        final UnsafeBuffer buffer = slot.buffer();
        if (Envelope.isAccepted(buffer, 0))
        {
            dispatcher.dispatch(buffer, 0, feed);
        }
    }

    /** The builders; read them only from the engine thread or when the engine is drained. */
    public BarFeed feed()
    {
        return feed;
    }
}
