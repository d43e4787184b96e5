package dev.tickwire.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import dev.tickwire.engine.ring.TickSlot;

/**
 * The handler graph, declared in one place: validate → journal → book → publish (publish is left out
 * when the engine does not fan out, e.g. for an import).
 *
 * <p>Single-threaded (the default): one engine thread runs the four stages in order on each tick;
 * no hand-off between cores, right for a 2-core machine. Per-stage: each stage gets its own thread
 * and the Disruptor's sequence barriers order them; for bigger machines.
 */
final class EnginePipeline
{
    private EnginePipeline()
    {
    }

    static void wire(
        final Disruptor<TickSlot> disruptor,
        final boolean singleThreaded,
        final EventHandler<TickSlot> validate,
        final EventHandler<TickSlot> journal,
        final EventHandler<TickSlot> book,
        final EventHandler<TickSlot> publish)
    {
        if (singleThreaded)
        {
            disruptor.handleEventsWith(publish == null ?
                new SequentialStages(validate, journal, book) : new SequentialStages(validate, journal, book, publish));
        }
        else if (publish == null)
        {
            disruptor.handleEventsWith(validate).then(journal).then(book);
        }
        else
        {
            disruptor.handleEventsWith(validate).then(journal).then(book).then(publish);
        }
    }
}
