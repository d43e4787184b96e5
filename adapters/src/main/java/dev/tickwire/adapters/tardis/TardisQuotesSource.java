package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.ring.TickSlot;

import java.nio.file.Path;
import java.util.List;

/**
 * Tardis {@code quotes}: {@code exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount},
 * a Quote a row; a side without a price is empty (price 0, size 0).
 */
final class TardisQuotesSource extends TardisSource
{
    private static final int ASK_AMOUNT = 4;
    private static final int ASK_PRICE = 5;
    private static final int BID_PRICE = 6;
    private static final int BID_AMOUNT = 7;

    TardisQuotesSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super(TardisDataset.QUOTES, sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales, refusals);
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
        final int pe = instruments.priceExponent(entry);
        final int se = instruments.sizeExponent(entry);
        final boolean hasAsk = !row.isEmpty(ASK_PRICE);
        final boolean hasBid = !row.isEmpty(BID_PRICE);
        final long askPrice = hasAsk ? row.decimal(ASK_PRICE, pe) : 0;
        final long askSize = hasAsk ? row.decimal(ASK_AMOUNT, se) : 0;
        final long bidPrice = hasBid ? row.decimal(BID_PRICE, pe) : 0;
        final long bidSize = hasBid ? row.decimal(BID_AMOUNT, se) : 0;
        lastEventTimeNs = eventNs;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.quote(slot.buffer(), 0, sourceId, rowPosition, instruments.id(entry), eventNs, receiveNs,
            bidPrice, bidSize, askPrice, askSize));
        publisher.publish(sequence);
        quotes++;
    }
}
