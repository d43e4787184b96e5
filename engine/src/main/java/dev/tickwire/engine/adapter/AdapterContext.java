package dev.tickwire.engine.adapter;

import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.wire.Values;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

/** What the engine gives an adapter. */
public interface AdapterContext
{

    TickPublisher publisher();

    /** The last journaled source position of this adapter's source, or {@link Values#NONE}. */
    long resumePosition();

    /**
     * Event time of the last journaled record of this source (0 if none): lets a file adapter check
     * that the record at its checkpoint is still the same record, i.e. that the file was not rewritten.
     */
    long resumeEventTimeNs();

    /**
     * Registers an instrument in the journal's catalog (a new symbol gets the next id, a known one
     * keeps its id) and publishes its definition through the ring.
     *
     * @return the instrument id to stamp on its ticks
     * @throws IllegalArgumentException if the exponents differ from what the journal already holds
     */
    int defineInstrument(String symbol, String venue, int priceExponent, int sizeExponent, long tickSize);

    EngineCounters counters();

    /**
     * A counter of this adapter's own (bad files, bars skipped, …), labelled with its role name and
     * keyed by its source id; allocate at start, never per record.
     */
    default AtomicCounter counter(final String what)
    {
        return counters().sourceCounter(sourceId(), sourceName(), what);
    }

    /**
     * This source's state counter ({@link dev.tickwire.engine.counters.SourceState#code()}), for an
     * adapter that can tell waiting from tailing; fetch it at start.
     */
    default AtomicCounter stateCounter()
    {
        counters().registerSource(sourceId(), sourceName());
        return counters().sourceState(sourceId());
    }

    /** The adapter's source id (the counters' key). */
    int sourceId();

    /** The adapter's role name (the counters' label). */
    String sourceName();

    EpochNanoClock clock();
}
