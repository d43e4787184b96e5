package dev.tickwire.engine.validate;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import dev.tickwire.engine.book.BatchedBook;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.wire.BookDeltas;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;
import java.util.Map;

/**
 * First stage: decides the verdict of every message and writes it into the slot. A rejected message
 * keeps flowing (the journal records it with its reason) but later stages neither apply nor publish it.
 *
 * <p>Book batches are judged whole: at the first delta of a batch the stage looks ahead to its
 * END_OF_BATCH (adapters publish a batch as one ring range), applies it to a shadow book and, if the
 * book would be crossed at the batch end, rejects every delta of the batch and rolls the shadow back.
 * The live book then never shows a crossed state, and replaying the journal's accepted deltas gives
 * the same book.
 *
 * <p>State is per source (position, event time) and per instrument (tick size, last trade, shadow
 * book), in arrays indexed by id; this stage is its only writer.
 */
public final class ValidateStage implements EventHandler<TickSlot>
{
    private static final int MAX_SOURCES = 1 << 16;
    private static final int MAX_BATCH = 1 << 14;
    /**
     * How long to wait for an already-claimed slot: the Disruptor itself cannot move past an
     * unpublished claimed slot either, so waiting costs nothing extra; the bound only guards shutdown.
     */
    private static final long MAX_BATCH_WAIT_NS = 1_000_000_000L;
    /** Instrument ids come from the journal's catalog (1, 2, 3…); anything far beyond is malformed. */
    private static final int MAX_INSTRUMENT_ID = 1 << 20;

    private final RingBuffer<TickSlot> ring;
    private final ValidationLimits limits;
    private final EngineCounters counters;
    private RejectReporter rejectReporter = RejectReporter.NONE;

    private final long[] lastPosition = new long[MAX_SOURCES];
    private final long[] lastEventTime = new long[MAX_SOURCES];

    private boolean[] known = new boolean[64];
    private long[] tickSize = new long[64];
    private long[] lastTrade = new long[64];
    private BatchedBook[] shadow = new BatchedBook[64];

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final QuoteDecoder quote = new QuoteDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final CandleDecoder candle = new CandleDecoder();
    private final DerivativeTickerDecoder ticker = new DerivativeTickerDecoder();
    private final LiquidationDecoder liquidation = new LiquidationDecoder();
    private final OptionSummaryDecoder option = new OptionSummaryDecoder();

    /** Highest ring sequence already judged by a batch look-ahead. */
    private long judgedUpTo = -1;

    /**
     * @param resumeFrom the last journaled message of each source (its position, and its event time unless
     *                   that is Values.NONE), so a restart keeps rejecting duplicates and backwards time
     */
    public ValidateStage(
        final RingBuffer<TickSlot> ring,
        final ValidationLimits limits,
        final EngineCounters counters,
        final Map<Integer, Checkpoint> resumeFrom)
    {
        this.ring = ring;
        this.limits = limits;
        this.counters = counters;
        Arrays.fill(lastPosition, Values.NONE);
        Arrays.fill(lastEventTime, Values.NONE);
        resumeFrom.forEach((source, checkpoint) ->
        {
            lastPosition[source] = checkpoint.sourcePosition();
            lastEventTime[source] = checkpoint.eventTimeNs();
        });
    }

    /** Who hears of rejects (the engine logs them with the adapter's description of the position). */
    public ValidateStage rejectReporter(final RejectReporter reporter)
    {
        this.rejectReporter = reporter;
        return this;
    }

    @Override
    public void onEvent(final TickSlot slot, final long sequence, final boolean endOfBatch)
    {
        counters.ticksIn().incrementRelease();
        if (sequence <= judgedUpTo)
        {
            countVerdict(slot.buffer()); // judged with its batch
            return;
        }
        final UnsafeBuffer buffer = slot.buffer();
        switch (Envelope.templateId(buffer, 0))
        {
            case MessageTypes.TRADE: judgeTrade(buffer); break;
            case MessageTypes.QUOTE: judgeQuote(buffer); break;
            case MessageTypes.BOOK_DELTA: judgeBatch(sequence); return;
            case MessageTypes.INSTRUMENT: judgeDefinition(buffer); break;
            case MessageTypes.STATUS: break;
            case MessageTypes.CANDLE: judgeCandle(buffer); break;
            case MessageTypes.DERIVATIVE_TICKER: judgeTicker(buffer); break;
            case MessageTypes.LIQUIDATION: judgeLiquidation(buffer); break;
            case MessageTypes.OPTION_SUMMARY: judgeOption(buffer); break;
            default: Envelope.reject(buffer, 0, RejectReason.MALFORMED); break;
        }
        countVerdict(buffer);
    }

