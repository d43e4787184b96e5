package dev.tickwire.wire;

import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference-data messages round-trip through the writer and the dispatcher, absent values as null. */
class ReferenceMessagesTest
{
    private static final int OFFSET = 13;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageWriter writer = new MessageWriter();
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final List<String> seen = new ArrayList<>();

    private final MarketDataListener listener = new MarketDataListener()
    {
        @Override
        public void onCandle(final CandleDecoder c)
        {
            seen.add("candle " + c.startNs() + "+" + c.intervalNs() + " end " + c.eventTimeNs() + " " + c.openPrice() +
                "/" + c.highPrice() + "/" + c.lowPrice() + "/" + c.closePrice() + " v " + c.volume() + " buy " +
                c.buyVolume() + " n " + c.tradeCount() + " pos " + c.sourcePosition());
        }

        @Override
        public void onDerivativeTicker(final DerivativeTickerDecoder t)
        {
            seen.add("ticker " + t.priceExponent() + "," + t.sizeExponent() + "," + t.rateExponent() + " funding " +
                t.fundingRate() + " at " + t.fundingTimeNs() + " predicted " + t.predictedFundingRate() + " oi " +
                t.openInterest() + " last " + t.lastPrice() + " index " + t.indexPrice() + " mark " + t.markPrice());
        }

        @Override
        public void onLiquidation(final LiquidationDecoder l)
        {
            seen.add("liquidation " + l.side() + " " + l.size() + "@" + l.price() + " id " + l.liquidationId());
        }

        @Override
        public void onOptionSummary(final OptionSummaryDecoder o)
        {
            seen.add("option " + o.optionType() + " K " + o.strikePrice() + " exp " + o.expirationNs() + " mark " +
                o.markPrice() + " iv " + o.markIv() + " delta " + o.delta() + " bid " + o.bidPrice() + " rho " +
                o.rho() + " exps " + o.priceExponent() + "," + o.underlyingExponent() + "," + o.sizeExponent() + "," +
                o.valueExponent());
        }
    };

    @Test
    void candleRoundTripsWithItsEndAsEventTime()
    {
        writer.candle(buffer, OFFSET, 7, 1_700_000_000_000L, 3, 1_000, 60, 2_000, 100, 120, 90, 110, 5_000, Values.NONE, 42);
        assertThat(dispatcher.dispatch(buffer, OFFSET, listener)).isEqualTo(MessageTypes.CANDLE);
        assertThat(seen).containsExactly(
            "candle 1000+60 end 1060 100/120/90/110 v 5000 buy " + Values.NONE + " n 42 pos 1700000000000");
    }

    @Test
    void tickerStartsWithEveryValueAbsent()
    {
        writer.derivativeTicker(buffer, OFFSET, 7, 1, 3, 1_000, 2_000, -8, -3, -10)
            .fundingRate(1_000_000).fundingTimeNs(28_800_000_000_000L).markPrice(4_352_112_345_678L);
        assertThat(dispatcher.dispatch(buffer, OFFSET, listener)).isEqualTo(MessageTypes.DERIVATIVE_TICKER);
        final long none = Values.NONE;
        assertThat(seen).containsExactly("ticker -8,-3,-10 funding 1000000 at 28800000000000 predicted " + none +
            " oi " + none + " last " + none + " index " + none + " mark 4352112345678");
        assertThat(MessageWriter.DERIVATIVE_TICKER_LENGTH).isEqualTo(8 + DerivativeTickerDecoder.BLOCK_LENGTH);
    }

    @Test
    void liquidationAndOptionSummaryRoundTrip()
    {
        writer.liquidation(buffer, OFFSET, 7, 1, 3, 1_000, 2_000, 4_352_100, 25, Side.SELL, 99);
        dispatcher.dispatch(buffer, OFFSET, listener);
        // a dirty buffer must not leak into the absent fields: they are all written as null
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        writer.optionSummary(buffer, OFFSET, 7, 2, 3, 1_000, 2_000, OptionType.CALL, 50_000, 1_800_000_000_000_000_000L,
            -4, 0, -1, -6).markPrice(415).markIv(651_234).delta(-512_345);
        assertThat(dispatcher.dispatch(buffer, OFFSET, listener)).isEqualTo(MessageTypes.OPTION_SUMMARY);
        assertThat(seen).containsExactly("liquidation SELL 25@4352100 id 99",
            "option CALL K 50000 exp 1800000000000000000 mark 415 iv 651234 delta -512345 bid " + Values.NONE +
                " rho " + Values.NONE + " exps -4,0,-1,-6");
        assertThat(MessageTypes.isReferenceEvent(MessageTypes.OPTION_SUMMARY)).isTrue();
        assertThat(MessageTypes.isMarketEvent(MessageTypes.LIQUIDATION)).isFalse();
        assertThat(MessageTypes.isEvent(MessageTypes.CANDLE)).isTrue();
        assertThat(MessageTypes.isEvent(MessageTypes.BAR)).isFalse();
        assertThat(MessageTypes.byName(MessageTypes.name(MessageTypes.DERIVATIVE_TICKER)))
            .isEqualTo(MessageTypes.DERIVATIVE_TICKER);
    }
}
