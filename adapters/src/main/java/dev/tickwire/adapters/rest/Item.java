package dev.tickwire.adapters.rest;

import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.MutableDirectBuffer;

/**
 * One record a poll found, parsed on the poller's thread into what its message needs, then handed to the stream's
 * adapter, which encodes it into the ring on the adapter thread. Immutable. Its position is its place in the
 * stream (an event time in ns for most, see the data types), so a re-polled record is recognised by it.
 */
abstract class Item
{
    final InstrumentSpec spec;
    final long position;
    final long eventTimeNs;
    final long receiveNs;
    /** Parsed as far as its position, but a value is not what the endpoint gives: journaled as rejected (MALFORMED). */
    final boolean malformed;

    Item(final InstrumentSpec spec, final long position, final long eventTimeNs, final long receiveNs,
        final boolean malformed)
    {
        this.spec = spec;
        this.position = position;
        this.eventTimeNs = eventTimeNs;
        this.receiveNs = receiveNs;
        this.malformed = malformed;
    }

    /** Encodes the message at {@code buffer[0]}, returns its length. */
    abstract int encode(MessageWriter writer, MutableDirectBuffer buffer, int sourceId, int instrumentId);

    /** An OHLCV bar as the API gives it (prices at the instrument's price exponent, volumes at its size exponent). */
    static final class Candle extends Item
    {
        final long startNs;
        final long intervalNs;
        final long open;
        final long high;
        final long low;
        final long close;
        final long volume;
        final long buyVolume;
        final long trades;

        Candle(final InstrumentSpec spec, final long position, final long receiveNs, final boolean malformed,
            final long startNs, final long intervalNs, final long open, final long high, final long low,
            final long close,
            final long volume, final long buyVolume, final long trades)
        {
            super(spec, position, startNs + intervalNs, receiveNs, malformed);
            this.startNs = startNs;
            this.intervalNs = intervalNs;
            this.open = open;
            this.high = high;
            this.low = low;
            this.close = close;
            this.volume = volume;
            this.buyVolume = buyVolume;
            this.trades = trades;
        }

        @Override
        int encode(
            final MessageWriter writer, final MutableDirectBuffer buffer, final int sourceId, final int instrumentId)
        {
            return writer.candle(buffer, 0, sourceId, position, instrumentId, startNs, intervalNs, receiveNs,
                open, high, low, close, volume, buyVolume, trades);
        }
    }

    /** Funding, open interest, index and mark price, each group at its own exponent; absent values are Values.NONE. */
    static final class Ticker extends Item
    {
        final int priceExponent;
        final int sizeExponent;
        final int rateExponent;
        final long fundingTimeNs;
        final long fundingRate;
        final long predictedFundingRate;
        final long openInterest;
        final long lastPrice;
        final long indexPrice;
        final long markPrice;

        Ticker(final InstrumentSpec spec, final long position, final long eventTimeNs, final long receiveNs,
            final boolean malformed, final int priceExponent, final int sizeExponent, final int rateExponent,
            final long fundingTimeNs, final long fundingRate, final long predictedFundingRate, final long openInterest,
            final long lastPrice, final long indexPrice, final long markPrice)
        {
            super(spec, position, eventTimeNs, receiveNs, malformed);
            this.priceExponent = priceExponent;
            this.sizeExponent = sizeExponent;
            this.rateExponent = rateExponent;
            this.fundingTimeNs = fundingTimeNs;
            this.fundingRate = fundingRate;
            this.predictedFundingRate = predictedFundingRate;
            this.openInterest = openInterest;
            this.lastPrice = lastPrice;
            this.indexPrice = indexPrice;
            this.markPrice = markPrice;
        }

