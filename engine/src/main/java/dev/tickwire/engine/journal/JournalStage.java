package dev.tickwire.engine.journal;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.journal.JournalWriter;

/**
 * Appends every message, accepted or rejected, to the Chronicle journal: the source of truth. The
 * slot's SBE bytes are copied as they are; the source position inside them is the checkpoint a
 * restarted adapter resumes after.
 */
public final class JournalStage implements EventHandler<TickSlot>
{
    private final JournalWriter writer;
    private final EngineCounters counters;

    public JournalStage(final JournalWriter writer, final EngineCounters counters)
    {
        this.writer = writer;
        this.counters = counters;
    }

    @Override
    public void onEvent(final TickSlot slot, final long sequence, final boolean endOfBatch)
    {
        writer.append(slot.buffer(), 0, slot.length());
        counters.journalAppends().incrementRelease();
        counters.journalBytes().getAndAddRelease(Long.BYTES + slot.length());
    }
}
