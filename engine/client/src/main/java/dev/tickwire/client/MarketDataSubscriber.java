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
 * <p>{@link #subscribeFrom} starts in the past: it replays the engine's Aeron Archive recording from a position
 * or a time and merges into the live stream without a gap or a duplicate (the stream sequence carries on).
 *
 * <p>Run it as an Agrona {@link Agent} on an AgentRunner, or call {@link #poll()} from your own loop.
 */
public final class MarketDataSubscriber implements Agent, FragmentHandler, AutoCloseable
{
    public static final int DEFAULT_FRAGMENT_LIMIT = 256;
    public static final long DEFAULT_SILENT_AFTER_NS = 3_000_000_000L;

    /** The live subscription; null while a catch-up is replaying. */
    private Subscription subscription;
    private Catchup catchup;
    /** Messages the engine received before this (receive time, epoch ns) are skipped; MIN_VALUE: none. */
    private long fromReceiveTimeNs = Long.MIN_VALUE;
    private long position;
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

    /**
     * Replays the engine's recorded stream from {@code from} and then merges into the live stream, without a
     * gap or a duplicate: one call, then {@link #poll()} as usual. The engine must record
     * ({@code archive.aeron.record: true}) and publish on UDP with a control endpoint (multi-destination cast,
     * {@code aeron:udp?control=<engine host>:40124|control-mode=dynamic}). Needs {@code io.aeron:aeron-archive}
     * on the strategy's class path (an optional dependency of tickwire-client).
     *
     * @param archive     connected to the engine's archive (its control channel, e.g.
     *                    {@code aeron:udp?endpoint=<engine host>:8010}); its Aeron client receives the stream
     * @param liveChannel this host's live destination, e.g.
     *                    {@code aeron:udp?endpoint=<this host>:0|control=<engine host>:40124}
     * @param streamId    the engine's stream (1001 by default)
     * @param from        a position in the current recording, a time, or the recording's start
     */
    public static MarketDataSubscriber subscribeFrom(
        final io.aeron.archive.client.AeronArchive archive, final String liveChannel, final int streamId,
        final ReplayFrom from, final MarketDataListener listener)
    {
        final MarketDataSubscriber subscriber =
            new MarketDataSubscriber(null, listener, DEFAULT_FRAGMENT_LIMIT, true);
        subscriber.catchup = ArchiveCatchup.start(archive, liveChannel, streamId, from);
        if (from.kind() == ReplayFrom.Kind.TIME)
        {
            subscriber.fromReceiveTimeNs = from.value();
        }
        return subscriber;
    }

    /** Polls once; returns the number of fragments handled. */
    public int poll()
    {
        final int fragments;
        if (catchup != null)
        {
            fragments = catchup.poll(this, fragmentLimit);
            if (catchup.live() != null)
            {
                subscription = catchup.live(); // merged: from now on an ordinary live subscriber
                catchup.close();
                catchup = null;
            }
        }
        else
        {
            fragments = subscription.poll(this, fragmentLimit);
        }
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
        position = header.position();
        if (fromReceiveTimeNs != Long.MIN_VALUE)
        {
            if (Envelope.receiveTimeNs(buffer, offset) < fromReceiveTimeNs &&
                Envelope.templateId(buffer, offset) != MessageTypes.INSTRUMENT)
            {
                return; // before the time asked for (definitions pass: the listener needs them)
            }
            fromReceiveTimeNs = Long.MIN_VALUE; // from here on everything, in the engine's order
        }
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
        return subscription != null && subscription.isConnected();
    }

    /** True once a {@link #subscribeFrom} catch-up has merged into the live stream (always for a live one). */
    public boolean isLive()
    {
        return catchup == null;
    }

    /**
     * The stream position after the last message (in the publication's log, as recorded): a place to come back
     * to with {@code subscribeFrom(..., ReplayFrom.position(p), ...)} while the engine runs.
     */
    public long position()
    {
        return position;
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
        if (catchup != null)
        {
            catchup.close();
            catchup = null;
        }
        if (ownsSubscription && subscription != null)
        {
            subscription.close();
        }
    }
}
