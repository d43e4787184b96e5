package dev.tickwire.engine.heartbeat;

import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The engine's own statuses (source {@link MessageTypes#ENGINE_SOURCE_ID}: heartbeats, alerts) into the
 * ring, journaled and published like a feed's. One instance per publishing thread (it owns a writer).
 */
public final class EngineStatuses
{
    private final TickPublisher publisher;
    private final EpochNanoClock clock;
    private final MessageWriter writer = new MessageWriter();

    public EngineStatuses(final TickPublisher publisher, final EpochNanoClock clock)
    {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes one status now; returns its time (epoch ns). */
    public long publish(final StatusCode code, final long position, final long value)
    {
        final long now = clock.nanoTime();
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.status(slot.buffer(), 0, MessageTypes.ENGINE_SOURCE_ID, position, 0, now, now, code, value));
        publisher.publish(sequence);
        return now;
    }
}
