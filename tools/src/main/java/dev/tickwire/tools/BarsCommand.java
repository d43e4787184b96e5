package dev.tickwire.tools;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.CsvRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickwire bars}: OHLCV bars of one instrument from the journal, built exactly as the live bar stage builds them. */
@Command(name = "bars", mixinStandardHelpOptions = true,
    description = {
        "OHLCV bars of one instrument from the journal's accepted trades, by the same rules as the live bars",
        "stream: time bars (start inclusive, end exclusive, closed by the first event at or after the end),",
        "or tick, volume or value bars (closed by the trade that reaches the threshold; trades are never split).",
        "The bar still open at the end of the journal is not printed; --to completes the time bars ending by then."})
final class BarsCommand implements Callable<Integer>
{
    static final String CSV_HEADER = CsvRow.header(MarketRows::bar, MarketRows.BAR_SAMPLE);
    static final String FEATURES_CSV_HEADER = CsvRow.header(MarketRows::bar, MarketRows.FEATURE_BAR_SAMPLE);

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "./tickwire-data/journal",
        description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--symbol", paramLabel = "S", required = true, description = "The instrument.")
    String symbol;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Time bars: 15s, 1m, 5m, 15m, 1h, 4h, 1d, 90s, …")
    String interval;

    @Option(names = "--ticks", paramLabel = "N", description = "A bar every N trades.")
    Long ticks;

    @Option(names = "--volume", paramLabel = "V", description = "A bar when the traded size reaches V (size units, a decimal).")
    String volume;

    @Option(names = "--value", paramLabel = "V", description = "A bar when Σ price × size reaches V (currency units, a decimal).")
    String value;

    @Option(names = "--spec", paramLabel = "SPEC",
        description = {"Any bar spec: 1m, ticks:100, volume:50, value:1e6, or an information-driven bar (docs/features.md):",
            "tib|vib|dib (tick/volume/dollar imbalance), trb|vrb|drb (runs), e.g. tib:ewma=100."})
    String specText;

