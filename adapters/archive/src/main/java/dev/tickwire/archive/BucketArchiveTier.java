package dev.tickwire.archive;

import dev.tickwire.journal.ArchiveTier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.List;

/**
 * A bucket archive as the journal's older tier: the bucket's complete, verified days; a day is read
 * from the local cache, fetched there first when it is not (or not whole), so every query gives
 * the answer it gives on a folder archive, byte for byte.
 */
final class BucketArchiveTier implements ArchiveTier
{
    private final BucketArchive bucket;

    BucketArchiveTier(final BucketArchive bucket)
    {
        this.bucket = bucket;
    }

    @Override
    public List<ArchivedDay> days()
    {
        try
        {
            return ParquetArchiveTier.archivedDays(bucket.days());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the archive's days in " + bucket.location() + ": " +
                ex.getMessage(), ex);
        }
    }

    @Override
    public void restore(final ArchivedDay day, final long beforeSequence, final RestoreSink sink)
    {
        final String name = LocalDate.ofEpochDay(day.epochDay()).toString();
        try
        {
            final DayManifest manifest = bucket.day(name);
            if (manifest == null)
            {
                throw new ArchiveException(bucket.location() + " no longer holds day " + name);
            }
            for (int attempt = 0; ; attempt++)
            {
                final ArchiveLayout cache = bucket.fetch(manifest, true);
                try
                {
                    ParquetArchiveTier.merge(cache, manifest, beforeSequence, sink);
                    return;
                }
                catch (final UncheckedIOException ex)
                {
                    // another process sharing the cache trimmed a file between the fetch and the read
                    if (attempt > 0 || !(ex.getCause() instanceof NoSuchFileException))
                    {
                        throw ex;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read archived day " + name + " from " + bucket.location() + ": " +
                ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            bucket.close();
        }
        catch (final IOException ignored)
        {
            // a client's connections: nothing to lose
        }
    }
}
