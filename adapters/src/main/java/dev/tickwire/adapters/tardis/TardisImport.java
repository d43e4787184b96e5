package dev.tickwire.adapters.tardis;


import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.adapters.imports.ImportMerge;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch import of Tardis.dev CSV files (plain or gzip). Each file's header says its dataset (trades and
 * liquidations share one: the file's name tells them apart); its first row says its first instrument
 * ({@code exchange:symbol}). Files of one dataset with the same first instrument are one finite source,
 * read in time order (their first rows' local timestamps), so a re-import numbers them the same and
 * journals nothing twice; an options_chain file holds every option of its exchange, so its source is
 * the exchange's. Its source id comes from the journal's source catalog, keyed by dataset and
 * instrument (or exchange), so it is stable across runs. Further instruments in a file are defined as
 * they appear.
 */
public final class TardisImport implements HistoricalImport
{
    /** Rows per file looked at to infer exponents. */
    public static final int SCAN_ROWS = 10_000;
    /** Instruments whose exponents {@link #notes()} lists one by one. */
    static final int NOTED_INSTRUMENTS = 20;

    private final List<TardisSource> sources = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final TardisScales scales;
    private final Refusals refusals = new Refusals();
    private final long totalBytes;
    private final int fileCount;

    /**
     * @param priceExponent value = mantissa × 10^exponent for every instrument (else inferred or the journal's)
     * @param sizeExponent  likewise for amounts
     * @param tickSize      decimal tick size for every instrument (else one unit of the price exponent)
     * @throws IllegalArgumentException for a missing file, an unknown header (naming the file), or
     *                                  exponents the journal refuses
     */
    public TardisImport(
        final List<Path> files, final Integer priceExponent, final Integer sizeExponent, final String tickSize,
        final InstrumentCatalog catalog)
    {
        ImportFiles.checkExponent("--price-exponent", priceExponent);
        ImportFiles.checkExponent("--size-exponent", sizeExponent);
        final Set<Path> unique = new LinkedHashSet<>();
        long bytes = 0;
        for (final Path file : files)
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException(file + ": no such file");
            }
            if (unique.add(file.toAbsolutePath().normalize()))
            {
                bytes += ImportFiles.size(file);
            }
        }
        totalBytes = bytes;
        fileCount = unique.size();

        final List<TardisFileScan> scans = new ArrayList<>();
        final Map<String, int[]> decimals = new HashMap<>();
        for (final Path file : unique)
        {
            final TardisFileScan scan = TardisFileScan.scan(file, SCAN_ROWS);
            if (scan.noData)
            {
                notes.add(file + ": no rows (an empty gzip file, as Tardis.dev serves for a day without data); skipped");
                continue;
            }
            if (scan.readError != null)
            {
                unreadable.add(scan.readError + "; the file is skipped");
                continue;
            }
            if (scan.firstInstrument == null)
            {
                notes.add(file + ": no " + scan.header.name() + " rows" + (scan.rowsScanned > 0 ? " that parse" : "") +
                    " at the start of the file; skipped");
                continue;
            }
            scans.add(scan);
            scan.decimals.forEach((instrument, d) ->
            {
                final int[] all = decimals.computeIfAbsent(instrument, k -> new int[2]);
                all[0] = Math.max(all[0], d[0]);
                all[1] = Math.max(all[1], d[1]);
            });
        }
        scales = new TardisScales(priceExponent, sizeExponent, tickSize, decimals, catalog);
        for (final TardisFileScan scan : scans)
        {
            scan.decimals.keySet().forEach(scales::of); // conflicts with the journal show before anything runs
        }

        final Map<String, List<TardisFileScan>> groups = new LinkedHashMap<>();
        for (final TardisFileScan scan : scans)
        {
            groups.computeIfAbsent(scan.header.dataset + " " + sourceKey(scan), k -> new ArrayList<>()).add(scan);
        }
        for (final List<TardisFileScan> group : groups.values())
        {
            group.sort(Comparator.<TardisFileScan>comparingLong(s -> s.firstReceiveTimeNs).thenComparing(s -> s.path.toString()));
            sources.add(source(group, catalog));
        }
        ImportMerge.join(sources); // one journal in event-time order, whatever the files
    }

    private TardisSource source(final List<TardisFileScan> group, final InstrumentCatalog catalog)
    {
        final TardisFileScan first = group.get(0);
        final String instrument = first.firstInstrument;
        final String exchange = first.firstExchange;
        final String symbol = instrument.substring(exchange.length() + 1);
        final TardisScales.Scale scale = scales.of(instrument);
        final String venue = exchange.length() > TardisInstruments.MAX_VENUE_LENGTH ?
            exchange.substring(0, TardisInstruments.MAX_VENUE_LENGTH) : exchange;
        final int instrumentId;
        try
        {
            instrumentId = catalog.register(instrument, venue, scale.priceExponent(), scale.sizeExponent(), scale.tickSize()).id();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(first.path + ": " + ex.getMessage(), ex);
        }
        final TardisDataset dataset = first.header.dataset;
        final int sourceId = dataset.hasLegacySourceId() ? sourceId(catalog, instrument, dataset) :
            sourceId(catalog, sourceKey(first), dataset);
        final List<Path> paths = new ArrayList<>();
        final long[] firstTimes = new long[group.size()];
        for (int i = 0; i < group.size(); i++)
        {
            paths.add(group.get(i).path);
            firstTimes[i] = group.get(i).firstEventTimeNs;
        }
        switch (dataset)
        {
            case TRADES:
                return new TardisTradesSource(sourceId, paths, firstTimes, exchange, symbol, scales, refusals);
            case QUOTES:
                return new TardisQuotesSource(sourceId, paths, firstTimes, exchange, symbol, scales, refusals);
            case BOOK_SNAPSHOT:
                return new TardisSnapshotSource(sourceId, paths, firstTimes, exchange, symbol, scales, refusals);
            case DERIVATIVE_TICKER:
                return new TardisDerivativeTickerSource(sourceId, paths, firstTimes, exchange, symbol, scales,
                    refusals);
            case LIQUIDATIONS:
                return new TardisLiquidationsSource(sourceId, paths, firstTimes, exchange, symbol, scales, refusals);
            case OPTIONS_CHAIN:
                return new TardisOptionsChainSource(sourceId, paths, firstTimes, exchange, symbol, scales, refusals);
            default:
                return new TardisIncrementalBookSource(sourceId, paths, firstTimes, exchange, symbol, scales, refusals);
        }
    }

    /**
     * The source id of a dataset's source, from the journal's {@link dev.tickwire.journal.SourceCatalog}, keyed
     * {@code tardis:<dataset>:<key>}. The first four datasets are keyed by their first instrument and take
     * 10000 + 4 × instrument id + dataset code where it is free, as earlier builds gave. The datasets added
     * later (derivative_ticker, liquidations: keyed by first instrument; options_chain: keyed by exchange) have
     * no formula: the catalog gives them the lowest free id of the shared range, never one of the Tardis range,
     * whose every id may be the formula's id of a journal written before the catalog existed.
     *
     * @param key the first instrument ({@code exchange:symbol}), or for options_chain the exchange
     */
    public static int sourceId(final InstrumentCatalog catalog, final String key, final TardisDataset dataset)
    {
        final String name = "tardis:" + dataset.label + ":" + key;
        if (!dataset.hasLegacySourceId())
        {
            return catalog.sources().register(SourceKind.SHARED, name, 0);
        }
        final int instrumentId = catalog.bySymbol(key).orElseThrow().id();
        return catalog.sources().register(SourceKind.TARDIS, name,
            SourceKind.TARDIS.first + 4 * instrumentId + dataset.code);
    }

    /** What a file's source is keyed by: its first instrument, or for options_chain its exchange (all its options). */
    private static String sourceKey(final TardisFileScan scan)
    {
        return scan.header.dataset == TardisDataset.OPTIONS_CHAIN ? scan.firstExchange : scan.firstInstrument;
    }

    @Override
    public List<FeedAdapter> adapters()
    {
        return List.copyOf(sources);
    }

    /** Files read (each once, whatever the command line repeats). */
    public int fileCount()
    {
        return fileCount;
    }

    @Override
    public long totalBytes()
    {
        return totalBytes;
    }


    /** Files that could not be read as far as their header: skipped, one message each (an incomplete import). */
    @Override
    public List<String> unreadable()
    {
        return List.copyOf(unreadable);
    }

    /**
     * Files skipped and why, then each instrument's exponents and tick size and where they came from,
     * e.g. "binance:BTCUSDT: price exponent -2, …": the first {@value #NOTED_INSTRUMENTS}, then how many
     * more (a day of Deribit's options is a thousand instruments).
     */
    @Override
    public List<String> notes()
    {
        final List<String> lines = new ArrayList<>(notes);
        final java.util.Collection<TardisScales.Scale> decided = scales.decided().values();
        decided.stream().limit(NOTED_INSTRUMENTS).forEach(s -> lines.add(s.describe()));
        if (decided.size() > NOTED_INSTRUMENTS)
        {
            lines.add("... and " + (decided.size() - NOTED_INSTRUMENTS) + " more instruments, each with its own " +
                "exponents (the journal's " + InstrumentCatalog.FILE_NAME + " lists them)");
        }
        return lines;
    }

    /**
     * Why the files cannot be imported into this journal (they are not those a previous import
     * read): known once the engine has started the sources, before they read anything.
     */
    @Override
    public List<String> refusals()
    {
        return refusals.list();
    }

    /**
     * Counts, once the sources are done: rows read; malformed rows are journaled as rejected MALFORMED. The
     * derivative datasets' messages are details ("derivative tickers", "liquidations", "option summaries",
     * "rows rounded"), present when the import had such files.
     */
    @Override
    public ImportSummary summary()
    {
        final ImportSummary.Builder summary = ImportSummary.builder("rows", fileCount);
        final Map<TardisDataset, Long> derived = new java.util.EnumMap<>(TardisDataset.class);
        long rounded = 0;
        for (final TardisSource s : sources)
        {
            summary.read(s.rows()).malformed(s.malformedRows()).trades(s.trades()).quotes(s.quotes()).deltas(s.deltas())
                .snapshots(s.snapshots()).alreadyJournaled(s.alreadyJournaled());
            derived.merge(s.dataset, s.tickers() + s.liquidations() + s.options(), Long::sum);
            rounded += s.roundedRows();
        }
        if (derived.containsKey(TardisDataset.DERIVATIVE_TICKER))
        {
            summary.detail("derivative tickers", derived.get(TardisDataset.DERIVATIVE_TICKER));
        }
        if (derived.containsKey(TardisDataset.LIQUIDATIONS))
        {
            summary.detail("liquidations", derived.get(TardisDataset.LIQUIDATIONS));
        }
        if (derived.containsKey(TardisDataset.OPTIONS_CHAIN))
        {
            summary.detail("option summaries", derived.get(TardisDataset.OPTIONS_CHAIN));
        }
        if (derived.containsKey(TardisDataset.DERIVATIVE_TICKER) || derived.containsKey(TardisDataset.OPTIONS_CHAIN))
        {
            summary.detail("rows rounded", rounded);
        }
        return summary.build();
    }

    /** Shared by the sources of one import: if one refuses, none publishes. */
    static final class Refusals
    {
        private final List<String> reasons = new ArrayList<>();
        private volatile boolean any;

        synchronized void add(final String reason)
        {
            reasons.add(reason);
            any = true;
        }

        boolean any()
        {
            return any;
        }

        synchronized List<String> list()
        {
            return List.copyOf(reasons);
        }
    }
}
