package dev.tickwire.archive;

import dev.tickwire.archive.DayManifest.FileEntry;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Sizes;
import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An archive in a bucket (any {@link ObjectStore} location), seen through a local folder in the
 * archive's layout, its cache: the archiver writes new days there and sends them up (files first,
 * the manifest last, {@link ArchiveSync}); readers fetch the days they need into it, checked against
 * their manifest, and the least recently used files go once it holds more than its bound. The
 * bucket is the archive of record: a day exists when the bucket holds its manifest.
 */
public final class BucketArchive implements AutoCloseable
{
    /** Link settings: the cache folder, its bound in bytes; the store's settings carry {@link #STORE}. */
    public static final String CACHE = "cache";
    public static final String CACHE_BYTES = "cacheBytes";
    public static final String STORE = "s3.";
    /** Unfinished uploads older than this are a crash's leftovers (a day's upload takes seconds). */
    static final long ABORT_AFTER_MS = 3_600_000L;
    private static final String MANIFESTS = ArchiveLayout.MANIFESTS + "/";
    private static final long LIST_EVERY_NS = 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(BucketArchive.class);

    private final ObjectStore store;
    private final ArchiveLink link;
    private final ArchiveLayout cache;
    private final long cacheBytes;
    private final Map<String, Known> manifests = new HashMap<>();
    private final Set<String> verified = new HashSet<>();
    private List<DayManifest> days = List.of();
    private long listedAtNs;
    private boolean listed;
    private boolean warnedSmall;

    private record Known(long size, byte[] bytes, DayManifest manifest)
    {
    }

    private BucketArchive(final ObjectStore store, final ArchiveLink link, final Path cacheDir, final long cacheBytes)
    {
        this.store = store;
        this.link = link;
        this.cache = new ArchiveLayout(cacheDir.toAbsolutePath().normalize());
        this.cacheBytes = cacheBytes;
    }

