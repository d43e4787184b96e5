package dev.tickwire.client;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.Agent;

/**
 * What a strategy process uses to receive tickwire market data: polls an Aeron subscription,
 * decodes each message and calls the {@link MarketDataListener}. Detects messages the engine dropped
 * under back-pressure from gaps in the stream sequence, per publication (image).
 *
 * <p>The engine sends a heartbeat status every second ({@code heartbeat.every}); when none arrives for
 * {@link #silentAfterNs(long)} (default 3 s) the listener hears {@code onEngineSilent}, and
 * {@code onEngineResumed} with the next one, so a strategy can tell a quiet market from a dead engine.
 *
 * <p>Run it as an Agrona {@link Agent} on an AgentRunner, or call {@link #poll()} from your own loop.
 */
public final class MarketDataSubscriber implements Agent, FragmentHandler, AutoCloseable
{
    public static final int DEFAULT_FRAGMENT_LIMIT = 256;
    public static final long DEFAULT_SILENT_AFTER_NS = 3_000_000_000L;

    private final Subscription subscription;
    private final MarketDataListener listener;
    private final int fragmentLimit;
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final Int2ObjectHashMap<long[]> lastSequenceBySession = new Int2ObjectHashMap<>();
    private final IntHashSet definedInstruments = new IntHashSet();
    private final boolean ownsSubscription;
    private long received;
    private long gaps;
    private long silentAfterNs = DEFAULT_SILENT_AFTER_NS;
    private long lastHeardNs = System.nanoTime(); // the engine gets silentAfter from the start to be heard
    private long lastHeartbeatEventNs;
    private boolean silent;

    public MarketDataSubscriber(final Subscription subscription, final MarketDataListener listener)
    {
        this(subscription, listener, DEFAULT_FRAGMENT_LIMIT, false);
    }

    private MarketDataSubscriber(
        final Subscription subscription, final MarketDataListener listener, final int fragmentLimit,
        final boolean ownsSubscription)
    {
        this.subscription = subscription;
        this.listener = listener;
        this.fragmentLimit = fragmentLimit;
        this.ownsSubscription = ownsSubscription;
    }

    /** Subscribes on {@code aeron} to a channel and stream, e.g. ("aeron:ipc", 1001). */
    public static MarketDataSubscriber subscribe(
        final Aeron aeron, final String channel, final int streamId, final MarketDataListener listener)
    {
        return new MarketDataSubscriber(aeron.addSubscription(channel, streamId), listener, DEFAULT_FRAGMENT_LIMIT, true);
    }

    /** Polls once; returns the number of fragments handled. */
    public int poll()
    {
        final int fragments = subscription.poll(this, fragmentLimit);
        if (fragments == 0 && !silent && silentAfterNs > 0 && System.nanoTime() - lastHeardNs > silentAfterNs)
        {
            silent = true;
            listener.onEngineSilent(lastHeartbeatEventNs);
        }
        return fragments;
    }

    /**
     * How long without a heartbeat before {@code onEngineSilent}: a few of the engine's
     * {@code heartbeat.every}; 0 turns the check off (an engine with heartbeats off).
     */
    public MarketDataSubscriber silentAfterNs(final long silentAfterNs)
    {
        this.silentAfterNs = silentAfterNs;
        return this;
    }

    /** True after {@code onEngineSilent} until the next heartbeat. */
    public boolean isEngineSilent()
    {
        return silent;
    }

    @Override
    public int doWork()
    {
        return poll();
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long sequence = Envelope.streamSequence(buffer, offset);
        long[] last = lastSequenceBySession.get(header.sessionId());
        if (last == null)
        {
            last = new long[] {sequence - 1}; // once per publication, not per message
            lastSequenceBySession.put(header.sessionId(), last);
        }
        if (sequence != last[0] + 1)
        {
            gaps += sequence - last[0] - 1;
            listener.onGap(last[0] + 1, sequence);
        }
        last[0] = sequence;
        received++;
        if (Envelope.isEngineHeartbeat(buffer, offset))
        {
            heard(Envelope.eventTimeNs(buffer, offset));
        }
        if (Envelope.templateId(buffer, offset) == MessageTypes.INSTRUMENT &&
            !definedInstruments.add(Envelope.instrumentId(buffer, offset)))
        {
            return; // the engine repeats definitions for late joiners; the listener gets each once
        }
        dispatcher.dispatch(buffer, offset, listener);
    }

    private void heard(final long heartbeatEventNs)
    {
        lastHeardNs = System.nanoTime();
        lastHeartbeatEventNs = heartbeatEventNs;
        if (silent)
        {
            silent = false;
            listener.onEngineResumed();
        }
    }

    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    /** Messages received so far. */
    public long received()
    {
        return received;
    }

    /** Messages the engine dropped before they reached this subscriber. */
    public long gaps()
    {
        return gaps;
    }

    @Override
    public String roleName()
    {
        return "tickwire-subscriber";
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        if (ownsSubscription)
        {
            subscription.close();
        }
    }
}
