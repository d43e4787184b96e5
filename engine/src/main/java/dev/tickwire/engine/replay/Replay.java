package dev.tickwire.engine.replay;

import dev.tickwire.engine.book.BatchedBook;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.checkpoint.BookCheckpoints;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.BookDeltas;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a journal for a backtest: the journaled messages of a time range (and optionally some
 * symbols), in journal order, in the live wire format, to a {@link MarketDataListener} (the same one
 * live subscribers use) and/or a {@link MessageSink}, with every instrument's L2 book kept up to date.
 *
 * <p>Books at {@code from} are right: the replay starts at the last CLEAR (snapshot) of each
 * instrument before {@code from} and applies the deltas up to it silently. Rejected messages are
 * never replayed (live subscribers never saw them). A REPLAY_START and a REPLAY_END status frame
 * the replay. Each replayed message gets the next stream sequence of the replay (1, 2, …), like a
 * live publication; everything else is byte for byte the journal's. The same journal and arguments
 * give the same messages, byte for byte.
 *
 * <pre>{@code
 * try (Replay replay = Replay.builder().journal(dir).from(t0).to(t1).symbols("ESZ25_FUT_CME")
 *         .listener(myStrategy).build()) {
 *     replay.run();
 *     L2Book book = replay.book("ESZ25_FUT_CME");
 * }
 * }</pre>
 */
public final class Replay implements AutoCloseable
{
    /** How far journal order may run ahead of a lagging source: events this much later end the scan. */
    public static final long DEFAULT_LAG_ALLOWANCE_NS = 60_000_000_000L;

    private final Journal journal;
    private final boolean ownsJournal;
    private final long fromNs;
    private final long toNs;
    private final double speed;
    private final long lagAllowanceNs;
    private final MarketDataListener listener;
    private final MessageSink sink;
    private final boolean consistentBooks;
    private final boolean keepBooks;
    private final List<Instrument> instruments;
    private final boolean[] selected;
    private final Int2ObjectHashMap<Books> books = new Int2ObjectHashMap<>();
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
    private volatile boolean stopRequested;
    /** Journal excerpts up to this index are in the book checkpoint the replay started from. */
    private long skipThrough = Long.MIN_VALUE;
    /** Where {@code from} is in the journal, once sought (Long.MIN_VALUE: not yet). */
    private long seekIndex = Long.MIN_VALUE;
    private long streamSequence;
    private long emitted;
    private long pacingStartNs;
    private long pacingFirstEventNs = Values.NONE;

