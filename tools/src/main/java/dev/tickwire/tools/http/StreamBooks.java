package dev.tickwire.tools.http;

import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.checkpoint.BookCheckpoints;
import dev.tickwire.engine.query.MarketQueries.Level;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.BookDeltas;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The L2 books the stream's tailer keeps, for the instruments that have (had) book subscribers, so a new
 * subscriber gets a snapshot consistent with the deltas that follow it. Tailer thread only.
 *
 * <p><b>Seeding.</b> A book is built once per instrument, when its first subscriber comes, on the tailer
 * thread, up to the tailer's position exactly: from the instrument's last accepted CLEAR before that position
 * (found by scanning the journal backward from it; the journal's start if there is none), every accepted delta
 * of the instrument up to the position is applied with the engine's {@link BookApplier}, as
 * {@code JournalQueries.orderBook} and replay do. Reading from the last CLEAR rather than calling
 * {@code orderBook} (a time query) ties the book to a journal index, not a time: the tailer continues from that
 * very index, so no delta is applied twice or missed, even when several messages share a time. From then on
 * the tailer applies each accepted delta as it reads it, whether or not anyone is subscribed.
 *
 * <p><b>Snapshots.</b> Taken on the tailer thread between two messages, so the snapshot holds exactly the
 * deltas before it and the client gets exactly the ones after it. A snapshot is only taken at a batch end
 * (the book is consistent only there): a subscriber arriving in the middle of a batch gets its snapshot right
 * after the batch's END_OF_BATCH delta. Its {@code seq} is the engine sequence of the last journal message the
 * tailer read before it: apply the deltas with a greater seq.
 *
 * <p>Cost: seeding starts from the last book checkpoint before the position (then only the deltas after
 * it), or without one from the instrument's last snapshot (CLEAR); a feed that never sends one is read from
 * the journal's start, as a point-in-time book query would.
 */
final class StreamBooks implements AutoCloseable
{
    private static final int SEED_CHUNK = 4096;

    /** One instrument's book. */
    static final class Book
    {
        final Instrument instrument;
        final L2Book levels;
        /** Between a batch's first delta and its END_OF_BATCH: not consistent, no snapshot now. */
        boolean inBatch;
        /** Event time of the last delta applied, or Values.NONE. */
        long lastDeltaNs = Values.NONE;

        Book(final Instrument instrument)
        {
            this.instrument = instrument;
            this.levels = new L2Book(instrument.id(), 64);
        }
    }

    private final Journal journal;
    private final Int2ObjectHashMap<Book> books = new Int2ObjectHashMap<>();
    private final BookApplier applier = new BookApplier();
    private final StringBuilder sb = new StringBuilder(4096);
    private final JsonRow row = new JsonRow(sb);
    private JournalReader seedReader;

    StreamBooks(final Journal journal)
    {
        this.journal = journal;
    }

    /** The instrument's book, or null if it has none yet. */
    Book book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * The instrument's book, built first if it has none: as it stands after every journal message before
     * {@code beforeIndex} (the tailer's next index) and none at or after it.
     */
    Book ensure(final Instrument instrument, final long beforeIndex)
    {
        Book book = books.get(instrument.id());
        if (book == null)
        {
            book = new Book(instrument);
            seed(book, beforeIndex);
            books.put(instrument.id(), book);
        }
        return book;
    }

    /** Applies an accepted delta of a tracked instrument (the tailer, in journal order). */
    void apply(final Book book, final DirectBuffer buffer, final int offset)
    {
        applier.apply(book.levels, buffer, offset);
        book.inBatch = !BookDeltas.isEndOfBatch(buffer, offset);
        book.lastDeltaNs = Envelope.eventTimeNs(buffer, offset);
    }

    private void seed(final Book book, final long beforeIndex)
    {
        if (seedReader == null)
        {
            seedReader = journal.reader();
        }
        final JournalReader reader = seedReader;
        final int id = book.instrument.id();
        // the nearest book checkpoint before the tailer's position, else the instrument's last CLEAR
        final BookCheckpoints.Locator inReader = BookCheckpoints.in(reader);
        final long checkpoint = BookCheckpoints.load(journal, Long.MAX_VALUE, (index, sequence) ->
        {
            final long at = inReader.locate(index, sequence);
            return at != Values.NONE && at < beforeIndex ? at : Values.NONE;
        }, instrumentId -> instrumentId == id ? book.levels : null);
        if (checkpoint == Values.NONE || !reader.moveToIndex(checkpoint))
        {
            final long[] clear = {Values.NONE};
            reader.scanBackward(beforeIndex, (buffer, offset, length, index, watermarkNs) ->
            {
                if (isDeltaOf(buffer, offset, id) && BookDeltas.isClear(buffer, offset))
                {
                    clear[0] = index;
                    return false;
                }
                return true;
            });
            if (clear[0] == Values.NONE || !reader.moveToIndex(clear[0]))
            {
                reader.toStart();
            }
        }
        final long appliedThrough = checkpoint; // the checkpoint's own excerpt is in its books
        final boolean[] done = {false};
        while (!done[0] && reader.poll((buffer, offset, length, index, watermarkNs) ->
        {
            if (appliedThrough != Values.NONE && index <= appliedThrough)
            {
                return;
            }
            if (done[0] || index >= beforeIndex)
            {
                done[0] = true; // the tailer reads this one itself
                return;
            }
            if (isDeltaOf(buffer, offset, id))
            {
                apply(book, buffer, offset);
            }
        }, SEED_CHUNK) > 0)
        {
            // next chunk
        }
    }

    private static boolean isDeltaOf(final DirectBuffer buffer, final int offset, final int instrumentId)
    {
        return Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA && Envelope.isAccepted(buffer, offset) &&
            Envelope.instrumentId(buffer, offset) == instrumentId;
    }

    /**
     * {@code {"type":"book_snapshot","symbol","instrument_id","seq","ts","ts_ns","bids":[…],"asks":[…]}}: every
     * level, best first, each {@code {price, size, orders}} as {@code /orderbook} writes them.
     */
    String snapshot(final Book book, final long seq)
    {
        final Instrument i = book.instrument;
        sb.setLength(0);
        row.beginObject().text("type", "book_snapshot").text("symbol", i.symbol()).integer("instrument_id", i.id())
            .integer("seq", seq).time("ts", book.lastDeltaNs);
        levels(book, L2Book.BID, row.array("bids"));
        levels(book, L2Book.ASK, row.array("asks"));
        row.endObject();
        return sb.toString();
    }

    private static void levels(final Book book, final int side, final JsonRow row)
    {
        final Instrument i = book.instrument;
        final List<Level> levels = new ArrayList<>(book.levels.depth(side));
        book.levels.forEachLevel(side, Integer.MAX_VALUE, (s, index, price, size, orders) -> levels.add(new Level(
            FixedPoint.toDecimalString(price, i.priceExponent()), FixedPoint.toDecimalString(size, i.sizeExponent()), orders)));
        for (final Level level : levels)
        {
            row.beginObject();
            MarketRows.level(level, row);
            row.endObject();
        }
        row.endArray();
    }

    @Override
    public void close()
    {
        books.values().forEach(b -> b.levels.close());
        books.clear();
        if (seedReader != null)
        {
            seedReader.close();
            seedReader = null;
        }
    }
}
