package dev.tickwire.engine.validate;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;

/**
 * The value checks of reference data (candles, derivative tickers, liquidations, option summaries), after
 * the envelope checks every event shares. Stateless: the validate stage owns positions and clocks.
 * Values that carry their own exponent are not held to the instrument's tick (a mark price has more
 * decimals than the tick); they must be finite, and prices and sizes must not be negative.
 */
final class ReferenceChecks
{
    /**
     * The exponents a message's own values may have: -18..0, what the importers and pollers choose (ScaledGroup),
     * and what the archive keeps exactly as DECIMAL(38, 18) (docs/design.md, "Reference data in the archive"); a
     * larger value fits a long at exponent 0.
     */
    private static final int MIN_EXPONENT = -18;
    private static final int MAX_EXPONENT = 0;

    private ReferenceChecks()
    {
    }

    /** The bar's shape and volumes; its prices are on the instrument's tick, which the stage checks first. */
    static RejectReason candle(final CandleDecoder candle)
    {
        if (candle.intervalNs() <= 0)
        {
            return RejectReason.MALFORMED;
        }
        final long high = candle.highPrice();
        final long low = candle.lowPrice();
        if (low > high || candle.openPrice() > high || candle.closePrice() > high ||
            candle.openPrice() < low || candle.closePrice() < low)
        {
            return RejectReason.MALFORMED; // high and low must bound the bar
        }
        final long volume = candle.volume();
        if (volume == FixedPoint.NOT_FINITE)
        {
            return RejectReason.PRICE_NOT_FINITE;
        }
        if (volume < 0)
        {
            return RejectReason.SIZE_NEGATIVE;
        }
        final long buy = candle.buyVolume();
        if (buy != Values.NONE && (buy < 0 || buy > volume))
        {
            return RejectReason.MALFORMED;
        }
        final long trades = candle.tradeCount();
        return trades != Values.NONE && trades < 0 ? RejectReason.MALFORMED : RejectReason.NONE;
    }

    static RejectReason ticker(final DerivativeTickerDecoder t)
    {
        if (!exponent(t.priceExponent()) || !exponent(t.sizeExponent()) || !exponent(t.rateExponent()))
        {
            return RejectReason.MALFORMED;
        }
        if (t.fundingRate() == Values.NONE && t.predictedFundingRate() == Values.NONE &&
            t.openInterest() == Values.NONE && t.lastPrice() == Values.NONE &&
            t.indexPrice() == Values.NONE && t.markPrice() == Values.NONE)
        {
            return RejectReason.MALFORMED; // a ticker without a value says nothing
        }
        RejectReason reason = price(t.lastPrice());
        if (reason == RejectReason.NONE)
        {
            reason = price(t.indexPrice());
        }
        if (reason == RejectReason.NONE)
        {
            reason = price(t.markPrice());
        }
        if (reason == RejectReason.NONE)
        {
            reason = size(t.openInterest());
        }
        if (reason == RejectReason.NONE)
        {
            reason = finite(t.fundingRate());
        }
        return reason == RejectReason.NONE ? finite(t.predictedFundingRate()) : reason;
    }

    static RejectReason liquidation(final LiquidationDecoder l)
    {
        final Side side = l.side();
        if (side != Side.BUY && side != Side.SELL)
        {
            return RejectReason.MALFORMED; // a forced order always has a side
        }
        if (l.price() == Values.NONE)
        {
            return RejectReason.PRICE_NOT_FINITE;
        }
        final RejectReason reason = price(l.price());
        return reason == RejectReason.NONE ? size(l.size()) : reason;
    }

    static RejectReason option(final OptionSummaryDecoder o)
    {
        if (o.optionType() == OptionType.NULL_VAL || o.expirationNs() <= 0 ||
            !exponent(o.priceExponent()) || !exponent(o.underlyingExponent()) ||
            !exponent(o.sizeExponent()) || !exponent(o.valueExponent()))
        {
            return RejectReason.MALFORMED;
        }
        RejectReason reason = first(price(o.strikePrice()), price(o.underlyingPrice()));
        // an option's own prices may be 0 (a worthless mark), never negative
        reason = first(reason, first(size(o.lastPrice()), size(o.bidPrice()), size(o.askPrice()), size(o.markPrice())));
        reason = first(reason, first(size(o.openInterest()), size(o.bidSize()), size(o.askSize())));
        reason = first(reason, first(volatility(o.bidIv()), volatility(o.askIv()), volatility(o.markIv())));
        reason = first(reason, first(finite(o.delta()), finite(o.gamma()), finite(o.vega()), finite(o.theta())));
        return first(reason, finite(o.rho()));
    }

    /** The first reason that is not NONE (overloads, not varargs: nothing is allocated per message). */
    private static RejectReason first(final RejectReason a, final RejectReason b)
    {
        return a != RejectReason.NONE ? a : b;
    }

    private static RejectReason first(final RejectReason a, final RejectReason b, final RejectReason c)
    {
        return first(first(a, b), c);
    }

    private static RejectReason first(
        final RejectReason a, final RejectReason b, final RejectReason c, final RejectReason d)
    {
        return first(first(a, b), first(c, d));
    }

    /** An implied volatility: absent, or finite and not negative. */
    private static RejectReason volatility(final long iv)
    {
        final RejectReason reason = finite(iv);
        return reason == RejectReason.NONE && iv != Values.NONE && iv < 0 ? RejectReason.MALFORMED : reason;
    }

    /** An absent price passes; a present one is finite and positive. */
    private static RejectReason price(final long price)
    {
        if (price == Values.NONE)
        {
            return RejectReason.NONE;
        }
        if (price == FixedPoint.NOT_FINITE)
        {
            return RejectReason.PRICE_NOT_FINITE;
        }
        return price <= 0 ? RejectReason.PRICE_NOT_POSITIVE : RejectReason.NONE;
    }

    /** An absent size passes; a present one is finite and not negative. */
    private static RejectReason size(final long size)
    {
        if (size == Values.NONE)
        {
            return RejectReason.NONE;
        }
        if (size == FixedPoint.NOT_FINITE)
        {
            return RejectReason.PRICE_NOT_FINITE;
        }
        return size < 0 ? RejectReason.SIZE_NEGATIVE : RejectReason.NONE;
    }

    private static RejectReason finite(final long value)
    {
        return value == FixedPoint.NOT_FINITE ? RejectReason.PRICE_NOT_FINITE : RejectReason.NONE;
    }

    private static boolean exponent(final byte exponent)
    {
        return exponent >= MIN_EXPONENT && exponent <= MAX_EXPONENT;
    }
}
