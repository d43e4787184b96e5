package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    /** A day's manifest, or null when the archive has none. */
    public DayManifest manifest(final java.time.LocalDate day) throws IOException
    {
        final Path file = layout.manifest(day);
        return Files.isRegularFile(file) ? DayManifest.read(file) : null;
    }

    /** Every problem of the archive: files missing, of another size or checksum, or disagreeing with their manifest. */
    public List<String> verify() throws IOException
    {
        final java.util.Map<Path, String> checksums = new java.util.HashMap<>();
        return verify(Manifests.all(layout), m -> ArchiveVerify.problems(layout, m, checksums));
    }

    /**
     * The problems of the days {@code from}..{@code to} only (their files read back), and whether the first of
     * them follows the complete day before it: a daily check costs the days it wrote, not the whole archive.
     */
    public List<String> verify(final java.time.LocalDate from, final java.time.LocalDate to) throws IOException
    {
        final java.util.Map<Path, String> checksums = new java.util.HashMap<>();
        return verifyDays(Manifests.all(layout), from, to, m -> ArchiveVerify.problems(layout, m, checksums));
    }

    /** The manifests of {@code from}..{@code to} checked by {@code dayProblems}; the day before for continuity only. */
    static List<String> verifyDays(final List<DayManifest> all, final java.time.LocalDate from,
        final java.time.LocalDate to, final DayProblems dayProblems) throws IOException
    {
        final List<DayManifest> days = new ArrayList<>();
        DayManifest before = null;
        for (final DayManifest m : all)
        {
            final java.time.LocalDate day = java.time.LocalDate.parse(m.day());
            if (day.isBefore(from))
            {
                before = m;
            }
            else if (!day.isAfter(to))
            {
                days.add(m);
            }
        }
        if (before != null)
        {
            days.add(0, before);
        }
        final DayManifest skipped = before;
        return verify(days, m -> m == skipped ? List.of() : dayProblems.of(m));
    }

    /** What is wrong with one day's files where they are kept. */
    @FunctionalInterface
    interface DayProblems
    {
        List<String> of(DayManifest manifest) throws IOException;
    }

    /** Each day's problems, and every complete day that does not follow the one before. */
    static List<String> verify(final List<DayManifest> days, final DayProblems dayProblems) throws IOException
    {
        final List<String> problems = new ArrayList<>();
        long previousLast = -1;
        for (final DayManifest m : days)
        {
            for (final String p : dayProblems.of(m))
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
        return verifyJournal(journal, archiveDir == null ? null : Manifests.all(new ArchiveLayout(archiveDir)));
    }

    /** {@link #verifyJournal(Journal, Path)} against the manifests of an archive's days (null: no archive). */
    static List<String> verifyJournal(final Journal journal, final List<DayManifest> archiveDays) throws IOException
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
        if (archiveDays != null && count[0] > 0)
        {
            final long through = Archiver.archivedThrough(archiveDays, journal.firstSequence(), m -> true);
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
                if (createView(s, name, ArchiveExport.parquetFiles(dailyDir).isEmpty() ? null : quote(dailyDir.toAbsolutePath() + files),
                    ArchiveExport.parquetFiles(monthlyDir).isEmpty() ? null : quote(monthlyDir.toAbsolutePath() + files)))
                {
                    views.add(name);
                }
            }
        }
        if (instruments(duckdb, Manifests.all(layout)))
        {
            views.add("instruments");
        }
        return views;
    }

    /**
     * Views over exactly the files these days' manifests list, under {@code root} (a bucket archive's
     * cache, which may hold other days, or parts of them).
     */
    static List<String> createViews(final Connection duckdb, final Path root, final List<DayManifest> days)
        throws SQLException
    {
        final java.util.TreeMap<String, java.util.LinkedHashSet<String>[]> byTable = new java.util.TreeMap<>();
        for (final DayManifest m : days)
        {
            for (final DayManifest.FileEntry f : m.files())
            {
                @SuppressWarnings("unchecked")
                final java.util.LinkedHashSet<String>[] sets = byTable.computeIfAbsent(f.table(),
                    t -> new java.util.LinkedHashSet[] {new java.util.LinkedHashSet<>(), new java.util.LinkedHashSet<>()});
                sets[f.path().startsWith(ArchiveCompact.MONTHLY + "/") ? 1 : 0].add(
                    quote(root.resolve(f.path()).toAbsolutePath().toString()));
            }
        }
        final List<String> views = new ArrayList<>();
        try (Statement s = duckdb.createStatement())
        {
            for (final var e : byTable.entrySet())
            {
                if (e.getKey().matches("[a-z0-9_]+") && createView(s, e.getKey(), list(e.getValue()[0]), list(e.getValue()[1])))
                {
                    views.add(e.getKey());
                }
            }
        }
        if (instruments(duckdb, days))
        {
            views.add("instruments");
        }
        return views;
    }

    private static String list(final java.util.Set<String> files)
    {
        return files.isEmpty() ? null : "[" + String.join(", ", files) + "]";
    }

    private static String quote(final String path)
    {
        return "'" + path.replace("'", "''") + "'";
    }

    /** A view of a table over its daily and monthly files (DuckDB file sources: a glob or a list; null: none). */
    private static boolean createView(final Statement s, final String name, final String daily, final String monthly)
        throws SQLException
    {
        if (daily == null && monthly == null)
        {
            return false;
        }
        final String dailySql = "SELECT * FROM read_parquet(" + daily + ", hive_partitioning = true, union_by_name = true)";
        // monthly files keep each row's day in a date column; their path's month key is dropped
        final String monthlySql = "SELECT * EXCLUDE (month) FROM read_parquet(" + monthly +
            ", hive_partitioning = true, union_by_name = true)";
        s.execute("CREATE OR REPLACE VIEW " + name + " AS " + (daily != null && monthly != null ? dailySql +
            " UNION ALL BY NAME " + monthlySql : monthly != null ? monthlySql : dailySql));
        return true;
    }

    /**
     * The instrument catalog per day (what was known and traded that day), from the manifests, as a
     * table: date, instrument_id, symbol, venue, exponents, tick_size (exact text), trades, quotes,
     * deltas, rejected, first_ts, last_ts.
     */
    private static boolean instruments(final Connection duckdb, final List<DayManifest> days) throws SQLException
    {
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
     * Copies the archive (its days, each manifest last: {@link ArchiveSync}, so a rerun sends only what
     * changed), the journal's closed cycles and its catalogs to a backup location (a folder, or a bucket
     * through {@code to}) while the engine may be writing: the current cycle is left out (the archive
     * and the closed cycles are a consistent history up to it). The backup's journal links to the
     * backup's archive.
     *
     * @param archive       the archive to copy, or null
     * @param toArchive     where the backup's archive goes ({@code <backup>/archive})
     * @param toJournal     where the backup's journal goes ({@code <backup>/journal})
     * @param backupArchive the backup's archive, as its journal's link names it
     * @return files copied
     */
    public static long backup(final Path journalDir, final ObjectStore archive, final ObjectStore toArchive,
        final ObjectStore toJournal, final dev.tickwire.journal.ArchiveLink backupArchive) throws IOException
    {
        long copied = 0;
        if (archive != null)
        {
            final ArchiveSync.Result r = ArchiveSync.run(archive, toArchive,
                java.time.Instant.ofEpochMilli(System.currentTimeMillis() - BucketArchive.ABORT_AFTER_MS),
                ArchiveSync.Progress.NONE);
            copied += r.filesSent();
        }
        if (journalDir != null && Files.isDirectory(journalDir))
        {
            final java.util.Map<String, Long> held = new java.util.HashMap<>();
            for (final ObjectStore.Entry e : toJournal.list(""))
            {
                held.put(e.key(), e.size());
            }
            try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true).archive(null)))
            {
                final List<Journal.Cycle> cycles = journal.cycles();
                for (int i = 0; i < cycles.size() - 1; i++)
                {
                    final Path file = cycles.get(i).file();
                    if (Files.exists(file))
                    {
                        copied += putIfChanged(toJournal, held, file, file.getFileName().toString());
                    }
                }
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(journalDir))
            {
                for (final Path f : s)
                {
                    final String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.startsWith(".") && !name.endsWith(".cq4") &&
                        !name.endsWith(".cq4t") && !name.equals(Journal.Context.ARCHIVE_LINK))
                    {
                        copied += putIfChanged(toJournal, held, f, name); // instruments, sources, keys
                    }
                }
            }
            if (archive != null)
            {
                final Path link = Files.createTempDirectory("tickwire-backup");
                try
                {
                    backupArchive.write(link);
                    copied += putIfChanged(toJournal, held, link.resolve(Journal.Context.ARCHIVE_LINK),
                        Journal.Context.ARCHIVE_LINK);
                }
                finally
                {
                    Files.deleteIfExists(link.resolve(Journal.Context.ARCHIVE_LINK));
                    Files.deleteIfExists(link);
                }
            }
        }
        return copied;
    }

    /** Sends a file unless the store holds it with the same size and checksum; returns 1 if it was sent. */
    private static int putIfChanged(final ObjectStore store, final java.util.Map<String, Long> held, final Path file,
        final String key) throws IOException
    {
        final String sha256 = ArchiveExport.sha256(file);
        final Long size = held.get(key);
        if (size != null && size == Files.size(file) && sha256.equals(store.sha256(key)))
        {
            return 0;
        }
        store.put(file, key, sha256);
        return 1;
    }
}
