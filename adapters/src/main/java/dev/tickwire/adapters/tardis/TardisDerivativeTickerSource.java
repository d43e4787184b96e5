package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.adapters.imports.ScaledGroup;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.DerivativeTickerEncoder;
import dev.tickwire.wire.sbe.RejectReason;

import java.nio.file.Path;
import java.util.List;

/**
 * Tardis {@code derivative_ticker}: {@code exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,
 * predicted_funding_rate,open_interest,last_price,index_price,mark_price}, a DerivativeTicker a row. Last, index and
 * mark price share one exponent, open interest has its own, the two funding rates theirs, each chosen per row to keep
 * the values exactly; an empty cell is an absent value (null on the wire).
 */
final class TardisDerivativeTickerSource extends TardisScaledSource
{
    private static final int FUNDING_TIMESTAMP = 4;
    private static final int FUNDING_RATE = 5;
    private static final int PREDICTED_FUNDING_RATE = 6;
    private static final int OPEN_INTEREST = 7;
    private static final int LAST_PRICE = 8;
    private static final int INDEX_PRICE = 9;
    private static final int MARK_PRICE = 10;

    private final ScaledGroup prices = new ScaledGroup(3);
    private final ScaledGroup sizes = new ScaledGroup(1);
    private final ScaledGroup rates = new ScaledGroup(2);

    TardisDerivativeTickerSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super("tardis derivative_ticker " + firstExchange + ":" + firstSymbol, TardisDataset.DERIVATIVE_TICKER,
            sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales, refusals);
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
        final long fundingNs = row.isEmpty(FUNDING_TIMESTAMP) ? Values.NONE : nanos(row, FUNDING_TIMESTAMP);
        final int last = add(prices.clear(), row, LAST_PRICE, "last_price");
        final int index = add(prices, row, INDEX_PRICE, "index_price");
        final int mark = add(prices, row, MARK_PRICE, "mark_price");
        final int openInterest = add(sizes.clear(), row, OPEN_INTEREST, "open_interest");
        final int funding = add(rates.clear(), row, FUNDING_RATE, "funding_rate");
        final int predicted = add(rates, row, PREDICTED_FUNDING_RATE, "predicted_funding_rate");
        checkRounded(row, prices, sizes, rates);
        lastEventTimeNs = eventNs;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        final DerivativeTickerEncoder ticker = writer.derivativeTicker(slot.buffer(), 0, sourceId, rowPosition,
            instruments.id(entry), eventNs, receiveNs, prices.exponent(), sizes.exponent(), rates.exponent());
        ticker.fundingTimeNs(fundingNs)
            .fundingRate(rates.mantissa(funding)).predictedFundingRate(rates.mantissa(predicted))
            .openInterest(sizes.mantissa(openInterest))
            .lastPrice(prices.mantissa(last)).indexPrice(prices.mantissa(index)).markPrice(prices.mantissa(mark));
        slot.length(MessageWriter.DERIVATIVE_TICKER_LENGTH);
        publisher.publish(sequence);
        tickers++;
    }

    /** A malformed row is journaled as a derivative ticker without values, rejected MALFORMED. */
    @Override
    protected void publishMalformed(final long position, final int instrumentId)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        writer.derivativeTicker(slot.buffer(), 0, sourceId, position, instrumentId, lastEventTimeNs, clock.nanoTime(),
            0, 0, 0);
        slot.length(MessageWriter.DERIVATIVE_TICKER_LENGTH);
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }
}
