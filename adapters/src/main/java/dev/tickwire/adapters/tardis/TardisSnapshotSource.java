package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;

import java.nio.file.Path;
import java.util.List;

/**
 * Tardis {@code book_snapshot_N}: each row is the whole top N of the book, so it replaces the book:
 * a CLEAR, then every level that has a price (asks[0], bids[0], asks[1], … in column order), all
 * flagged SNAPSHOT, END_OF_BATCH on the last, published as one ring range. The k-th message of a
 * row has position row + k.
 */
final class TardisSnapshotSource extends TardisSource
{
    TardisSnapshotSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super(TardisDataset.BOOK_SNAPSHOT, sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales, refusals);
    }

    @Override
    protected void row(final CsvLines row, final long rowPosition)
    {
        if (rowJournaled(rowPosition))
        {
            alreadyJournaled++;
            return;
        }
        final int entry = instrument(row);
        final long eventNs = nanos(row, TardisHeader.TIMESTAMP);
        final long receiveNs = nanos(row, TardisHeader.LOCAL_TIMESTAMP);
        final int pe = instruments.priceExponent(entry);
        final int se = instruments.sizeExponent(entry);
        // staged as the row is parsed: a malformed row throws before anything is published, and the next
        // row's begin() drops what it staged. k = 0 the CLEAR, k = 1..n the levels with a size
        batch.begin(instruments.id(entry));
        final boolean clear = batch.add(rowPosition, eventNs, receiveNs, BookAction.CLEAR, BookSide.BID, 0, 0, 0,
            DeltaFlagBits.SNAPSHOT);
        int k = 0;
        for (int field = TardisHeader.COMMON_FIELDS; field < header.fieldCount; field += 2)
        {
            if (row.isEmpty(field))
            {
                continue; // fewer levels than N: Tardis leaves them empty
            }
            final long p = row.decimal(field, pe);
            final long q = row.decimal(field + 1, se);
            if (q == 0)
            {
                continue;
            }
            final BookSide side = ((field - TardisHeader.COMMON_FIELDS) / 2) % 2 == 0 ? BookSide.ASK : BookSide.BID;
            batch.add(rowPosition + ++k, eventNs, receiveNs, BookAction.ADD, side, p, q, 0, DeltaFlagBits.SNAPSHOT);
        }
        lastEventTimeNs = eventNs;
        final int count = batch.publish(true);
        if (count == 0)
        {
            alreadyJournaled++;
            return;
        }
        snapshots += clear ? 1 : 0;
        deltas += count;
    }
}
