package dev.tickwire.engine.bars;

import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import io.aeron.Publication;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Offers completed bars to their own Aeron publication (the bars stream), as the publish stage offers
 * ticks: encoded into one preallocated buffer, never blocking (back-pressure is retried a bounded
 * number of times, then the bar is dropped and counted), each bar stamped with the next stream
 * sequence so a subscriber sees a drop as a gap.
 */
public final class BarPublication implements BarListener
{
    private final Publication publication;
    private final int offerRetries;
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        (MessageTypes.BAR_LENGTH + 63) & ~63, 64));
    private final AtomicCounter published;
    private final AtomicCounter backPressured;
    private final AtomicCounter dropped;
    private final AtomicCounter notConnected;
    private long streamSequence;

    public BarPublication(
        final Publication publication, final int offerRetries, final AtomicCounter published,
        final AtomicCounter backPressured, final AtomicCounter dropped, final AtomicCounter notConnected)
    {
        this.publication = publication;
        this.offerRetries = offerRetries;
        this.published = published;
        this.backPressured = backPressured;
        this.dropped = dropped;
        this.notConnected = notConnected;
    }

    /** With its counters ("bars published", "bars back-pressured", "bars dropped", "bars not connected") in the engine's file. */
    public static BarPublication create(final Publication publication, final EngineCounters counters, final int offerRetries)
    {
        return new BarPublication(publication, offerRetries,
            counters.adapterCounter("bars published"),
            counters.adapterCounter("bars back-pressured"),
            counters.adapterCounter("bars dropped"),
            counters.adapterCounter("bars not connected"));
    }

    @Override
    public void onBar(final Bar bar)
    {
        final int length = bar.encode(writer, buffer, 0);
        Envelope.streamSequence(buffer, 0, ++streamSequence);
        for (int attempt = 0; attempt <= offerRetries; attempt++)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                published.incrementRelease();
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                notConnected.incrementRelease();
                return; // nobody subscribed: nothing to retry for
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                backPressured.incrementRelease();
                continue;
            }
            break; // CLOSED or MAX_POSITION_EXCEEDED: retrying cannot help
        }
        dropped.incrementRelease();
    }

    /** Stream sequence of the last bar offered. */
    public long streamSequence()
    {
        return streamSequence;
    }

    public long published()
    {
        return published.get();
    }

    public long backPressured()
    {
        return backPressured.get();
    }

    public long dropped()
    {
        return dropped.get();
    }

    public long notConnected()
    {
        return notConnected.get();
    }
}
