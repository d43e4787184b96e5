package dev.tickwire.engine.fanout;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Last stage: offers accepted messages to the Aeron publication straight from the ring slot. It
 * never blocks the engine: on back-pressure it retries a bounded number of times, then drops the
 * message and counts it. Each message intended for the stream gets the next stream sequence, so a
 * subscriber sees a drop as a gap.
 */
public final class PublishStage implements EventHandler<TickSlot>
{
    private final Publication publication;
    private final EngineCounters counters;
    private final int offerRetries;
    private long streamSequence;

    public PublishStage(final Publication publication, final EngineCounters counters, final int offerRetries)
    {
        this.publication = publication;
        this.counters = counters;
        this.offerRetries = offerRetries;
    }

    @Override
    public void onEvent(final TickSlot slot, final long sequence, final boolean endOfBatch)
    {
        final UnsafeBuffer buffer = slot.buffer();
        if (!Envelope.isAccepted(buffer, 0))
        {
            return; // rejected ticks are journaled, never published
        }
        Envelope.streamSequence(buffer, 0, ++streamSequence);
        offer(buffer, slot.length());
    }

    private void offer(final UnsafeBuffer buffer, final int length)
    {
        for (int attempt = 0; attempt <= offerRetries; attempt++)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                counters.published().incrementRelease();
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                counters.notConnected().incrementRelease();
                return; // nobody subscribed: nothing to retry for
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                counters.backPressured().incrementRelease();
                continue;
            }
            break; // CLOSED or MAX_POSITION_EXCEEDED: retrying cannot help
        }
        counters.dropped().incrementRelease();
    }

    /** Stream sequence of the last message offered. */
    public long streamSequence()
    {
        return streamSequence;
    }
}
