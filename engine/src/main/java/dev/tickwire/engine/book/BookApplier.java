package dev.tickwire.engine.book;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * The one definition of how a BookDelta changes an L2 book, shared by the live book stage, journal
 * replay and queries, so every book built from the same deltas is the same. ADD and MODIFY both set
 * the level (a MODIFY of a missing level adds it; size 0 removes it); DELETE of a missing level is a
 * no-op; CLEAR empties both sides.
 */
public final class BookApplier
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();

    /** Wraps the decoder over the delta at {@code offset} without applying it. */
    public BookDeltaDecoder decode(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        return delta.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    /** Applies the delta at {@code offset} and returns the decoder, still wrapped over it. */
    public BookDeltaDecoder apply(final L2Book book, final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        delta.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        apply(book, delta);
        return delta;
    }

    public static void apply(final L2Book book, final BookDeltaDecoder delta)
    {
        final BookAction action = delta.action();
        switch (action)
        {
            case CLEAR:
                book.clear();
                break;
            case ADD:
            case MODIFY:
                book.set(delta.side().value(), delta.price(), delta.size(), delta.orderCount());
                break;
            case DELETE:
                book.delete(delta.side().value(), delta.price());
                break;
            default:
                break;
        }
    }
}
