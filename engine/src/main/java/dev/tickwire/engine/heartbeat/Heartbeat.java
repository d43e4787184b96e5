package dev.tickwire.engine.heartbeat;

import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Every {@code heartbeat.every} the engine sends a HEARTBEAT status of its own (source
 * {@link MessageTypes#ENGINE_SOURCE_ID}) through the ring, so it is journaled and published like any
 * status: a subscriber tells a quiet market from a dead engine, {@code replay} carries it. Its value is
 * the count of accepted ticks so far, its source position the heartbeat's number; the counters file
 * gets the time (and the market-data stream's subscriber count), so a watcher in another process sees a
 * hung engine too.
 *
 * <p>A thread of its own that sleeps between beats: the engine thread is never woken for it except by
 * the heartbeat itself.
 */
public final class Heartbeat implements Agent
{
    private final EngineStatuses statuses;
    private final EngineCounters counters;
    private final EpochNanoClock clock;
    private final long everyNs;
    private final java.util.function.IntSupplier subscribers;
    private long nextNs;
    private long beats;

    public Heartbeat(final TickPublisher publisher, final EngineCounters counters, final EpochNanoClock clock,
        final long everyNs, final java.util.function.IntSupplier subscribers)
    {
        this.subscribers = subscribers;
        this.statuses = new EngineStatuses(publisher, clock);
        this.counters = counters;
        this.clock = clock;
        this.everyNs = everyNs;
        this.nextNs = clock.nanoTime() + everyNs; // the first after one period: a short run journals none
    }

    /** How long the heartbeat thread sleeps between checks: a tenth of the period, at most 100 ms. */
    public static long sleepMs(final long everyNs)
    {
        return Math.max(1, Math.min(100, everyNs / 10_000_000L));
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        if (now < nextNs)
        {
            return 0;
        }
        nextNs = Math.max(nextNs + everyNs, now); // after a stall, one beat, not a burst
        statuses.publish(StatusCode.HEARTBEAT, ++beats, counters.accepted().get());
        counters.heartbeats().incrementRelease();
        counters.heartbeatTimeMs().setRelease(now / 1_000_000L);
        if (subscribers != null)
        {
            counters.subscribers().setRelease(subscribers.getAsInt());
        }
        return 1;
    }

    @Override
    public String roleName()
    {
        return "tickwire-heartbeat";
    }
}
