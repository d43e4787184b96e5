package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.adapters.imports.ScaledGroup;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.OptionSummaryEncoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.RejectReason;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Tardis {@code options_chain}: {@code exchange,symbol,timestamp,local_timestamp,type,strike_price,expiration,
 * open_interest,last_price,bid_price,bid_amount,bid_iv,ask_price,ask_amount,ask_iv,mark_price,mark_iv,underlying_index,
 * underlying_price,delta,gamma,vega,theta,rho}, an OptionSummary a row whose instrument is the option
 * ({@code exchange:symbol}, defined as it first appears: one file holds every option of the exchange). Exponents,
 * each chosen per row to keep its values exactly: the option's prices (last, bid, ask, mark: in the option's own
 * currency, BTC on Deribit), strike and underlying price, the sizes (open interest, bid and ask amounts), and the
 * implied volatilities with the greeks (as Tardis gives them: Deribit's IVs are in percent). Empty cells are absent
 * values. The type must be call or put, strike and expiration (µs) present. {@code underlying_index} (a name, e.g.
 * {@code BTC-29MAR24} or {@code SYN.BTC-9JUN20}) has no place in the message and is not kept.
 */
final class TardisOptionsChainSource extends TardisScaledSource
{
    private static final int TYPE = 4;
    private static final int STRIKE_PRICE = 5;
    private static final int EXPIRATION = 6;
    private static final int OPEN_INTEREST = 7;
    private static final int LAST_PRICE = 8;
    private static final int BID_PRICE = 9;
    private static final int BID_AMOUNT = 10;
    private static final int BID_IV = 11;
    private static final int ASK_PRICE = 12;
    private static final int ASK_AMOUNT = 13;
    private static final int ASK_IV = 14;
    private static final int MARK_PRICE = 15;
    private static final int MARK_IV = 16;
    private static final int UNDERLYING_PRICE = 18;
    private static final int DELTA = 19;
    private static final int GAMMA = 20;
    private static final int VEGA = 21;
    private static final int THETA = 22;
    private static final int RHO = 23;
    private static final byte[] CALL = "call".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUT = "put".getBytes(StandardCharsets.US_ASCII);

    private final ScaledGroup prices = new ScaledGroup(4);
    private final ScaledGroup underlying = new ScaledGroup(2);
    private final ScaledGroup sizes = new ScaledGroup(3);
    private final ScaledGroup values = new ScaledGroup(8);

    TardisOptionsChainSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super("tardis options_chain " + firstExchange, TardisDataset.OPTIONS_CHAIN, sourceId, files, firstEventTimeNs,
            firstExchange, firstSymbol, scales, refusals);
    }

    @Override
    protected void row(final CsvLines row, final long rowPosition)
    {
        if (!fresh(rowPosition))
        {
            alreadyJournaled++;
            return;
        }
        final int entry = instrument(row);
        final long eventNs = nanos(row, TardisHeader.TIMESTAMP);
        final long receiveNs = nanos(row, TardisHeader.LOCAL_TIMESTAMP);
        final OptionType type = row.is(TYPE, CALL) ? OptionType.CALL : row.is(TYPE, PUT) ? OptionType.PUT : null;
        if (type == null)
        {
            throw new CsvFormatException("field " + (TYPE + 1) + " (type) is not an option type (call or put): " +
                row.quoted(TYPE));
        }
        if (row.isEmpty(STRIKE_PRICE))
        {
            throw new CsvFormatException("field " + (STRIKE_PRICE + 1) + " (strike_price) is empty");
        }
        final long expirationNs = nanos(row, EXPIRATION);
        final int strike = add(underlying.clear(), row, STRIKE_PRICE, "strike_price");
        final int underlyingPrice = add(underlying, row, UNDERLYING_PRICE, "underlying_price");
        final int last = add(prices.clear(), row, LAST_PRICE, "last_price");
        final int bid = add(prices, row, BID_PRICE, "bid_price");
        final int ask = add(prices, row, ASK_PRICE, "ask_price");
        final int mark = add(prices, row, MARK_PRICE, "mark_price");
        final int openInterest = add(sizes.clear(), row, OPEN_INTEREST, "open_interest");
        final int bidSize = add(sizes, row, BID_AMOUNT, "bid_amount");
        final int askSize = add(sizes, row, ASK_AMOUNT, "ask_amount");
        final int bidIv = add(values.clear(), row, BID_IV, "bid_iv");
        final int askIv = add(values, row, ASK_IV, "ask_iv");
        final int markIv = add(values, row, MARK_IV, "mark_iv");
        final int delta = add(values, row, DELTA, "delta");
        final int gamma = add(values, row, GAMMA, "gamma");
        final int vega = add(values, row, VEGA, "vega");
        final int theta = add(values, row, THETA, "theta");
        final int rho = add(values, row, RHO, "rho");
        checkRounded(row, underlying, prices, sizes, values);
        lastEventTimeNs = eventNs;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        final OptionSummaryEncoder option = writer.optionSummary(slot.buffer(), 0, sourceId, rowPosition,
            instruments.id(entry), eventNs, receiveNs, type, underlying.mantissa(strike), expirationNs,
            prices.exponent(), underlying.exponent(), sizes.exponent(), values.exponent());
        option.openInterest(sizes.mantissa(openInterest)).lastPrice(prices.mantissa(last))
            .bidPrice(prices.mantissa(bid)).bidSize(sizes.mantissa(bidSize)).bidIv(values.mantissa(bidIv))
            .askPrice(prices.mantissa(ask)).askSize(sizes.mantissa(askSize)).askIv(values.mantissa(askIv))
            .markPrice(prices.mantissa(mark)).markIv(values.mantissa(markIv))
            .underlyingPrice(underlying.mantissa(underlyingPrice))
            .delta(values.mantissa(delta)).gamma(values.mantissa(gamma)).vega(values.mantissa(vega))
            .theta(values.mantissa(theta)).rho(values.mantissa(rho));
        slot.length(MessageWriter.OPTION_SUMMARY_LENGTH);
        publisher.publish(sequence);
        options++;
    }

    /** A malformed row is journaled as an option summary without values (no type, expiration 0), rejected MALFORMED. */
    @Override
    protected void publishMalformed(final long position, final int instrumentId)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        writer.optionSummary(slot.buffer(), 0, sourceId, position, instrumentId, lastEventTimeNs, clock.nanoTime(),
            OptionType.NULL_VAL, 0, 0, 0, 0, 0, 0);
        slot.length(MessageWriter.OPTION_SUMMARY_LENGTH);
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }
}
