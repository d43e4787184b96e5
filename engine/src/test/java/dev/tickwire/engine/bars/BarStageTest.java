package dev.tickwire.engine.bars;

import dev.tickwire.engine.ring.TickRing;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live stage over ring slots: what feeds bars, the wire encoding of a bar, and no allocation per tick. */
class BarStageTest
{
    private static final long T0 = 1_767_364_200_000_000_000L; // 2026-01-02T14:30:00Z
    private static final long MS = 1_000_000L;

    private final TickSlot slot = new TickRing(64, 256).slotFactory().newInstance();
    private final MessageWriter writer = new MessageWriter();
    private long sequence = 1;

    private void run(final BarStage stage)
    {
        Envelope.sequence(slot.buffer(), 0, sequence);
        stage.onEvent(slot, sequence++, true);
    }

    private void define(final BarStage stage, final int id, final int pe, final int se)
    {
        slot.length(writer.instrument(slot.buffer(), 0, 0, id, 0, 0, "I" + id, "V", pe, se, 1));
        run(stage);
    }

    private void trade(final BarStage stage, final int id, final long t, final long price, final long size, final boolean accepted)
    {
        slot.length(writer.trade(slot.buffer(), 0, 1, sequence, id, t, t + 7, price, size, Side.BUY, sequence, 0, 0));
        if (!accepted)
        {
            Envelope.reject(slot.buffer(), 0, RejectReason.PRICE_BAND);
        }
        run(stage);
    }

    private void quote(final BarStage stage, final int id, final long t, final boolean accepted)
    {
        slot.length(writer.quote(slot.buffer(), 0, 1, sequence, id, t, t, 100, 1, 101, 1));
        if (!accepted)
        {
            Envelope.reject(slot.buffer(), 0, RejectReason.TIME_IN_FUTURE);
        }
        run(stage);
    }

    private void delta(final BarStage stage, final int id, final long t)
    {
        slot.length(writer.bookDelta(slot.buffer(), 0, 1, sequence, id, t, t, BookAction.ADD, BookSide.BID, 100, 1, 1,
            DeltaFlagBits.END_OF_BATCH));
        run(stage);
    }

    @Test
    void acceptedTradesFeedBarsAndAnyAcceptedEventOfTheInstrumentClosesThem()
    {
        final List<B> bars = new ArrayList<>();
        final BarStage stage = new BarStage(List.of(BarSpec.parse("1s"), BarSpec.parse("ticks:2")), false, b -> bars.add(B.of(b)));
        trade(stage, 1, T0, 500, 1, true); // instrument 1 not defined yet: ignored
        define(stage, 1, -2, 0);
        define(stage, 2, -2, 0);
        trade(stage, 1, T0 + 100 * MS, 500, 2, true);
        trade(stage, 1, T0 + 200 * MS, 900, 50, false); // rejected: not in any bar
        trade(stage, 2, T0 + 300 * MS, 700, 4, true); // another instrument
        quote(stage, 1, T0 + 1_500 * MS, false); // a rejected quote moves no clock
        quote(stage, 2, T0 + 1_500 * MS, true); // instrument 2's quote closes instrument 2's bar only
        assertThat(bars).extracting(B::instrument, B::kind, B::volume).containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "TIME", 4L));
        trade(stage, 1, T0 + 600 * MS, 501, 3, true); // the second trade of instrument 1: a tick bar
        delta(stage, 1, T0 + 1_000 * MS); // a book delta at the end closes instrument 1's time bar
        assertThat(bars).extracting(B::instrument, B::kind, B::volume, B::trades).containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "TIME", 4L, 1L),
            org.assertj.core.groups.Tuple.tuple(1, "TICK", 5L, 2L),
            org.assertj.core.groups.Tuple.tuple(1, "TIME", 5L, 2L));
        // the bar carries the engine sequence and receive time of its last trade
        assertThat(bars.get(2).sequence()).isEqualTo(9);
        assertThat(bars.get(2).receiveTime()).isEqualTo(T0 + 600 * MS + 7);
        assertThat(stage.feed().buildersOf(1)).hasSize(2);
        assertThat(stage.feed().buildersOf(3)).isNull();
    }

    @Test
    void aBarOnTheWireCarriesEveryField()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageTypes.BAR_LENGTH]);
        final List<B> built = new ArrayList<>();
        final List<B> decoded = new ArrayList<>();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onBar(final BarDecoder bar)
            {
                decoded.add(B.of(bar));
                assertThat(bar.sourceId()).isZero();
                assertThat(bar.sourcePosition()).isEqualTo(-1);
            }
        };
        final BarStage stage = new BarStage(List.of(BarSpec.parse("1s"), BarSpec.parse("value:12.34")), true, b ->
        {
            built.add(B.of(b));
            final int length = b.encode(writer, buffer, 0);
            assertThat(length).isEqualTo(MessageTypes.BAR_LENGTH);
            assertThat(dispatcher.dispatch(buffer, 0, listener)).isEqualTo(MessageTypes.BAR);
        });
        define(stage, 4, -2, -1);
        trade(stage, 4, T0 + 10 * MS, 1_234, 5, true);
        trade(stage, 4, T0 + 20 * MS, 1_236, 6, true);
        quote(stage, 4, T0 + 3_000 * MS, true);
        assertThat(built).extracting(B::empty).containsExactly(false, false, true, true); // value bar, time bar, two empty seconds
        assertThat(decoded).containsExactlyElementsOf(built);
        assertThat(decoded.get(0).size()).isEqualTo(1_234); // 12.34 at the price exponent
    }

    @Test
    void buildingBarsAllocatesNothingPerTick()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageTypes.BAR_LENGTH]);
        final long[] count = {0};
        final BarStage stage = new BarStage(List.of(BarSpec.parse("1ms"), BarSpec.parse("ticks:7"),
            BarSpec.parse("volume:25"), BarSpec.parse("value:1000.5")), true, b ->
        {
            b.encode(writer, buffer, 0);
            count[0]++;
        });
        define(stage, 1, -2, 0);
        define(stage, 2, -8, -8);
        long t = T0;
        for (int round = 0; round < 3; round++)
        {
            t = ticks(stage, t, 100_000); // warm-up: JIT
        }
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(threadId); // the first call allocates
        final long barsBefore = count[0];
        final long before = threads.getThreadAllocatedBytes(threadId);
        ticks(stage, t, 200_000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(count[0] - barsBefore).isGreaterThan(10_000);
        // a per-tick allocation of even 8 bytes would be 1.6 MB here; what remains is measurement noise
        assertThat(allocated).as("bytes allocated over 200,000 ticks").isLessThan(1024);
    }

    private long ticks(final BarStage stage, final long from, final int n)
    {
        long t = from;
        for (int i = 0; i < n; i++)
        {
            t += 37_000 + (i % 13) * 10_000;
            final int id = 1 + (i & 1);
            if (i % 5 == 0)
            {
                quote(stage, id, t, true);
            }
            else if (i % 7 == 0)
            {
                delta(stage, id, t);
            }
            else
            {
                trade(stage, id, t, id == 1 ? 500_000 + i % 11 : 9_000_000_000_000L + i % 17, 1 + i % 9, true);
            }
        }
        return t;
    }
}
