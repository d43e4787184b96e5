package dev.tickwire.engine.validate;

import static dev.tickwire.engine.validate.ValidateHarness.INSTRUMENT;
import static dev.tickwire.engine.validate.ValidateHarness.SOURCE;
import static dev.tickwire.engine.validate.ValidateHarness.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.RingBuffer;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator runs on the hot path: once warmed up it must not allocate. Ticks are published in
 * chunks smaller than the ring (so slots are reused) and validated chunk by chunk on this thread;
 * the allocation is measured over publishing and validating both, which are allocation-free.
 */
class ValidateStageAllocationTest
{
    private static final int TICKS = 100_000;
    private static final int CHUNK = 500;
    private static final int LEVELS = 50;
    private static final long BEST_BID = 1_000;
    private static final long BEST_ASK = 1_001;

    @TempDir
    Path dir;

    private ValidateHarness h;
    private RingBuffer<TickSlot> ring;
    private TickPublisher publisher;
    private ValidateStage stage;
    private final MessageWriter writer = new MessageWriter();

    private long position = 1_000_000;
    private long time = T;
    private long nextToValidate;
    private int unit;
    private long expectedAccepted;
    private long expectedCrossed;

    @Test
    void validatingTradesQuotesBatchesAndReferenceDataAllocatesNothingAfterWarmUp()
    {
        h = new ValidateHarness(dir, ValidationLimits.DEFAULT);
        try
        {
            ring = h.ring;
            publisher = h.publisher;
            stage = h.stage;
            h.define(INSTRUMENT, 1);
            growBook();
            nextToValidate = ring.getCursor() + 1;

            for (int i = 0; i < 3; i++)
            {
                run(TICKS); // warm-up: JIT, shadow-book spare and undo log at their working size
            }

            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long threadId = Thread.currentThread().getId();
            threads.getThreadAllocatedBytes(threadId);
            final long acceptedBefore = h.counters.accepted().get();
            final long crossedBefore = h.counters.rejectedCount(RejectReason.CROSSED_BOOK);
            final long rejectedBefore = h.counters.rejectedTotal().get();
            expectedAccepted = 0;
            expectedCrossed = 0;

            final long before = threads.getThreadAllocatedBytes(threadId);
            final int validated = run(TICKS);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

            assertThat(validated).isGreaterThanOrEqualTo(TICKS);
            assertThat(h.counters.accepted().get() - acceptedBefore).isEqualTo(expectedAccepted);
            assertThat(h.counters.rejectedCount(RejectReason.CROSSED_BOOK) - crossedBefore).isEqualTo(expectedCrossed);
            assertThat(h.counters.rejectedTotal().get() - rejectedBefore).as("only the deliberately crossed batches")
                .isEqualTo(expectedCrossed);
            assertThat(expectedCrossed).isPositive();
            assertThat(allocated).as("bytes allocated validating %d ticks", validated).isLessThan(1024);
        }
        finally
        {
            h.close();
        }
    }

    /** Bids 1000 down to 951, asks 1001 up to 1050: the shadow book at its working size before measuring. */
    private void growBook()
    {
        final ValidateHarness.Tick[] deltas = new ValidateHarness.Tick[2 * LEVELS];
        for (int i = 0; i < LEVELS; i++)
        {
            deltas[2 * i] = h.add(BookSide.BID, BEST_BID - i, 100 + i);
            deltas[2 * i + 1] = h.add(BookSide.ASK, BEST_ASK + i, 100 + i);
        }
        assertThat(h.verdicts(h.batch(deltas))).containsOnly(ValidateHarness.ACCEPTED);
    }

    /** Publishes and validates at least {@code ticks} slots; returns how many. */
    private int run(final int ticks)
    {
        int done = 0;
        while (done < ticks)
        {
            final long firstOfChunk = ring.getCursor() + 1;
            while (ring.getCursor() + 1 - firstOfChunk < CHUNK)
            {
                publishUnit();
            }
            final long cursor = ring.getCursor();
            for (long s = nextToValidate; s <= cursor; s++)
            {
                stage.onEvent(ring.get(s), s, s == cursor);
            }
            done += (int)(cursor + 1 - nextToValidate);
            nextToValidate = cursor + 1;
        }
        return done;
    }

