package dev.tickwire.archive;

import dev.tickwire.archive.DayManifest.FileEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies an archive from one store to another (a folder to a bucket, or back), day by day, oldest
 * first. Each day's files go first and its manifest last, so a reader of the target, which trusts
 * only what a manifest lists, never meets a day that is not whole. Sends only what the target lacks:
 * a file is up to date when the target holds it with the manifest's size and its checksum is known
 * equal (the target's own manifest of the day lists it with the same SHA-256, or the store recorded
 * it). Resumable: a run killed at any point leaves whole objects only, and the next run sends the
 * rest. Nothing is deleted from the target.
 */
public final class ArchiveSync
{
    private static final String MANIFESTS = ArchiveLayout.MANIFESTS + "/";

    private ArchiveSync()
    {
    }

    /** What one run did. */
    public record Result(int days, int daysUpToDate, int filesSent, long bytesSent, int filesUpToDate,
        int uploadsAborted, long elapsedNs)
    {
        /** Megabytes (10^6 bytes) sent per second. */
        public double megabytesPerSecond()
        {
            return elapsedNs == 0 ? 0 : bytesSent / 1e6 / (elapsedNs / 1e9);
        }
    }

    /** Progress, one call per day and per file sent (the command prints it). */
    public interface Progress
    {
        Progress NONE = new Progress()
        {
        };

        default void sent(final String key, final long bytes, final int fileIndex, final int files)
        {
        }

        default void day(final String day, final int sent, final int upToDate, final long bytes)
        {
        }
    }

    /**
     * @param abortBefore unfinished uploads to the target begun before this are removed first (a crash's
     *                    leftovers); null: none
     */
    public static Result run(final ObjectStore from, final ObjectStore to, final Instant abortBefore,
        final Progress progress) throws IOException
    {
        return run(from, to, abortBefore, progress, null);
    }

    /**
     * @param days only these days (YYYY-MM-DD); null: every day of the source
     */
    public static Result run(final ObjectStore from, final ObjectStore to, final Instant abortBefore,
        final Progress progress, final Set<String> days) throws IOException
    {
        final long start = System.nanoTime();
        final int aborted = abortBefore == null ? 0 : to.abortUploads(abortBefore);
        final Map<String, Long> targetManifests = new HashMap<>();
        for (final ObjectStore.Entry e : to.list(MANIFESTS))
        {
            targetManifests.put(e.key(), e.size());
        }
        final List<String> manifests = new ArrayList<>();
        for (final ObjectStore.Entry e : from.list(MANIFESTS))
        {
            final String name = e.key().substring(MANIFESTS.length());
            if (name.endsWith(".json") && !name.startsWith(".") && !name.contains("/") &&
                (days == null || days.contains(name.substring(0, name.length() - ".json".length()))))
            {
                manifests.add(e.key());
            }
        }
        manifests.sort(null); // YYYY-MM-DD.json: oldest first
        final TargetListing target = new TargetListing(to);
        final Set<String> done = new HashSet<>(); // a monthly file is named by every day of its month
        int daysUpToDate = 0;
        int sent = 0;
        int upToDate = 0;
        long bytes = 0;
        for (final String manifestKey : manifests)
        {
            final byte[] sourceBytes = from.read(manifestKey);
            final DayManifest manifest = DayManifest.JSON.readValue(sourceBytes, DayManifest.class);
            final Long targetSize = targetManifests.get(manifestKey);
            final byte[] targetBytes = targetSize == null ? null : to.read(manifestKey);
            if (targetBytes != null && Arrays.equals(targetBytes, sourceBytes))
            {
                // the manifest goes up last, after every file it names: the day is whole in the target
                daysUpToDate++;
                upToDate += manifest.files().size() + 1;
                manifest.files().forEach(f -> done.add(f.path()));
                progress.day(manifest.day(), 0, manifest.files().size() + 1, 0);
                continue;
            }
            final Map<String, String> vouched = new HashMap<>();
            if (targetBytes != null)
            {
                for (final FileEntry f : DayManifest.JSON.readValue(targetBytes, DayManifest.class).files())
                {
                    vouched.put(f.path(), f.sha256());
                }
            }
            int daySent = 0;
            int dayUpToDate = 0;
            long dayBytes = 0;
            final List<FileEntry> files = manifest.files();
            for (int i = 0; i < files.size(); i++)
            {
                final FileEntry f = files.get(i);
                if (!done.add(f.path()))
                {
                    continue;
                }
                final Long size = target.size(f.path());
                if (size != null && size == f.bytes() &&
                    (f.sha256().equals(vouched.get(f.path())) || f.sha256().equals(to.sha256(f.path()))))
                {
                    dayUpToDate++;
                    continue;
                }
                copy(from, to, f.path(), f.sha256(), f.bytes());
                daySent++;
                dayBytes += f.bytes();
                progress.sent(f.path(), f.bytes(), i + 1, files.size());
            }
            putBytes(to, manifestKey, sourceBytes); // last: the day is whole in the target only now
            daySent++;
            dayBytes += sourceBytes.length;
            sent += daySent;
            upToDate += dayUpToDate;
            bytes += dayBytes;
            progress.day(manifest.day(), daySent, dayUpToDate, dayBytes);
        }
        return new Result(manifests.size(), daysUpToDate, sent, bytes, upToDate, aborted, System.nanoTime() - start);
    }

