package dev.tickwire.engine.fanout;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import io.aeron.Publication;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Last stage: offers accepted messages to the Aeron publication straight from the ring slot. It
 * never blocks the engine: on back-pressure it retries a bounded number of times, then drops the
 * message and counts it. Each message intended for the stream gets the next stream sequence, so a
 * subscriber sees a drop as a gap.
 *
 * <p>Instrument definitions are sent once when an adapter starts, often before any strategy has
 * subscribed (over UDP, from another host, a strategy cannot read the journal's catalog). So the
 * stage keeps each instrument's last definition and offers them all again when the publication
 * becomes connected and then every {@code definitionsEveryNs}, checked at the end of each batch;
 * {@link MarketDataSubscriber} hands each definition to its listener once.
 */
public final class PublishStage implements EventHandler<TickSlot>
{
    private final Publication publication;
    private final EngineCounters counters;
    private final int offerRetries;
    private final long definitionsEveryNs;
    /** Each instrument's last definition, as published: copied once per definition, not per tick. */
    private final Int2ObjectHashMap<UnsafeBuffer> definitions = new Int2ObjectHashMap<>();
    private long streamSequence;
    private long lastDefinitionsNs;
    private boolean wasConnected;

    public PublishStage(final Publication publication, final EngineCounters counters, final int offerRetries)
    {
        this(publication, counters, offerRetries, TimeUnit.SECONDS.toNanos(1));
    }

    /** @param definitionsEveryNs how often the instrument definitions are offered again; 0 never */
    public PublishStage(
        final Publication publication, final EngineCounters counters, final int offerRetries, final long definitionsEveryNs)
    {
        this.publication = publication;
        this.counters = counters;
        this.offerRetries = offerRetries;
        this.definitionsEveryNs = definitionsEveryNs;
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
        offer(buffer, slot.length(), true);
        if (Envelope.templateId(buffer, 0) == MessageTypes.INSTRUMENT)
        {
            keepDefinition(buffer, slot.length());
        }
        if (endOfBatch && definitionsEveryNs > 0)
        {
            repeatDefinitionsIfDue();
        }
    }

    private void keepDefinition(final UnsafeBuffer buffer, final int length)
    {
        final int id = Envelope.instrumentId(buffer, 0);
        UnsafeBuffer copy = definitions.get(id);
        if (copy == null || copy.capacity() != length)
        {
            copy = new UnsafeBuffer(new byte[length]);
            definitions.put(id, copy);
        }
        copy.putBytes(0, buffer, 0, length);
    }

    /** On a new connection, and every definitionsEveryNs while connected (one clock read per batch). */
    private void repeatDefinitionsIfDue()
    {
        final boolean connected = publication.isConnected();
        final long now = System.nanoTime();
        if (connected && !definitions.isEmpty() && (!wasConnected || now - lastDefinitionsNs >= definitionsEveryNs))
        {
            for (final UnsafeBuffer definition : definitions.values())
            {
                Envelope.streamSequence(definition, 0, ++streamSequence);
                offer(definition, definition.capacity(), false);
            }
            counters.definitionsRepeated().incrementRelease();
            lastDefinitionsNs = now;
        }
        wasConnected = connected;
    }

    /** @param count whether the offer counts as published or dropped (a repeated definition does not) */
    private void offer(final UnsafeBuffer buffer, final int length, final boolean count)
    {
        for (int attempt = 0; attempt <= offerRetries; attempt++)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                if (count)
                {
                    counters.published().incrementRelease();
                }
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                if (count)
                {
                    counters.notConnected().incrementRelease();
                }
                return; // nobody subscribed: nothing to retry for
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                counters.backPressured().incrementRelease();
                continue;
            }
            break; // CLOSED or MAX_POSITION_EXCEEDED: retrying cannot help
        }
        if (count)
        {
            counters.dropped().incrementRelease(); // a repeated definition that fails comes again anyway
        }
    }

    /** Stream sequence of the last message offered. */
    public long streamSequence()
    {
        return streamSequence;
    }
}