package dev.tickwire.journal;

import dev.tickwire.journal.ArchiveTier.ArchivedDay;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Archived days restored, on first use, into small temporary Chronicle queues in the journal's
 * excerpt format, so a reader seeks, scans back and replays them with the journal's own code.
 * Each day is one cycle (a fixed clock) so its indexes are dense from 0. At most
 * {@link #MAX_KEPT} idle days are kept; all are deleted on close.
 */
final class RestoredDays implements AutoCloseable
{
    static final int MAX_KEPT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(RestoredDays.class);

    private final ArchiveTier tier;
    private final Map<String, Restored> days = new LinkedHashMap<>(16, 0.75f, true);
    private Path dir;

    RestoredDays(final ArchiveTier tier)
    {
        this.tier = tier;
    }

    /** The day's messages below {@code beforeSequence} as a queue; release it with {@link #release}. */
    synchronized SingleChronicleQueue acquire(final ArchivedDay day, final long beforeSequence)
    {
        final String key = day.epochDay() + "-" + Math.min(beforeSequence, day.lastSequence() + 1);
        Restored restored = days.get(key);
        if (restored == null)
        {
            restored = restore(key, day, beforeSequence);
            days.put(key, restored);
        }
        restored.users++;
        evict();
        return restored.queue;
    }

    synchronized void release(final SingleChronicleQueue queue)
    {
        for (final Restored r : days.values())
        {
            if (r.queue == queue)
            {
                r.users--;
            }
        }
        evict();
    }

    private Restored restore(final String key, final ArchivedDay day, final long beforeSequence)
    {
        try
        {
            if (dir == null)
            {
                dir = Files.createTempDirectory("tickwire-restored-");
            }
            final Path queueDir = dir.resolve(key);
            deleteTree(queueDir); // a half-restored day from an interrupted attempt
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(queueDir.toFile())
                .rollCycle(RollCycleNames.resolve("FAST_DAILY")).timeProvider(() -> 0L).blockSize(4L << 20).build();
            final long started = System.nanoTime();
            try (JournalWriter writer = new JournalWriter(queue.createAppender(), dev.tickwire.wire.Values.NONE, () -> { }))
            {
                final long[] count = {0};
                tier.restore(day, beforeSequence, (buffer, offset, length, watermarkNs) ->
                {
                    writer.appendWithWatermark(buffer, offset, length, watermarkNs);
                    count[0]++;
                });
                LOG.debug("restored day {} from the archive: {} messages in {} ms", day.epochDay(), count[0],
                    (System.nanoTime() - started) / 1_000_000);
            }
            return new Restored(queue, queueDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot restore archived day " + day.epochDay() + ": " + ex.getMessage(), ex);
        }
    }

    private void evict()
    {
        int idle = 0;
        for (final Restored r : days.values())
        {
            idle += r.users == 0 ? 1 : 0;
        }
        final Iterator<Restored> it = days.values().iterator(); // least recently used first
        while (idle > MAX_KEPT && it.hasNext())
        {
            final Restored r = it.next();
            if (r.users == 0)
            {
                r.close();
                it.remove();
                idle--;
            }
        }
    }

    @Override
    public synchronized void close()
    {
        days.values().forEach(Restored::close);
        days.clear();
        if (dir != null)
        {
            deleteTree(dir);
        }
    }

    private static void deleteTree(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            LOG.warn("could not delete {}: {}", root, ex.getMessage());
        }
    }

    private static final class Restored
    {
        final SingleChronicleQueue queue;
        final Path dir;
        int users;

        Restored(final SingleChronicleQueue queue, final Path dir)
        {
            this.queue = queue;
            this.dir = dir;
        }

        void close()
        {
            queue.close();
            deleteTree(dir);
        }
    }
}
