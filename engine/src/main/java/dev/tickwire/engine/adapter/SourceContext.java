package dev.tickwire.engine.adapter;

import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.wire.Values;
import org.agrona.concurrent.EpochNanoClock;

/** One source's view of the engine: its ring, its checkpoint, the instrument definitions, counters and clock. */
public final class SourceContext implements AdapterContext
{
    private final FeedAdapter adapter;
    private final Checkpoint checkpoint;
    private final TickPublisher publisher;
    private final InstrumentDefinitions definitions;
    private final EngineCounters counters;
    private final EpochNanoClock clock;

    /** @param checkpoint the source's last journaled message, or null if it has none */
    public SourceContext(final FeedAdapter adapter, final Checkpoint checkpoint, final TickPublisher publisher,
        final InstrumentDefinitions definitions, final EngineCounters counters, final EpochNanoClock clock)
    {
        this.adapter = adapter;
        this.checkpoint = checkpoint;
        this.publisher = publisher;
        this.definitions = definitions;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public int sourceId()
    {
        return adapter.sourceId();
    }

    @Override
    public String sourceName()
    {
        return adapter.roleName();
    }

    @Override
    public TickPublisher publisher()
    {
        return publisher;
    }

    @Override
    public long resumePosition()
    {
        return checkpoint == null ? Values.NONE : checkpoint.sourcePosition();
    }

    @Override
    public long resumeEventTimeNs()
    {
        return checkpoint == null ? 0 : checkpoint.eventTimeNs();
    }

    @Override
    public int defineInstrument(
        final String symbol, final String venue, final int priceExponent, final int sizeExponent, final long tickSize)
    {
        return definitions.define(symbol, venue, priceExponent, sizeExponent, tickSize);
    }

    @Override
    public EngineCounters counters()
    {
        return counters;
    }

    @Override
    public EpochNanoClock clock()
    {
        return clock;
    }
}
