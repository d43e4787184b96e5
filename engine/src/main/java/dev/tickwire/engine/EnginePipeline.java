package dev.tickwire.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import dev.tickwire.engine.ring.TickSlot;

import java.util.ArrayList;
import java.util.List;

/**
 * The handler graph, declared in one place: validate → journal → book → bars → publish (bars only when
 * bar specs are configured; publish and bars are left out when the engine does not fan out, e.g. for
 * an import).
 *
 * <p>Single-threaded (the default): one engine thread runs the stages in order on each tick; no
 * hand-off between cores, right for a 2-core machine. Per-stage: each stage gets its own thread and
 * the Disruptor's sequence barriers order them; for bigger machines. There the bar stage runs beside
 * the publish stage, both after the book stage, so building bars never delays a tick's fan-out.
 */
final class EnginePipeline
{
    private EnginePipeline()
    {
    }

    /**
     * @param bars    null when no bars are configured
     * @param publish null when the engine does not fan out
     */
    static void wire(
        final Disruptor<TickSlot> disruptor,
        final boolean singleThreaded,
        final EventHandler<TickSlot> validate,
        final EventHandler<TickSlot> journal,
        final EventHandler<TickSlot> book,
        final EventHandler<TickSlot> bars,
        final EventHandler<TickSlot> publish)
    {
        final List<EventHandler<TickSlot>> after = new ArrayList<>(2);
        if (bars != null)
        {
            after.add(bars);
        }
        if (publish != null)
        {
            after.add(publish);
        }
        if (singleThreaded)
        {
            final List<EventHandler<TickSlot>> stages = new ArrayList<>(List.of(validate, journal, book));
            stages.addAll(after);
            disruptor.handleEventsWith(new SequentialStages(array(stages)));
        }
        else if (after.isEmpty())
        {
            disruptor.handleEventsWith(validate).then(journal).then(book);
        }
        else
        {
            disruptor.handleEventsWith(validate).then(journal).then(book).then(array(after));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array cannot be created otherwise
    private static EventHandler<TickSlot>[] array(final List<EventHandler<TickSlot>> handlers)
    {
        return handlers.toArray(new EventHandler[0]);
    }
}
