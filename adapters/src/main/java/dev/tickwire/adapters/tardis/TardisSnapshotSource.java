package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.ring.TickSlot;
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
    private BookSide[] side = new BookSide[0];
    private long[] price = new long[0];
    private long[] size = new long[0];

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
        final int levels = header.levels;
        if (price.length < 2 * levels)
        {
            side = new BookSide[2 * levels];
            price = new long[2 * levels];
            size = new long[2 * levels];
        }
        // parse the whole row before publishing anything: a malformed row publishes nothing of it
        int n = 0;
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
            side[n] = ((field - TardisHeader.COMMON_FIELDS) / 2) % 2 == 0 ? BookSide.ASK : BookSide.BID;
            price[n] = p;
            size[n] = q;
            n++;
        }
        lastEventTimeNs = eventNs;

        // messages: k = 0 the CLEAR, k = 1..n the levels; only those after the journal's checkpoint
        int first = 0;
        while (first <= n && !fresh(rowPosition + first))
        {
            first++;
        }
        final int count = n + 1 - first;
        if (count == 0)
        {
            alreadyJournaled++;
            return;
        }
        final long hi = publisher.claim(count);
        final long lo = hi - count + 1;
        final int id = instruments.id(entry);
        for (int k = first; k <= n; k++)
        {
            final int flags = DeltaFlagBits.SNAPSHOT | (k == n ? DeltaFlagBits.END_OF_BATCH : 0);
            final TickSlot slot = publisher.slot(lo + k - first);
            if (k == 0)
            {
                slot.length(writer.bookDelta(slot.buffer(), 0, sourceId, rowPosition, id, eventNs, receiveNs, BookAction.CLEAR,
                    BookSide.BID, 0, 0, 0, flags));
            }
            else
            {
                slot.length(writer.bookDelta(slot.buffer(), 0, sourceId, rowPosition + k, id, eventNs, receiveNs,
                    BookAction.ADD, side[k - 1], price[k - 1], size[k - 1], 0, flags));
            }
        }
        publisher.publish(lo, hi);
        snapshots += first == 0 ? 1 : 0;
        deltas += count;
    }
}
