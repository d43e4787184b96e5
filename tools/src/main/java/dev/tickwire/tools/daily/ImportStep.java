package dev.tickwire.tools.daily;

import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.adapters.tardis.TardisImport;
import dev.tickwire.adapters.tardis.download.TardisDayFile;
import dev.tickwire.adapters.tardis.download.TardisImported;
import dev.tickwire.adapters.tardis.download.TardisMissingData;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceCatalog;
import dev.tickwire.tools.ImportRun;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The day's downloaded files that have rows into the journal, through the one import path ({@link TardisImport},
 * {@link ImportRun}): a row the journal holds is skipped by its source position, so a rerun after a kill imports the
 * rest and nothing twice.
 *
 * <p>The importer reads a source's days in order (a file before the journal's last day of that source is skipped
 * unread), so a day is held while an earlier day of the same sources has not been imported: importing it first
 * would leave the earlier day out of the journal for good.
 */
final class ImportStep implements DailyStep
{
    static final String NAME = "import";
    /**
     * A test hook: each source stops reading once it has handed the engine this many rows, and the import waits
     * there until the process is killed (how a test kills a run halfway through an import, deterministically).
     */
    static final String PAUSE_PROPERTY = "tickwire.test.daily.pauseImportAfterRows";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of(DownloadStep.NAME);
    }

    /** The day's files in the folder that the importer reads and that have rows. */
    private static List<Path> files(final DailyContext context, final LocalDate day)
    {
        final Map<TardisDayFile, Boolean> folder = TardisMissingData.folder(context.daily.cache, context.daily.exchange,
            day, day);
        final List<Path> files = new ArrayList<>();
        for (final TardisDayFile file : context.dayFiles(day))
        {
            final Boolean empty = folder.get(file);
            if (empty != null && !empty && TardisImported.importLabel(file.dataType()).isPresent())
            {
                files.add(context.cached(file));
            }
        }
        files.sort(null); // name order, as `tickwire import tardis DIR/*.csv.gz` takes them
        return files;
    }

    /**
     * Throws {@link Held} when an earlier day of this shard that this journal may still need has not been imported:
     * one the chain ran before (it has a state file) or one after a source's last imported day. The importer skips a
     * source's files before its last imported day, so importing this day first would leave that one out for good.
     */
    static void checkNotHeld(final DailyContext context, final LocalDate day)
    {
        final Map<String, LocalDate> through = imported(context);
        LocalDate imported = LocalDate.MAX; // the last day every source of this day has imported (MIN: one has none)
        for (final TardisDayFile file : context.dayFiles(day))
        {
            final java.util.Optional<String> label = TardisImported.importLabel(file.dataType());
            if (label.isPresent())
            {
                final LocalDate last = through.get(label.get() + ":" + file.symbol());
                imported = last == null ? LocalDate.MIN : last.isBefore(imported) ? last : imported;
            }
        }
        if (imported.equals(LocalDate.MAX) || !imported.isBefore(day.minusDays(1)))
        {
            return; // nothing importable, or every source is at the day before (or further)
        }
        final java.util.TreeSet<LocalDate> earlier = new java.util.TreeSet<>(DayState.days(context.daily.stateDir));
        final LocalDate after = imported.equals(LocalDate.MIN) ? day : imported.plusDays(1);
        for (LocalDate d = after; d.isBefore(day); d = d.plusDays(1))
        {
            earlier.add(d); // after a source's last imported day: never run by the chain, perhaps
        }
        for (final LocalDate d : earlier.subSet(imported, false, day, false))
        {
            if (!context.shard.owns(d))
            {
                continue; // another host's journal has it
            }
            final DayState state = DayState.read(context.daily.stateDir, d);
            if (!state.done(NAME))
            {
                throw new Held("waits for " + d + " (" + why(state) + "): the importer reads each source's days in " +
                    "order, so importing " + day + " first would leave " + d + " out of the journal for good; " +
                    "`tickwire daily --from " + d + " --to " + day + "` does both (to give up on " + d +
                    ", delete " + state.path() + ")");
            }
        }
    }

    /** {@link TardisImported#through}, of a journal that has sources (the instruments step makes its folder first). */
    private static Map<String, LocalDate> imported(final DailyContext context)
    {
        return Files.exists(context.daily.journal.resolve(SourceCatalog.FILE_NAME)) ?
            TardisImported.through(context.daily.journal, context.daily.exchange) : Map.of();
    }

    private static String why(final DayState state)
    {
        if (!state.exists())
        {
            return "never run";
        }
        for (final DayState.Step s : state.steps)
        {
            switch (s.status)
            {
                case DayState.RUNNING: return "its " + s.name + " was interrupted";
                case DayState.FAILED: return "its " + s.name + " failed";
                case DayState.NOT_READY: return "it was not ready";
                case DayState.HELD: return "its " + s.name + " waits too";
                default: break;
            }
        }
        return "its import is not done";
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day) throws Exception
    {
        String held = "";
        try
        {
            checkNotHeld(context, day);
        }
        catch (final Held ex)
        {
            held = "; it would wait: " + ex.getMessage();
        }
        final Map<String, LocalDate> through = imported(context);
        final List<Path> files = files(context, day);
        long rows = 0;
        int toImport = 0;
        int imported = 0;
        for (final Path path : files)
        {
            final TardisDayFile file = TardisDayFile.parse(path.getFileName().toString()).orElseThrow();
            final String source = TardisImported.importLabel(file.dataType()).orElseThrow() + ":" + file.symbol();
            final LocalDate last = through.get(source);
            if (last != null && !last.isBefore(day))
            {
                imported++;
            }
            else
            {
                toImport++;
                rows += rows(path);
            }
        }
        final long missing = context.dayFiles(day).stream()
            .filter(f -> TardisImported.importLabel(f.dataType()).isPresent())
            .filter(f -> !Files.exists(context.cached(f))).count();
        return String.format(Locale.ROOT, "would import %,d row(s) from %d file(s) into %s (rows the journal holds " +
            "are skipped)%s%s%s", rows, toImport, context.daily.journal,
            imported > 0 ? "; " + imported + " file(s) imported already" : "",
            missing > 0 ? "; " + missing + " file(s) not downloaded yet" : "", held);
    }

    /** Rows of a day file (its lines but the header), read through; for the dry run. */
    static long rows(final Path file) throws IOException
    {
        long lines = 0;
        final byte[] buffer = new byte[1 << 16];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            raw.mark(2);
            final boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw)
            {
                for (int n; (n = in.read(buffer)) > 0; )
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (buffer[i] == '\n')
                        {
                            lines++;
                        }
                    }
                }
            }
        }
        return Math.max(0, lines - 1);
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws Exception
    {
        checkNotHeld(context, day);
        final List<Path> files = files(context, day);
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files", files.size());
        if (files.isEmpty())
        {
            return new Outcome("nothing to import (no file of the day has rows)", counts);
        }
        final HistoricalImport tardis = new TardisImport(files, null, null, null,
            InstrumentCatalog.open(context.daily.journal));
        final Long pauseAfter = Long.getLong(PAUSE_PROPERTY);
        final HistoricalImport imp = pauseAfter == null ? tardis : new PausedImport(tardis, pauseAfter);
        final ImportRun.Outcome outcome = ImportRun.run(ImportRun.config(context.daily.journal), imp,
            (read, total, journaled) ->
            {
                final Map<String, Object> progress = new LinkedHashMap<>(counts);
                progress.put("bytesRead", read);
                progress.put("bytes", total);
                progress.put("journaled", journaled);
                state.progress(NAME, progress);
            });
        final ImportSummary s = outcome.summary();
        counts.put("rows", s.read());
        counts.put("trades", s.trades());
        counts.put("quotes", s.quotes());
        counts.put("bookDeltas", s.deltas());
        counts.put("snapshots", s.snapshots());
        counts.put("malformed", s.malformed());
        counts.put("alreadyJournaled", s.alreadyJournaled());
        counts.put("journaled", outcome.journaled());
        counts.put("rejected", outcome.rejected());
        s.details().forEach(counts::put);
        if (!outcome.incomplete().isEmpty())
        {
            counts.put("incomplete", outcome.incomplete());
            throw new StepFailure(outcome.incomplete().size() + " file(s) or source(s) not read whole: " +
                String.join("; ", outcome.incomplete()) + " (the rows before each cut are in; delete a cut file from " +
                context.daily.cache + " so that the download fetches it again)", counts);
        }
        final double seconds = outcome.nanos() / 1e9;
        return new Outcome(String.format(Locale.ROOT, "%,d row(s) from %d file(s): %,d journaled, %,d in the " +
                "journal already, %,d rejected (%,.0f rows/s)", s.read(), files.size(), outcome.journaled(),
            s.alreadyJournaled(), outcome.rejected(), s.read() / Math.max(seconds, 1e-9)), counts);
    }
}
