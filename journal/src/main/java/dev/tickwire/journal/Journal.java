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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    private JournalWriter writer;

    private Journal(final Context ctx)
    {
        this.ctx = ctx;
        this.queue = SingleChronicleQueueBuilder.single(ctx.dir().toFile())
            .rollCycle(ctx.resolvedRollCycle())
            .readOnly(ctx.readOnly())
            .timeProvider(ctx.timeProvider())
            .blockSize(ctx.blockSize())
            .build();
        this.instruments = new InstrumentCatalog(ctx.dir(), ctx.readOnly());
        this.checkpointScan = new CheckpointScan(queue);
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

    /** A new reader positioned at the start; each reader has its own position. */
    public JournalReader reader()
    {
        return new JournalReader(queue);
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

    @Override
    public synchronized void close()
    {
        if (writer != null)
        {
            writer.close();
        }
        queue.close();
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

        private Path dir;
        private String rollCycle = DEFAULT_ROLL_CYCLE;
        private boolean readOnly;
        private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;
        private long blockSize = DEFAULT_BLOCK_SIZE;
        private RollCycle resolvedRollCycle;

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
            return this;
        }

        RollCycle resolvedRollCycle()
        {
            return resolvedRollCycle;
        }
    }
}
