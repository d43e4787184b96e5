package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Values;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The journal: one Chronicle Queue in a directory, holding every message the engine sequenced,
 * accepted or rejected, as {@code [int64 watermarkNs LE][SBE message]} excerpts, plus the
 * journal's {@link InstrumentCatalog}.
 *
 * <p>Each message carries its source id and source position, so the checkpoint of every source is
 * in the same excerpt as the data: there is no separate checkpoint file to keep in step.
 */
public final class Journal implements AutoCloseable
{

    private final Context ctx;
    private final SingleChronicleQueue queue;
    private final InstrumentCatalog instruments;
    private final CheckpointScan checkpointScan;
    private final ArchiveTier archive;
    private final RestoredDays restoredDays;
    private JournalWriter writer;
    private CheckpointLog checkpoints;

    private Journal(final Context ctx)
    {
        this.ctx = ctx;
        this.queue = SingleChronicleQueueBuilder.single(ctx.dir().toFile())
            .rollCycle(ctx.resolvedRollCycle())
            .readOnly(ctx.readOnly())
            .timeProvider(ctx.timeProvider())
            .blockSize(ctx.blockSize())
            .build();
        if (!ctx.readOnly())
        {
            // retention killed between deleting a cycle and refreshing the listing leaves it naming the file
            queue.refreshDirectoryListing();
        }
        this.instruments = new InstrumentCatalog(ctx.dir(), ctx.readOnly());
        this.checkpointScan = new CheckpointScan(queue);
        this.archive = ctx.archive() == null ? null : openArchive(ctx.archive());
        this.restoredDays = archive == null ? null : new RestoredDays(archive);
    }

    private static ArchiveTier openArchive(final ArchiveLink archive)
    {
        for (final ArchiveTier.Provider provider : ServiceLoader.load(ArchiveTier.Provider.class))
        {
            return provider.open(archive);
        }
        throw new IllegalStateException("the journal has an archive at " + archive +
            " but no archive reader is on the class path (tickwire-archive)");
    }

    /** Opens (creating unless read-only) the journal the context describes. */
    public static Journal open(final Context ctx)
    {
        return new Journal(ctx.conclude());
    }

    public Path dir()
    {
        return ctx.dir();
    }

    public InstrumentCatalog instruments()
    {
        return instruments;
    }

    /**
     * The journal's writer, created on first call and owned by the caller until closed; a second
     * writer while one is open is refused, since the writer keeps the running watermark.
     */
    public synchronized JournalWriter writer()
    {
        if (ctx.readOnly())
        {
            throw new IllegalStateException("journal " + ctx.dir() + " is open read-only");
        }
        if (writer != null && !writer.isClosed())
        {
            throw new IllegalStateException("journal " + ctx.dir() + " already has a writer");
        }
        writer = new JournalWriter(queue.createAppender(), lastWatermarkNs(), this::writerClosed);
        return writer;
    }

    /**
     * A new reader positioned at the start (of the archive's days the journal no longer holds, if
     * it has an archive); each reader has its own position.
     */
    public JournalReader reader()
    {
        if (archive == null)
        {
            return new JournalReader(queue, List.of(), null, Long.MAX_VALUE);
        }
        final long first = firstSequence();
        final long bound = first < 0 ? Long.MAX_VALUE : first;
        final List<ArchiveTier.ArchivedDay> older = new ArrayList<>();
        for (final ArchiveTier.ArchivedDay day : archive.days())
        {
            if (day.firstSequence() < bound)
            {
                older.add(day);
            }
        }
        return new JournalReader(queue, older, restoredDays, bound);
    }

    /** A reader of the journal's own excerpts only, never its archive's (what the archiver exports from). */
    public JournalReader journalOnlyReader()
    {
        return new JournalReader(queue, List.of(), null, Long.MAX_VALUE);
    }

    /** The archive this journal's oldest days went to, or null if it has none. */
    public ArchiveTier archive()
    {
        return archive;
    }

    /** {@link Envelope#sequence} of the journal's first excerpt (not the archive's), or -1 if it is empty. */
    public long firstSequence()
    {
        try (QueueCursor cursor = new QueueCursor(queue))
        {
            cursor.toStart(); // copes with a first cycle retention deleted
            final long[] first = {-1};
            cursor.poll((buffer, offset, length, index, watermarkNs) -> first[0] = Envelope.sequence(buffer, offset), 1, 0);
            return first[0];
        }
    }