    /**
     * One trade, one quote, one batch or one reference message (every 7th unit); every 10th unit a batch that ends
     * crossed, every 50th one with a CLEAR.
     */
    private void publishUnit()
    {
        final int n = unit++;
        final long size = 1 + (n & 63);
        if (n % 50 == 49)
        {
            publishBatch(BookAction.CLEAR, BookSide.BID, 0, 0, BookAction.ADD, BookSide.BID, BEST_ASK + 1, size, true);
            expectedCrossed += 3;
        }
        else if (n % 10 == 9)
        {
            publishBatch(BookAction.ADD, BookSide.BID, BEST_ASK + 1, size, BookAction.MODIFY, BookSide.ASK, BEST_ASK, size,
                false);
            expectedCrossed += 2;
        }
        else if (n % 7 == 6)
        {
            publishReference(n / 7 % 4, size);
            expectedAccepted++;
        }
        else if (n % 3 == 0)
        {
            final long sequence = publisher.claim();
            final TickSlot slot = publisher.slot(sequence);
            slot.length(writer.trade(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, ++time, time,
                (n & 1) == 0 ? BEST_BID : BEST_ASK, size, Side.BUY, position, BEST_BID, BEST_ASK));
            publisher.publish(sequence);
            expectedAccepted++;
        }
        else if (n % 3 == 1)
        {
            final long sequence = publisher.claim();
            final TickSlot slot = publisher.slot(sequence);
            slot.length(writer.quote(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, ++time, time,
                BEST_BID, size, BEST_ASK, size + 1));
            publisher.publish(sequence);
            expectedAccepted++;
        }
        else
        {
            publishBatch(BookAction.MODIFY, BookSide.BID, BEST_BID, size, BookAction.MODIFY, BookSide.ASK, BEST_ASK, size,
                false);
            expectedAccepted += 2;
        }
    }

    /** A candle, a derivative ticker, a liquidation or an option summary (the last two with their own exponents). */
    private void publishReference(final int kind, final long size)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        final long t = ++time;
        switch (kind)
        {
            case 0 -> slot.length(writer.candle(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, t - 60, 60, t,
                BEST_BID, BEST_ASK, BEST_BID - 1, BEST_ASK, size, size / 2, 3));
            case 1 ->
            {
                writer.derivativeTicker(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, t, t, -8, -3, -8)
                    .fundingRate(-12_345).fundingTimeNs(t + 1).markPrice(4_352_112_345_678L).openInterest(size);
                slot.length(MessageWriter.DERIVATIVE_TICKER_LENGTH);
            }
            case 2 -> slot.length(writer.liquidation(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, t, t, BEST_BID, size,
                Side.SELL, position));
            default ->
            {
                writer.optionSummary(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, t, t, OptionType.PUT, 50_000,
                    t + 1_000_000, -4, 0, -1, -8).markPrice(415).markIv(6_512_340_000L).delta(-51_230_000).openInterest(size);
                slot.length(MessageWriter.OPTION_SUMMARY_LENGTH);
            }
        }
        publisher.publish(sequence);
    }

    /** A 2-delta batch, or with {@code thirdCrossingAsk} a 3-delta one whose last delta adds ask 1000. */
    private void publishBatch(
        final BookAction action1, final BookSide side1, final long price1, final long size1,
        final BookAction action2, final BookSide side2, final long price2, final long size2,
        final boolean thirdCrossingAsk)
    {
        final int n = thirdCrossingAsk ? 3 : 2;
        final long hi = publisher.claim(n);
        final long lo = hi - n + 1;
        final int flags1 = action1 == BookAction.CLEAR ? DeltaFlagBits.SNAPSHOT : 0;
        encodeDelta(lo, action1, side1, price1, size1, flags1);
        encodeDelta(lo + 1, action2, side2, price2, size2, thirdCrossingAsk ? flags1 : DeltaFlagBits.END_OF_BATCH);
        if (thirdCrossingAsk)
        {
            encodeDelta(lo + 2, BookAction.ADD, BookSide.ASK, BEST_BID, size1 + 1, flags1 | DeltaFlagBits.END_OF_BATCH);
        }
        publisher.publish(lo, hi);
    }

    private void encodeDelta(
        final long sequence, final BookAction action, final BookSide side, final long price, final long size,
        final int flags)
    {
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.bookDelta(slot.buffer(), 0, SOURCE, ++position, INSTRUMENT, ++time, time,
            action, side, price, size, 1, flags));
    }
}
