package dev.tickwire.engine.fanout;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;


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
 * {@link dev.tickwire.client.MarketDataSubscriber} hands each definition to its listener once.
 */
public final class PublishStage implements EventHandler<TickSlot>
{
    private final Offerer offerer;
    private final AtomicCounter definitionsRepeated;
    private final long definitionsEveryNs;
    /** Each instrument's last definition, as published: copied once per definition, not per tick. */
    private final Int2ObjectHashMap<UnsafeBuffer> definitions = new Int2ObjectHashMap<>();
    private long lastDefinitionsNs;
    private boolean wasConnected;

    /** @param definitionsEveryNs how often the instrument definitions are offered again; 0 never */
    public PublishStage(final Offerer offerer, final AtomicCounter definitionsRepeated, final long definitionsEveryNs)
    {
        this.offerer = offerer;
        this.definitionsRepeated = definitionsRepeated;
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
        offerer.offer(buffer, 0, slot.length(), true);
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
        final boolean connected = offerer.isConnected();
        final long now = System.nanoTime();
        if (connected && !definitions.isEmpty() && (!wasConnected || now - lastDefinitionsNs >= definitionsEveryNs))
        {
            for (final UnsafeBuffer definition : definitions.values())
            {
                offerer.offer(definition, 0, definition.capacity(), false); // a repeat is not counted: it comes again
            }
            definitionsRepeated.incrementRelease();
            lastDefinitionsNs = now;
        }
        wasConnected = connected;
    }

    /** Stream sequence of the last message offered. */
    public long streamSequence()
    {
        return offerer.streamSequence();
    }
}
