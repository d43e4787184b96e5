package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Appends SBE messages to a journal, one excerpt each, prefixed by the running watermark.
 *
 * <p>Single-threaded: one thread appends at a time (it may be handed to another thread between
 * calls). There is one writer per journal, and one writing process, since the watermark is kept
 * here rather than read back from the queue on every append.
 *
 * <p>{@link #append} allocates nothing in steady state (a new roll cycle maps a new file).
 */
public final class JournalWriter implements AutoCloseable
{
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int NONE = Integer.MIN_VALUE;

    private final ExcerptAppender appender;
    private final Runnable onClose;
    private final ChunkPremapper premapper = new ChunkPremapper();
    private long watermarkNs;
    private int rolledBackCycle = NONE;
    private boolean closed;

    JournalWriter(final ExcerptAppender appender, final long initialWatermarkNs, final Runnable onClose)
    {
        this.appender = appender;
        this.watermarkNs = initialWatermarkNs;
        this.onClose = onClose;
        // Chronicle binds an appender to its first thread; ours may be created on one thread and run on another.
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Appends one SBE message, copied unchanged after the watermark.
     *
     * @param buffer holds the message
     * @param offset start of the SBE message header
     * @param length length of the message, header included
     * @return the Chronicle index of the new excerpt
     */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ExcerptView.MIN_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("message of " + length + " bytes is shorter than an envelope");
        }
        buffer.boundsCheck(offset, length); // fail before opening a document, not inside it
        return write(buffer, offset, length, nextWatermark(buffer, offset));
    }

    /** Appends a message with the watermark the journal it came from stored (restoring an archived day). */
    long appendWithWatermark(final DirectBuffer buffer, final int offset, final int length, final long watermark)
    {
        buffer.boundsCheck(offset, length);
        return write(buffer, offset, length, watermark);
    }

    private long write(final DirectBuffer buffer, final int offset, final int length, final long newWatermarkNs)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            try
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeLong(NATIVE_LITTLE_ENDIAN ? newWatermarkNs : Long.reverseBytes(newWatermarkNs));
                copy(buffer, offset, length, bytes);
                tellPremapper(bytes);
            }
            catch (final RuntimeException | Error ex)
            {
                dc.rollbackOnClose(); // never leave half an excerpt in the journal
                rolledBackCycle = appender.cycle();
                throw ex;
            }
        }
        if (rolledBackCycle != NONE && appender.cycle() != rolledBackCycle)
        {
            repairEndOfCycle();
        }
        watermarkNs = newWatermarkNs;
        return appender.lastIndexAppended();
    }

    /**
     * The agent that maps and faults in the next chunk ahead of this writer; run it on a thread of
     * its own (it sleeps between chunks) to keep chunk mapping off the writing thread. Optional.
     */
    public ChunkPremapper premapper()
    {
        return premapper;
    }

    /** The watermark written with the last excerpt (or found in the journal when opened). */
    public long watermarkNs()
    {
        return watermarkNs;
    }

    /** Index of the last excerpt this writer appended. */
    public long lastIndex()
    {
        return appender.lastIndexAppended();
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            appender.close();
            onClose.run();
        }
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * Chronicle 2026.4 quirk: after a rolled-back excerpt opened a new cycle file, rolling on to
     * the next cycle may leave that file without its end-of-cycle marker, and every tailer then
     * stops there for good. Writing the missing markers once we have moved on repairs it.
     */
    private void repairEndOfCycle()
    {
        appender.normaliseEOFs();
        rolledBackCycle = NONE;
    }

    private void tellPremapper(final Bytes<?> bytes)
    {
        if (bytes instanceof MappedBytes) // its file changes when the journal rolls to a new cycle
        {
            premapper.writerAt(((MappedBytes)bytes).mappedFile(), bytes.writePosition());
        }
    }

    private long nextWatermark(final DirectBuffer buffer, final int offset)
    {
        if (Envelope.isAccepted(buffer, offset) && MessageTypes.isEvent(Envelope.templateId(buffer, offset)))
        {
            return Math.max(watermarkNs, Envelope.eventTimeNs(buffer, offset));
        }
        return watermarkNs;
    }

    /** Copies through the buffer's backing array or address: no temporary array, no wrapper. */
    private static void copy(final DirectBuffer buffer, final int offset, final int length, final Bytes<?> bytes)
    {
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            bytes.write(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            // Skips then copies into [position, position + length), which Chronicle maps contiguously.
            bytes.unsafeWrite(buffer.addressOffset() + offset, length);
        }
    }
}
