package dev.tickwire.archive;

import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One archiving pass over a journal: exports the days the journal has moved past and the archive
 * lacks (each verified against the journal as it is written), links the journal to its archive,
 * then applies retention: a cycle file older than {@code retain} is deleted only if every message
 * it holds is in a complete, verified day of the archive. Safe to repeat and to kill at any point:
 * a day without a manifest is exported again (to the same bytes), and a cycle is deleted only
 * after its days' manifests are on disk.
 */
public final class Archiver
{
    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    private Archiver()
    {
    }

    /** What a pass did. */
    public record Pass(List<String> daysArchived, List<Path> cyclesDeleted, long archivedThroughSequence)
    {
    }

    /**
     * @param retain    keep cycles younger than this (null: never delete)
     * @param nowMs     the time retention measures age against
     */
    public static Pass run(final Journal journal, final Path archive, final Duration retain, final long nowMs,
        final ArchiveExport.Options options)
    {
        return run(journal, archive, null, retain, nowMs, options);
    }

    /**
     * A pass into a bucket: days are written into its cache, sent up, and retention deletes a cycle
     * only once its days are whole in the bucket. A bucket that cannot be reached fails the pass
     * (nothing is deleted); the days wait in the cache.
     */
    public static Pass run(final Journal journal, final BucketArchive bucket, final Duration retain, final long nowMs,
        final ArchiveExport.Options options)
    {
        return run(journal, bucket.cacheDir(), bucket, retain, nowMs, options);
    }

    private static Pass run(final Journal journal, final Path archive, final BucketArchive bucket,
        final Duration retain, final long nowMs, final ArchiveExport.Options options)
    {
        final ArchiveLayout layout = new ArchiveLayout(archive);
        final String where = bucket == null ? archive.toString() : bucket.location();
        try
        {
            Files.createDirectories(archive);
            LocalDate next = nextDay(Manifests.all(layout));
            if (bucket != null)
            {
                try
                {
                    final LocalDate inBucket = nextDay(bucket.days());
                    next = next == null || inBucket != null && inBucket.isAfter(next) ? inBucket : next;
                }
                catch (final IOException ex)
                {
                    // out of reach: the days go into the cache and wait there; sending them fails this pass below
                }
            }
            final ArchiveExport.Result result = ArchiveExport.run(journal, archive,
                options.from(next).symbols(null).tables(null).onlyClosedDays(true));
            final List<String> days = new ArrayList<>();
            result.days().forEach(d -> days.add(d.day()));
            if (bucket != null)
            {
                bucket.publish();
                bucket.trim(java.util.Set.of());
            }
            (bucket == null ? ArchiveLink.folder(archive) : bucket.link()).write(journal.dir());
            final long archived = bucket == null ? archivedThrough(Manifests.all(layout), journal.firstSequence(), m -> true)
                : bucket.archivedThrough(journal);
            final long through = Math.min(archived,
                dev.tickwire.engine.output.Outputs.flushedThrough(journal.dir())); // a cycle an output has not read is kept
            final List<Path> deleted = new ArrayList<>();
            if (retain != null)
            {
                final List<Journal.Cycle> cycles = journal.cycles();
                for (int i = 0; i < cycles.size() - 1; i++) // never the last: it may still be written
                {
                    final Journal.Cycle c = cycles.get(i);
                    if (c.endMs() <= nowMs - retain.toMillis() && c.lastSequence() <= through && journal.deleteCycle(c))
                    {
                        deleted.add(c.file());
                    }
                }
                if (!deleted.isEmpty())
                {
                    LOG.info("retention: deleted {} journal cycle files, all archived and verified through seq {}",
                        deleted.size(), through);
                }
            }
            return new Pass(days, deleted, through);
        }
        catch (final IOException ex)
        {
            throw new ArchiveException("archiving " + journal.dir() + " to " + where + " failed: " + ex.getMessage(), ex);
        }
    }

    /** The day after the last complete, verified day of these manifests; null if there is none. */
    static LocalDate nextDay(final List<DayManifest> manifests)
    {
        LocalDate next = null;
        for (final DayManifest m : manifests)
        {
            if (m.complete() && m.verified() != null)
            {
                next = LocalDate.parse(m.day()).plusDays(1);
            }
        }
        return next;
    }

    /** Whether a day's files are whole where the archive keeps them. */
    @FunctionalInterface
    interface DayCheck
    {
        boolean whole(DayManifest manifest) throws IOException;
    }

    /**
     * The highest sequence S such that every journal message up to S is in a complete, verified day:
     * days are contiguous ranges of the journal, checked to follow each other from the journal's start.
     *
     * @param first the journal's first sequence (-1 when empty)
     */
    static long archivedThrough(final List<DayManifest> manifests, final long first, final DayCheck whole)
        throws IOException
    {
        long through = -1;
        for (final DayManifest m : manifests)
        {
            if (!m.complete() || m.verified() == null)
            {
                break;
            }
            if (through >= 0 && m.firstSequence() != through + 1)
            {
                break; // a hole between days: nothing past it counts as archived
            }
            if (through < 0 && first >= 0 && m.firstSequence() > first)
            {
                break; // the journal starts before the archive: its first messages are not archived
            }
            if (!whole.whole(m))
            {
                break;
            }
            through = m.lastSequence();
        }
        return through;
    }
}
