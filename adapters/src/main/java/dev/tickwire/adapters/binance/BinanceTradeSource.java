package dev.tickwire.adapters.binance;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.FixedPoint;
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
        for (final BinanceFile f : layouts)
        {
            if (f.kind != kind)
            {
                throw new IllegalArgumentException(f + " is not a " + kind.fileName + " file");
            }
        }
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
        final BinanceFile file = layouts[(int)(rowPosition >>> FILE_SHIFT)];
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
            throw new CsvFormatException(file.columns + " fields expected, found " + row.fieldCount() + ": '" +
                row.lineText() + "'");
        }
        final long tradeId = row.longValue(BinanceKind.ID_FIELD);
        final long price = row.decimal(BinanceKind.PRICE_FIELD, priceExponent);
        final long size = row.decimal(BinanceKind.QTY_FIELD, sizeExponent);
        final long eventTimeNs = BinanceFile.eventTimeNs(row.longValue(kind.timeField));
        // the maker bought, so the taker (the aggressor) sold
        final Side aggressor = row.bool(kind.buyerMakerField) ? Side.SELL : Side.BUY;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, rowPosition, instrumentId, eventTimeNs, clock.nanoTime(),
            price, size, aggressor, tradeId, FixedPoint.NULL, FixedPoint.NULL));
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

    /**
     * Checks that the journal's last message of this source (its checkpoint) is a row of these files,
     * read in this order: positions count files in the order given, so an import of other files (a
     * later day alone) would otherwise look journaled already, or resume in the wrong place.
     *
     * @return null if the checkpoint is where these files say, else what is wrong
     */
    public String checkResume(final long position, final long eventTimeNs)
    {
        final int fileIndex = (int)(position >>> FILE_SHIFT);
        final long line = (position >>> LINE_SHIFT) & ((1L << (FILE_SHIFT - LINE_SHIFT)) - 1);
        final String hint = ". Positions count files in the order they are read (by name), so an import that adds " +
            "files must list the files imported before as well (they are skipped, not journaled twice)";
        if (fileIndex >= layouts.length)
        {
            return roleName() + ": the journal holds rows up to line " + line + " of file " + (fileIndex + 1) +
                " of an earlier import, and this import has " + layouts.length + " file(s)" + hint;
        }
        final BinanceFile file = layouts[fileIndex];
        try (CsvLines lines = new CsvLines(file.path))
        {
            while (lines.next())
            {
                if (lines.lineNumber() == line)
                {
                    final long time = eventTimeOrZero(lines, file);
                    if (eventTimeNs != 0 && time != eventTimeNs)
                    {
                        return roleName() + ": the journal's last row of an earlier import, line " + line + " of file " +
                            (fileIndex + 1) + " (event time " + eventTimeNs + " ns), is not line " + line + " of " +
                            file.path.getFileName() + " (event time " + time + " ns)" + hint;
                    }
                    return null;
                }
            }
        }
        return roleName() + ": the journal holds rows up to line " + line + " of file " + (fileIndex + 1) +
            " of an earlier import, but " + file.path.getFileName() + " has fewer lines" + hint;
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
