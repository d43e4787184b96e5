package dev.tickwire.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
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
 * the watermark of the journal position it describes, then an opaque payload, laid out as the journal's
 * own excerpts are so that the journal's {@link TimeSeek} finds one in a binary search. Derived data:
 * deleting the directory loses nothing but time.
 */
public final class CheckpointLog implements AutoCloseable
{
    /** Where a journal's checkpoints live: {@code <journal>/checkpoints}. */
    public static final String DIR = "checkpoints";
    /** A payload is padded to this, so that every excerpt reads as a journal excerpt does. */
    static final int MIN_PAYLOAD = ExcerptView.MIN_MESSAGE_LENGTH;

    private final SingleChronicleQueue queue;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private ExcerptAppender appender;

    private CheckpointLog(final SingleChronicleQueue queue)
    {
        this.queue = queue;
    }

    /** Opens (creating) the checkpoints of the journal in {@code journalDir} for writing. */
    public static CheckpointLog openForWriting(final Path journalDir)
    {
        return new CheckpointLog(SingleChronicleQueueBuilder.single(journalDir.resolve(DIR).toFile())
            .rollCycle(RollCycles.FAST_DAILY).blockSize(1 << 20).build());
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
                .readOnly(true).build());
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
            for (int i = length; i < MIN_PAYLOAD; i++)
            {
                bytes.writeByte((byte)0);
            }
        }
    }

    /**
     * Hands over checkpoints from the last whose watermark is before {@code timeNs} ({@code Long.MAX_VALUE}:
     * the last of all) backwards, until the handler accepts one ({@code accept} returns true): a corrupt one
     * is passed over for the one before it.
     *
     * @return true if one was accepted
     */
    public boolean lastBefore(final long timeNs, final Acceptor accept)
    {
        queue.refreshDirectoryListing();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (timeNs == Long.MAX_VALUE || !new TimeSeek(queue, tailer).seek(timeNs))
            {
                tailer.direction(TailerDirection.BACKWARD).toEnd();
            }
            else
            {
                final long first = tailer.index(); // the first at or after timeNs: start with the one before it
                tailer.direction(TailerDirection.BACKWARD);
                if (!tailer.moveToIndex(first))
                {
                    return false;
                }
                try (DocumentContext skipped = tailer.readingDocument())
                {
                    if (!skipped.isPresent())
                    {
                        return false;
                    }
                }
            }
            for (int tries = 0; tries < 16; tries++)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return false;
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
    }

    /** Decides whether a checkpoint is usable (complete, within reach). */
    @FunctionalInterface
    public interface Acceptor
    {
        boolean accept(long watermarkNs, DirectBuffer payload, int offset, int length);
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