    /**
     * Starts an instrument's shadow book from a rebuilt one (a restart), so the first batch after
     * the restart is judged against the whole book. Call before the engine thread starts.
     */
    public void restore(final L2Book from)
    {
        final int id = from.instrumentId();
        if (id <= 0 || id > MAX_INSTRUMENT_ID)
        {
            return;
        }
        ensureInstrumentCapacity(id);
        if (shadow[id] == null)
        {
            shadow[id] = new BatchedBook(new L2Book(id, 64));
        }
        shadow[id].book().copyFrom(from);
    }

    private void judgeDefinition(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        definition.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int id = definition.instrumentId();
        if (id <= 0 || id > MAX_INSTRUMENT_ID || definition.tickSize() <= 0)
        {
            Envelope.reject(buffer, 0, RejectReason.MALFORMED);
            return;
        }
        ensureInstrumentCapacity(id);
        known[id] = true;
        tickSize[id] = definition.tickSize();
        if (shadow[id] == null)
        {
            shadow[id] = new BatchedBook(new L2Book(id, 64));
        }
    }

    private void judgeTrade(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        trade.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int id = trade.instrumentId();
        RejectReason reason = checkEnvelope(buffer, id);
        if (reason == RejectReason.NONE)
        {
            reason = checkPrice(id, trade.price());
        }
        if (reason == RejectReason.NONE && trade.size() < 0)
        {
            reason = RejectReason.SIZE_NEGATIVE;
        }
        if (reason == RejectReason.NONE && trade.bidPrice() != Values.NONE)
        {
            reason = checkPrice(id, trade.bidPrice());
        }
        if (reason == RejectReason.NONE && trade.askPrice() != Values.NONE)
        {
            reason = checkPrice(id, trade.askPrice());
        }
        if (reason == RejectReason.NONE)
        {
            reason = checkBand(id, trade.price());
        }
        if (finish(buffer, reason))
        {
            lastTrade[id] = trade.price();
        }
    }

    private void judgeQuote(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        quote.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int id = quote.instrumentId();
        RejectReason reason = checkEnvelope(buffer, id);
        final boolean hasBid = quote.bidPrice() != 0 || quote.bidSize() != 0;
        final boolean hasAsk = quote.askPrice() != 0 || quote.askSize() != 0;
        if (reason == RejectReason.NONE && hasBid)
        {
            reason = checkLevel(id, quote.bidPrice(), quote.bidSize());
        }
        if (reason == RejectReason.NONE && hasAsk)
        {
            reason = checkLevel(id, quote.askPrice(), quote.askSize());
        }
        if (reason == RejectReason.NONE && hasBid && hasAsk && quote.bidPrice() > quote.askPrice())
        {
            reason = RejectReason.CROSSED_BOOK; // bid == ask (locked) is a real-data quirk and passes
        }
        if (reason == RejectReason.NONE && hasBid)
        {
            reason = checkBand(id, quote.bidPrice());
        }
        if (reason == RejectReason.NONE && hasAsk)
        {
            reason = checkBand(id, quote.askPrice());
        }
        finish(buffer, reason);
    }

    private void judgeCandle(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        candle.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int id = candle.instrumentId();
        RejectReason reason = checkEnvelope(buffer, id);
        if (reason == RejectReason.NONE)
        {
            reason = checkPrice(id, candle.openPrice());
        }
        if (reason == RejectReason.NONE)
        {
            reason = checkPrice(id, candle.highPrice());
        }
        if (reason == RejectReason.NONE)
        {
            reason = checkPrice(id, candle.lowPrice());
        }
        if (reason == RejectReason.NONE)
        {
            reason = checkPrice(id, candle.closePrice());
        }
        finish(buffer, reason == RejectReason.NONE ? ReferenceChecks.candle(candle) : reason);
    }

    private void judgeTicker(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        ticker.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final RejectReason reason = checkEnvelope(buffer, ticker.instrumentId());
        finish(buffer, reason == RejectReason.NONE ? ReferenceChecks.ticker(ticker) : reason);
    }

    private void judgeLiquidation(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        liquidation.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final RejectReason reason = checkEnvelope(buffer, liquidation.instrumentId());
        finish(buffer, reason == RejectReason.NONE ? ReferenceChecks.liquidation(liquidation) : reason);
    }

    private void judgeOption(final UnsafeBuffer buffer)
    {
        header.wrap(buffer, 0);
        option.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final RejectReason reason = checkEnvelope(buffer, option.instrumentId());
        finish(buffer, reason == RejectReason.NONE ? ReferenceChecks.option(option) : reason);
    }

