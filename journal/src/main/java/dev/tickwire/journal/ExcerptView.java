package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The excerpt layout, {@code [int64 watermarkNs LE][SBE message]}, and a zero-copy view of the
 * excerpt being read: one reusable buffer re-pointed at the mapped file, so reading allocates nothing.
 */
final class ExcerptView
{
    static final int WATERMARK_OFFSET = 0;
    static final int MESSAGE_OFFSET = Long.BYTES;
    /** The shortest SBE message the journal accepts: header plus the envelope it reads. */
    static final int MIN_MESSAGE_LENGTH = Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private int excerptLength;

    /** Points the view at the document being read; the document must stay open while it is used. */
    void wrap(final DocumentContext dc)
    {
        final Bytes<?> bytes = dc.wire().bytes();
        final long position = bytes.readPosition();
        final int length = (int)(bytes.readLimit() - position);
        if (length < MESSAGE_OFFSET + MIN_MESSAGE_LENGTH)
        {
            throw new IllegalStateException(
                "excerpt at index " + Long.toHexString(dc.index()) + " is not a tickwire message: " + length + " bytes");
        }
        // The two-argument form maps a chunk holding the whole range, so the excerpt is contiguous.
        buffer.wrap(bytes.addressForRead(position, length), length);
        excerptLength = length;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    long watermarkNs()
    {
        return buffer.getLong(WATERMARK_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    int messageLength()
    {
        return excerptLength - MESSAGE_OFFSET;
    }
}
