package dev.tickwire.engine.counters;

import dev.tickwire.wire.sbe.RejectReason;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The engine's counters. Each counter has one writer (the stage that owns it) and is updated with
 * release semantics, so readers in other threads or processes see consistent values without locks.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Type ids, so a reader can tell counters apart without parsing labels. */
    public static final int TYPE_ENGINE = 1;
    public static final int TYPE_REJECT = 2;
    public static final int TYPE_SOURCE_LAST_EVENT_TIME = 3;
    public static final int TYPE_SOURCE_RECORDS = 4;
    public static final int TYPE_ADAPTER = 5;

    private final CountersManager manager;
    private final AtomicCounter ticksIn;
    private final AtomicCounter accepted;
    private final AtomicCounter rejectedTotal;
    private final AtomicCounter[] rejectedByReason = new AtomicCounter[256];
    private final AtomicCounter journalAppends;
    private final AtomicCounter journalBytes;
    private final AtomicCounter bookUpdates;
    private final AtomicCounter published;
    private final AtomicCounter backPressured;
    private final AtomicCounter dropped;
    private final AtomicCounter notConnected;
    private final AtomicCounter definitionsRepeated;
    private final AtomicCounter errors;
    private final AtomicCounter[] sourceLastEventTime = new AtomicCounter[1 << 16];

    public EngineCounters(final CountersManager manager)
    {
        this.manager = manager;
        ticksIn = engine("ticks in");
        accepted = engine("ticks accepted");
        rejectedTotal = engine("ticks rejected");
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL)
            {
                rejectedByReason[reason.value()] = manager.newCounter("rejected: " + reason.name(), TYPE_REJECT);
            }
        }
        journalAppends = engine("journal appends");
        journalBytes = engine("journal bytes");
        bookUpdates = engine("book updates");
        published = engine("aeron published");
        backPressured = engine("aeron back-pressured");
        dropped = engine("aeron dropped");
        notConnected = engine("aeron not connected");
        definitionsRepeated = engine("definitions re-sent");
        errors = engine("engine errors");
    }

    private AtomicCounter engine(final String label)
    {
        return manager.newCounter(label, TYPE_ENGINE);
    }

    public AtomicCounter ticksIn()
    {
        return ticksIn;
    }

    public AtomicCounter accepted()
    {
        return accepted;
    }

    public AtomicCounter rejectedTotal()
    {
        return rejectedTotal;
    }

    /** Counts one rejected message under its reason and in the total. */
    public void countReject(final int reasonCode)
    {
        rejectedTotal.incrementRelease();
        final AtomicCounter counter = rejectedByReason[reasonCode];
        (counter != null ? counter : rejectedByReason[RejectReason.MALFORMED.value()]).incrementRelease();
    }

    public long rejectedCount(final RejectReason reason)
    {
        return rejectedByReason[reason.value()].get();
    }

    public AtomicCounter journalAppends()
    {
        return journalAppends;
    }

    /** Payload bytes appended to the journal (messages plus their watermark). */
    public AtomicCounter journalBytes()
    {
        return journalBytes;
    }

    public AtomicCounter bookUpdates()
    {
        return bookUpdates;
    }

    public AtomicCounter published()
    {
        return published;
    }

    public AtomicCounter backPressured()
    {
        return backPressured;
    }

    public AtomicCounter dropped()
    {
        return dropped;
    }

    public AtomicCounter notConnected()
    {
        return notConnected;
    }

    /** Times the instrument definitions were offered again for subscribers that joined late. */
    public AtomicCounter definitionsRepeated()
    {
        return definitionsRepeated;
    }

    /** Exceptions caught in a stage or an adapter; the engine logs them and goes on. */
    public AtomicCounter errors()
    {
        return errors;
    }

    /** Allocates the per-source counters; called once per source at start, not on the hot path. */
    public synchronized AtomicCounter sourceLastEventTime(final int sourceId, final String name)
    {
        AtomicCounter counter = sourceLastEventTime[sourceId];
        if (counter == null)
        {
            counter = manager.newCounter("source " + sourceId + " (" + name + ") last event time ns",
                TYPE_SOURCE_LAST_EVENT_TIME);
            sourceLastEventTime[sourceId] = counter;
        }
        return counter;
    }

    /** The per-source counter if allocated, else null. */
    public AtomicCounter sourceLastEventTimeOrNull(final int sourceId)
    {
        return sourceLastEventTime[sourceId];
    }

    /** A counter of an adapter's own (bad files, bars skipped, …); allocated at start, not per tick. */
    public synchronized AtomicCounter adapterCounter(final String label)
    {
        return manager.newCounter(label, TYPE_ADAPTER);
    }

    @Override
    public void close()
    {
        // counters stay in the file after exit so `tickwire stat` can show the last run's totals
    }
}
