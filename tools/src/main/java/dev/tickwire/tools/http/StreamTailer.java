package dev.tickwire.tools.http;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one journal reader of the live stream: an Agrona {@link Agent} that reads the journal from its end (as
 * it was when the stream started) onward and fans each accepted message out to the sessions subscribed to its
 * instrument and type, as one JSON text frame ({@link MessageJson}: the fields of {@code tickwire dump}),
 * formatted once however many sessions get it. It also keeps the L2 books of instruments with book
 * subscribers ({@link StreamBooks}) and builds live bars ({@link StreamBars}).
 *
 * <p>Everything here belongs to the tailer thread: subscriptions come in as commands ({@link #subscribe},
 * {@link #unsubscribe}) run between two reads, so a new book subscriber's snapshot is taken at an exact journal
 * position. Frames go to each session's bounded buffer without waiting ({@link StreamSession#offer}); each
 * session touched by a read is flushed once after it (its sender writes the socket). Rejected messages and
 * instrument definitions are not streamed (live subscribers never see rejected messages).
 */
final class StreamTailer implements Agent, JournalHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamTailer.class);
    private static final int READ_LIMIT = 1024;
    private static final int COMMAND_LIMIT = 64;
    private static final StreamSession[] NONE = new StreamSession[0];

    /** The sessions subscribed to one instrument, by type. */
    private static final class Subscribers
    {
        final Instrument instrument;
        StreamSession[] trades = NONE;
        StreamSession[] quotes = NONE;
        StreamSession[] statuses = NONE;
        StreamSession[] books = NONE;
        /** Book subscribers waiting for the book's batch to end to get their snapshot. */
        StreamSession[] pendingBooks = NONE;

        Subscribers(final Instrument instrument)
        {
            this.instrument = instrument;
        }
    }

    private final Journal journal;
    private final InstrumentCatalog catalog;
    private final StreamCounters counters;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final MessageJson json;
    private final StreamBooks books;
    private final StreamBars bars;
    private final Int2ObjectHashMap<Subscribers> byInstrument = new Int2ObjectHashMap<>();
    private final Map<StreamSession, StreamRequest> requests = new HashMap<>();
    private final ThrottledLog failures = new ThrottledLog(LOG, "stream failures", 5);
    /** Sessions subscribed to every instrument (no symbols given). */
    private StreamSession[] wildcard = NONE;
    /** Status subscribers: they also get statuses of no instrument (sources, the engine's heartbeats). */
    private StreamSession[] statusAll = NONE;
    private StreamSession[] dirty = new StreamSession[16];
    private int dirtyCount;
    private JournalReader reader;
    /** Engine sequence of the last message read and handled. */
    private long lastSequence;
    /** The journal's watermark (highest accepted event time) at the reading position. */
    private long watermarkNs = Values.NONE;
    private volatile long positionSequence = Values.NONE;

    StreamTailer(final Journal journal, final StreamCounters counters)
    {
        this.journal = journal;
        this.catalog = journal.instruments();
        this.counters = counters;
        this.json = new MessageJson(catalog);
        this.books = new StreamBooks(journal);
        this.bars = new StreamBars(this::offer);
    }

    /** Subscribes a session (any thread): done by the tailer between two reads. */
    void subscribe(final StreamSession session, final StreamRequest request)
    {
        commands.add(() -> add(session, request));
    }

    /** Forgets a closed session (any thread). */
    void unsubscribe(final StreamSession session)
    {
        commands.add(() -> remove(session));
    }

    /** The engine sequence of the last message the tailer has handled (for tests and diagnostics). */
    long positionSequence()
    {
        return positionSequence;
    }

    @Override
    public void onStart()
    {
        reader = journal.reader();
        reader.toEnd();
        lastSequence = 0;
        reader.scanBackward(reader.index(), (buffer, offset, length, index, watermark) ->
        {
            lastSequence = Envelope.sequence(buffer, offset);
            watermarkNs = watermark;
            return false;
        });
        positionSequence = lastSequence;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        Runnable command;
        while (work < COMMAND_LIMIT && (command = commands.poll()) != null)
        {
            try
            {
                command.run();
            }
            catch (final RuntimeException ex)
            {
                failures.error(ex, "stream subscription failed: {}", ex.toString());
            }
            work++;
        }
        final int read = reader.poll(this, READ_LIMIT);
        if (read > 0)
        {
            counters.messagesRead.add(read);
            positionSequence = lastSequence;
        }
        flushDirty();
        return work + read;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermark)
    {
        final long sequence = Envelope.sequence(buffer, offset);
        if (watermark != Values.NONE)
        {
            watermarkNs = watermark;
        }
        try
        {
            if (Envelope.isAccepted(buffer, offset))
            {
                route(buffer, offset, index, sequence);
            }
        }
        catch (final RuntimeException ex)
        {
            failures.error(ex, "stream: message {} not streamed: {}", sequence, ex.toString());
        }
        lastSequence = sequence;
    }

    private void route(final DirectBuffer buffer, final int offset, final long index, final long sequence)
    {
        final int type = Envelope.templateId(buffer, offset);
        final int id = Envelope.instrumentId(buffer, offset);
        if (type == MessageTypes.TRADE || type == MessageTypes.QUOTE)
        {
            final Subscribers subs = subscribers(id, index);
            if (subs != null)
            {
                fanOut(type == MessageTypes.TRADE ? subs.trades : subs.quotes, buffer, offset);
            }
            bars.onMessage(buffer, offset);
        }
        else if (type == MessageTypes.BOOK_DELTA)
        {
            final Subscribers subs = subscribers(id, index);
            final StreamBooks.Book book = books.book(id);
            if (book != null)
            {
                books.apply(book, buffer, offset);
            }
            if (subs != null)
            {
                fanOut(subs.books, buffer, offset);
                if (subs.pendingBooks.length > 0 && book != null && !book.inBatch)
                {
                    sendSnapshots(subs, book, sequence); // the batch just ended: the book is consistent
                }
            }
            bars.onMessage(buffer, offset);
        }
        else if (type == MessageTypes.STATUS)
        {
            if (id <= 0)
            {
                fanOut(statusAll, buffer, offset);
            }
            else
            {
                final Subscribers subs = subscribers(id, index);
                if (subs != null)
                {
                    fanOut(subs.statuses, buffer, offset);
                }
            }
        }
    }

    /** An instrument's subscribers; created (with the wildcard sessions) the first time one of them needs it. */
    private Subscribers subscribers(final int instrumentId, final long beforeIndex)
    {
        Subscribers subs = byInstrument.get(instrumentId);
        if (subs == null && wildcard.length > 0 && instrumentId > 0)
        {
            final Instrument instrument = catalog.byId(instrumentId).orElseGet(() ->
            {
                catalog.reload(); // defined since the catalog was read
                return catalog.byId(instrumentId).orElse(null);
            });
            if (instrument != null)
            {
                subs = create(instrument, beforeIndex);
            }
        }
        return subs;
    }

    /** An instrument's subscribers, new: with every wildcard session in them. */
    private Subscribers create(final Instrument instrument, final long beforeIndex)
    {
        final Subscribers subs = new Subscribers(instrument);
        byInstrument.put(instrument.id(), subs);
        for (final StreamSession s : wildcard)
        {
            join(subs, s, requests.get(s), beforeIndex);
        }
        return subs;
    }

    private void add(final StreamSession session, final StreamRequest request)
    {
        if (!session.isOpen())
        {
            return;
        }
        requests.put(session, request);
        final long before = reader.index(); // the next message to read: everything before it is handled
        if (request.wants(StreamRequest.Type.STATUS))
        {
            statusAll = with(statusAll, session);
        }
        if (request.allSymbols())
        {
            for (final Subscribers subs : byInstrument.values())
            {
                join(subs, session, request, before);
            }
            wildcard = with(wildcard, session);
            catalog.reload();
            for (final Instrument i : catalog.all())
            {
                if (!byInstrument.containsKey(i.id()))
                {
                    create(i, before); // with this session, as with every wildcard session
                }
            }
        }
        else
        {
            for (final Instrument i : request.instruments())
            {
                final Subscribers subs = byInstrument.get(i.id());
                if (subs != null)
                {
                    join(subs, session, request, before);
                }
                else
                {
                    join(create(i, before), session, request, before);
                }
            }
        }
        flushDirty();
    }

    /** Adds a session to one instrument's subscribers, by the types it asked for. */
    private void join(final Subscribers subs, final StreamSession session, final StreamRequest request, final long beforeIndex)
    {
        if (request.wants(StreamRequest.Type.TRADE))
        {
            subs.trades = with(subs.trades, session);
        }
        if (request.wants(StreamRequest.Type.QUOTE))
        {
            subs.quotes = with(subs.quotes, session);
        }
        if (request.wants(StreamRequest.Type.STATUS))
        {
            subs.statuses = with(subs.statuses, session);
        }
        if (request.wants(StreamRequest.Type.BOOK))
        {
            final StreamBooks.Book book = books.ensure(subs.instrument, beforeIndex);
            if (book.inBatch)
            {
                subs.pendingBooks = with(subs.pendingBooks, session); // its snapshot comes at the batch's end
            }
            else
            {
                offer(session, books.snapshot(book, lastSequence));
                subs.books = with(subs.books, session);
            }
        }
        if (request.wants(StreamRequest.Type.BAR))
        {
            for (final BarSpec spec : request.bars())
            {
                bars.subscribe(session, subs.instrument, spec, watermarkNs);
            }
        }
    }

    private void sendSnapshots(final Subscribers subs, final StreamBooks.Book book, final long sequence)
    {
        final String snapshot = books.snapshot(book, sequence);
        for (final StreamSession s : subs.pendingBooks)
        {
            offer(s, snapshot);
            subs.books = with(subs.books, s);
        }
        subs.pendingBooks = NONE;
    }

    private void remove(final StreamSession session)
    {
        if (requests.remove(session) == null)
        {
            return;
        }
        wildcard = without(wildcard, session);
        statusAll = without(statusAll, session);
        for (final Subscribers subs : byInstrument.values())
        {
            subs.trades = without(subs.trades, session);
            subs.quotes = without(subs.quotes, session);
            subs.statuses = without(subs.statuses, session);
            subs.books = without(subs.books, session);
            subs.pendingBooks = without(subs.pendingBooks, session);
        }
        bars.unsubscribe(session);
    }

    /** Sends one message to the open sessions of a list, formatting it once, only if one of them is open. */
    private void fanOut(final StreamSession[] sessions, final DirectBuffer buffer, final int offset)
    {
        String frame = null;
        for (final StreamSession s : sessions)
        {
            if (s.isOpen())
            {
                if (frame == null)
                {
                    frame = json.format(buffer, offset);
                    if (frame == null)
                    {
                        return;
                    }
                }
                offer(s, frame);
            }
        }
    }

    private void offer(final StreamSession session, final String frame)
    {
        if (session.offer(frame) && !session.dirty)
        {
            session.dirty = true;
            if (dirtyCount == dirty.length)
            {
                dirty = Arrays.copyOf(dirty, dirty.length * 2);
            }
            dirty[dirtyCount++] = session;
        }
    }

    private void flushDirty()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            dirty[i].dirty = false;
            dirty[i].flush();
            dirty[i] = null;
        }
        dirtyCount = 0;
    }

    @Override
    public void onClose()
    {
        try
        {
            for (final StreamSession s : requests.keySet())
            {
                s.close(StreamSession.GOING_AWAY, "server stopping");
            }
            requests.clear();
        }
        finally
        {
            failures.flush();
            books.close();
            if (reader != null)
            {
                reader.close();
            }
        }
    }

    @Override
    public String roleName()
    {
        return "tickwire-stream";
    }

    static StreamSession[] with(final StreamSession[] sessions, final StreamSession session)
    {
        for (final StreamSession s : sessions)
        {
            if (s == session)
            {
                return sessions;
            }
        }
        final StreamSession[] more = Arrays.copyOf(sessions, sessions.length + 1);
        more[sessions.length] = session;
        return more;
    }

    static StreamSession[] without(final StreamSession[] sessions, final StreamSession session)
    {
        for (int i = 0; i < sessions.length; i++)
        {
            if (sessions[i] == session)
            {
                if (sessions.length == 1)
                {
                    return NONE;
                }
                final StreamSession[] fewer = new StreamSession[sessions.length - 1];
                System.arraycopy(sessions, 0, fewer, 0, i);
                System.arraycopy(sessions, i + 1, fewer, i, sessions.length - i - 1);
                return fewer;
            }
        }
        return sessions;
    }
}