    private Replay(final Builder b)
    {
        this.ownsJournal = b.journal == null;
        this.journal = b.journal != null ? b.journal : Journal.open(new Journal.Context().dir(b.dir).readOnly(true));
        this.fromNs = b.fromNs;
        this.toNs = b.toNs;
        this.speed = b.speed;
        this.lagAllowanceNs = b.lagAllowanceNs;
        this.listener = b.listener;
        this.sink = b.sink;
        this.consistentBooks = b.consistentBooks;
        this.keepBooks = b.books;
        journal.instruments().reload();
        final List<Instrument> chosen = new ArrayList<>();
        if (b.symbols.isEmpty())
        {
            chosen.addAll(journal.instruments().all());
        }
        else
        {
            for (final String symbol : b.symbols)
            {
                chosen.add(journal.instruments().bySymbol(symbol).orElseThrow(() ->
                    new IllegalArgumentException("unknown symbol '" + symbol + "' in " + journal.dir() + "; known: " +
                        journal.instruments().all().stream().map(Instrument::symbol).toList())));
            }
        }
        this.instruments = List.copyOf(chosen);
        int maxId = 0;
        for (final Instrument i : instruments)
        {
            maxId = Math.max(maxId, i.id());
        }
        selected = new boolean[maxId + 1];

        for (final Instrument i : instruments)
        {
            selected[i.id()] = true;
            books.put(i.id(), new Books(i.id(), consistentBooks));
        }
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Runs the replay to the end of the range (or of the journal as it is now).
     *
     * @return the number of messages replayed (market events, definitions, status; REPLAY_START/END included)
     */
    public long run()
    {
        try (JournalReader reader = journal.reader())
        {
            final long start = rebuildStart(reader);
            status(StatusCode.REPLAY_START, fromNs);
            for (final Instrument i : instruments)
            {
                definition(i);
            }
            final long emitFrom = emissionStart(reader);
            if (start == JournalReader.END && !keepBooks && fromNs != Values.NONE)
            {
                reader.toEnd(); // from after the journal's end, and no books to rebuild: nothing to read
            }
            else if (start == JournalReader.END)
            {
                reader.toStart();
            }
            else
            {
                reader.moveToIndex(start);
            }
            final boolean[] stop = {false};
            while (!stop[0] && reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (watermarkNs != Values.NONE && toNs != Long.MAX_VALUE && watermarkNs > toNs + lagAllowanceNs)
                {
                    stop[0] = true;
                    return;
                }
                if (!stop[0] && index > skipThrough)
                {
                    onExcerpt(buffer, offset, length, index >= emitFrom);
                    stop[0] = stopRequested;
                }
            }, 1024) > 0)
            {
                // on to the next chunk
            }
            status(StatusCode.REPLAY_END, emitted + 1);
        }
        return emitted;
    }

    private void onExcerpt(final DirectBuffer buffer, final int offset, final int length, final boolean pastSeek)
    {
        if (!Envelope.isAccepted(buffer, offset))
        {
            return;
        }
        final int type = Envelope.templateId(buffer, offset);
        final int id = Envelope.instrumentId(buffer, offset);
        if (type == MessageTypes.INSTRUMENT)
        {
            return; // definitions are sent once, at the start, from the catalog
        }
        final boolean ours = id > 0 && id < selected.length && selected[id];
        if (!MessageTypes.isEvent(type))
        {
            if (pastSeek && (ours || id <= 0 && instrumentsUnfiltered()))
            {
                emit(buffer, offset, length, Values.NONE);
            }
            return;
        }
        if (!ours)
        {
            return;
        }
        final long eventTimeNs = Envelope.eventTimeNs(buffer, offset);
        if (eventTimeNs > toNs)
        {
            return; // another source of the instrument (e.g. its depth file) may still bring earlier events
        }
        if (type == MessageTypes.BOOK_DELTA && keepBooks)
        {
            books.get(id).apply(buffer, offset);
        }
        if (eventTimeNs >= fromNs)
        {
            emit(buffer, offset, length, eventTimeNs);
        }
    }

    private boolean instrumentsUnfiltered()
    {
        return instruments.size() == journal.instruments().all().size();
    }

    private void emit(final DirectBuffer buffer, final int offset, final int length, final long eventTimeNs)
    {
        pace(eventTimeNs);
        out.putBytes(0, buffer, offset, length);
        deliver(length);
    }

    /** Stamps the message in {@code out} with the replay's next stream sequence and hands it on. */
    private void deliver(final int length)
    {
        Envelope.streamSequence(out, 0, ++streamSequence);
        emitted++;
        if (sink != null)
        {
            sink.onMessage(out, 0, length);
        }
        if (listener != null)
        {
            dispatcher.dispatch(out, 0, listener);
        }
    }

    /** Keeps the original spacing of events, divided by the speed (0 = as fast as possible). */
    private void pace(final long eventTimeNs)
    {
        if (speed <= 0 || eventTimeNs == Values.NONE)
        {
            return;
        }
        if (pacingFirstEventNs == Values.NONE)
        {
            pacingFirstEventNs = eventTimeNs;
            pacingStartNs = System.nanoTime();
            return;
        }
        final long due = pacingStartNs + (long)((eventTimeNs - pacingFirstEventNs) / speed);
        long wait;
        while ((wait = due - System.nanoTime()) > 0)
        {
            if (wait > 200_000)
            {
                LockSupport.parkNanos(wait - 100_000);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    private void status(final StatusCode code, final long value)
    {
        deliver(writer.status(out, 0, 0, -1, 0, 0, 0, code, value));
    }

    private void definition(final Instrument i)
    {
        deliver(writer.instrument(out, 0, 0, i.id(), 0, 0, i.symbol(), i.venue(), i.priceExponent(), i.sizeExponent(),
            i.tickSize()));
    }

    /**
     * Where the silent book rebuild starts: for every selected instrument, the last CLEAR before
     * {@code from} whose batch ended before {@code from} too (found by scanning back from the seek
     * position), or the journal's start. A snapshot still open at {@code from} cannot be the start:
     * its rest is after {@code from}, and a point-in-time book undoes it back to the book before it.
     */
    private long rebuildStart(final JournalReader reader)
    {
        if (fromNs == Values.NONE)
        {
            return JournalReader.END; // from the start: nothing to rebuild
        }
        final long seekIndex = reader.seekToTime(fromNs) ? reader.index() : JournalReader.END;
        this.seekIndex = seekIndex;
        if (!keepBooks)
        {
            return seekIndex; // no books (bars, trades): the window and a seek, nothing before it
        }
        // the nearest book checkpoint before `from`: its books, then only the deltas after it
        final BookCheckpoints.Locator inReader = BookCheckpoints.in(reader);
        final long checkpoint = BookCheckpoints.load(journal, fromNs, (index, sequence) ->
            {
                final long at = inReader.locate(index, sequence);
                return at != Values.NONE && (seekIndex == JournalReader.END || at < seekIndex) ? at : Values.NONE;
            },
            id -> id > 0 && id < selected.length && selected[id] ? books.get(id).book : null);
        if (checkpoint != Values.NONE)
        {
            skipThrough = checkpoint;
            return checkpoint;
        }
        final int[] missing = {instruments.size()};
        final boolean[] found = new boolean[selected.length];
        final boolean[] endAfter = new boolean[selected.length]; // a batch end of it lies between here and `from`
        final long[] earliest = {seekIndex};
        reader.scanBackward(seekIndex, (buffer, offset, length, index, watermarkNs) ->
        {
            if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA && Envelope.isAccepted(buffer, offset))
            {
                final int id = Envelope.instrumentId(buffer, offset);
                if (id > 0 && id < selected.length && selected[id] && !found[id])
                {
                    endAfter[id] |= BookDeltas.isEndOfBatch(buffer, offset);
                    if (endAfter[id] && BookDeltas.isClear(buffer, offset))
                    {
                        found[id] = true;
                        missing[0]--;
                        earliest[0] = index;
                    }
                }
            }
            return missing[0] > 0;
        });
        return missing[0] > 0 ? JournalReader.END : earliest[0];
    }

    /** The first index whose messages are emitted: the seek position of {@code from}. */
    private long emissionStart(final JournalReader reader)
    {
        if (fromNs == Values.NONE)
        {
            return Values.NONE;
        }
        if (seekIndex != Long.MIN_VALUE)
        {
            return seekIndex == JournalReader.END ? Long.MAX_VALUE : seekIndex; // found by rebuildStart: one seek
        }
        return reader.seekToTime(fromNs) ? reader.index() : Long.MAX_VALUE;
    }

    /** Ends a running replay after the message being delivered (e.g. its subscriber went away). */
    public void stop()
    {
        stopRequested = true;
    }

    /** The live-maintained book of a replayed instrument (null if it is not in the replay). */
    public L2Book book(final String symbol)
    {
        final Instrument i = journal.instruments().bySymbol(symbol).orElse(null);
        return i == null ? null : book(i.id());
    }

    public L2Book book(final int instrumentId)
    {
        final Books b = books.get(instrumentId);
        return b == null ? null : b.book;
    }

    /**
     * The book as of its last complete batch: if the replay stopped inside a batch, the batch's
     * deltas are undone (a book is only consistent at a batch end). Needs
     * {@link Builder#consistentBooks(boolean)}, which records what to undo as it goes.
     */
    public L2Book consistentBook(final String symbol)
    {
        if (!consistentBooks)
        {
            throw new IllegalStateException("build the replay with consistentBooks(true) to ask for consistent books");
        }
        final Instrument i = journal.instruments().bySymbol(symbol).orElse(null);
        final Books b = i == null ? null : books.get(i.id());
        if (b == null)
        {
            return null;
        }
        b.rollBackOpenBatch();
        return b.book;
    }

    public List<Instrument> instruments()
    {
        return instruments;
    }

    @Override
    public void close()
    {
        books.values().forEach(Books::close);
        if (ownsJournal)
        {
            journal.close();
        }
    }

    /** One instrument's book, and (for point-in-time queries) what is needed to undo a batch still open. */
    private static final class Books
    {
        final L2Book book;
        final BatchedBook batched;
        final BookApplier applier = new BookApplier();

        Books(final int id, final boolean undoable)
        {
            book = new L2Book(id, 64);
            batched = undoable ? new BatchedBook(book) : null;
        }

        void apply(final DirectBuffer buffer, final int offset)
        {
            final BookDeltaDecoder d = applier.decode(buffer, offset);
            if (batched == null)
            {
                BookApplier.apply(book, d); // a backtest only needs the book as it goes
                return;
            }
            batched.apply(d);
            if (d.flags().endOfBatch())
            {
                batched.commit();
            }
        }

        void rollBackOpenBatch()
        {
            if (batched != null)
            {
                batched.rollBack();
            }
        }

        void close()
        {
            if (batched != null)
            {
                batched.close();
            }
            else
            {
                book.close();
            }
        }
    }

    public static final class Builder
    {
        private Path dir;
        private Journal journal;
        private long fromNs = Values.NONE;
        private long toNs = Long.MAX_VALUE;
        private final List<String> symbols = new ArrayList<>();
        private double speed;
        private long lagAllowanceNs = DEFAULT_LAG_ALLOWANCE_NS;
        private MarketDataListener listener;
        private MessageSink sink;
        private boolean consistentBooks;
        private boolean books = true;

        /**
         * Keep every selected instrument's book (the default). Off, a replay from T reads only from T's seek
         * position: nothing before it is read to rebuild books (bars and trades need none).
         */
        public Builder books(final boolean books)
        {
            this.books = books;
            return this;
        }

        /**
         * Keep what is needed to undo a batch still open where the replay stops, so
         * {@link Replay#consistentBook} can give the book at its last batch end (point-in-time queries).
         */
        public Builder consistentBooks(final boolean consistentBooks)
        {
            this.consistentBooks = consistentBooks;
            return this;
        }

        public Builder journal(final Path dir)
        {
            this.dir = dir;
            return this;
        }

        /** An open journal (e.g. shared by queries); the replay does not close it. */
        public Builder journal(final Journal journal)
        {
            this.journal = journal;
            return this;
        }

        public Builder from(final long epochNanos)
        {
            this.fromNs = epochNanos;
            return this;
        }

        public Builder to(final long epochNanos)
        {
            this.toNs = epochNanos;
            return this;
        }

        public Builder symbols(final String... symbols)
        {
            this.symbols.addAll(Arrays.asList(symbols));
            return this;
        }

        public Builder symbols(final Collection<String> symbols)
        {
            this.symbols.addAll(symbols);
            return this;
        }

        /** 0 (default) replays as fast as possible; 1 keeps the original timing; N runs N times faster. */
        public Builder speed(final double speed)
        {
            if (speed < 0)
            {
                throw new IllegalArgumentException("speed must be >= 0, got " + speed);
            }
            this.speed = speed;
            return this;
        }

        public Builder lagAllowanceNs(final long nanos)
        {
            this.lagAllowanceNs = nanos;
            return this;
        }

        public Builder listener(final MarketDataListener listener)
        {
            this.listener = listener;
            return this;
        }

        public Builder sink(final MessageSink sink)
        {
            this.sink = sink;
            return this;
        }

        public Replay build()
        {
            if (dir == null && journal == null)
            {
                throw new IllegalArgumentException("a replay needs a journal");
            }
            if (fromNs != Values.NONE && toNs < fromNs - 1)
            {
                throw new IllegalArgumentException("--to is before --from");
            }
            return new Replay(this);
        }
    }
}
