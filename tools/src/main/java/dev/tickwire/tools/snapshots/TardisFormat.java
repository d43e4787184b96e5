package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.FixedPoint;

import java.io.Writer;

/**
 * Tardis.dev {@code book_snapshot_N} CSV: a header row
 * {@code exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,asks[1].price,…}
 * up to level N-1, then one row per snapshot. {@code exchange} is the instrument's venue in lower
 * case; {@code timestamp} and {@code local_timestamp} are microseconds since the epoch (the
 * nanosecond times floored), the snapshot time and the receive time of the last event applied;
 * prices and amounts are plain decimals at the instrument's exponents; levels the book does not
 * have are empty fields.
 */
final class TardisFormat extends SnapshotFormat
{
    private final String prefix;

    TardisFormat(final Instrument instrument, final int levels, final Writer out)
    {
        super(instrument, levels, out);
        prefix = csv(lowerCase(instrument.venue())) + ',' + csv(instrument.symbol()) + ',';
    }

    @Override
    public void begin()
    {
        line.append("exchange,symbol,timestamp,local_timestamp");
        for (int i = 0; i < levels; i++)
        {
            line.append(",asks[").append(i).append("].price,asks[").append(i).append("].amount")
                .append(",bids[").append(i).append("].price,bids[").append(i).append("].amount");
        }
        endLine();
    }

    @Override
    public void write(final BookLevels book, final long timestampNs, final long localTimestampNs)
    {
        line.append(prefix).append(Math.floorDiv(timestampNs, 1000L)).append(',').append(Math.floorDiv(localTimestampNs, 1000L));
        for (int i = 0; i < levels; i++)
        {
            level(book, L2Book.ASK, i);
            level(book, L2Book.BID, i);
        }
        endLine();
    }

    private void level(final BookLevels book, final int side, final int index)
    {
        line.append(',');
        if (index < book.count(side))
        {
            FixedPoint.appendDecimal(line, book.price(side, index), instrument.priceExponent()).append(',');
            FixedPoint.appendDecimal(line, book.size(side, index), instrument.sizeExponent());
        }
        else
        {
            line.append(',');
        }
    }

    /** RFC 4180 quoting, for the odd venue or symbol with a comma or quote in it. */
    private static String csv(final String value)
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0)
        {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
