package dev.tickwire.engine.book;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * Rebuilds, at start-up, the book of every instrument from the journal, so a restarted engine's
 * live books (and its validator's) continue where the last run left them instead of starting empty
 * until each level is touched again.
 *
 * <p>A book is rebuilt from its instrument's last accepted CLEAR (a snapshot's start) on, applying
 * every accepted delta after it, as the live book stage did. The CLEARs are found by reading the
 * journal backwards from its end, at most {@code scanLimit} messages: an instrument whose last
 * CLEAR is further back (or which has no book) is not restored.
 */
public final class BookRestore implements AutoCloseable
{
    private static final long NOT_FOUND = Long.MIN_VALUE;

    private final Int2ObjectHashMap<L2Book> books = new Int2ObjectHashMap<>();
    private final Long2LongHashMap lastEventTimeNs = new Long2LongHashMap(0);
    private long scanned;
    private long applied;

    private BookRestore()
    {
    }

    /**
     * @param journal   the journal to read (not written meanwhile)
     * @param scanLimit how many messages back from the end to look for each instrument's last CLEAR
     */
    public static BookRestore fromJournal(final Journal journal, final long scanLimit)
    {
        final BookRestore restore = new BookRestore();
        restore.rebuild(journal, scanLimit);
        return restore;
    }

    /** The rebuilt books by instrument id (owned by this object until it is closed). */
    public Int2ObjectHashMap<L2Book> books()
    {
        return books;
    }

    /** Event time of the last delta applied to an instrument's book (0 if none). */
    public long lastEventTimeNs(final int instrumentId)
    {
        return lastEventTimeNs.get(instrumentId);
    }

    /** Messages read backwards looking for CLEARs. */
    public long scanned()
    {
        return scanned;
    }

    /** Deltas applied to rebuild the books. */
    public long applied()
    {
        return applied;
    }

    @Override
    public void close()
    {
        books.values().forEach(L2Book::close);
        books.clear();
    }

    private void rebuild(final Journal journal, final long scanLimit)
    {
        final int instruments = journal.instruments().all().size();
        final Long2LongHashMap clearIndex = new Long2LongHashMap(NOT_FOUND);
        final BookApplier applier = new BookApplier();
        final long[] earliest = {NOT_FOUND};
        final long[] visited = {0};
        try (JournalReader reader = journal.reader())
        {
            reader.scanBackward(JournalReader.END, (buffer, offset, length, index, watermarkNs) ->
            {
                if (isAcceptedDelta(buffer, offset) && !clearIndex.containsKey(Envelope.instrumentId(buffer, offset)) &&
                    applier.decode(buffer, offset).action() == BookAction.CLEAR)
                {
                    clearIndex.put(Envelope.instrumentId(buffer, offset), index);
                    earliest[0] = index;
                }
                // on until every instrument's CLEAR is found, or far enough back
                return ++visited[0] < scanLimit && clearIndex.size() < instruments;
            });
            scanned = visited[0];
            if (earliest[0] == NOT_FOUND || !reader.moveToIndex(earliest[0]))
            {
                return;
            }
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (isAcceptedDelta(buffer, offset))
                {
                    final int id = Envelope.instrumentId(buffer, offset);
                    final long from = clearIndex.get(id);
                    if (from != NOT_FOUND && index >= from)
                    {
                        final BookDeltaDecoder delta = applier.apply(book(id), buffer, offset);
                        lastEventTimeNs.put(id, delta.eventTimeNs());
                        applied++;
                    }
                }
            }, 4096) > 0)
            {
                // to the end
            }
        }
    }

    private L2Book book(final int id)
    {
        L2Book book = books.get(id);
        if (book == null)
        {
            book = new L2Book(id, 64);
            books.put(id, book);
        }
        return book;
    }

    private static boolean isAcceptedDelta(final DirectBuffer buffer, final int offset)
    {
        return Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA && Envelope.isAccepted(buffer, offset);
    }
}
