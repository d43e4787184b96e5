package dev.tickwire.journal;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * Instruments by id for one reader (a row writer, an output): those it learned from definitions as they
 * passed, else the journal's catalog's (read again once for an id defined since it was opened). Not
 * thread-safe: one per reader, so lookups after the first do not touch the catalog's lock.
 */
public final class InstrumentLookup
{
    private final Int2ObjectHashMap<Instrument> byId = new Int2ObjectHashMap<>();
    private final InstrumentCatalog catalog;

    /** @param catalog the journal's catalog, or null to know only what {@link #learn} is told */
    public InstrumentLookup(final InstrumentCatalog catalog)
    {
        this.catalog = catalog;
    }

    /** Remembers a definition read from the stream (it wins over the catalog's). */
    public void learn(final Instrument instrument)
    {
        byId.put(instrument.id(), instrument);
    }

    /** The instrument, or null if neither a definition nor the catalog knows it. */
    public Instrument get(final int id)
    {
        Instrument instrument = byId.get(id);
        if (instrument == null && catalog != null)
        {
            instrument = catalog.find(id);
            if (instrument != null)
            {
                byId.put(id, instrument);
            }
        }
        return instrument;
    }

    /** The instrument's price exponent, 0 for an unknown one (its decimals are then the raw mantissas). */
    public static int priceExponent(final Instrument instrument)
    {
        return instrument == null ? 0 : instrument.priceExponent();
    }

    /** The instrument's size exponent, 0 for an unknown one. */
    public static int sizeExponent(final Instrument instrument)
    {
        return instrument == null ? 0 : instrument.sizeExponent();
    }
}
