package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.FixedPoint;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON lines, one object per snapshot, written by the one book mapper ({@link MarketRows#book}) as
 * {@code tickwire book} and the HTTP API write books:
 * {@code {"symbol","ts","ts_ns","recv_ns","bids":[{"price","size","orders"}],"asks":[…]}}, levels best
 * first, prices and sizes as decimal strings (exact), {@code ts} the snapshot time, {@code recv_ns} the
 * receive time of the last event applied to the book.
 */
final class JsonlFormat extends SnapshotFormat
{
    private final JsonRow row = new JsonRow(line);

    JsonlFormat(final Instrument instrument, final int levels, final Writer out)
    {
        super(instrument, levels, out);
    }

    @Override
    public void write(final BookLevels book, final long timestampNs, final long localTimestampNs)
    {
        MarketRows.book(new MarketQueries.BookSnapshot(instrument.symbol(), timestampNs, localTimestampNs,
            side(book, L2Book.BID), side(book, L2Book.ASK)), row);
        endLine();
    }

    private List<MarketQueries.Level> side(final BookLevels book, final int side)
    {
        final int n = Math.min(levels, book.count(side));
        final List<MarketQueries.Level> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            out.add(new MarketQueries.Level(FixedPoint.toDecimalString(book.price(side, i), instrument.priceExponent()),
                FixedPoint.toDecimalString(book.size(side, i), instrument.sizeExponent()), book.orders(side, i)));
        }
        return out;
    }
}
