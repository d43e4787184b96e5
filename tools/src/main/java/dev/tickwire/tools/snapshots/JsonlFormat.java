package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.Instrument;
import dev.tickwire.tools.JsonText;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Timestamps;

import java.io.Writer;

/**
 * JSON lines, one object per snapshot:
 * {@code {"symbol","ts","ts_ns","recv_ns","bids":[{"price","size","orders"}],"asks":[…]}}, levels
 * best first, prices and sizes as decimal strings (exact), {@code ts} the snapshot time as ISO-8601
 * UTC with nanoseconds, {@code ts_ns} the same in epoch nanoseconds, {@code recv_ns} the receive
 * time of the last event applied to the book.
 */
final class JsonlFormat extends SnapshotFormat
{
    private final String symbolJson;

    JsonlFormat(final Instrument instrument, final int levels, final Writer out)
    {
        super(instrument, levels, out);
        symbolJson = quote(instrument.symbol());
    }

    @Override
    public void write(final BookLevels book, final long timestampNs, final long localTimestampNs)
    {
        line.append("{\"symbol\":").append(symbolJson)
            .append(",\"ts\":\"").append(Timestamps.format(timestampNs)).append('"')
            .append(",\"ts_ns\":").append(timestampNs)
            .append(",\"recv_ns\":").append(localTimestampNs)
            .append(",\"bids\":");
        side(book, L2Book.BID);
        line.append(",\"asks\":");
        side(book, L2Book.ASK);
        line.append('}');
        endLine();
    }

    private void side(final BookLevels book, final int side)
    {
        line.append('[');
        final int n = Math.min(levels, book.count(side));
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                line.append(',');
            }
            line.append("{\"price\":\"");
            FixedPoint.appendDecimal(line, book.price(side, i), instrument.priceExponent());
            line.append("\",\"size\":\"");
            FixedPoint.appendDecimal(line, book.size(side, i), instrument.sizeExponent());
            line.append("\",\"orders\":").append(book.orders(side, i)).append('}');
        }
        line.append(']');
    }

    /** A JSON string literal (symbols are short ASCII, but escape anyway). */
    static String quote(final String text)
    {
        return JsonText.appendString(new StringBuilder(text.length() + 2), text).toString();
    }
}
