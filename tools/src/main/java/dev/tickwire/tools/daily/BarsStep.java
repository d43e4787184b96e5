package dev.tickwire.tools.daily;

import dev.tickwire.archive.BarsParquetFile;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Parquet file of the day's bars per symbol and spec (as {@code tickwire bars --format parquet}, features
 * included), at {@code <bars.out>/bars_<spec>/<exchange>/<SYMBOL>/<day>.parquet}: one glob per symbol reads every
 * day. A file takes its name only when whole, and a file already there is kept, so a rerun writes the rest.
 */
final class BarsStep implements DailyStep
{
    static final String NAME = "bars";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of(ImportStep.NAME);
    }

    static Path file(final DailyContext context, final BarSpec spec, final String symbol, final LocalDate day)
    {
        // the archive's rule for a spec in a path (ArchiveLayout.safe): letters, digits and ._=- only
        final String safe = spec.text().replaceAll("[^A-Za-z0-9._=-]", "_");
        return context.daily.barsOut.resolve("bars_" + safe).resolve(context.daily.exchange).resolve(symbol)
            .resolve(day + ".parquet");
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day)
    {
        int write = 0;
        int kept = 0;
        for (final BarSpec spec : context.daily.barSpecs)
        {
            for (final String symbol : context.daily.symbols)
            {
                if (Files.exists(file(context, spec, symbol, day)))
                {
                    kept++;
                }
                else
                {
                    write++;
                }
            }
        }
        return "would write " + write + " bar file(s) (" + context.daily.barSpecs +
            (context.daily.section.bars.features ? ", with features" : "") + ") under " + context.daily.barsOut +
            (kept > 0 ? "; " + kept + " there already" : "");
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws IOException
    {
        final long from = DailyContext.dayStartNs(day);
        final int depth = context.daily.section.bars.features ? context.daily.section.bars.depth : 0;
        int written = 0;
        int kept = 0;
        int noData = 0;
        long bars = 0;
        try (Journal journal = Journal.open(new Journal.Context().dir(context.daily.journal).readOnly(true)))
        {
            for (final String symbol : context.daily.symbols)
            {
                if (journal.instruments().bySymbol(context.daily.instrument(symbol)).isEmpty())
                {
                    noData++; // never imported: no bars to make
                    continue;
                }
                final Instrument instrument = JournalQueries.instrument(journal, context.daily.instrument(symbol));
                for (final BarSpec spec : context.daily.barSpecs)
                {
                    final Path out = file(context, spec, symbol, day);
                    if (Files.exists(out))
                    {
                        kept++;
                        continue;
                    }
                    final long warmup = depth > 0 ? context.daily.barsWarmupNs : 0; // only features look back
                    bars += write(journal, instrument, spec, from, depth, warmup, out);
                    written++;
                }
            }
        }
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("written", written);
        counts.put("kept", kept);
        counts.put("bars", bars);
        counts.put("symbolsWithoutData", noData);
        return new Outcome(bars + " bar(s) in " + written + " file(s) under " + context.daily.barsOut +
            (kept > 0 ? "; " + kept + " file(s) there already" : "") +
            (noData > 0 ? "; " + noData + " symbol(s) not in the journal" : ""), counts);
    }

    /** One file; removed again if the bars fail halfway (the writer names it only when closed). */
    private static long write(final Journal journal, final Instrument instrument, final BarSpec spec, final long from,
        final int depth, final long warmupNs, final Path out) throws IOException
    {
        final BarsParquetFile file = new BarsParquetFile(out, instrument);
        boolean whole = false;
        try
        {
            JournalBars.run(journal, instrument.symbol(), spec, false, from, from + DailyContext.DAY_NS - 1, depth,
                warmupNs, bar ->
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
            whole = true;
        }
        finally
        {
            file.close();
            if (!whole)
            {
                Files.deleteIfExists(out);
            }
        }
        return file.rows();
    }
}
