package dev.tickwire.engine.adapter;

import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.MessageWriter;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.EpochNanoClock;

/**
 * How sources define their instruments: registered in the journal's catalog (a new symbol gets the next
 * id, a known one keeps its id) and the definition published through the ring once per run, whatever
 * the number of sources of the instrument (a .scid and its .depth). Shared by every source's context;
 * called at start, not per tick, so it may lock.
 */
public final class InstrumentDefinitions
{
    private final InstrumentCatalog catalog;
    private final TickPublisher publisher;
    private final EpochNanoClock clock;
    private final MessageWriter writer = new MessageWriter();
    private final IntHashSet definedThisRun = new IntHashSet();

    public InstrumentDefinitions(final InstrumentCatalog catalog, final TickPublisher publisher, final EpochNanoClock clock)
    {
        this.catalog = catalog;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @see AdapterContext#defineInstrument */
    public synchronized int define(
        final String symbol, final String venue, final int priceExponent, final int sizeExponent, final long tickSize)
    {
        final int id = catalog.register(symbol, venue, priceExponent, sizeExponent, tickSize).id();
        if (!definedThisRun.add(id))
        {
            return id;
        }
        final long now = clock.nanoTime();
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.instrument(slot.buffer(), 0, 0, id, now, now, symbol, venue, priceExponent, sizeExponent,
            tickSize));
        publisher.publish(sequence);
        return id;
    }
}
