package dev.tickwire.engine.fanout;

import dev.tickwire.wire.Envelope;
import io.aeron.Publication;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The one way tickwire offers to an Aeron publication without ever blocking the caller: each message
 * gets the stream's next sequence (a subscriber sees a drop as a gap); back-pressure and admin actions
 * are retried {@code offerRetries} times, then the message is dropped and counted; not connected (no
 * subscriber) is counted and not retried; closed is a drop. Used by the publish stage (ticks) and the
 * bars publication. Single writer: the stage that owns it.
 */
public final class Offerer
{
    /** What happened to each offer, in the engine's counters file. */
    public record Counters(AtomicCounter published, AtomicCounter backPressured, AtomicCounter dropped,
        AtomicCounter notConnected)
    {
    }

    private final Publication publication;
    private final int offerRetries;
    private final Counters counters;
    private long streamSequence;

    public Offerer(final Publication publication, final int offerRetries, final Counters counters)
    {
        this.publication = publication;
        this.offerRetries = offerRetries;
        this.counters = counters;
    }

    /**
     * Stamps the next stream sequence into the message and offers it.
     *
     * @param counted false for a message that does not count as published or dropped (a repeated
     *                definition: it comes again anyway)
     * @return true if the publication took it
     */
    public boolean offer(final MutableDirectBuffer buffer, final int offset, final int length, final boolean counted)
    {
        Envelope.streamSequence(buffer, offset, ++streamSequence);
        for (int attempt = 0; attempt <= offerRetries; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                if (counted)
                {
                    counters.published.incrementRelease();
                }
                return true;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                if (counted)
                {
                    counters.notConnected.incrementRelease();
                }
                return false; // nobody subscribed: nothing to retry for
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                counters.backPressured.incrementRelease();
                continue;
            }
            break; // CLOSED or MAX_POSITION_EXCEEDED: retrying cannot help
        }
        if (counted)
        {
            counters.dropped.incrementRelease();
        }
        return false;
    }

    /** True if a subscriber's image is connected. */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /** Stream sequence of the last message offered. */
    public long streamSequence()
    {
        return streamSequence;
    }

    public Counters counters()
    {
        return counters;
    }
}
