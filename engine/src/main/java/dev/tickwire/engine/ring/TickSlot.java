package dev.tickwire.engine.ring;

import dev.tickwire.wire.Envelope;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated ring slot: a fixed window over the ring's off-heap memory holding one
 * SBE-encoded message at offset 0. An adapter encodes a tick into the slot once; the journal and
 * the Aeron publication copy those bytes, nobody re-encodes them.
 */
public final class TickSlot
{
    private final UnsafeBuffer buffer;
    private int length;

    TickSlot(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
    }

    /** The slot's bytes; the message starts at offset 0. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Encoded length of the message (header + body). */
    public int length()
    {
        return length;
    }

    public void length(final int length)
    {
        this.length = length;
    }

    public int templateId()
    {
        return Envelope.templateId(buffer, 0);
    }

    public int capacity()
    {
        return buffer.capacity();
    }
}
