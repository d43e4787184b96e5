package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An archive directory: what the commands do with it (verify, SQL views, backup). */
public final class Archive
{
    private final ArchiveLayout layout;

    private Archive(final Path dir)
    {
        this.layout = new ArchiveLayout(dir);
    }

    public static Archive at(final Path dir)
    {
        return new Archive(dir);
    }

    public Path dir()
    {
        return layout.root();
    }

    /** Days with a manifest, oldest first: "day complete|open messages files". */
    public List<String> days() throws IOException
    {
        final List<String> out = new ArrayList<>();
        for (final DayManifest m : Manifests.all(layout))
        {
            out.add(m.day() + " " + (m.complete() ? "complete" : "open") + " seq " + m.firstSequence() + ".." +
                m.lastSequence() + " messages " + m.messages() + " files " + m.files().size());
        }
        return out;
    }

    /** Every problem of the archive: files missing, of another size or checksum, or disagreeing with their manifest. */
    public List<String> verify() throws IOException
    {
        final List<String> problems = new ArrayList<>();
        long previousLast = -1;
        final java.util.Map<Path, String> checksums = new java.util.HashMap<>();
        for (final DayManifest m : Manifests.all(layout))
        {
            for (final String p : ArchiveVerify.problems(layout, m, checksums))
            {
                problems.add(m.day() + ": " + p);
            }
            if (m.complete() && previousLast >= 0 && m.firstSequence() != previousLast + 1)
            {
                problems.add(m.day() + ": starts at seq " + m.firstSequence() + ", the day before ended at " + previousLast);
            }
            previousLast = m.complete() ? m.lastSequence() : -1;
        }
        return problems;
    }

    /**
     * Checks a journal's own excerpts: engine sequences follow each other with no gap or repeat,
     * and its first excerpt follows the archive's last complete day if the journal was trimmed.
     */
    public static List<String> verifyJournal(final Journal journal, final Path archiveDir) throws IOException
    {
        final List<String> problems = new ArrayList<>();
        final long[] previous = {-1};
        final long[] count = {0};
        try (JournalReader reader = journal.journalOnlyReader())
        {
            while (reader.poll((buffer, offset, length, index, wm) ->
            {
                final long seq = Envelope.sequence(buffer, offset);
                if (previous[0] >= 0 && seq != previous[0] + 1 && problems.size() < 20)
                {
                    problems.add("journal: seq " + seq + " follows " + previous[0] + " (index " + Long.toHexString(index) + ")");
                }
                previous[0] = seq;
                count[0]++;
            }, 65_536) > 0)
            {
                // all of it
            }
        }
        if (archiveDir != null && count[0] > 0)
        {
            final long through = Archiver.archivedThrough(new ArchiveLayout(archiveDir), journal);
            final long first = journal.firstSequence();
            if (first > 1 && through + 1 < first)
            {
                problems.add("journal starts at seq " + first + " but the archive's complete days end at " + through +
                    ": messages " + (through + 1) + ".." + (first - 1) + " are in neither");
            }
        }
        return problems;
    }

    /** Creates a view per table of the archive (trades, quotes, book_deltas, bars_1m, ...) in a DuckDB connection. */
    public List<String> createViews(final Connection duckdb) throws IOException, SQLException
    {
        final List<String> views = new ArrayList<>();
        if (!Files.isDirectory(layout.root()))
        {
            return views;
        }
        final java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (final Path dir : List.of(layout.root(), layout.root().resolve(ArchiveCompact.MONTHLY)))
        {
            if (Files.isDirectory(dir))
            {
                try (DirectoryStream<Path> tables = Files.newDirectoryStream(dir, Files::isDirectory))
                {
                    tables.forEach(t -> names.add(t.getFileName().toString()));
                }
            }
        }
        try (Statement s = duckdb.createStatement())
        {
            for (final String name : names)
            {
                if (name.equals(ArchiveLayout.MANIFESTS) || name.equals(ArchiveCompact.MONTHLY) || !name.matches("[a-z0-9_]+"))
                {
                    continue;
                }
                final String files = ArchiveTable.byDirName(name).perInstrument() ? "/*/*/*/*.parquet" : "/*/*.parquet";
                final Path dailyDir = layout.root().resolve(name);
                final Path monthlyDir = layout.root().resolve(ArchiveCompact.MONTHLY).resolve(name);
                final boolean hasDaily = !ArchiveExport.parquetFiles(dailyDir).isEmpty();
                final boolean hasMonthly = !ArchiveExport.parquetFiles(monthlyDir).isEmpty();
                if (!hasDaily && !hasMonthly)
                {
                    continue;
                }
                final String dailySql = "SELECT * FROM read_parquet('" + (dailyDir.toAbsolutePath() + files).replace("'", "''") +
                    "', hive_partitioning = true, union_by_name = true)";
                // monthly files keep each row's day in a date column; their path's month key is dropped
                final String monthlySql = "SELECT * EXCLUDE (month) FROM read_parquet('" +
                    (monthlyDir.toAbsolutePath() + files).replace("'", "''") + "', hive_partitioning = true, union_by_name = true)";
                s.execute("CREATE OR REPLACE VIEW " + name + " AS " + (hasDaily && hasMonthly ? dailySql + " UNION ALL BY NAME " +
                    monthlySql : hasMonthly ? monthlySql : dailySql));
                views.add(name);
            }
        }
        if (instruments(duckdb))
        {
            views.add("instruments");
        }
        return views;
    }

