package dev.tickwire.archive;

import dev.tickwire.archive.DayManifest.FileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a month of daily files into one file per table and instrument (30 times fewer files for
 * readers to list and open):
 * <pre>
 *   &lt;archive&gt;/monthly/&lt;table&gt;/month=YYYY-MM/venue=&lt;venue&gt;/symbol=&lt;symbol&gt;/data.parquet  (and all.parquet)
 * </pre>
 * with a {@code date} column for the day each row was archived under. Order, so a kill at any point
 * loses nothing: the monthly files are written (temporary name, rename), then each day's manifest is
 * pointed at them (atomically, one by one), then the daily files are deleted. Running it again
 * writes the same monthly files.
 */
public final class ArchiveCompact
{
    static final String MONTHLY = "monthly";
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCompact.class);

    private ArchiveCompact()
    {
    }

    /** What a compaction did. */
    public record Result(int days, int filesBefore, int filesAfter)
    {
    }

    public static Result run(final Path archive, final YearMonth month) throws IOException
    {
        final ArchiveLayout layout = new ArchiveLayout(archive);
        final List<DayManifest> days = new ArrayList<>();
        for (final DayManifest m : Manifests.all(layout))
        {
            if (YearMonth.from(LocalDate.parse(m.day())).equals(month))
            {
                if (!m.complete() || m.verified() == null)
                {
                    throw new ArchiveException("day " + m.day() + " of " + month + " is not complete and verified yet: " +
                        "compact a month once all its days are archived");
                }
                days.add(m);
            }
        }
        if (days.isEmpty())
        {
            throw new ArchiveException("no archived day in " + month + " under " + archive);
        }
        // every daily file of the month, by the monthly file it goes to, in day order
        final Map<String, List<FileEntry>> groups = new LinkedHashMap<>();
        final Map<FileEntry, LocalDate> dayOf = new java.util.IdentityHashMap<>();
        int before = 0;
        for (final DayManifest m : days)
        {
            for (final FileEntry f : m.files())
            {
                final String target = monthlyPath(f, month);
                groups.computeIfAbsent(target, k -> new ArrayList<>()).add(f);
                dayOf.put(f, LocalDate.parse(m.day()));
                before += f.rowsInFile() == null ? 1 : 0;
            }
        }
        final Map<String, FileEntry> written = new LinkedHashMap<>();
        for (final Map.Entry<String, List<FileEntry>> g : groups.entrySet())
        {
            written.put(g.getKey(), merge(layout, g.getKey(), g.getValue(), dayOf));
        }
        final List<Path> dailyFiles = new ArrayList<>();
        for (final DayManifest m : days)
        {
            final List<FileEntry> entries = new ArrayList<>();
            for (final FileEntry f : m.files())
            {
                final FileEntry monthly = written.get(monthlyPath(f, month));
                entries.add(new FileEntry(monthly.path(), f.table(), f.instrumentId(), f.symbol(), f.venue(), f.rows(),
                    f.firstSequence(), f.lastSequence(), monthly.bytes(), monthly.sha256(), monthly.rows()));
                if (!f.path().equals(monthly.path()))
                {
                    dailyFiles.add(layout.root().resolve(f.path()));
                }
            }
            final DayManifest compacted = m.compacted(month.toString(), entries);
            ArchiveVerify.readBack(layout, compacted); // the monthly files hold the day's rows
            compacted.write(layout.manifest(LocalDate.parse(m.day())));
        }
        for (final Path daily : dailyFiles)
        {
            Files.deleteIfExists(daily);
            deleteEmptyParents(daily.getParent(), layout.root());
        }
        LOG.info("compacted {}: {} days, {} daily files into {}", month, days.size(), dailyFiles.size(), written.size());
        return new Result(days.size(), before, written.size());
    }

    /** Where a daily file's rows go: the same table, venue and symbol under monthly/…/month=YYYY-MM. */
    static String monthlyPath(final FileEntry f, final YearMonth month)
    {
        final String[] parts = f.path().split("/"); // <table>/date=…/[venue=…/symbol=…/]file  or already monthly
        if (parts[0].equals(MONTHLY))
        {
            return f.path();
        }
        final StringBuilder p = new StringBuilder(MONTHLY).append('/').append(parts[0]).append("/month=").append(month);
        for (int i = 2; i < parts.length; i++)
        {
            p.append('/').append(parts[i]);
        }
        return p.toString();
    }

    /** Writes one monthly file from its days' files (rows in day, then file, order) and returns its entry. */
    private static FileEntry merge(final ArchiveLayout layout, final String target, final List<FileEntry> sources,
        final Map<FileEntry, LocalDate> dayOf) throws IOException
    {
        final Path file = layout.root().resolve(target);
        if (sources.stream().allMatch(f -> f.path().equals(target)))
        {
            final FileEntry f = sources.get(0); // compacted before, and no day added since: nothing to merge
            return new FileEntry(target, f.table(), f.instrumentId(), f.symbol(), f.venue(), f.fileRows(), -1, -1, f.bytes(),
                f.sha256(), null);
        }
        Files.createDirectories(file.getParent());
        final Path tmp = ArchiveLayout.temporary(file);
        final TableSchema schema = TableSchema.of(ParquetFiles.footer(layout.root().resolve(sources.get(0).path())));
        final TableSchema monthly = schema.monthly();
        final ClosableOutputFile output = new ClosableOutputFile(tmp);
        long rows = 0;
        try (RowFileWriter writer = new RowFileWriter(output, monthly, null))
        {
            for (final FileEntry f : sources)
            {
                final int day = (int)dayOf.get(f).toEpochDay();
                // a day already in this month's file is read by its sequence range (its rows are contiguous there)
                try (ParquetFiles.Rows in = new ParquetFiles.Rows(layout.root().resolve(f.path()), f.firstSequence(),
                    f.lastSequence()))
                {
                    while (in.next())
                    {
                        in.row().epochDay = day;
                        writer.write(in.row());
                        rows++;
                    }
                }
            }
        }
        finally
        {
            output.closeQuietly();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        final FileEntry first = sources.get(0);
        return new FileEntry(target, first.table(), first.instrumentId(), first.symbol(), first.venue(), rows, -1, -1,
            Files.size(file), ArchiveExport.sha256(file), null);
    }

    private static void deleteEmptyParents(final Path dir, final Path root) throws IOException
    {
        Path d = dir;
        while (d != null && d.startsWith(root) && !d.equals(root))
        {
            try (java.util.stream.Stream<Path> s = Files.list(d))
            {
                if (s.findAny().isPresent())
                {
                    return;
                }
            }
            Files.delete(d);
            d = d.getParent();
        }
    }
}
