package dev.tickwire.adapters.binance;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One instrument's Binance trades or aggTrades files, read in order: each row a trade (price, size
 * = qty, trade id = id / aggTradeId, isBuyerMaker → the seller aggressed), no bid/ask in the data.
 * The receive time is the engine's clock at read.
 */
public final class BinanceTradeSource extends CsvImportSource
{
    private final String symbol;
    private final String venue;
    private final BinanceKind kind;
    private final int priceExponent;
    private final int sizeExponent;
    private final long tickSize;
    private final BinanceFile[] layouts;
    /** Each file's key: the UTC day of its first row (Binance files are daily or monthly). */
    private final long[] firstEventTimeNs;
    private final long[] fileKeys;
    private int instrumentId;
    private volatile long trades;
    private volatile long headers;
    private volatile long skipped;

    /**
     * @param symbol   the instrument symbol in the catalog ({@code venue:SYMBOL})
     * @param tickSize mantissa at {@code priceExponent}
     * @param files    of this instrument and kind, in the order to read them
     */
    public BinanceTradeSource(
        final int sourceId, final String symbol, final String venue, final BinanceKind kind,
        final int priceExponent, final int sizeExponent, final long tickSize, final List<BinanceFile> files)
    {
        super(symbol + " " + kind.fileName, sourceId, paths(files));
        this.symbol = symbol;
        this.venue = venue;
        this.kind = kind;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.tickSize = tickSize;
        this.layouts = files.toArray(new BinanceFile[0]);
        this.firstEventTimeNs = firstEventTimes(layouts);
        this.fileKeys = dayKeys(firstEventTimeNs);
        for (final BinanceFile f : layouts)
        {
            if (f.kind != kind)
            {
                throw new IllegalArgumentException(f + " is not a " + kind.fileName + " file");
            }
        }
    }

    private static long[] firstEventTimes(final BinanceFile[] files)
    {
        final long[] times = new long[files.length];
        for (int i = 0; i < files.length; i++)
        {
            times[i] = files[i].firstEventTimeNs;
        }
        return times;
    }

    @Override
    protected long fileKey(final int index)
    {
        return fileKeys[index];
    }

    private static List<Path> paths(final List<BinanceFile> files)
    {
        final List<Path> paths = new ArrayList<>(files.size());
        files.forEach(f -> paths.add(f.path));
        return paths;
    }

    @Override
    protected void onStart(final AdapterContext context)
    {
        instrumentId = context.defineInstrument(symbol, venue, priceExponent, sizeExponent, tickSize);
    }

    /** Headers differ per file (old futures files have none): handled in {@link #onRow}. */
    @Override
    protected boolean hasHeader()
    {
        return false;
    }

