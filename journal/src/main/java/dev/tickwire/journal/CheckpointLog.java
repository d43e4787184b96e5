package dev.tickwire.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A side queue of derived snapshots keyed by the journal's watermark (book checkpoints): each excerpt is
 * the watermark of the journal position it describes, then an opaque payload. The watermarks are kept in
 * memory (read once, then as they are appended), so finding the checkpoint before a time is a binary search
 * and one read. Derived data: deleting the directory loses nothing but time.
 */
public final class CheckpointLog implements AutoCloseable
{
    /** Where a journal's checkpoints live: {@code <journal>/checkpoints}. */
    public static final String DIR = "checkpoints";

    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private ExcerptTailer indexer;
    private ExcerptTailer reader;
    private long[] watermarks = new long[1024];
    private RuntimeException broken;
    private long[] indexes = new long[1024];
    private int count;

    private CheckpointLog(final SingleChronicleQueue queue)
    {
        this.queue = queue;
    }

    /**
     * How long an append waits for the write lock before Chronicle checks whether its holder is alive and
     * takes it over when it is not: a process killed mid-append (kill -9 of the engine) would otherwise hold
     * up the next start by the default 10 s. One writer per journal, so a live holder is never waited for.
     */
    static final long LOCK_TIMEOUT_MS = 250;

    /** Opens (creating) the checkpoints of the journal in {@code journalDir} for writing. */
    public static CheckpointLog openForWriting(final Path journalDir)
    {
        return new CheckpointLog(SingleChronicleQueueBuilder.single(journalDir.resolve(DIR).toFile())
            .rollCycle(RollCycles.FAST_DAILY).blockSize(1 << 20).timeoutMS(LOCK_TIMEOUT_MS).build());
    }

    /** Opens them read-only, or returns null when there are none. */
    public static CheckpointLog openForReading(final Path journalDir)
    {
        final Path dir = journalDir.resolve(DIR);
        if (!Files.isDirectory(dir))
        {
            return null;
        }
        try
        {
            return new CheckpointLog(SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .readOnly(true).timeoutMS(LOCK_TIMEOUT_MS).build());
        }
        catch (final RuntimeException unreadable)
        {
            return null; // derived data: a reader goes on without it
        }
    }

    /** Appends one checkpoint whose journal position has this watermark. */
    public void append(final long watermarkNs, final DirectBuffer payload, final int offset, final int length)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? watermarkNs : Long.reverseBytes(watermarkNs));
            for (int i = 0; i < length; i++)
            {
                bytes.writeByte(payload.getByte(offset + i));
            }
        }
    }

    /**
     * Hands over checkpoints from the last whose watermark is before {@code timeNs} ({@code Long.MAX_VALUE}:
     * the last of all) backwards, until the handler accepts one ({@code accept} returns true): a corrupt one
     * is passed over for the one before it (up to 16).
     *
     * @return true if one was accepted
     */
    public synchronized boolean lastBefore(final long timeNs, final Acceptor accept)
    {
        if (broken != null)
        {
            return false;
        }
        try
        {
            return find(timeNs, accept);
        }
        catch (final RuntimeException ex)
        {
            // a cycle file without its header (a process killed as it created it): Chronicle gives up waiting
            // for the header; the log is derived data, so a reader goes on without it and the writer starts it
            // again (BookCheckpointer)
            broken = ex;
            return false;
        }
    }

    /** Why this log could not be read (then it answers no more lookups), or null. */
    public synchronized RuntimeException broken()
    {
        return broken;
    }

    private boolean find(final long timeNs, final Acceptor accept)
    {
        extendIndex();
        // the last entry whose watermark is before timeNs
        int low = 0;
        int high = count;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (timeNs == Long.MAX_VALUE || watermarks[mid] < timeNs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        for (int i = low - 1; i >= 0 && i >= low - 16; i--)
        {
            if (!reader.moveToIndex(indexes[i]))
            {
                continue;
            }
            try (DocumentContext dc = reader.readingDocument())
            {
                if (!dc.isPresent())
                {
                    continue;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long position = bytes.readPosition();
                final int length = (int)(bytes.readLimit() - position);
                if (length < Long.BYTES)
                {
                    continue;
                }
                view.wrap(bytes.addressForRead(position, length), length);
                if (accept.accept(view.getLong(0), view, Long.BYTES, length - Long.BYTES))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads the watermarks of checkpoints appended since the last look into memory: a lookup is then a binary
     * search there and one read (checkpoints are few: one per 10 s of market at most, ~9,000 a day).
     */
    private void extendIndex()
    {
        if (indexer == null)
        {
            indexer = queue.createTailer();
            reader = queue.createTailer();
        }
        // Chronicle binds a tailer to the thread that used it first; lookups come from any thread (an HTTP
        // server's pool) one at a time (this is synchronized), so each hands the tailers over
        indexer.singleThreadedCheckReset();
        reader.singleThreadedCheckReset();
        while (true)
        {
            try (DocumentContext dc = indexer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                if (bytes.readRemaining() < Long.BYTES)
                {
                    continue;
                }
                final long raw = bytes.readLong(bytes.readPosition());
                if (count == watermarks.length)
                {
                    watermarks = java.util.Arrays.copyOf(watermarks, count * 2);
                    indexes = java.util.Arrays.copyOf(indexes, count * 2);
                }
                watermarks[count] = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? raw : Long.reverseBytes(raw);
                indexes[count] = dc.index();
                count++;
            }
        }
    }

    /** Decides whether a checkpoint is usable (complete, within reach). */
    @FunctionalInterface
    public interface Acceptor
    {
        boolean accept(long watermarkNs, DirectBuffer payload, int offset, int length);
    }

    @Override
    public synchronized void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        if (indexer != null)
        {
            indexer.close();
            reader.close();
        }
        queue.close();
    }
}