    /** Judges the batch starting at {@code first}: each delta on its own, then the book at its end. */
    private void judgeBatch(final long first)
    {
        final UnsafeBuffer firstBuffer = ring.get(first).buffer();
        final int instrumentId = Envelope.instrumentId(firstBuffer, 0);
        final int sourceId = Envelope.sourceId(firstBuffer, 0);
        final long last = batchEnd(first, instrumentId, sourceId);
        final boolean knownInstrument = instrumentId > 0 && instrumentId < known.length && known[instrumentId];
        final BatchedBook book = knownInstrument ? shadow[instrumentId] : null;
        final long clockBeforeBatch = lastEventTime[sourceId];

        boolean terminated = false;
        for (long s = first; s <= last; s++)
        {
            final UnsafeBuffer buffer = ring.get(s).buffer();
            header.wrap(buffer, 0);
            delta.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (finish(buffer, checkDelta(buffer, instrumentId)) && book != null)
            {
                book.apply(delta);
            }
            terminated = delta.flags().endOfBatch();
        }

        if (book != null && terminated && book.book().isCrossed())
        {
            book.rollBack();
            for (long s = first; s <= last; s++)
            {
                Envelope.reject(ring.get(s).buffer(), 0, RejectReason.CROSSED_BOOK);
            }
            lastEventTime[sourceId] = clockBeforeBatch; // only accepted events move a source's clock
            final AtomicCounter sourceTime = counters.sourceLastEventTimeOrNull(sourceId);
            if (sourceTime != null && clockBeforeBatch != Values.NONE)
            {
                sourceTime.setRelease(clockBeforeBatch);
            }
        }
        if (book != null)
        {
            book.commit(); // a batch cut by the ring's size is judged in parts: each part stands on its own
        }
        countVerdict(firstBuffer); // the rest are counted when their own onEvent arrives
        judgedUpTo = last;
    }

    /**
     * The last sequence of the batch starting at {@code first}: the first END_OF_BATCH delta of the
     * same instrument and source, or the end of the run of such deltas already in the ring.
     */
    private long batchEnd(final long first, final int instrumentId, final int sourceId)
    {
        long s = first;
        while (true)
        {
            final UnsafeBuffer buffer = ring.get(s).buffer();
            if (BookDeltas.isEndOfBatch(buffer, 0) || s - first >= MAX_BATCH)
            {
                return s;
            }
            final long next = s + 1;
            if (!awaitAvailable(next))
            {
                return s;
            }
            final UnsafeBuffer nextBuffer = ring.get(next).buffer();
            if (Envelope.templateId(nextBuffer, 0) != MessageTypes.BOOK_DELTA ||
                Envelope.instrumentId(nextBuffer, 0) != instrumentId ||
                Envelope.sourceId(nextBuffer, 0) != sourceId)
            {
                return s;
            }
            s = next;
        }
    }

