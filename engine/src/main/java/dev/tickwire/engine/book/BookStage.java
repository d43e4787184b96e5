package dev.tickwire.engine.book;

import com.lmax.disruptor.EventHandler;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Applies accepted book deltas to the live off-heap L2 books and, at each consistent point (a batch
 * end, or a quote for instruments without depth), publishes the top of book for other threads.
 */
public final class BookStage implements EventHandler<TickSlot>
{
    private final EngineCounters counters;
    private final TopOfBook top;
    private final BookApplier applier = new BookApplier();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final QuoteDecoder quote = new QuoteDecoder();
    private L2Book[] books = new L2Book[64];

    public BookStage(final EngineCounters counters, final TopOfBook top)
    {
        this.counters = counters;
        this.top = top;
    }

    @Override
    public void onEvent(final TickSlot slot, final long sequence, final boolean endOfBatch)
    {
        final UnsafeBuffer buffer = slot.buffer();
        if (!Envelope.isAccepted(buffer, 0))
        {
            return;
        }
        final int id = Envelope.instrumentId(buffer, 0);
        switch (Envelope.templateId(buffer, 0))
        {
            case MessageTypes.INSTRUMENT:
                bookFor(id);
                break;
            case MessageTypes.BOOK_DELTA:
                final L2Book book = bookFor(id);
                final BookDeltaDecoder delta = applier.apply(book, buffer, 0);
                counters.bookUpdates().incrementRelease();
                if (delta.flags().endOfBatch() && id < top.maxInstruments())
                {
                    top.update(id, book.bestBidPrice(), book.bestSize(L2Book.BID),
                        book.bestAskPrice(), book.bestSize(L2Book.ASK), delta.eventTimeNs());
                }
                break;
            case MessageTypes.QUOTE:
                final L2Book depthBook = bookFor(id);
                if (id < top.maxInstruments() && depthBook.depth(L2Book.BID) == 0 && depthBook.depth(L2Book.ASK) == 0)
                {
                    header.wrap(buffer, 0);
                    quote.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                    top.update(id, quote.bidSize() > 0 ? quote.bidPrice() : Values.NONE, quote.bidSize(),
                        quote.askSize() > 0 ? quote.askPrice() : Values.NONE, quote.askSize(), quote.eventTimeNs());
                }
                break;
            default:
                break;
        }
    }

    /**
     * Starts an instrument's live book from a rebuilt one (a restart). Call before the engine thread
     * starts: the stage is not running yet, so there is still one writer.
     */
    public void restore(final L2Book from, final long eventTimeNs)
    {
        final int id = from.instrumentId();
        final L2Book book = bookFor(id);
        book.copyFrom(from);
        if (id < top.maxInstruments())
        {
            top.update(id, book.bestBidPrice(), book.bestSize(L2Book.BID), book.bestAskPrice(), book.bestSize(L2Book.ASK),
                eventTimeNs);
        }
    }

    /** The live book of an instrument; read it only from the engine thread. */
    public L2Book book(final int instrumentId)
    {
        return instrumentId < books.length ? books[instrumentId] : null;
    }

    private L2Book bookFor(final int id)
    {
        if (id >= books.length)
        {
            books = Arrays.copyOf(books, Integer.highestOneBit(id) << 1);
        }
        L2Book book = books[id];
        if (book == null)
        {
            book = new L2Book(id, 64);
            books[id] = book;
        }
        return book;
    }
}