    @Option(names = "--features", description = "Add the book and tape features to every bar (docs/features.md).")
    boolean features;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "5",
        description = "The top-N book levels the features read (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = Converters.Duration.class,
        description = "Compute the features from this long before --from (the rolling ones need earlier bars; default: none).")
    Long warmupNs;

    @Option(names = "--origin", paramLabel = "HH:MM", defaultValue = "00:00",
        description = "Time bars start at this UTC time of day + k × interval (default: ${DEFAULT-VALUE}; 13:30 = 09:30 New York in summer).")
    String origin;

    @Option(names = "--emit-empty", description = "Print intervals without trades as empty bars (OHLC = previous close, volumes 0).")
    boolean emitEmpty;

    @Option(names = "--from", paramLabel = "T", converter = Converters.Time.class,
        description = "ISO-8601 or epoch ns: time bars from the bar holding T; other bars count from the first trade at or after T.")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.Time.class,
        description = "Inclusive; time bars ending by T are completed (default: the end of the journal).")
    Long to;

    @Option(names = "--format", paramLabel = "csv|jsonl|table|parquet", defaultValue = "csv",
        description = "csv, jsonl, table (aligned columns) or parquet (--out FILE; the archive's bars columns) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "The Parquet file --format parquet writes.")
    Path out;

    @Override
    public Integer call() throws IOException
    {
        if (!format.equals("csv") && !format.equals("jsonl") && !format.equals("table") && !format.equals("parquet"))
        {
            throw new IllegalArgumentException("--format must be csv, jsonl, table or parquet");
        }
        if (format.equals("parquet") != (out != null))
        {
            throw new IllegalArgumentException("--format parquet writes to --out FILE (and --out is for parquet)");
        }
        if (depth < 1 || depth > 50)
        {
            throw new IllegalArgumentException("--depth must be 1..50");
        }
        if (warmupNs != null && !features)
        {
            throw new IllegalArgumentException("--warmup is for --features");
        }
        if (from != null && to != null && to < from)
        {
            throw new IllegalArgumentException("--to is before --from");
        }
        final BarSpec spec = spec();
        if (out != null)
        {
            return parquet(spec);
        }
        final boolean table = format.equals("table");
        final boolean csv = format.equals("csv") || table;
        final java.util.List<String> lines = new java.util.ArrayList<>();
        final StringBuilder row = new StringBuilder(256);
        final CsvRow csvRow = new CsvRow(row);
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try
        {
            if (csv)
            {
                lines.add(features ? FEATURES_CSV_HEADER : CSV_HEADER);
            }
            final JournalBars.Outcome outcome = JournalBars.run(journal, symbol, spec, emitEmpty,
                from == null ? Values.NONE : from, to == null ? Long.MAX_VALUE : to, features ? depth : 0,
                warmupNs == null ? 0 : warmupNs, bar ->
                {
                    row.setLength(0);
                    if (csv)
                    {
                        MarketRows.bar(MarketQueries.BarRow.of(bar), csvRow.begin());
                    }
                    else
                    {
                        row.append(MarketRows.json(MarketRows::bar, MarketQueries.BarRow.of(bar)));
                    }
                    if (table)
                    {
                        lines.add(row.toString());
                        return;
                    }
                    try
                    {
                        if (!lines.isEmpty())
                        {
                            out.append(lines.remove(0)).write('\n'); // the header
                        }
                        out.append(row).write('\n');
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                });
            if (table)
            {
                out.write(aligned(lines));
            }
            else if (!lines.isEmpty())
            {
                out.append(lines.remove(0)).write('\n'); // no bars: the header alone
            }
            if (outcome.openTrades() > 0)
            {
                System.err.println("tickwire bars: the bar from " + Timestamps.format(outcome.openStartNs()) + " (" +
                    outcome.openTrades() + " trades so far) is still open: not printed");
            }
        }
        finally
        {
            out.flush(); // not closed: System.out stays open
        }
        return 0;
    }

    /** The bars into one Parquet file, with the archive's writer and columns (DuckDB, pandas, Polars read it). */
    private int parquet(final BarSpec spec) throws IOException
    {
        try (dev.tickwire.journal.Journal j = dev.tickwire.journal.Journal.open(
            new dev.tickwire.journal.Journal.Context().dir(journal).readOnly(true)))
        {
            final dev.tickwire.journal.Instrument instrument = dev.tickwire.engine.query.JournalQueries.instrument(j, symbol);
            try (dev.tickwire.archive.BarsParquetFile file = new dev.tickwire.archive.BarsParquetFile(out, instrument))
            {
                JournalBars.run(j, instrument.symbol(), spec, emitEmpty, from == null ? Values.NONE : from,
                    to == null ? Long.MAX_VALUE : to, features ? depth : 0, warmupNs == null ? 0 : warmupNs, bar ->
                    {
                        try
                        {
                            file.write(bar);
                        }
                        catch (final IOException ex)
                        {
                            throw new UncheckedIOException(ex);
                        }
                    });
                System.err.printf("tickwire bars: %d bar(s) written to %s%n", file.rows(), out);
            }
        }
        return 0;
    }

    /** CSV lines as aligned columns (bar and reference values hold no commas): --format table. */
    static String aligned(final java.util.List<String> lines)
    {
        final java.util.List<String[]> cells = lines.stream().map(l -> l.split(",", -1)).toList();
        final int[] width = new int[cells.get(0).length];
        for (final String[] r : cells)
        {
            for (int i = 0; i < r.length && i < width.length; i++)
            {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (final String[] r : cells)
        {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++)
            {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private BarSpec spec()
    {
        int given = 0;
        String text = null;
        if (specText != null)
        {
            given++;
            text = specText.matches("\\d+[a-z]+") ? "time:" + specText : specText;
        }
        if (interval != null)
        {
            given++;
            text = "time:" + interval;
        }
        if (ticks != null)
        {
            given++;
            text = "ticks:" + ticks;
        }
        if (volume != null)
        {
            given++;
            text = "volume:" + volume;
        }
        if (value != null)
        {
            given++;
            text = "value:" + value;
        }
        if (given != 1)
        {
            throw new IllegalArgumentException("give exactly one of --interval, --ticks, --volume, --value, --spec");
        }
        return BarSpec.parse(text, BarSpec.parseOrigin(origin));
    }
}
