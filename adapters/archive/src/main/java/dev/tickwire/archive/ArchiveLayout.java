package dev.tickwire.archive;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where archive files live (Hive style, so DuckDB, Polars, pandas and Spark prune by day):
 * <pre>
 *   &lt;archive&gt;/&lt;table&gt;/date=YYYY-MM-DD/venue=&lt;venue&gt;/symbol=&lt;symbol&gt;/data.parquet   trades, quotes, book_deltas, bars_&lt;spec&gt;
 *                                                                      candles, liquidations
 *   &lt;archive&gt;/&lt;table&gt;/date=YYYY-MM-DD/all.parquet       statuses, definitions, rejects (every instrument)
 *                                                          derivative_tickers, option_summaries
 *   &lt;archive&gt;/manifests/YYYY-MM-DD.json                    the day's files, counts and checksums
 * </pre>
 * Day, venue and symbol are partition keys: readers get them as columns from the path, and a
 * query for one symbol or day opens only its files.
 * The day is the UTC day of the journal's watermark when the message was journaled (for one source,
 * the event's own day). A file is written under a hidden temporary name and renamed when whole.
 */
final class ArchiveLayout
{
    static final String MANIFESTS = "manifests";
    static final String ALL = "all";
    static final String DATA = "data";
    static final String EXTENSION = ".parquet";

    private final Path root;

    ArchiveLayout(final Path root)
    {
        this.root = root;
    }

    Path root()
    {
        return root;
    }

    Path dayDir(final String table, final LocalDate day)
    {
        return root.resolve(table).resolve("date=" + day);
    }

    /** The file of one instrument's rows of a table on a day (or of every instrument's, with a null venue). */
    Path file(final String table, final LocalDate day, final String venue, final String symbol)
    {
        final Path dir = dayDir(table, day);
        return venue == null ? dir.resolve(ALL + EXTENSION)
            : dir.resolve("venue=" + safe(venue)).resolve("symbol=" + safe(symbol)).resolve(DATA + EXTENSION);
    }

    /** The temporary name a file is written under: hidden, and not matched by {@code *.parquet}. */
    static Path temporary(final Path file)
    {
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    Path manifest(final LocalDate day)
    {
        return root.resolve(MANIFESTS).resolve(day + ".json");
    }

    Path manifests()
    {
        return root.resolve(MANIFESTS);
    }

    /** A path relative to the archive, with forward slashes, as manifests record it. */
    String relative(final Path file)
    {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** A venue or symbol as one safe path segment (e.g. "ESZ4.CME", "BTC/USDT" becomes "BTC_USDT"). */
    static String safe(final String name)
    {
        final String s = name.isEmpty() ? "_" : name.replaceAll("[^A-Za-z0-9._=-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
