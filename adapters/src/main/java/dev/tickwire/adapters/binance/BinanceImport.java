package dev.tickwire.adapters.binance;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.adapters.imports.ImportMerge;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.FixedPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Batch import of Binance public-data trade files: one finite source per instrument and kind
 * (trades, aggTrades), its files read in name order (daily files are then in day order). The
 * instrument is {@code venue:SYMBOL}; its exponents are inferred from the decimals in the data
 * unless given, and a symbol the journal already knows keeps its exponents.
 */
public final class BinanceImport implements HistoricalImport
{
    public static final String SPOT_VENUE = "binance";
    public static final String FUTURES_VENUE = "binance-futures";
    /** Rows per file looked at to infer exponents. */
    static final int SAMPLE_ROWS = 10_000;

    private final List<BinanceTradeSource> sources = new ArrayList<>();
    private final Map<String, String> instruments = new LinkedHashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final long totalBytes;
    private final int fileCount;

    /**
     * @param symbol        all files are this symbol (else each file's name gives it)
     * @param venue         the venue (else {@code binance}, or {@code binance-futures} for futures files)
     * @param priceExponent value = mantissa × 10^exponent, e.g. -8 (else inferred)
     * @param sizeExponent  likewise for quantities (else inferred)
     * @param tickSize      decimal tick size (else one unit of the price exponent)
     */
    public BinanceImport(
        final List<Path> files, final String symbol, final String venue, final Integer priceExponent,
        final Integer sizeExponent, final String tickSize, final InstrumentCatalog catalog)
    {
        ImportFiles.checkExponent("--price-exponent", priceExponent);
        ImportFiles.checkExponent("--size-exponent", sizeExponent);
        final Map<String, Map<BinanceKind, List<BinanceFile>>> byInstrument = new LinkedHashMap<>();
        final Map<String, String> venues = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (final Path path : files)
        {
            final BinanceFile file = BinanceFile.open(path);
            if (file.readError != null)
            {
                unreadable.add(file.readError + "; the file is skipped");
                continue;
            }
            final String s = symbol != null ? symbol : file.nameSymbol;
            if (s == null || s.isBlank())
            {
                throw new IllegalArgumentException(path + ": the name is not SYMBOL-trades|aggTrades-DATE.csv[.gz]; pass --symbol");
            }
            final String v = venue != null ? venue : file.futures ? FUTURES_VENUE : SPOT_VENUE;
            final String instrument = v + ":" + s;
            // the same day twice (e.g. .csv and .csv.gz) would journal every trade twice
            final String day = instrument + " " + file.kind + " " + stem(path);
            if (!seen.add(day))
            {
                throw new IllegalArgumentException(path + ": " + stem(path) + " is given twice");
            }
            venues.put(instrument, v);
            byInstrument.computeIfAbsent(instrument, k -> new EnumMap<>(BinanceKind.class))
                .computeIfAbsent(file.kind, k -> new ArrayList<>()).add(file);
            bytes += ImportFiles.size(path);
        }
        totalBytes = bytes;
        fileCount = files.size();

        for (final Map.Entry<String, Map<BinanceKind, List<BinanceFile>>> e : byInstrument.entrySet())
        {
            final String instrument = e.getKey();
            final List<BinanceFile> all = new ArrayList<>();
            e.getValue().values().forEach(all::addAll);
            final Instrument registered = register(catalog, instrument, venues.get(instrument), all, priceExponent,
                sizeExponent, tickSize);
            for (final Map.Entry<BinanceKind, List<BinanceFile>> k : e.getValue().entrySet())
            {
                final List<BinanceFile> ordered = new ArrayList<>(k.getValue());
                ordered.sort(Comparator.<BinanceFile>comparingLong(f -> f.firstEventTimeNs).thenComparing(f -> f.path.getFileName().toString()));
                final int sourceId = sourceId(catalog, instrument, k.getKey());
                sources.add(new BinanceTradeSource(sourceId, instrument, registered.venue(), k.getKey(),
                    registered.priceExponent(), registered.sizeExponent(), registered.tickSize(), ordered));
            }
        }
        ImportMerge.join(sources); // one journal in event-time order, whatever the files
    }

    /**
     * The source id of an instrument's trades or aggTrades, from the journal's source catalog (30000 + 2 ×
     * instrument id, + 1 for aggTrades, as earlier builds gave, where it is free).
     */
    public static int sourceId(final InstrumentCatalog catalog, final String instrument, final BinanceKind kind)
    {
        final int instrumentId = catalog.bySymbol(instrument).orElseThrow().id();
        return catalog.sources().register(SourceKind.BINANCE, "binance:" + kind.fileName + ":" + instrument,
            SourceKind.BINANCE.first + 2 * instrumentId + kind.ordinal());
    }