    /**
     * The journal's cycle files, oldest first, each with the sequences and watermarks it holds: what
     * retention decides on. The last (current) cycle is included; it is never deleted.
     */
    public List<Cycle> cycles()
    {
        queue.refreshDirectoryListing();
        final List<Cycle> out = new ArrayList<>();
        final ExcerptView view = new ExcerptView();
        final RollCycle rollCycle = queue.rollCycle();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            for (final Long c : RollCycleNames.existingCycles(queue))
            {
                final int cycle = c.intValue();
                final long count = tailer.excerptsInCycle(cycle);
                final long startMs = cycle * (long)rollCycle.lengthInMillis();
                final Path file = cycleFile(cycle);
                if (count <= 0)
                {
                    out.add(new Cycle(cycle, startMs, startMs + rollCycle.lengthInMillis(), file, 0, -1, -1,
                        Values.NONE, Values.NONE));
                    continue;
                }
                final long[] first = excerptAt(tailer, view, rollCycle.toIndex(cycle, 0));
                final long[] last = excerptAt(tailer, view, rollCycle.toIndex(cycle, count - 1));
                out.add(new Cycle(cycle, startMs, startMs + rollCycle.lengthInMillis(), file, count,
                    first[0], last[0], first[1], last[1]));
            }
        }
        return out;
    }

    /**
     * Deletes one cycle file (retention). Refused for the journal's last cycle, which may still be
     * written. Chronicle's directory listing is refreshed so readers skip it.
     *
     * @return true if the file was deleted
     */
    public boolean deleteCycle(final Cycle cycle) throws java.io.IOException
    {
        queue.refreshDirectoryListing();
        if (cycle.cycle() >= queue.lastCycle())
        {
            throw new IllegalArgumentException("cycle " + cycle.cycle() + " is the journal's current cycle");
        }
        final boolean deleted = Files.deleteIfExists(cycle.file());
        queue.refreshDirectoryListing();
        return deleted;
    }

    /**
     * One cycle file.
     *
     * @param endMs when its period ends (its excerpts were written before)
     */
    public record Cycle(
        int cycle, long startMs, long endMs, Path file, long excerpts, long firstSequence, long lastSequence,
        long firstWatermarkNs, long lastWatermarkNs)
    {
    }

    private static long[] excerptAt(final ExcerptTailer tailer, final ExcerptView view, final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return new long[] {-1, Values.NONE};
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return new long[] {-1, Values.NONE};
            }
            view.wrap(dc);
            return new long[] {Envelope.sequence(view.buffer(), ExcerptView.MESSAGE_OFFSET), view.watermarkNs()};
        }
    }

    private Path cycleFile(final int cycle)
    {
        return RollCycleNames.cycleFile(ctx.dir(), queue.rollCycle(), cycle);
    }

    /** {@link Envelope#sequence} of the last excerpt, or -1 if the journal is empty. */
    public long lastSequence()
    {
        final ExcerptView view = new ExcerptView();
        try (ExcerptTailer tailer = backwardFromEnd(); DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return -1;
            }
            view.wrap(dc);
            return Envelope.sequence(view.buffer(), ExcerptView.MESSAGE_OFFSET);
        }
    }

    /** The watermark of the last excerpt, or {@link Values#NONE} if there is none. */
    public long lastWatermarkNs()
    {
        final ExcerptView view = new ExcerptView();
        try (ExcerptTailer tailer = backwardFromEnd(); DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return Values.NONE;
            }
            view.wrap(dc);
            return view.watermarkNs();
        }
    }

    /**
     * The last excerpt from a source, found by reading backwards from the end (to the start if the
     * source never appears). Rejected records count: they were consumed from the source too.
     *
     * @return the checkpoint, or null if the journal holds nothing from that source
     */
    public Checkpoint lastCheckpoint(final int sourceId)
    {
        return checkpointScan.lastCheckpoints(List.of(sourceId)).get(sourceId);
    }

    /**
     * The last excerpt of each source, in one backward pass that stops once all are found.
     *
     * @return checkpoints by source id; sources that never appear are absent
     */
    public Map<Integer, Checkpoint> lastCheckpoints(final Collection<Integer> sourceIds)
    {
        return checkpointScan.lastCheckpoints(sourceIds);
    }

    /**
     * The journal's book checkpoints for reading, opened once and kept (a query asks for one each time), or
     * null while there are none.
     */
    public synchronized CheckpointLog checkpoints()
    {
        if (checkpoints == null)
        {
            checkpoints = CheckpointLog.openForReading(ctx.dir());
        }
        return checkpoints;
    }

    @Override
    public synchronized void close()
    {
        if (writer != null)
        {
            writer.close();
        }
        if (checkpoints != null)
        {
            checkpoints.close();
        }
        queue.close();
        if (restoredDays != null)
        {
            restoredDays.close();
        }
        if (archive != null)
        {
            archive.close();
        }
    }

    long lastCheckpointScanLength()
    {
        return checkpointScan.lastScanned();
    }

    private synchronized void writerClosed()
    {
        writer = null;
    }

    private ExcerptTailer backwardFromEnd()
    {
        final ExcerptTailer tailer = queue.createTailer();
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        return tailer;
    }

    /** Configuration of a journal, Aeron style: fluent setters, then {@link #conclude()} validates. */
    public static final class Context
    {
        public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";
        /** 4 MB: small enough to keep chunk-acquisition stalls to a few ms, large enough for throughput. */
        public static final long DEFAULT_BLOCK_SIZE = 4L << 20;
        /** A file in the journal directory naming its archive ({@link ArchiveLink}). */
        public static final String ARCHIVE_LINK = "archive.link";

        private Path dir;
        private String rollCycle = DEFAULT_ROLL_CYCLE;
        private boolean readOnly;
        private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;
        private long blockSize = DEFAULT_BLOCK_SIZE;
        private ArchiveLink archive;
        private boolean archiveSet;
        private RollCycle resolvedRollCycle;

        /**
         * The archive holding the days this journal no longer keeps. Unset, the journal's
         * {@value #ARCHIVE_LINK} file names it, if there is one (the archiver writes it).
         */
        public Context archiveDir(final Path archiveDir)
        {
            return archive(archiveDir == null ? null : ArchiveLink.folder(archiveDir));
        }

        /** The archive (a folder or a bucket); null after setting it: none, not even the linked one. */
        public Context archive(final ArchiveLink archive)
        {
            this.archive = archive;
            this.archiveSet = true;
            return this;
        }

        public ArchiveLink archive()
        {
            return archive;
        }

        /** The journal directory (required). */
        public Context dir(final Path dir)
        {
            this.dir = dir;
            return this;
        }

        public Path dir()
        {
            return dir;
        }

        /**
         * Name of a Chronicle roll cycle: a constant of {@code RollCycles}, {@code LargeRollCycles} or
         * {@code TestRollCycles}. An existing journal keeps the cycle it was created with.
         */
        public Context rollCycle(final String name)
        {
            this.rollCycle = name;
            return this;
        }

        public String rollCycle()
        {
            return rollCycle;
        }

        public Context readOnly(final boolean readOnly)
        {
            this.readOnly = readOnly;
            return this;
        }

        public boolean readOnly()
        {
            return readOnly;
        }

        /** The clock that decides roll cycles; tests set one to produce several cycles quickly. */
        /**
         * Size of the memory-mapped chunks the journal file is written through. Acquiring the next
         * chunk stalls the writer for a time that grows with the chunk: 64 MB (Chronicle's default)
         * gave ~20 ms stalls on the reference machine, 4 MB ~5 ms, 1 MB ~4 ms (docs/performance.md).
         */
        public Context blockSize(final long bytes)
        {
            this.blockSize = bytes;
            return this;
        }

        public long blockSize()
        {
            return blockSize;
        }

        public Context timeProvider(final TimeProvider timeProvider)
        {
            this.timeProvider = timeProvider;
            return this;
        }

        public TimeProvider timeProvider()
        {
            return timeProvider;
        }

        /**
         * Validates the settings.
         *
         * @throws IllegalStateException    if no directory is set, or a read-only journal does not exist
         * @throws IllegalArgumentException if the roll cycle name is unknown
         */
        public Context conclude()
        {
            if (blockSize < (64 << 10) || Long.bitCount(blockSize) != 1)
            {
                throw new IllegalArgumentException("journal block size must be a power of two of at least 64k, got " + blockSize);
            }
            if (dir == null)
            {
                throw new IllegalStateException("journal dir is not set");
            }
            Objects.requireNonNull(timeProvider, "timeProvider");
            resolvedRollCycle = RollCycleNames.resolve(rollCycle);
            if (readOnly && !Files.isDirectory(dir))
            {
                throw new IllegalStateException("no journal to open read-only at " + dir);
            }
            if (!archiveSet)
            {
                archive = ArchiveLink.read(dir);
            }
            return this;
        }

        RollCycle resolvedRollCycle()
        {
            return resolvedRollCycle;
        }
    }
}
