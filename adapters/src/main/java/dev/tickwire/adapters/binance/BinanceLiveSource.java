package dev.tickwire.adapters.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of one symbol on a {@link BinanceSession}'s connection: its own source id, so each stream's
 * exchange times only go forward within its source. Nothing can be replayed from a live stream, so a
 * position is the receive clock (ns), kept above the journal's last one: a restart never reuses one.
 * Frames arrive through the session, on the adapter thread; whichever source of the session runs first
 * in a duty cycle drains the connection for all of them.
 */
abstract class BinanceLiveSource implements FeedAdapter
{
    static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.binance");

    protected final int sourceId;
    protected final String symbol;
    protected final String instrument;
    protected final String stream;
    protected final BinanceSession session;
    protected final MessageWriter writer = new MessageWriter();
    protected TickPublisher publisher;
    protected EpochNanoClock clock;
    protected int instrumentId;
    protected int priceExponent;
    protected int sizeExponent;
    private final String roleName;
    private long position;
    private ThrottledLog malformedLog;
    private AtomicCounter malformed;
    private AtomicCounter gaps;
    private AtomicCounter duplicates;

    BinanceLiveSource(final int sourceId, final String symbol, final String instrument, final String stream,
        final BinanceSession session)
    {
        this.sourceId = sourceId;
        this.symbol = symbol;
        this.instrument = instrument;
        this.stream = stream;
        this.session = session;
        this.roleName = "binance-live " + instrument + " " + stream;
    }

    @Override
    public final int sourceId()
    {
        return sourceId;
    }

    @Override
    public final String roleName()
    {
        return roleName;
    }

    @Override
    public void start(final AdapterContext context)
    {
        publisher = context.publisher();
        clock = context.clock();
        position = context.resumePosition() == Values.NONE ? 0 : context.resumePosition();
        malformedLog = new ThrottledLog(LOG, roleName + ": malformed frames", 1);
        malformed = context.counter("malformedFrames");
        gaps = context.counter("gaps");
        duplicates = context.counter("duplicates");
        session.register(this, context);
    }

    /** Called by the session once exchangeInfo said the scale (or the journal knew it). */
    final void define(final AdapterContext context, final String venue, final int priceExponent,
        final int sizeExponent, final long tickSize)
    {
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.instrumentId = context.defineInstrument(instrument, venue, priceExponent, sizeExponent, tickSize);
    }

    final boolean defined()
    {
        return instrumentId > 0;
    }

    @Override
    public int doWork()
    {
        return session.poll(clock.nanoTime());
    }

    @Override
    public void onClose()
    {
        malformedLog.flush();
        session.unregister(this);
    }

    @Override
    public String describe(final long position)
    {
        return roleName + " frame received at " + position + " ns";
    }

    /** One {@code data} object of this stream, received at {@code receiveNs} (epoch ns). */
    abstract void onData(JsonNode data, long receiveNs);

    /** The connection was lost: what this stream had in flight is gone (no frames until the next one). */
    void onDisconnected(final long nowNs)
    {
        status(StatusCode.DISCONNECTED, 0, nowNs);
    }

    /** The next source position: above the last, and the receive clock when that is higher. */
    protected final long nextPosition()
    {
        position = Math.max(position + 1, clock.nanoTime());
        return position;
    }

    protected final void status(final StatusCode code, final long value, final long nowNs)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.status(slot.buffer(), 0, sourceId, nextPosition(), instrumentId, nowNs, nowNs, code, value));
        publisher.publish(sequence);
    }

    /** A gap in the exchange's ids: journaled, never papered over. */
    protected final void gap(final long missed, final long nowNs)
    {
        gaps.incrementRelease();
        status(StatusCode.GAP, missed, nowNs);
    }

    protected final void duplicate()
    {
        duplicates.incrementRelease();
    }

    /**
     * A frame of this stream that does not parse: said once then counted, and journaled as a rejected
     * (MALFORMED) record so the journal shows where it was.
     */
    protected final void malformed(final String why, final long receiveNs)
    {
        malformed.incrementRelease();
        if (malformedLog.admit())
        {
            LOG.warn("{}: malformed frame, journaled as rejected: {}{}", roleName, why, malformedLog.suffix());
        }
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, nextPosition(), instrumentId, 0, receiveNs, 0, 0, Side.NONE,
            0, Values.NONE, Values.NONE));
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }

    protected final long price(final JsonNode node)
    {
        return FixedPoint.parse(text(node), priceExponent);
    }

    protected final long size(final JsonNode node)
    {
        return FixedPoint.parse(text(node), sizeExponent);
    }

    protected static String text(final JsonNode node)
    {
        if (node == null || !node.isTextual())
        {
            throw new IllegalArgumentException("a decimal string expected, found " + node);
        }
        return node.textValue();
    }

    protected static long number(final JsonNode data, final String field)
    {
        final JsonNode node = data.get(field);
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong())
        {
            throw new IllegalArgumentException("field " + field + ": an integer expected, found " + node);
        }
        return node.longValue();
    }
}
