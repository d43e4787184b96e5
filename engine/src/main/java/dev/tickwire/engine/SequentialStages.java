package dev.tickwire.engine;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.ring.TickSlot;

/** Runs several stages one after the other on each event: the single-thread engine. */
final class SequentialStages implements EventHandler<TickSlot>
{
    private final EventHandler<TickSlot>[] stages;

    @SafeVarargs
    SequentialStages(final EventHandler<TickSlot>... stages)
    {
        this.stages = stages;
    }

    @Override
    public void onEvent(final TickSlot slot, final long sequence, final boolean endOfBatch) throws Exception
    {
        for (final EventHandler<TickSlot> stage : stages)
        {
            stage.onEvent(slot, sequence, endOfBatch);
        }
    }
}
