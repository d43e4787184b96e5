package dev.tickwire.archive;

import dev.tickwire.archive.DayManifest.FileEntry;
import dev.tickwire.archive.DayManifest.InstrumentEntry;
import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.journal.ArchiveTier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The archive as the journal's older tier: the complete, verified days its manifests list, each
 * rebuilt by merging its tables' files on the engine sequence (each file is in sequence order).
 */
public final class ParquetArchiveTier implements ArchiveTier
{
    private final ArchiveLayout layout;
    private List<ArchivedDay> days = List.of();
    private long manifestsStamp = Long.MIN_VALUE;

    public ParquetArchiveTier(final Path archiveDir)
    {
        this.layout = new ArchiveLayout(archiveDir);
    }

    /** Found by the journal through {@link java.util.ServiceLoader}: a folder, or a bucket through its cache. */
    public static final class Provider implements ArchiveTier.Provider
    {
        @Override
        public ArchiveTier open(final ArchiveLink archive)
        {
            return archive.remote() ? new BucketArchiveTier(BucketArchive.open(archive, ArchiveLink.class.getSimpleName()))
                : new ParquetArchiveTier(archive.dir());
        }
    }

    @Override
    public synchronized List<ArchivedDay> days()
    {
        try
        {
            final Path dir = layout.manifests();
            final long stamp = Files.isDirectory(dir) ? Files.getLastModifiedTime(dir).toMillis() ^ count(dir) : -1;
            if (stamp != manifestsStamp)
            {
                days = load();
                manifestsStamp = stamp;
            }
            return days;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the archive's manifests in " + layout.manifests(), ex);
        }
    }

    private static long count(final Path dir) throws IOException
    {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json"))
        {
            long n = 0;
            for (final Path ignored : s)
            {
                n++;
            }
            return n << 40;
        }
    }

    private List<ArchivedDay> load() throws IOException
    {
        return archivedDays(Manifests.all(layout));
    }

    /** The complete, verified days of these manifests, as the journal sees them. */
    static List<ArchivedDay> archivedDays(final List<DayManifest> manifests)
    {
        final List<ArchivedDay> out = new ArrayList<>();
        for (final DayManifest m : manifests)
        {
            if (!m.complete() || m.verified() == null)
            {
                continue;
            }
            final List<InstrumentCounts> counts = new ArrayList<>();
            for (final InstrumentEntry i : m.instruments())
            {
                counts.add(new InstrumentCounts(i.instrumentId(), i.trades(), i.quotes(), i.deltas(), i.rejected(),
                    i.firstEventNs(), i.lastEventNs()));
            }
            out.add(new ArchivedDay(LocalDate.parse(m.day()).toEpochDay(), m.firstSequence(), m.lastSequence(),
                m.firstWatermarkNs(), m.lastWatermarkNs(), List.copyOf(counts)));
        }
        return List.copyOf(out);
    }

    @Override
    public void restore(final ArchivedDay day, final long beforeSequence, final RestoreSink sink)
    {
        final DayManifest manifest;
        try
        {
            manifest = DayManifest.read(layout.manifest(LocalDate.ofEpochDay(day.epochDay())));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the manifest of " + LocalDate.ofEpochDay(day.epochDay()), ex);
        }
        merge(layout, manifest, beforeSequence, sink);
    }

    /** The day's journaled rows in sequence order, rebuilt as messages, those below {@code beforeSequence}. */
    static long merge(final ArchiveLayout layout, final DayManifest manifest, final long beforeSequence, final RestoreSink sink)
    {
        final PriorityQueue<ParquetFiles.Rows> heads = new PriorityQueue<>(
            (a, b) -> Long.compare(a.row().sequence(), b.row().sequence()));
        final List<ParquetFiles.Rows> open = new ArrayList<>();
        long emitted = 0;
        try
        {
            for (final FileEntry f : manifest.files())
            {
                if (!ArchiveTable.byDirName(f.table()).journaled())
                {
                    continue;
                }
                final ParquetFiles.Rows rows = new ParquetFiles.Rows(layout.root().resolve(f.path()), f.firstSequence(),
                    f.lastSequence());
                open.add(rows);
                if (rows.next())
                {
                    heads.add(rows);
                }
            }
            while (!heads.isEmpty())
            {
                final ParquetFiles.Rows rows = heads.poll();
                final MessageRow r = rows.row();
                if (r.sequence() >= beforeSequence)
                {
                    continue; // each file is in sequence order: nothing more from this one
                }
                sink.onMessage(r.buffer, r.offset, r.length, r.watermarkNs);
                emitted++;
                if (rows.next())
                {
                    heads.add(rows);
                }
            }
            return emitted;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read archived day " + manifest.day() + ": " + ex.getMessage(), ex);
        }
        finally
        {
            for (final ParquetFiles.Rows rows : open)
            {
                try
                {
                    rows.close();
                }
                catch (final IOException ignored)
                {
                    // read-only: nothing to lose
                }
            }
        }
    }

    @Override
    public void close()
    {
        // nothing held open between calls
    }
}