    private Instrument register(
        final InstrumentCatalog catalog, final String instrument, final String venue, final List<BinanceFile> files,
        final Integer priceExponent, final Integer sizeExponent, final String tickSize)
    {
        final Optional<Instrument> known = catalog.bySymbol(instrument);
        final int[] decimals = sampleDecimals(files);
        final boolean sampled = decimals[2] > 0;
        if (!sampled && known.isEmpty() && (priceExponent == null || sizeExponent == null))
        {
            throw new IllegalArgumentException(instrument + ": no rows to infer the exponents from; pass " +
                "--price-exponent and --size-exponent");
        }
        // a known symbol keeps its exponents when they hold the data (changing them would corrupt the journal)
        final int pe = priceExponent != null ? priceExponent :
            known.isPresent() && -known.get().priceExponent() >= decimals[0] ? known.get().priceExponent() : -decimals[0];
        final int se = sizeExponent != null ? sizeExponent :
            known.isPresent() && -known.get().sizeExponent() >= decimals[1] ? known.get().sizeExponent() : -decimals[1];
        final long tick;
        if (tickSize != null)
        {
            tick = FixedPoint.parse(tickSize, pe);
            if (tick <= 0)
            {
                throw new IllegalArgumentException("--tick-size must be positive: " + tickSize);
            }
        }
        else
        {
            tick = known.isPresent() && known.get().priceExponent() == pe ? known.get().tickSize() : 1;
        }
        final Instrument registered;
        try
        {
            registered = catalog.register(instrument, venue, pe, se, tick);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(instrument + " (the files have up to " + decimals[0] +
                " price and " + decimals[1] + " quantity decimals): " + ex.getMessage(), ex);
        }
        instruments.put(instrument, "price exponent " + pe + ", size exponent " + se + ", tick size " +
            FixedPoint.toDecimalString(tick, pe) + (priceExponent == null || sizeExponent == null ?
            (known.isPresent() ? " (as journaled before)" : " (inferred from the data)") : ""));
        return registered;
    }

    /** {max price decimals, max qty decimals, rows looked at} over the first rows of each file. */
    static int[] sampleDecimals(final List<BinanceFile> files)
    {
        final int[] out = new int[3];
        for (final BinanceFile file : files)
        {
            try (CsvLines lines = new CsvLines(file.path))
            {
                int rows = 0;
                while (rows < SAMPLE_ROWS && lines.next())
                {
                    if ((file.header && lines.lineNumber() == 1) || lines.fieldCount() != file.columns)
                    {
                        continue;
                    }
                    rows++;
                    final int p = lines.decimalsOf(BinanceKind.PRICE_FIELD);
                    final int q = lines.decimalsOf(BinanceKind.QTY_FIELD);
                    if (p <= ImportFiles.MAX_EXPONENT && q <= ImportFiles.MAX_EXPONENT) // more is garbage: that row will be reported as malformed
                    {
                        out[0] = Math.max(out[0], p);
                        out[1] = Math.max(out[1], q);
                    }
                }
                out[2] += rows;
            }
            catch (final NumberFormatException ex)
            {
                // decimalsOf on a broken exponent notation: not a sample
            }
        }
        return out;
    }

    /**
     * Refuses an import whose files do not continue what the journal already holds from the same
     * sources (see {@link BinanceTradeSource#checkResume}); call before the engine starts.
     *
     * @throws IllegalArgumentException naming the source and what to do
     */
    public void verifyResume(final Path journalDir)
    {
        if (!hasQueueFiles(journalDir))
        {
            return;
        }
        final List<Integer> ids = new ArrayList<>();
        sources.forEach(s -> ids.add(s.sourceId()));
        final Map<Integer, Checkpoint> checkpoints;
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            checkpoints = journal.lastCheckpoints(ids);
        }
        for (final BinanceTradeSource source : sources)
        {
            final Checkpoint cp = checkpoints.get(source.sourceId());
            final String problem = cp == null ? null : source.checkResume(cp.sourcePosition(), cp.eventTimeNs());
            if (problem != null)
            {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    private static boolean hasQueueFiles(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> list = Files.list(dir))
        {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(dir + ": " + ex.getMessage(), ex);
        }
    }

    /** Files that could not be read as far as their first line: skipped, one message each (an incomplete import). */
    @Override
    public List<String> unreadable()
    {
        return List.copyOf(unreadable);
    }

    @Override
    public List<FeedAdapter> adapters()
    {
        return List.copyOf(sources);
    }

    public List<BinanceTradeSource> sources()
    {
        return List.copyOf(sources);
    }

    /** What each instrument is imported as, by symbol: exponents and tick size, and where they came from. */
    public Map<String, String> instruments()
    {
        return instruments;
    }

    /** {@link #instruments()} as lines. */
    @Override
    public List<String> notes()
    {
        final List<String> lines = new ArrayList<>();
        instruments.forEach((symbol, what) -> lines.add(symbol + ": " + what));
        return lines;
    }

    @Override
    public long totalBytes()
    {
        return totalBytes;
    }


    /** Counts after the import: data rows read (headers are not rows); malformed rows are journaled as rejected. */
    @Override
    public ImportSummary summary()
    {
        final ImportSummary.Builder summary = ImportSummary.builder("rows", fileCount);
        for (final BinanceTradeSource s : sources)
        {
            summary.read(s.dataRows()).trades(s.trades()).malformed(s.malformedRows()).alreadyJournaled(s.alreadyJournaled());
        }
        return summary.build();
    }

    private static String stem(final Path path)
    {
        final String name = path.getFileName().toString();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