    /**
     * What a day's files are in a store: each listed, with the manifest's size and checksum (the
     * store's record of it). An empty list: the day is there whole.
     */
    public static List<String> problemsIn(final ObjectStore store, final DayManifest manifest) throws IOException
    {
        final TargetListing listing = new TargetListing(store);
        final List<String> problems = new ArrayList<>();
        for (final FileEntry f : manifest.files())
        {
            final Long size = listing.size(f.path());
            if (size == null)
            {
                problems.add(f.path() + " is missing");
            }
            else if (size != f.bytes())
            {
                problems.add(f.path() + " has " + size + " bytes, the manifest records " + f.bytes());
            }
            else if (!f.sha256().equals(store.sha256(f.path())))
            {
                problems.add(f.path() + " is not stored with the manifest's checksum " + f.sha256());
            }
        }
        return problems;
    }

    /** A target's object sizes, listed a folder at a time ("trades/date=2024-03-04/") as a day asks for them. */
    private static final class TargetListing
    {
        private final ObjectStore store;
        private final Map<String, Long> sizes = new HashMap<>();
        private final Set<String> listed = new HashSet<>();

        TargetListing(final ObjectStore store)
        {
            this.store = store;
        }

        Long size(final String key) throws IOException
        {
            final String folder = folder(key);
            if (listed.add(folder))
            {
                for (final ObjectStore.Entry e : store.list(folder))
                {
                    sizes.put(e.key(), e.size());
                }
            }
            return sizes.get(key);
        }

        /** The key's first two segments ("trades/date=2024-03-04/", "monthly/trades/"), or its parent. */
        private static String folder(final String key)
        {
            final int first = key.indexOf('/');
            final int second = first < 0 ? -1 : key.indexOf('/', first + 1);
            return second < 0 ? key.substring(0, first + 1) : key.substring(0, second + 1);
        }
    }

    /** One file: straight from a folder, or through a local temporary copy checked against the manifest. */
    private static void copy(final ObjectStore from, final ObjectStore to, final String key, final String sha256,
        final long bytes) throws IOException
    {
        final Path local = from.localFile(key);
        if (local != null)
        {
            if (!Files.isRegularFile(local) || Files.size(local) != bytes)
            {
                throw new ArchiveException(from.location() + ": " + key + " is missing or not the size its manifest " +
                    "records (" + bytes + " bytes): run tickwire verify on the source");
            }
            to.put(local, key, sha256);
            return;
        }
        final Path tmp = Files.createTempFile("tickwire-sync", ".tmp");
        try
        {
            from.get(key, tmp);
            final String sum = ArchiveExport.sha256(tmp);
            if (!sum.equals(sha256))
            {
                throw new ArchiveException(from.location() + ": " + key + " has checksum " + sum + ", its manifest " +
                    "records " + sha256);
            }
            to.put(tmp, key, sha256);
        }
        finally
        {
            Files.deleteIfExists(tmp);
        }
    }

    private static void putBytes(final ObjectStore to, final String key, final byte[] bytes) throws IOException
    {
        final Path tmp = Files.createTempFile("tickwire-manifest", ".json");
        try
        {
            Files.write(tmp, bytes);
            to.put(tmp, key, ArchiveExport.sha256(tmp));
        }
        finally
        {
            Files.deleteIfExists(tmp);
        }
    }
}