    /**
     * A multi-producer ring marks a published range available slot by slot, so the rest of a batch
     * can trail its first delta (by nanoseconds, or longer if the producer is descheduled). Wait for
     * a slot that is already claimed; a slot nobody has claimed yet (beyond the cursor) is not part
     * of this batch. Nor is one whose claimer may be waiting for room in the ring: Disruptor 4 moves
     * the cursor before the claimer waits, and the room is what this stage frees by moving on (a batch
     * larger than the ring, published in parts, is judged in parts).
     */
    private boolean awaitAvailable(final long sequence)
    {
        if (ring.isAvailable(sequence))
        {
            return true;
        }
        final long cursor = ring.getCursor();
        if (sequence > cursor || cursor - ring.getBufferSize() > ring.getMinimumGatingSequence())
        {
            return false;
        }
        final long deadline = System.nanoTime() + MAX_BATCH_WAIT_NS;
        while (!ring.isAvailable(sequence))
        {
            if (System.nanoTime() > deadline)
            {
                return false; // a producer claimed and never published: give up rather than hang
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private RejectReason checkDelta(final UnsafeBuffer buffer, final int id)
    {
        RejectReason reason = checkEnvelope(buffer, id);
        if (reason != RejectReason.NONE)
        {
            return reason;
        }
        final BookAction action = delta.action();
        if (action == BookAction.NULL_VAL || delta.side() == BookSide.NULL_VAL)
        {
            return RejectReason.MALFORMED;
        }
        if (action == BookAction.CLEAR)
        {
            return RejectReason.NONE;
        }
        if (delta.orderCount() < 0)
        {
            return RejectReason.MALFORMED;
        }
        reason = checkPrice(id, delta.price());
        if (reason == RejectReason.NONE && action != BookAction.DELETE && delta.size() < 0)
        {
            reason = RejectReason.SIZE_NEGATIVE;
        }
        return reason;
    }

    /** Checks shared by all market events: position, instrument, time. Does not change state. */
    private RejectReason checkEnvelope(final UnsafeBuffer buffer, final int instrumentId)
    {
        final int source = Envelope.sourceId(buffer, 0);
        if (Envelope.sourcePosition(buffer, 0) <= lastPosition[source])
        {
            return RejectReason.DUPLICATE_POSITION;
        }
        if (instrumentId <= 0 || instrumentId >= known.length || !known[instrumentId])
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final long eventTime = Envelope.eventTimeNs(buffer, 0);
        final long last = lastEventTime[source];
        if (last != Values.NONE && eventTime < last - limits.timeToleranceNs())
        {
            return RejectReason.TIME_BACKWARDS;
        }
        if (eventTime > Envelope.receiveTimeNs(buffer, 0) + limits.maxFutureNs())
        {
            return RejectReason.TIME_IN_FUTURE;
        }
        return RejectReason.NONE;
    }

    private RejectReason checkLevel(final int id, final long price, final long size)
    {
        final RejectReason reason = checkPrice(id, price);
        if (reason != RejectReason.NONE)
        {
            return reason;
        }
        return size < 0 ? RejectReason.SIZE_NEGATIVE : RejectReason.NONE;
    }

    private RejectReason checkPrice(final int id, final long price)
    {
        if (price == FixedPoint.NOT_FINITE || price == Values.NONE)
        {
            return RejectReason.PRICE_NOT_FINITE;
        }
        if (price <= 0)
        {
            return RejectReason.PRICE_NOT_POSITIVE;
        }
        if (price % tickSize[id] != 0)
        {
            return RejectReason.PRICE_OFF_TICK;
        }
        return RejectReason.NONE;
    }

    private RejectReason checkBand(final int id, final long price)
    {
        final long reference = lastTrade[id];
        final long band = limits.priceBandBps();
        if (band == 0 || reference <= 0)
        {
            return RejectReason.NONE;
        }
        // |price - reference| / reference > band / 10_000, in integers (prices stay far below 2^63 / 10^4)
        final long distance = Math.abs(price - reference);
        return distance * 10_000L > reference * band ? RejectReason.PRICE_BAND : RejectReason.NONE;
    }

    /**
     * Writes the verdict and moves the source's position and time on. A record is consumed from its
     * source whatever its verdict (the journal keeps it), so the position moves even on a reject;
     * only an accepted event moves the source's clock.
     *
     * @return true if the message is accepted
     */
    private boolean finish(final UnsafeBuffer buffer, final RejectReason reason)
    {
        if (reason != RejectReason.NONE)
        {
            Envelope.reject(buffer, 0, reason);
        }
        final int source = Envelope.sourceId(buffer, 0);
        if (reason != RejectReason.DUPLICATE_POSITION)
        {
            lastPosition[source] = Math.max(lastPosition[source], Envelope.sourcePosition(buffer, 0));
        }
        if (Envelope.isAccepted(buffer, 0))
        {
            lastEventTime[source] = Math.max(lastEventTime[source], Envelope.eventTimeNs(buffer, 0));
            final AtomicCounter sourceTime = counters.sourceLastEventTimeOrNull(source);
            if (sourceTime != null)
            {
                sourceTime.setRelease(lastEventTime[source]);
            }
            return true;
        }
        return false;
    }

    private void countVerdict(final UnsafeBuffer buffer)
    {
        final boolean accepted = Envelope.isAccepted(buffer, 0);
        counters.countVerdict(Envelope.sourceId(buffer, 0), accepted, Envelope.rejectReasonCode(buffer, 0));
        if (!accepted)
        {
            rejectReporter.onReject(Envelope.sourceId(buffer, 0), Envelope.sourcePosition(buffer, 0),
                Envelope.rejectReason(buffer, 0), Envelope.templateId(buffer, 0));
        }
    }

    private void ensureInstrumentCapacity(final int id)
    {
        if (id < known.length)
        {
            return;
        }
        final int length = Integer.highestOneBit(id) << 1;
        known = Arrays.copyOf(known, length);
        tickSize = Arrays.copyOf(tickSize, length);
        lastTrade = Arrays.copyOf(lastTrade, length);
        shadow = Arrays.copyOf(shadow, length);
    }
}
