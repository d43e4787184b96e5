package dev.tickwire.engine.validate;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickRing;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a {@link ValidateStage} the way the Disruptor does: ticks are encoded into ring slots,
 * published through a {@link TickPublisher}, then handed to {@code onEvent} in sequence order.
 *
 * <p>Defaults keep a tick valid unless a test changes it: source {@link #SOURCE}, instrument
 * {@link #INSTRUMENT}, the next source position, event time = receive time = the harness clock
 * ({@link #T} until a tick is sent with a later explicit time).
 */
final class ValidateHarness implements AutoCloseable
{
    /** The verdict of an accepted message, for readable assertions. */
    static final RejectReason ACCEPTED = RejectReason.NONE;
    static final int SOURCE = 1;
    static final int INSTRUMENT = 7;
    /** Start of the harness clock, in ns. */
    static final long T = 1_000_000_000L;

    final CountersFile countersFile;
    final EngineCounters counters;
    final RingBuffer<TickSlot> ring;
    final TickPublisher publisher;
    final ValidateStage stage;

    private final MessageWriter writer = new MessageWriter();
    private final long[] lastPosition = new long[1 << 16];
    private long clock = T;
    private long validatedUpTo = -1;

    ValidateHarness(final Path dir, final ValidationLimits limits)
    {
        this(dir, limits, Map.of(), ProducerType.SINGLE);
    }

    ValidateHarness(
        final Path dir, final ValidationLimits limits, final Map<Integer, dev.tickwire.journal.Checkpoint> resume, final ProducerType producerType)
    {
        countersFile = CountersFile.create(dir.resolve("c.dat"), 1024);
        counters = new EngineCounters(countersFile.manager());
        ring = new TickRing(1024, TickRing.SLOT_LENGTH).newRingBuffer(producerType, new BlockingWaitStrategy());
        publisher = new TickPublisher(ring, 0);
        stage = new ValidateStage(ring, limits, counters, resume);
        resume.forEach((source, checkpoint) -> lastPosition[source] = checkpoint.sourcePosition());
    }

    // ---------------------------------------------------------------------------------------------
    // Building ticks

    Tick trade(final long price)
    {
        final Tick tick = new Tick(Kind.TRADE);
        tick.price = price;
        return tick;
    }

    Tick quote(final long bidPrice, final long bidSize, final long askPrice, final long askSize)
    {
        final Tick tick = new Tick(Kind.QUOTE);
        tick.bidPrice = bidPrice;
        tick.bidSize = bidSize;
        tick.askPrice = askPrice;
        tick.askSize = askSize;
        return tick;
    }

    Tick delta(final BookAction action, final BookSide side, final long price, final long size)
    {
        final Tick tick = new Tick(Kind.DELTA);
        tick.action = action;
        tick.side = side;
        tick.price = price;
        tick.size = size;
        return tick;
    }

    Tick add(final BookSide side, final long price, final long size)
    {
        return delta(BookAction.ADD, side, price, size);
    }

    Tick modify(final BookSide side, final long price, final long size)
    {
        return delta(BookAction.MODIFY, side, price, size);
    }

    Tick delete(final BookSide side, final long price)
    {
        return delta(BookAction.DELETE, side, price, 0);
    }

    /** A CLEAR delta flagged as the start of a snapshot. */
    Tick clear()
    {
        return delta(BookAction.CLEAR, BookSide.BID, 0, 0).flags(DeltaFlagBits.SNAPSHOT);
    }

    // ---------------------------------------------------------------------------------------------
    // Publishing and validating

    /** Publishes and validates an InstrumentDefinition; returns its sequence. */
    long define(final int instrumentId, final long tickSize)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.instrument(
            slot.buffer(), 0, SOURCE, instrumentId, clock, clock, "SYM" + instrumentId, "TEST", -2, 0, tickSize));
        publisher.publish(sequence);
        validateAll();
        return sequence;
    }

    /** Defines {@link #INSTRUMENT} with tick 1 and seeds its book: bids 100/99, asks 101/102. */
    void defineAndSeedBook()
    {
        define(INSTRUMENT, 1);
        final long[] seed = batch(
            add(BookSide.BID, 100, 10),
            add(BookSide.BID, 99, 20),
            add(BookSide.ASK, 101, 30),
            add(BookSide.ASK, 102, 40));
        assertThat(verdicts(seed)).containsOnly(ACCEPTED);
    }

    /** Publishes one tick on its own and validates it; returns its sequence. */
    long send(final Tick tick)
    {
        final long sequence = publisher.claim();
        tick.encodeInto(publisher.slot(sequence));
        publisher.publish(sequence);
        validateAll();
        return sequence;
    }

    /** Publishes one message the caller encodes into the slot (returning its length) and validates it. */
    long sendEncoded(final java.util.function.ToIntFunction<TickSlot> encode)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(encode.applyAsInt(slot));
        publisher.publish(sequence);
        validateAll();
        return sequence;
    }

    /**
     * Publishes the deltas as one ring range, the last one flagged END_OF_BATCH, and validates them.
     *
     * @return the sequences of the deltas, in order
     */
    long[] batch(final Tick... deltas)
    {
        deltas[deltas.length - 1].flags |= DeltaFlagBits.END_OF_BATCH;
        return publishRange(deltas);
    }

    /** Publishes the ticks as one ring range exactly as given (no flags added) and validates them. */
    long[] publishRange(final Tick... ticks)
    {
        final long hi = publisher.claim(ticks.length);
        final long lo = hi - ticks.length + 1;
        final long[] sequences = new long[ticks.length];
        for (int i = 0; i < ticks.length; i++)
        {
            sequences[i] = lo + i;
            ticks[i].encodeInto(publisher.slot(lo + i));
        }
        publisher.publish(lo, hi);
        validateAll();
        return sequences;
    }

    /** Hands every published but not yet validated slot to the stage, in order. */
    void validateAll()
    {
        final long cursor = ring.getCursor();
        for (long s = validatedUpTo + 1; s <= cursor; s++)
        {
            stage.onEvent(ring.get(s), s, s == cursor);
        }
        validatedUpTo = cursor;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the results

    /** {@link #ACCEPTED} for an accepted message, else its reject reason (never NONE). */
    RejectReason verdict(final long sequence)
    {
        final UnsafeBuffer buffer = ring.get(sequence).buffer();
        if (Envelope.isAccepted(buffer, 0))
        {
            assertThat(Envelope.rejectReason(buffer, 0)).as("reason of accepted seq %d", sequence).isEqualTo(ACCEPTED);
            return ACCEPTED;
        }
        final RejectReason reason = Envelope.rejectReason(buffer, 0);
        assertThat(reason).as("reason of rejected seq %d", sequence).isNotEqualTo(RejectReason.NONE);
        return reason;
    }

    List<RejectReason> verdicts(final long... sequences)
    {
        final List<RejectReason> result = new ArrayList<>();
        for (final long s : sequences)
        {
            result.add(verdict(s));
        }
        return result;
    }

    long now()
    {
        return clock;
    }

    /** The stage's shadow book of an instrument (private state, read for precise rollback checks). */
    L2Book shadow(final int instrumentId)
    {
        try
        {
            final Field field = ValidateStage.class.getDeclaredField("shadow");
            field.setAccessible(true);
            return ((dev.tickwire.engine.book.BatchedBook[])field.get(stage))[instrumentId].book();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError("ValidateStage.shadow not readable", ex);
        }
    }

    /** A copy of a book's levels, to compare with {@link L2Book#sameLevelsAs} later. */
    static L2Book copyOf(final L2Book book)
    {
        final L2Book copy = new L2Book(book.instrumentId(), 64);
        copy.copyFrom(book);
        return copy;
    }

    @Override
    public void close()
    {
        countersFile.close();
    }

    // ---------------------------------------------------------------------------------------------

    enum Kind
    {
        TRADE, QUOTE, DELTA
    }

    /** One tick to publish; fluent setters override the harness defaults. */
    final class Tick
    {
        private final Kind kind;
        private int source = SOURCE;
        private long position = Long.MIN_VALUE; // MIN_VALUE: the source's next position
        private int instrument = INSTRUMENT;
        private long eventTime = Long.MIN_VALUE; // MIN_VALUE: the harness clock
        private long receiveTime = Long.MIN_VALUE; // MIN_VALUE: the event time
        private long price;
        private long size = 10;
        private long bid = Values.NONE;
        private long ask = Values.NONE;
        private long bidPrice;
        private long bidSize;
        private long askPrice;
        private long askSize;
        private BookAction action;
        private BookSide side;
        private int orders = 1;
        private int flags;
        private RejectReason adapterReason;

        private Tick(final Kind kind)
        {
            this.kind = kind;
        }

        Tick source(final int source)
        {
            this.source = source;
            return this;
        }

        Tick position(final long position)
        {
            this.position = position;
            return this;
        }

        Tick instrument(final int instrument)
        {
            this.instrument = instrument;
            return this;
        }

        /** Event time in ns; receive time follows unless set with {@link #received}. */
        Tick at(final long eventTimeNs)
        {
            this.eventTime = eventTimeNs;
            return this;
        }

        Tick received(final long receiveTimeNs)
        {
            this.receiveTime = receiveTimeNs;
            return this;
        }

        Tick size(final long size)
        {
            this.size = size;
            return this;
        }

        /** A trade's prevailing bid and ask ({@link Values#NONE}} = absent, the default). */
        Tick bidAsk(final long bid, final long ask)
        {
            this.bid = bid;
            this.ask = ask;
            return this;
        }

        Tick orders(final int orders)
        {
            this.orders = orders;
            return this;
        }

        Tick flags(final int flags)
        {
            this.flags |= flags;
            return this;
        }

        /** The adapter marks the message rejected itself before publishing it. */
        Tick rejectedByAdapter(final RejectReason reason)
        {
            this.adapterReason = reason;
            return this;
        }

        void encodeInto(final TickSlot slot)
        {
            final UnsafeBuffer buffer = slot.buffer();
            if (position == Long.MIN_VALUE)
            {
                position = lastPosition[source] + 1;
            }
            lastPosition[source] = Math.max(lastPosition[source], position);
            if (eventTime == Long.MIN_VALUE)
            {
                eventTime = clock;
            }
            clock = Math.max(clock, eventTime);
            final long receive = receiveTime == Long.MIN_VALUE ? eventTime : receiveTime;
            final int length;
            switch (kind)
            {
                case TRADE:
                    length = writer.trade(buffer, 0, source, position, instrument, eventTime, receive,
                        price, size, Side.BUY, position, bid, ask);
                    break;
                case QUOTE:
                    length = writer.quote(buffer, 0, source, position, instrument, eventTime, receive,
                        bidPrice, bidSize, askPrice, askSize);
                    break;
                default:
                    length = writer.bookDelta(buffer, 0, source, position, instrument, eventTime, receive,
                        action, side, price, size, orders, flags);
                    break;
            }
            slot.length(length);
            if (adapterReason != null)
            {
                Envelope.reject(buffer, 0, adapterReason);
            }
        }
    }
}