    /**
     * The instrument catalog per day (what was known and traded that day), from the manifests, as a
     * table: date, instrument_id, symbol, venue, exponents, tick_size (exact text), trades, quotes,
     * deltas, rejected, first_ts, last_ts.
     */
    private boolean instruments(final Connection duckdb) throws IOException, SQLException
    {
        final List<DayManifest> days = Manifests.all(layout);
        if (days.isEmpty())
        {
            return false;
        }
        try (Statement s = duckdb.createStatement())
        {
            s.execute("CREATE OR REPLACE TABLE instruments (date DATE, instrument_id INTEGER, symbol VARCHAR, venue VARCHAR, " +
                "price_exponent INTEGER, size_exponent INTEGER, tick_size VARCHAR, trades BIGINT, quotes BIGINT, " +
                "deltas BIGINT, rejected BIGINT, first_ts TIMESTAMP_NS, last_ts TIMESTAMP_NS)");
        }
        try (java.sql.PreparedStatement insert = duckdb.prepareStatement(
            "INSERT INTO instruments VALUES (CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp_ns(?), make_timestamp_ns(?))"))
        {
            for (final DayManifest m : days)
            {
                for (final DayManifest.InstrumentEntry i : m.instruments())
                {
                    insert.setString(1, m.day());
                    insert.setInt(2, i.instrumentId());
                    insert.setString(3, i.symbol());
                    insert.setString(4, i.venue());
                    insert.setInt(5, i.priceExponent());
                    insert.setInt(6, i.sizeExponent());
                    insert.setString(7, dev.tickwire.wire.FixedPoint.toDecimalString(i.tickSize(), i.priceExponent()));
                    insert.setLong(8, i.trades());
                    insert.setLong(9, i.quotes());
                    insert.setLong(10, i.deltas());
                    insert.setLong(11, i.rejected());
                    setNanos(insert, 12, i.firstEventNs());
                    setNanos(insert, 13, i.lastEventNs());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        return true;
    }

    private static void setNanos(final java.sql.PreparedStatement insert, final int index, final long nanos) throws SQLException
    {
        if (nanos == dev.tickwire.wire.Values.NONE)
        {
            insert.setNull(index, java.sql.Types.BIGINT);
        }
        else
        {
            insert.setLong(index, nanos);
        }
    }

    /**
     * Copies the archive (its files, manifests last), the journal's closed cycles and its catalogs to
     * {@code to} while the engine may be writing: the current cycle is left out (the archive and the
     * closed cycles are a consistent history up to it).
     *
     * @return files copied
     */
    public static long backup(final Path journalDir, final Path archiveDir, final Path to) throws IOException
    {
        long copied = 0;
        if (archiveDir != null && Files.isDirectory(archiveDir))
        {
            final Path target = to.resolve("archive");
            final List<Path> manifests = new ArrayList<>();
            try (Stream<Path> files = Files.walk(archiveDir))
            {
                for (final Path f : (Iterable<Path>)files::iterator)
                {
                    final String name = f.getFileName().toString();
                    if (!Files.isRegularFile(f) || name.startsWith("."))
                    {
                        continue; // temporary files of an export in progress
                    }
                    if (f.getParent().getFileName().toString().equals(ArchiveLayout.MANIFESTS))
                    {
                        manifests.add(f);
                        continue;
                    }
                    copied += copy(f, target.resolve(archiveDir.relativize(f)));
                }
            }
            for (final Path m : manifests) // last: a manifest never names a file the backup lacks
            {
                copied += copy(m, target.resolve(archiveDir.relativize(m)));
            }
        }
        if (journalDir != null && Files.isDirectory(journalDir))
        {
            final Path target = to.resolve("journal");
            try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true).archiveDir(null)))
            {
                final List<Journal.Cycle> cycles = journal.cycles();
                for (int i = 0; i < cycles.size() - 1; i++)
                {
                    if (Files.exists(cycles.get(i).file()))
                    {
                        copied += copy(cycles.get(i).file(), target.resolve(cycles.get(i).file().getFileName()));
                    }
                }
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(journalDir))
            {
                for (final Path f : s)
                {
                    final String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.endsWith(".cq4") && !name.endsWith(".cq4t"))
                    {
                        copied += copy(f, target.resolve(name)); // instruments, sources, keys, archive link
                    }
                }
            }
            if (archiveDir != null && Files.isDirectory(archiveDir))
            {
                Files.writeString(target.resolve(Journal.Context.ARCHIVE_LINK),
                    to.resolve("archive").toAbsolutePath().normalize() + "\n");
            }
        }
        return copied;
    }

    private static long copy(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to.getParent());
        final Path tmp = ArchiveLayout.temporary(to);
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return 1;
    }
}
