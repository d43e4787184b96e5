package dev.tickwire.journal;

/**
 * The kinds of source and the source-id range each takes ids from. Ids are 16 bits (the envelope's
 * {@code sourceId}); a checkpoint is the last journaled message of a source id, so an id must name one
 * source for the journal's whole life. Explicit ids (synthetic sources) are given in the config;
 * every other kind is allocated by {@link SourceCatalog}.
 */
public enum SourceKind
{
    /** Given in the config (synthetic sources): 1–999. */
    EXPLICIT(1, 999),
    SIERRA(1_000, 9_999),
    TARDIS(10_000, 29_999),
    BINANCE(30_000, 39_999),
    LOBSTER(40_000, 49_999),
    /** Where any kind goes once its own range is full, and kinds to come. */
    SHARED(50_000, 65_535);

    public final int first;
    public final int last;

    SourceKind(final int first, final int last)
    {
        this.first = first;
        this.last = last;
    }

    public boolean contains(final int sourceId)
    {
        return sourceId >= first && sourceId <= last;
    }
}
