package dev.tickwire.adapters.binance;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Binance public-data file and its layout, told from its first line: a header (futures files
 * since 2022) has a non-numeric first field and names the columns; without one, the number of
 * columns tells spot (trailing isBestMatch) from futures. The name, when it follows Binance's
 * {@code SYMBOL-trades|aggTrades-DATE.csv[.gz]}, gives the symbol and must agree on the kind.
 */
public final class BinanceFile
{
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_]+)-(trades|aggTrades)-.*\\.csv(\\.gz)?");

    public final Path path;
    public final BinanceKind kind;
    /** True when the file has no isBestMatch column (Binance futures). */
    public final boolean futures;
    public final boolean header;
    /** Fields every row must have; -1 for an empty file (nothing to check). */
    public final int columns;
    /** From the file name, or null if the name does not follow Binance's. */
    public final String nameSymbol;
    /** Event time of the first data row, epoch ns; Long.MAX_VALUE if there is none or it does not parse. */
    public final long firstEventTimeNs;
    /** Why the file could not be read as far as its first line (a gzip cut in its header), or null. */
    public String readError;

    private BinanceFile(final Path path, final BinanceKind kind, final boolean futures, final boolean header,
        final int columns, final String nameSymbol)
    {
        this(path, kind, futures, header, columns, nameSymbol, Long.MAX_VALUE);
    }

    private BinanceFile(final Path path, final BinanceKind kind, final boolean futures, final boolean header,
        final int columns, final String nameSymbol, final long firstEventTimeNs)
    {
        this.path = path;
        this.kind = kind;
        this.futures = futures;
        this.header = header;
        this.columns = columns;
        this.nameSymbol = nameSymbol;
        this.firstEventTimeNs = firstEventTimeNs;
    }

    /** The same file with its first good data row's time, read on from {@code lines} (on the header or the first row). */
    private BinanceFile withFirstEventTime(final CsvLines lines)
    {
        if (header && !lines.next())
        {
            return this;
        }
        long first = Long.MAX_VALUE;
        do // the first row that parses (malformed ones are reported when the file is read)
        {
            try
            {
                if (lines.fieldCount() == columns)
                {
                    first = eventTimeNs(lines.longValue(kind.timeField));
                }
            }
            catch (final CsvFormatException | ArithmeticException ex)
            {
                first = Long.MAX_VALUE;
            }
        }
        while (first == Long.MAX_VALUE && lines.next());
        return new BinanceFile(path, kind, futures, header, columns, nameSymbol, first);
    }

    /**
     * Reads the first line of the file.
     *
     * @throws IllegalArgumentException if it is not a Binance trades or aggTrades file
     */
    public static BinanceFile open(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException(path + ": no such file");
        }
        if (isZip(path))
        {
            throw new IllegalArgumentException(path + ": a zip archive; unzip it (or gzip the .csv inside) first");
        }
        final String name = path.getFileName().toString();
        final Matcher m = NAME.matcher(name);
        final String nameSymbol = m.matches() ? m.group(1) : null;
        final BinanceKind nameKind = m.matches() ? kindOfName(m.group(2)) : null;
        try (CsvLines lines = new CsvLines(path))
        {
            if (!lines.next())
            {
                if (lines.readError() != null)
                {
                    final BinanceFile unreadable = new BinanceFile(path, nameKind != null ? nameKind : BinanceKind.TRADES,
                        false, false, -1, nameSymbol);
                    unreadable.readError = lines.readError();
                    return unreadable;
                }
                if (nameKind == null)
                {
                    throw new IllegalArgumentException(path + ": empty, and the name does not say trades or aggTrades");
                }
                return new BinanceFile(path, nameKind, false, false, -1, nameSymbol);
            }
            final BinanceFile file = isNumber(lines, 0) ? fromData(path, lines, nameSymbol) : fromHeader(path, lines, nameSymbol);
            if (nameKind != null && nameKind != file.kind)
            {
                throw new IllegalArgumentException(path + ": named " + nameKind.fileName + " but its first line is " +
                    file.kind.fileName + ": " + lines.quotedLine());
            }
            return file.withFirstEventTime(lines);
        }
    }

    /** Event time in epoch ns of a Binance timestamp: ms, or µs for spot from 2025 (told apart per value). */
    public static long eventTimeNs(final long timestamp)
    {
        if (timestamp < 0)
        {
            throw new CsvFormatException("negative timestamp " + timestamp);
        }
        // 10^15 µs is 2001; 10^15 ms is the year 33658: no real value is ambiguous
        return timestamp >= 1_000_000_000_000_000L ? Math.multiplyExact(timestamp, 1_000L) :
            Math.multiplyExact(timestamp, 1_000_000L);
    }

    private static BinanceFile fromData(final Path path, final CsvLines first, final String nameSymbol)
    {
        final int n = first.fieldCount();
        if (n == BinanceKind.TRADES.futuresColumns())
        {
            return new BinanceFile(path, BinanceKind.TRADES, true, false, n, nameSymbol);
        }
        if (n == BinanceKind.AGG_TRADES.spotColumns)
        {
            return new BinanceFile(path, BinanceKind.AGG_TRADES, false, false, n, nameSymbol);
        }
        if (n == BinanceKind.TRADES.spotColumns) // = futures aggTrades: spot trades has a boolean where aggTrades has a time
        {
            return isBoolean(first, BinanceKind.TRADES.buyerMakerField) ?
                new BinanceFile(path, BinanceKind.TRADES, false, false, n, nameSymbol) :
                new BinanceFile(path, BinanceKind.AGG_TRADES, true, false, n, nameSymbol);
        }
        throw new IllegalArgumentException(path + " line 1: not a Binance trades or aggTrades row (" + n + " fields): " +
            first.quotedLine());
    }

    private static BinanceFile fromHeader(final Path path, final CsvLines header, final String nameSymbol)
    {
        final String id = column(header, 0);
        final BinanceKind kind = id.equals("id") ? BinanceKind.TRADES :
            id.equals("aggtradeid") || id.equals("a") ? BinanceKind.AGG_TRADES : null;
        final int n = header.fieldCount();
        if (kind == null || (n != kind.spotColumns && n != kind.futuresColumns()) ||
            !column(header, kind.buyerMakerField).equals("isbuyermaker") ||
            !column(header, BinanceKind.PRICE_FIELD).equals("price"))
        {
            throw new IllegalArgumentException(path + " line 1: not a Binance trades or aggTrades header: " +
                header.quotedLine());
        }
        return new BinanceFile(path, kind, n == kind.futuresColumns(), true, n, nameSymbol);
    }

    /** A header name without case or underscores: "is_buyer_maker" and "isBuyerMaker" are one. */
    private static String column(final CsvLines header, final int field)
    {
        return field < header.fieldCount() ? header.text(field).trim().replace("_", "").toLowerCase(Locale.ROOT) : "";
    }

    private static boolean isNumber(final CsvLines line, final int field)
    {
        try
        {
            line.longValue(field);
            return true;
        }
        catch (final CsvFormatException | ArithmeticException ex)
        {
            return false;
        }
    }

    private static boolean isBoolean(final CsvLines line, final int field)
    {
        try
        {
            line.bool(field);
            return true;
        }
        catch (final CsvFormatException ex)
        {
            return false;
        }
    }

    private static BinanceKind kindOfName(final String text)
    {
        return text.equals(BinanceKind.TRADES.fileName) ? BinanceKind.TRADES : BinanceKind.AGG_TRADES;
    }

    private static boolean isZip(final Path path)
    {
        try (InputStream in = Files.newInputStream(path))
        {
            return in.read() == 'P' && in.read() == 'K';
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public String toString()
    {
        return path.getFileName() + " (" + (futures ? "futures " : "spot ") + kind.fileName + (header ? ", header" : "") + ")";
    }
}
