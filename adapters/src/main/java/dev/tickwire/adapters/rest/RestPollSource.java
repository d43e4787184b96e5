package dev.tickwire.adapters.rest;

import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.collections.Object2IntHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;

/**
 * One stream of a polled API as the engine sees it: its own source id, resuming after its last journaled position.
 * It never waits on HTTP: the source's {@link Poller} thread fetches, and this adapter only drains what the poller
 * queued into the ring (definitions first), on the adapter thread. Its state counter is TAILING, STALLED while the
 * API's circuit is open.
 */
final class RestPollSource implements FeedAdapter
{
    private static final int DRAIN_LIMIT = 256;

    private final PollStream stream;
    private final Poller poller;
    private final boolean once;
    private final MessageWriter writer = new MessageWriter();
    private final Object2IntHashMap<String> instrumentIds = new Object2IntHashMap<>(0);
    private TickPublisher publisher;
    private AdapterContext context;
    private AtomicCounter state;
    private AtomicCounter undefined;
    private ThrottledLog undefinedLog;
    private int lastInstrumentId;
    private boolean stalled;

    RestPollSource(final PollStream stream, final Poller poller, final boolean once)
    {
        this.stream = stream;
        this.poller = poller;
        this.once = once;
    }

    @Override
    public int sourceId()
    {
        return stream.sourceId;
    }

    @Override
    public String roleName()
    {
        return stream.name;
    }

    PollStream stream()
    {
        return stream;
    }

    Poller poller()
    {
        return poller;
    }

    @Override
    public void start(final AdapterContext context)
    {
        this.context = context;
        this.publisher = context.publisher();
        this.state = context.stateCounter();
        this.undefined = context.counter("undefined instruments");
        this.undefinedLog = new ThrottledLog(Poller.LOG, stream.name + ": instruments that cannot be defined", 3);
        stream.register(context.resumePosition(), context.resumeEventTimeNs(), new PollStream.Counters(
            context.counter("polls"), context.counter("items"), context.counter("duplicates skipped"),
            context.counter("throttled 429"), context.counter("retries"), context.counter("failed polls"),
            context.counter("malformed"), context.counter("circuit open"), context.counter("last poll ms"),
            context.counter("next poll ms"), context.counter("rounded values")));
        poller.started();
    }

    @Override
    public int doWork()
    {
        int work = 0;
        Item item;
        while (work < DRAIN_LIMIT && (item = stream.queue.poll()) != null)
        {
            work++;
            publish(item);
        }
        // the guard turns a STALLED source that did work back to TAILING: while the circuit is open, report none
        return stalled ? 0 : work;
    }

    private void publish(final Item item)
    {
        final int instrumentId;
        if (item instanceof Item.Status status)
        {
            stalled = status.code == StatusCode.DISCONNECTED;
            state.setRelease((stalled ? SourceState.STALLED : SourceState.TAILING).code());
            instrumentId = instrumentIds.size() == 1 ? lastInstrumentId : 0; // a stream of many options: none
        }
        else
        {
            instrumentId = define(item.spec);
            if (instrumentId <= 0)
            {
                return;
            }
        }
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(item.encode(writer, slot.buffer(), stream.sourceId, instrumentId));
        if (item.malformed)
        {
            Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        }
        publisher.publish(sequence);
    }

    /** The instrument's id, defined (journal catalog and ring) the first time it is seen; 0 if it cannot be. */
    private int define(final InstrumentSpec spec)
    {
        final int known = instrumentIds.getValue(spec.symbol());
        if (known != instrumentIds.missingValue())
        {
            lastInstrumentId = known;
            return known;
        }
        try
        {
            final int id = context.defineInstrument(spec.symbol(), spec.venue(), spec.priceExponent(),
                spec.sizeExponent(), spec.tickSize());
            instrumentIds.put(spec.symbol(), id);
            lastInstrumentId = id;
            return id;
        }
        catch (final IllegalArgumentException ex)
        {
            undefined.incrementRelease();
            undefinedLog.warn("{}: {} cannot be defined, its data is skipped: {}", stream.name, spec.symbol(),
                ex.getMessage());
            return 0;
        }
    }

    @Override
    public void onClose()
    {
        undefinedLog.flush();
        poller.stopped();
    }

    @Override
    public boolean isFinite()
    {
        return once;
    }

    @Override
    public boolean isDone()
    {
        return once && poller.finished() && stream.queue.isEmpty();
    }

    @Override
    public List<String> inputProblems()
    {
        return once ? poller.failures().stream().filter(f -> f.startsWith(stream.name + ":")).toList() : List.of();
    }

    @Override
    public String describe(final long position)
    {
        return stream.name + " item at " + Timestamps.format(position - position % PollStream.NS_PER_MS) +
            (position % PollStream.NS_PER_MS == 0 ? "" : " #" + position % PollStream.NS_PER_MS);
    }
}
