package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        final ArchiveLayout layout = new ArchiveLayout(archive);
        try
        {
            Files.createDirectories(archive);
            final LocalDate next = nextDay(layout);
            final ArchiveExport.Result result = ArchiveExport.run(journal, archive,
                options.from(next).symbols(null).tables(null).onlyClosedDays(true));
            final List<String> days = new ArrayList<>();
            result.days().forEach(d -> days.add(d.day()));
            link(journal.dir(), archive);
            final long through = Math.min(archivedThrough(layout, journal),
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
            throw new ArchiveException("archiving " + journal.dir() + " to " + archive + " failed: " + ex, ex);
        }
    }

    /** The day after the last complete, verified day in the archive; null if there is none. */
    static LocalDate nextDay(final ArchiveLayout layout) throws IOException
    {
        LocalDate next = null;
        for (final DayManifest m : Manifests.all(layout))
        {
            if (m.complete() && m.verified() != null)
            {
                next = LocalDate.parse(m.day()).plusDays(1);
            }
        }
        return next;
    }

    /**
     * The highest sequence S such that every journal message up to S is in a complete, verified day:
     * days are contiguous ranges of the journal, checked to follow each other from the journal's start.
     */
    static long archivedThrough(final ArchiveLayout layout, final Journal journal) throws IOException
    {
        final long first = journal.firstSequence();
        long through = -1;
        for (final DayManifest m : Manifests.all(layout))
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
            through = m.lastSequence();
        }
        return through;
    }

    /** Writes the journal's link to its archive, so every reader of the journal finds its older days. */
    static void link(final Path journalDir, final Path archive)
    {
        final Path link = journalDir.resolve(Journal.Context.ARCHIVE_LINK);
        try
        {
            final String target = archive.toAbsolutePath().normalize().toString();
            if (!Files.exists(link) || !Files.readString(link).trim().equals(target))
            {
                Files.writeString(link, target + "\n");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + link + ": " + ex.getMessage(), ex);
        }
    }
}
