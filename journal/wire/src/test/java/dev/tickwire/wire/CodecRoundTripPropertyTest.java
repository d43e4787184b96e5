package dev.tickwire.wire;

import dev.tickwire.wire.RecordingListener.Env;
import dev.tickwire.wire.RecordingListener.Trade;
import dev.tickwire.wire.sbe.MessageHeaderEncoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** Random trades, at random offsets in a dirty buffer, round-trip exactly through writer and dispatcher. */
class CodecRoundTripPropertyTest
{
    @Provide
    Arbitrary<Side> sides()
    {
        return Arbitraries.of(Side.NONE, Side.BUY, Side.SELL);
    }

    @Provide
    Arbitrary<Long> optionalPrices()
    {
        return Arbitraries.oneOf(Arbitraries.just(Values.NONE), Arbitraries.longs());
    }

    @Property(tries = 2000)
    void randomTradesRoundTrip(
        @ForAll @IntRange(min = 0, max = 300) final int offset,
        @ForAll @IntRange(min = 0, max = 65_535) final int sourceId,
        @ForAll final long sourcePosition,
        @ForAll final int instrumentId,
        @ForAll final long eventTimeNs,
        @ForAll final long receiveTimeNs,
        @ForAll final long price,
        @ForAll final long size,
        @ForAll("sides") final Side aggressor,
        @ForAll final long tradeId,
        @ForAll("optionalPrices") final long bidPrice,
        @ForAll("optionalPrices") final long askPrice,
        @ForAll final byte fill)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        buffer.setMemory(0, buffer.capacity(), fill);
        final MessageWriter writer = new MessageWriter();
        final RecordingListener listener = new RecordingListener();

        final int length = writer.trade(buffer, offset, sourceId, sourcePosition, instrumentId, eventTimeNs,
            receiveTimeNs, price, size, aggressor, tradeId, bidPrice, askPrice);

        assertThat(length).isEqualTo(MessageHeaderEncoder.ENCODED_LENGTH + TradeDecoder.BLOCK_LENGTH);
        assertThat(length).isLessThanOrEqualTo(MessageTypes.MAX_MESSAGE_LENGTH);
        assertThat(new MessageDispatcher().dispatch(buffer, offset, listener)).isEqualTo(MessageTypes.TRADE);
        assertThat(listener.only()).isEqualTo(new Trade(
            new Env(0, 0, eventTimeNs, receiveTimeNs, sourcePosition, instrumentId, sourceId,
                Verdict.ACCEPTED, RejectReason.NONE),
            price, size, tradeId, bidPrice, askPrice, aggressor));

        // the envelope view agrees
        assertThat(Envelope.sourceId(buffer, offset)).isEqualTo(sourceId);
        assertThat(Envelope.sourcePosition(buffer, offset)).isEqualTo(sourcePosition);
        assertThat(Envelope.eventTimeNs(buffer, offset)).isEqualTo(eventTimeNs);
        // bytes outside the message are untouched
        if (offset > 0)
        {
            assertThat(buffer.getByte(offset - 1)).isEqualTo(fill);
        }
        assertThat(buffer.getByte(offset + length)).isEqualTo(fill);
    }
}