    /**
     * The link a journal keeps to a bucket archive: where it is, how to reach it (never a secret: the
     * settings name an environment variable or an owner-only file) and where its cache is.
     */
    public static ArchiveLink link(final String location, final Map<String, String> storeSettings, final Path cacheDir,
        final long cacheBytes)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CACHE, cacheDir.toAbsolutePath().normalize().toString());
        settings.put(CACHE_BYTES, Long.toString(cacheBytes));
        storeSettings.forEach((k, v) -> settings.put(STORE + k, v));
        return new ArchiveLink(location, settings);
    }

    /** @param key the config key or option that named the archive, for messages */
    public static BucketArchive open(final ArchiveLink link, final String key)
    {
        final Map<String, String> storeSettings = new LinkedHashMap<>();
        link.settings().forEach((k, v) ->
        {
            if (k.startsWith(STORE))
            {
                storeSettings.put(k.substring(STORE.length()), v);
            }
        });
        return over(ObjectStores.open(link.location(), key, storeSettings, "archive.s3"), link, key);
    }

    /** A bucket archive through a store already open (a test wraps one to fail on cue). */
    public static BucketArchive over(final ObjectStore store, final ArchiveLink link, final String key)
    {
        final String dir = link.settings().get(CACHE);
        if (dir == null || dir.isBlank())
        {
            throw new ConfigException(key, "a bucket archive needs a local cache folder (" + CACHE + ")");
        }
        final long bytes = Sizes.parseBytes(key + "." + CACHE_BYTES, link.settings().getOrDefault(CACHE_BYTES, "10g"));
        return new BucketArchive(store, link, Path.of(dir), bytes);
    }

    public ArchiveLink link()
    {
        return link;
    }

    public String location()
    {
        return store.location();
    }

    /** The local folder: the archive's layout, holding the days being sent up and the days read lately. */
    public Path cacheDir()
    {
        return cache.root();
    }

    public long cacheBytes()
    {
        return cacheBytes;
    }

    public ObjectStore store()
    {
        return store;
    }

    /** The days the bucket holds (a manifest each), oldest first; listed again at most once a second. */
    public synchronized List<DayManifest> days() throws IOException
    {
        final long now = System.nanoTime();
        if (listed && now - listedAtNs < LIST_EVERY_NS)
        {
            return days;
        }
        final List<DayManifest> out = new ArrayList<>();
        final Set<String> present = new HashSet<>();
        for (final ObjectStore.Entry e : store.list(MANIFESTS))
        {
            final String name = e.key().substring(MANIFESTS.length());
            if (!name.matches("\\d{4}-\\d{2}-\\d{2}\\.json"))
            {
                continue;
            }
            present.add(e.key());
            Known known = manifests.get(e.key());
            if (known == null || known.size() != e.size())
            {
                known = fetchManifest(e.key(), e.size());
                manifests.put(e.key(), known);
            }
            out.add(known.manifest());
        }
        manifests.keySet().retainAll(present);
        out.sort(Comparator.comparing(DayManifest::day));
        days = List.copyOf(out);
        listedAtNs = now;
        listed = true;
        return days;
    }

    /** A manifest from the cache when it holds one of the bucket's size (a day's manifest changes only by compaction). */
    private Known fetchManifest(final String key, final long size) throws IOException
    {
        final Path local = cache.root().resolve(key);
        byte[] bytes = Files.isRegularFile(local) && Files.size(local) == size ? Files.readAllBytes(local) : null;
        if (bytes == null)
        {
            bytes = store.read(key);
            Files.createDirectories(local.getParent());
            final Path tmp = ArchiveLayout.temporary(local);
            Files.write(tmp, bytes);
            Files.move(tmp, local, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new Known(size, bytes, DayManifest.JSON.readValue(bytes, DayManifest.class));
    }

    /** The bucket's manifest of a day, or null. */
    public DayManifest day(final String day) throws IOException
    {
        for (final DayManifest m : days())
        {
            if (m.day().equals(day))
            {
                return m;
            }
        }
        return null;
    }

    /**
     * Sends the days written into the cache that the bucket lacks or holds otherwise (files, then the
     * manifest), after removing uploads a crash left unfinished.
     */
    public synchronized ArchiveSync.Result publish() throws IOException
    {
        final Set<String> pending = new HashSet<>();
        final Map<String, byte[]> bucketBytes = new HashMap<>();
        days();
        manifests.forEach((k, v) -> bucketBytes.put(k, v.bytes()));
        for (final DayManifest m : Manifests.all(cache))
        {
            final String key = MANIFESTS + m.day() + ".json";
            final byte[] local = Files.readAllBytes(cache.manifest(java.time.LocalDate.parse(m.day())));
            if (!Arrays.equals(local, bucketBytes.get(key)))
            {
                pending.add(m.day());
            }
        }
        if (pending.isEmpty())
        {
            return new ArchiveSync.Result(0, 0, 0, 0, 0, 0, 0);
        }
        try (LocalObjectStore local = new LocalObjectStore(cache.root()))
        {
            final ArchiveSync.Result r = ArchiveSync.run(local, store,
                Instant.ofEpochMilli(System.currentTimeMillis() - ABORT_AFTER_MS), ArchiveSync.Progress.NONE, pending);
            listed = false; // list again: the bucket has new manifests
            return r;
        }
    }

    /**
     * The highest sequence S such that every journal message up to S is in a complete, verified day
     * the bucket holds whole: the days the journal still holds (retention would delete them) are
     * checked in the bucket (each file listed with its manifest's size and checksum), once each.
     */
    public long archivedThrough(final Journal journal) throws IOException
    {
        final long first = journal.firstSequence();
        final List<DayManifest> all = days();
        return Archiver.archivedThrough(all, first, m ->
        {
            if (first >= 0 && m.lastSequence() < first)
            {
                return true; // the journal no longer holds it: nothing depends on it here
            }
            final String id = m.day() + " " + m.lastSequence() + " " + m.files().size();
            synchronized (this)
            {
                if (verified.contains(id))
                {
                    return true;
                }
            }
            final List<String> problems = ArchiveSync.problemsIn(store, m);
            if (!problems.isEmpty())
            {
                LOG.warn("archive {}: day {} is not whole in the bucket ({}); its journal cycles are kept",
                    store.location(), m.day(), String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
                return false;
            }
            synchronized (this)
            {
                verified.add(id);
            }
            return true;
        });
    }

    /**
     * Brings a day's files into the cache (those of the journal's tables only, with {@code journaledOnly}),
     * each checked against the manifest's checksum, then trims the cache to its bound, keeping this day.
     *
     * @return the cache's layout, where the day's files now are
     */
    ArchiveLayout fetch(final DayManifest manifest, final boolean journaledOnly) throws IOException
    {
        fetch(List.of(manifest), journaledOnly);
        return cache;
    }

    /** {@link #fetch(DayManifest, boolean)} for several days at once, all kept while the cache is trimmed. */
    synchronized void fetch(final List<DayManifest> wanted, final boolean journaledOnly) throws IOException
    {
        final Set<Path> keep = new HashSet<>();
        boolean fetched = false;
        final FileTime now = FileTime.from(Instant.now());
        for (final DayManifest manifest : wanted)
        {
            for (final FileEntry f : manifest.files())
            {
                if (journaledOnly && !ArchiveTable.byDirName(f.table()).journaled())
                {
                    continue;
                }
                final Path local = cache.root().resolve(f.path()).normalize();
                if (!local.startsWith(cache.root()))
                {
                    throw new ArchiveException(store.location() + ": manifest of " + manifest.day() + " names " +
                        f.path() + ", outside the archive");
                }
                keep.add(local);
                if (Files.isRegularFile(local) && Files.size(local) == f.bytes())
                {
                    Files.setLastModifiedTime(local, now); // used: the last to go
                    continue;
                }
                store.get(f.path(), local);
                final String sum = ArchiveExport.sha256(local);
                if (!sum.equals(f.sha256()))
                {
                    Files.deleteIfExists(local);
                    throw new ArchiveException(store.location() + ": " + f.path() + " came with checksum " + sum +
                        ", its manifest records " + f.sha256());
                }
                fetched = true;
            }
        }
        if (fetched)
        {
            trim(keep);
        }
    }

    /** Deletes the least recently used files the bucket holds until the cache is within its bound. */
    synchronized void trim(final Set<Path> keep) throws IOException
    {
        final Set<String> inBucket = new HashSet<>();
        for (final DayManifest m : days())
        {
            m.files().forEach(f -> inBucket.add(f.path()));
        }
        record Cached(Path file, long size, long usedMs)
        {
        }
        final List<Cached> files = new ArrayList<>();
        final long[] total = {0};
        if (!Files.isDirectory(cache.root()))
        {
            return;
        }
        Files.walkFileTree(cache.root(), new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
            {
                return dir.equals(cache.manifests()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
            {
                if (attrs.isRegularFile() && !file.getFileName().toString().startsWith("."))
                {
                    total[0] += attrs.size();
                    files.add(new Cached(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (total[0] <= cacheBytes)
        {
            return;
        }
        files.sort(Comparator.comparingLong(Cached::usedMs));
        for (final Cached c : files)
        {
            if (total[0] <= cacheBytes)
            {
                break;
            }
            // a day not yet in the bucket is the only copy: it stays until it is sent
            if (!keep.contains(c.file()) && inBucket.contains(cache.relative(c.file())))
            {
                Files.deleteIfExists(c.file());
                total[0] -= c.size();
            }
        }
        if (total[0] > cacheBytes && !warnedSmall)
        {
            warnedSmall = true;
            LOG.warn("archive cache {} holds {} bytes, more than its bound of {}: the days in use (or not yet sent) " +
                "need it; raise archive.cache", cache.root(), total[0], cacheBytes);
        }
    }

    /**
     * SQL views (as {@link Archive#createViews}) over the bucket's days from {@code from} to {@code to}
     * (null: no bound), fetched into the cache first. DuckDB's own S3 reader is an extension it
     * downloads on first use, which a machine without its extension repository cannot do; the cache
     * works everywhere.
     *
     * @throws ArchiveException when the days hold more than the cache may (narrow the days or raise the bound)
     */
    public List<String> createViews(final java.sql.Connection duckdb, final java.time.LocalDate from,
        final java.time.LocalDate to) throws IOException, java.sql.SQLException
    {
        final List<DayManifest> wanted = new ArrayList<>();
        final Set<String> paths = new HashSet<>();
        long bytes = 0;
        for (final DayManifest m : days())
        {
            final java.time.LocalDate day = java.time.LocalDate.parse(m.day());
            if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to)))
            {
                wanted.add(m);
                for (final FileEntry f : m.files())
                {
                    bytes += paths.add(f.path()) ? f.bytes() : 0;
                }
            }
        }
        if (bytes > cacheBytes)
        {
            throw new ArchiveException(wanted.size() + " day(s) of " + store.location() + " hold " + bytes +
                " bytes, more than the cache's bound of " + cacheBytes + ": ask for fewer days or raise the bound");
        }
        fetch(wanted, false);
        return Archive.createViews(duckdb, cache.root(), wanted);
    }

    /** Every problem of the bucket's days: files missing, or of another size or checksum than the manifest says. */
    public List<String> verify() throws IOException
    {
        return Archive.verify(days(), m -> ArchiveSync.problemsIn(store, m));
    }

    /** As {@link Archive#verify(java.time.LocalDate, java.time.LocalDate)}: the bucket's days from..to. */
    public List<String> verify(final java.time.LocalDate from, final java.time.LocalDate to) throws IOException
    {
        return Archive.verifyDays(days(), from, to, m -> ArchiveSync.problemsIn(store, m));
    }

    /** {@link Archive#verifyJournal(Journal, Path)} against the bucket's days. */
    public List<String> verifyJournal(final Journal journal) throws IOException
    {
        return Archive.verifyJournal(journal, days());
    }

    @Override
    public void close() throws IOException
    {
        store.close();
    }
}
