package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BarEncoder;
import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaEncoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.CandleEncoder;
import dev.tickwire.wire.sbe.DerivativeTickerEncoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionEncoder;
import dev.tickwire.wire.sbe.LiquidationEncoder;
import dev.tickwire.wire.sbe.MessageHeaderEncoder;
import dev.tickwire.wire.sbe.OptionSummaryEncoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.QuoteEncoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusEncoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeEncoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes tickwire messages into a buffer: the single place where a tick is encoded. One instance
 * per thread (it holds flyweights); no allocation per message. Each method returns the encoded
 * length (header + body). The engine sequence is left 0: the ring publisher stamps it.
 */
public final class MessageWriter
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final QuoteEncoder quote = new QuoteEncoder();
    private final BookDeltaEncoder delta = new BookDeltaEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final SourceStatusEncoder status = new SourceStatusEncoder();
    private final BarEncoder bar = new BarEncoder();
    private final CandleEncoder candle = new CandleEncoder();
    private final DerivativeTickerEncoder ticker = new DerivativeTickerEncoder();
    private final LiquidationEncoder liquidation = new LiquidationEncoder();
    private final OptionSummaryEncoder option = new OptionSummaryEncoder();

    /** Encoded lengths of the messages whose encoder a writer method hands back to be filled in. */
    public static final int DERIVATIVE_TICKER_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + DerivativeTickerEncoder.BLOCK_LENGTH;
    public static final int OPTION_SUMMARY_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + OptionSummaryEncoder.BLOCK_LENGTH;

    public int trade(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs,
        final long price, final long size, final Side aggressor, final long tradeId,
        final long bidPrice, final long askPrice)
    {
        trade.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .price(price).size(size).tradeId(tradeId).bidPrice(bidPrice).askPrice(askPrice).aggressor(aggressor);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    public int quote(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs,
        final long bidPrice, final long bidSize, final long askPrice, final long askSize)
    {
        quote.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .bidPrice(bidPrice).bidSize(bidSize).askPrice(askPrice).askSize(askSize);
        return MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength();
    }

    /**
     * @param flags bit 0 snapshot, bit 1 end of batch, bit 2 correction (see {@link DeltaFlagBits})
     */
    public int bookDelta(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs,
        final BookAction action, final BookSide side, final long price, final long size, final int orderCount,
        final int flags)
    {
        delta.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .price(price).size(size).orderCount(orderCount).action(action).side(side);
        delta.flags().clear()
            .snapshot((flags & DeltaFlagBits.SNAPSHOT) != 0)
            .endOfBatch((flags & DeltaFlagBits.END_OF_BATCH) != 0)
            .correction((flags & DeltaFlagBits.CORRECTION) != 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + delta.encodedLength();
    }

    public int instrument(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final int instrumentId, final long eventTimeNs, final long receiveTimeNs,
        final String symbol, final String venue, final int priceExponent, final int sizeExponent, final long tickSize)
    {
        definition.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(-1).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .symbol(symbol).venue(venue)
            .priceExponent((byte)priceExponent).sizeExponent((byte)sizeExponent).tickSize(tickSize);
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    public int status(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs, final StatusCode code, final long value)
    {
        status.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .status(code).value(value);
        return MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength();
    }

    /**
     * A completed bar, for the bars stream (never the ring or the journal). Unlike ticks, the
     * sequence is given: the engine sequence of the bar's last trade (0 for an empty bar). Source id
     * 0 and source position -1: a bar is derived, not a source record.
     */
    public int bar(
        final MutableDirectBuffer buffer, final int offset,
        final int instrumentId, final long sequence, final long eventTimeNs, final long receiveTimeNs,
        final BarKind kind, final long size, final long startNs, final long endNs,
        final long openPrice, final long highPrice, final long lowPrice, final long closePrice,
        final long volume, final long buyVolume, final long sellVolume, final long tradeCount, final long vwap,
        final long firstEventNs, final long lastEventNs, final boolean empty)
    {
        bar.wrapAndApplyHeader(buffer, offset, header)
            .sequence(sequence).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(-1).instrumentId(instrumentId).sourceId(0)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .kind(kind).size(size).startNs(startNs).endNs(endNs)
            .openPrice(openPrice).highPrice(highPrice).lowPrice(lowPrice).closePrice(closePrice)
            .volume(volume).buyVolume(buyVolume).sellVolume(sellVolume).tradeCount(tradeCount).vwap(vwap)
            .firstEventNs(firstEventNs).lastEventNs(lastEventNs).empty((short)(empty ? 1 : 0));
        return MessageHeaderEncoder.ENCODED_LENGTH + bar.encodedLength();
    }

    /** An OHLCV bar as a source gives it; prices and sizes at the instrument's exponents. */
    public int candle(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long startNs, final long intervalNs, final long receiveTimeNs,
        final long open, final long high, final long low, final long close,
        final long volume, final long buyVolume, final long tradeCount)
    {
        candle.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(startNs + intervalNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .intervalNs(intervalNs).startNs(startNs)
            .openPrice(open).highPrice(high).lowPrice(low).closePrice(close)
            .volume(volume).buyVolume(buyVolume).tradeCount(tradeCount);
        return MessageHeaderEncoder.ENCODED_LENGTH + candle.encodedLength();
    }

    /** A forced order; price and size at the instrument's exponents; {@code liquidationId} may be Values.NONE. */
    public int liquidation(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs,
        final long price, final long size, final Side side, final long liquidationId)
    {
        liquidation.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .price(price).size(size).side(side).liquidationId(liquidationId);
        return MessageHeaderEncoder.ENCODED_LENGTH + liquidation.encodedLength();
    }

    /**
     * Starts a derivative ticker with its envelope and exponents and every value absent; the caller sets the
     * values the source has. Its length is {@link #DERIVATIVE_TICKER_LENGTH}.
     */
    public DerivativeTickerEncoder derivativeTicker(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs,
        final int priceExponent, final int sizeExponent, final int rateExponent)
    {
        return ticker.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .priceExponent((byte)priceExponent).sizeExponent((byte)sizeExponent).rateExponent((byte)rateExponent)
            .fundingTimeNs(Values.NONE).fundingRate(Values.NONE).predictedFundingRate(Values.NONE)
            .openInterest(Values.NONE).lastPrice(Values.NONE).indexPrice(Values.NONE).markPrice(Values.NONE);
    }

    /**
     * Starts an option summary with its envelope, contract terms and exponents and every value absent; the
     * caller sets the values the source has. Its length is {@link #OPTION_SUMMARY_LENGTH}.
     */
    public OptionSummaryEncoder optionSummary(
        final MutableDirectBuffer buffer, final int offset,
        final int sourceId, final long sourcePosition, final int instrumentId,
        final long eventTimeNs, final long receiveTimeNs,
        final OptionType type, final long strikePrice, final long expirationNs,
        final int priceExponent, final int underlyingExponent, final int sizeExponent, final int valueExponent)
    {
        return option.wrapAndApplyHeader(buffer, offset, header)
            .sequence(0).streamSequence(0)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs)
            .sourcePosition(sourcePosition).instrumentId(instrumentId).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .optionType(type)
            .priceExponent((byte)priceExponent).underlyingExponent((byte)underlyingExponent)
            .sizeExponent((byte)sizeExponent).valueExponent((byte)valueExponent)
            .strikePrice(strikePrice).expirationNs(expirationNs)
            .openInterest(Values.NONE).lastPrice(Values.NONE)
            .bidPrice(Values.NONE).bidSize(Values.NONE).bidIv(Values.NONE)
            .askPrice(Values.NONE).askSize(Values.NONE).askIv(Values.NONE)
            .markPrice(Values.NONE).markIv(Values.NONE).underlyingPrice(Values.NONE)
            .delta(Values.NONE).gamma(Values.NONE).vega(Values.NONE).theta(Values.NONE).rho(Values.NONE);
    }
}