    @Override
    protected void onRow(final CsvLines row, final long rowPosition)
    {
        final BinanceFile file = layouts[fileIndex()];
        if (file.header && row.lineNumber() == 1)
        {
            headers++;
            return;
        }
        if (!fresh(rowPosition))
        {
            skipped++; // journaled by an earlier import: not even parsed, so its problems are not reported twice
            return;
        }
        if (row.fieldCount() != file.columns)
        {
            throw new CsvFormatException(file.columns + " fields expected, found " + row.fieldCount() + ": " +
                row.quotedLine());
        }
        final long tradeId = row.longValue(BinanceKind.ID_FIELD);
        final long price = row.decimal(BinanceKind.PRICE_FIELD, priceExponent);
        final long size = row.decimal(BinanceKind.QTY_FIELD, sizeExponent);
        final long eventTimeNs = BinanceFile.eventTimeNs(row.longValue(kind.timeField));
        // the maker bought, so the taker (the aggressor) sold
        final Side aggressor = row.bool(kind.buyerMakerField) ? Side.SELL : Side.BUY;
        lastEventTimeNs = eventTimeNs;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, rowPosition, instrumentId, eventTimeNs, clock.nanoTime(),
            price, size, aggressor, tradeId, Values.NONE, Values.NONE));
        publisher.publish(sequence);
        trades++;
    }

    @Override
    protected int instrumentOfMalformedRow()
    {
        return instrumentId;
    }

    public String symbol()
    {
        return symbol;
    }

    public BinanceKind kind()
    {
        return kind;
    }

    public List<BinanceFile> layouts()
    {
        return List.of(layouts);
    }

    /** Trades published (rows journaled by an earlier import are not). */
    public long trades()
    {
        return trades;
    }

    /** Data rows read: header lines are not rows. */
    public long dataRows()
    {
        return rows() - headers;
    }

    /** Rows skipped because an earlier import journaled them. */
    public long alreadyJournaled()
    {
        return skipped;
    }

    @Override
    protected long rowTimeNs(final CsvLines row)
    {
        return BinanceFile.eventTimeNs(row.longValue(kind.timeField));
    }

    /**
     * Checks that these files continue the journal's last message of this source (its checkpoint):
     * rows are numbered by the UTC day their file starts, so the file of the checkpoint's day, if
     * given, must hold the checkpoint's row, and a later file must not start before it (it would be
     * journaled twice). Files of earlier days are taken as imported and skipped unread.
     *
     * @return null if they continue it, else what is wrong
     */
    public String checkResume(final long position, final long eventTimeNs)
    {
        final String sameDay = sameDayProblem(files, firstEventTimeNs, fileKeys);
        if (sameDay != null)
        {
            return roleName() + ": " + sameDay;
        }
        final long key = position >>> FILE_SHIFT;
        final long line = (position >>> LINE_SHIFT) & ((1L << (FILE_SHIFT - LINE_SHIFT)) - 1);
        for (int i = 0; i < layouts.length; i++)
        {
            final BinanceFile file = layouts[i];
            if (file.firstEventTimeNs == Long.MAX_VALUE)
            {
                continue; // no rows
            }
            if (fileKeys[i] == key)
            {
                final String problem = checkpointRow(file, line, eventTimeNs);
                if (problem != null)
                {
                    return problem;
                }
            }
            else if (fileKeys[i] > key && eventTimeNs != 0 && file.firstEventTimeNs < eventTimeNs - OVERLAP_TOLERANCE_NS)
            {
                return roleName() + ": " + file.path.getFileName() + " starts at " + file.firstEventTimeNs +
                    " ns, before the journal's last row of this source (" + eventTimeNs + " ns): it looks imported " +
                    "already, through other files, and its rows would be journaled twice";
            }
        }
        return null;
    }

    /** The checkpoint's row must be {@code line} of the file of its day, at its event time. */
    private String checkpointRow(final BinanceFile file, final long line, final long eventTimeNs)
    {
        try (CsvLines lines = new CsvLines(file.path))
        {
            while (lines.next())
            {
                if (lines.lineNumber() == line)
                {
                    final long time = eventTimeOrZero(lines, file);
                    return eventTimeNs != 0 && time != eventTimeNs ? roleName() + ": the journal's last row of an " +
                        "earlier import, line " + line + " of that day's file (event time " + eventTimeNs + " ns), is not " +
                        "line " + line + " of " + file.path.getFileName() + " (event time " + time + " ns): a different " +
                        "file for the same day" : null;
                }
            }
        }
        return roleName() + ": the journal holds rows up to line " + line + " of that day's file, but " +
            file.path.getFileName() + " has fewer lines: a different file for the same day";
    }

    /** Event time of a row as the importer journals it; 0 if it does not parse (a malformed row is journaled at 0). */
    private long eventTimeOrZero(final CsvLines row, final BinanceFile file)
    {
        try
        {
            return row.fieldCount() == file.columns ? BinanceFile.eventTimeNs(row.longValue(kind.timeField)) : 0;
        }
        catch (final CsvFormatException | ArithmeticException ex)
        {
            return 0;
        }
    }
}