        @Override
        int encode(
            final MessageWriter writer, final MutableDirectBuffer buffer, final int sourceId, final int instrumentId)
        {
            writer.derivativeTicker(buffer, 0, sourceId, position, instrumentId, eventTimeNs, receiveNs,
                priceExponent, sizeExponent, rateExponent)
                .fundingTimeNs(fundingTimeNs).fundingRate(fundingRate).predictedFundingRate(predictedFundingRate)
                .openInterest(openInterest).lastPrice(lastPrice).indexPrice(indexPrice).markPrice(markPrice);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }
    }

    /** An option's quote, mark, implied volatilities and greeks. */
    static final class Option extends Item
    {
        /** Indexes into {@link #values}, in the message's order. */
        static final int OPEN_INTEREST = 0;
        static final int LAST = 1;
        static final int BID = 2;
        static final int BID_SIZE = 3;
        static final int BID_IV = 4;
        static final int ASK = 5;
        static final int ASK_SIZE = 6;
        static final int ASK_IV = 7;
        static final int MARK = 8;
        static final int MARK_IV = 9;
        static final int UNDERLYING = 10;
        static final int DELTA = 11;
        static final int GAMMA = 12;
        static final int VEGA = 13;
        static final int THETA = 14;
        static final int RHO = 15;
        static final int VALUES = 16;

        final OptionType type;
        final long strike;
        final long expirationNs;
        final int priceExponent;
        final int underlyingExponent;
        final int sizeExponent;
        final int valueExponent;
        final long[] values;

        Option(final InstrumentSpec spec, final long position, final long eventTimeNs, final long receiveNs,
            final boolean malformed, final OptionType type, final long strike, final long expirationNs,
            final int priceExponent, final int underlyingExponent, final int sizeExponent, final int valueExponent,
            final long[] values)
        {
            super(spec, position, eventTimeNs, receiveNs, malformed);
            this.type = type;
            this.strike = strike;
            this.expirationNs = expirationNs;
            this.priceExponent = priceExponent;
            this.underlyingExponent = underlyingExponent;
            this.sizeExponent = sizeExponent;
            this.valueExponent = valueExponent;
            this.values = values;
        }

        @Override
        int encode(
            final MessageWriter writer, final MutableDirectBuffer buffer, final int sourceId, final int instrumentId)
        {
            final long[] v = values;
            writer.optionSummary(buffer, 0, sourceId, position, instrumentId, eventTimeNs, receiveNs, type, strike,
                expirationNs, priceExponent, underlyingExponent, sizeExponent, valueExponent)
                .openInterest(v[OPEN_INTEREST]).lastPrice(v[LAST])
                .bidPrice(v[BID]).bidSize(v[BID_SIZE]).bidIv(v[BID_IV])
                .askPrice(v[ASK]).askSize(v[ASK_SIZE]).askIv(v[ASK_IV])
                .markPrice(v[MARK]).markIv(v[MARK_IV]).underlyingPrice(v[UNDERLYING])
                .delta(v[DELTA]).gamma(v[GAMMA]).vega(v[VEGA]).theta(v[THETA]).rho(v[RHO]);
            return MessageWriter.OPTION_SUMMARY_LENGTH;
        }

        static long[] absent()
        {
            final long[] values = new long[VALUES];
            java.util.Arrays.fill(values, Values.NONE);
            return values;
        }
    }

    /**
     * A status of the stream (the API's circuit opened: DISCONNECTED; closed again: RESYNCED). Its position is the
     * stream's last one + 1 and its event time the stream's last, so a restart resumes right after it and the
     * validator's clock for the stream does not jump to the wall clock.
     */
    static final class Status extends Item
    {
        final StatusCode code;
        final long value;

        Status(
            final long position, final long eventTimeNs, final long receiveNs, final StatusCode code, final long value)
        {
            super(null, position, eventTimeNs, receiveNs, false);
            this.code = code;
            this.value = value;
        }

        @Override
        int encode(
            final MessageWriter writer, final MutableDirectBuffer buffer, final int sourceId, final int instrumentId)
        {
            return writer.status(buffer, 0, sourceId, position, instrumentId, eventTimeNs, receiveNs, code, value);
        }
    }
}
