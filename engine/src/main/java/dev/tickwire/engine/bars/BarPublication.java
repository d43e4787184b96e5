package dev.tickwire.engine.bars;

import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.fanout.Offerer;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import io.aeron.Publication;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Offers completed bars to their own Aeron publication (the bars stream) through an {@link Offerer},
 * as the publish stage offers ticks: encoded into one preallocated buffer, never blocking.
 */
public final class BarPublication implements BarListener
{
    private final Offerer offerer;
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        (MessageTypes.BAR_LENGTH + 63) & ~63, 64));

    public BarPublication(final Offerer offerer)
    {
        this.offerer = offerer;
    }

    /** With its counters ("bars published", "… back-pressured", "… dropped", "… not connected") keyed by the stream id. */
    public static BarPublication create(
        final Publication publication, final int streamId, final EngineCounters counters, final int offerRetries)
    {
        return new BarPublication(new Offerer(publication, offerRetries, counters.publicationCounters(streamId, "bars")));
    }

    @Override
    public void onBar(final Bar bar)
    {
        offerer.offer(buffer, 0, bar.encode(writer, buffer, 0), true);
    }

    /** Stream sequence of the last bar offered. */
    public long streamSequence()
    {
        return offerer.streamSequence();
    }

    public long published()
    {
        return offerer.counters().published().get();
    }

    public long backPressured()
    {
        return offerer.counters().backPressured().get();
    }

    public long dropped()
    {
        return offerer.counters().dropped().get();
    }

    public long notConnected()
    {
        return offerer.counters().notConnected().get();
    }
}
