package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * The one way to ask a BookDelta whether it starts over (CLEAR) or ends a batch (END_OF_BATCH), read at
 * fixed offsets without a decoder, like {@link Envelope}; offsets are relative to the message header.
 */
public final class BookDeltas
{
    private static final int ACTION = MessageHeaderDecoder.ENCODED_LENGTH + BookDeltaDecoder.actionEncodingOffset();
    private static final int FLAGS = MessageHeaderDecoder.ENCODED_LENGTH + BookDeltaDecoder.flagsEncodingOffset();

    private BookDeltas()
    {
    }

    /** True if the delta at {@code offset} is a CLEAR (the first delta of a snapshot). */
    public static boolean isClear(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + ACTION) == (byte)BookAction.CLEAR.value();
    }

    /** True if the delta at {@code offset} ends its batch: the book is consistent after it. */
    public static boolean isEndOfBatch(final DirectBuffer buffer, final int offset)
    {
        return (flags(buffer, offset) & DeltaFlagBits.END_OF_BATCH) != 0;
    }

    /** The flags as {@link DeltaFlagBits}. */
    public static int flags(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + FLAGS) & 0xFF;
    }
}
