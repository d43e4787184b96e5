package dev.tickwire.archive;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A journaled message and its watermark: what a row is written from and rebuilt into. Writing, it
 * points at the journal's excerpt (no copy); reading, it owns a buffer the row is rebuilt in.
 */
final class MessageRow
{
    DirectBuffer buffer;
    int offset;
    int length;
    long watermarkNs;
    /** The day the row was archived under (written only to monthly files, as their {@code date} column). */
    int epochDay;
    /** The buffer a row is rebuilt in (reading). */
    final MutableDirectBuffer owned = new ExpandableArrayBuffer(256);

    MessageRow wrap(final DirectBuffer buffer, final int offset, final int length, final long watermarkNs)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.watermarkNs = watermarkNs;
        return this;
    }

    /** The engine sequence of the message. */
    long sequence()
    {
        return dev.tickwire.wire.Envelope.sequence(buffer, offset);
    }
}
