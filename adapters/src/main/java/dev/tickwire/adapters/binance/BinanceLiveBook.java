package dev.tickwire.adapters.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.ring.BookBatch;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.StatusCode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The diff-depth stream of a symbol, kept in sync the way Binance documents ("How to manage a local order
 * book correctly"): buffer the events, fetch a REST snapshot (lastUpdateId L), drop the events with
 * u ≤ L, the first one kept must have U ≤ L+1 ≤ u (if it starts later the snapshot is too old: fetch
 * another), then every event's U must be the previous u + 1. The snapshot is journaled as one book batch,
 * a CLEAR then every level (SNAPSHOT flag); each event is one batch of absolute level sizes (0 deletes).
 *
 * <p>An event whose U is beyond the last u + 1 is a gap: a {@code GAP} status (the update ids missed),
 * then a fresh snapshot and a {@code RESYNCED} status once the book is whole again. An event with
 * u ≤ the last u is a duplicate or came after a later one: dropped, counted. A lost connection is a
 * {@code DISCONNECTED} status and the same resync on the next connection.
 */
final class BinanceLiveBook extends BinanceLiveSource
{
    /** Buffered events while a snapshot is fetched; more means the snapshot is not coming: start over. */
    static final int MAX_BUFFERED = 100_000;

    private enum State
    {
        UNSYNCED, FETCHING, SYNCED
    }

    private record Event(long first, long last, long eventNs, long receiveNs, JsonNode data)
    {
    }

    private record Snapshot(long lastUpdateId, JsonNode bids, JsonNode asks, long receiveNs)
    {
    }

    private final String snapshotPath;
    private final ArrayDeque<Event> buffer = new ArrayDeque<>();
    private State state = State.UNSYNCED;
    private long lastUpdateId = Values.NONE;
    private long lastEventNs;
    private boolean resyncing;
    private CompletableFuture<String> request;
    private Snapshot snapshot;
    private long retryAtNs;
    private int failures;
    private ThrottledLog restLog;
    private BookBatch batch;
    private long snapshots;

    BinanceLiveBook(final int sourceId, final String symbol, final String instrument, final String stream,
        final BinanceSession session, final int depthLimit)
    {
        super(sourceId, symbol, instrument, stream, session);
        this.snapshotPath = "/api/v3/depth?symbol=" + symbol + "&limit=" + depthLimit;
    }

    @Override
    public void start(final AdapterContext context)
    {
        super.start(context);
        batch = new BookBatch(publisher, sourceId, roleName());
        restLog = new ThrottledLog(LOG, roleName() + ": depth snapshot failures", 1);
    }

    @Override
    public int doWork()
    {
        int work = 0;
        if (request != null && request.isDone())
        {
            work++;
            snapshotDone();
        }
        else if (state == State.FETCHING && request == null && snapshot == null &&
            clock.nanoTime() - retryAtNs >= 0)
        {
            request = session.get(snapshotPath);
        }
        return work + super.doWork();
    }

    @Override
    public void onClose()
    {
        restLog.flush();
        super.onClose();
    }

    @Override
    void onData(final JsonNode data, final long receiveNs)
    {
        final Event event;
        try
        {
            event = new Event(number(data, "U"), number(data, "u"), BinanceFile.eventTimeNs(number(data, "E")), receiveNs,
                data);
            if (event.first > event.last || !data.path("b").isArray() || !data.path("a").isArray())
            {
                throw new IllegalArgumentException("U " + event.first + " > u " + event.last + ", or no b/a arrays");
            }
        }
        catch (final RuntimeException ex)
        {
            malformed(stream + " " + ex.getMessage(), receiveNs);
            if (state == State.SYNCED)
            {
                gap(1, receiveNs); // what it changed is unknown: the book is not whole any more
                startSync(null);
            }
            return;
        }
        switch (state)
        {
            case SYNCED: accept(event); break;
            case UNSYNCED: startSync(event); break;
            default:
                buffer.add(event);
                if (buffer.size() > MAX_BUFFERED)
                {
                    startSync(null);
                }
                else if (snapshot != null)
                {
                    trySync();
                }
                break;
        }
    }

    @Override
    void onDisconnected(final long nowNs)
    {
        super.onDisconnected(nowNs);
        if (state == State.SYNCED)
        {
            resyncing = true;
        }
        state = State.UNSYNCED;
        buffer.clear();
        snapshot = null;
        if (request != null)
        {
            request.cancel(true);
            request = null;
        }
    }

    /** An event of a book in sync. */
    private void accept(final Event event)
    {
        if (event.last <= lastUpdateId)
        {
            duplicate();
            return;
        }
        if (event.first > lastUpdateId + 1)
        {
            gap(event.first - lastUpdateId - 1, event.receiveNs);
            resyncing = true;
            startSync(event);
            return;
        }
        apply(event);
    }

    /** Buffers from {@code first} on (if given) and fetches a snapshot. */
    private void startSync(final Event first)
    {
        state = State.FETCHING;
        buffer.clear();
        snapshot = null;
        if (first != null)
        {
            buffer.add(first);
        }
        if (request != null)
        {
            request.cancel(true);
        }
        request = session.get(snapshotPath);
    }

    private void snapshotDone()
    {
        final CompletableFuture<String> done = request;
        request = null;
        if (state != State.FETCHING || done.isCancelled())
        {
            return;
        }
        try
        {
            final JsonNode root = BinanceSession.JSON.readTree(done.join());
            final long id = number(root, "lastUpdateId");
            if (!root.path("bids").isArray() || !root.path("asks").isArray())
            {
                throw new IllegalArgumentException("no bids/asks arrays");
            }
            snapshot = new Snapshot(id, root.get("bids"), root.get("asks"), clock.nanoTime());
            failures = 0;
            snapshots++;
        }
        catch (final Exception ex)
        {
            failures++;
            retryAtNs = clock.nanoTime() + session.backoff().delayNs(failures);
            if (restLog.admit())
            {
                LOG.warn("{}: depth snapshot failed, retrying with backoff: {}{}", roleName(),
                    dev.tickwire.engine.net.Backoff.describe(ex), restLog.suffix());
            }
            return;
        }
        trySync();
    }

    /** With a snapshot in hand: drop what it covers, and go live if the next event continues it. */
    private void trySync()
    {
        final long l = snapshot.lastUpdateId;
        long droppedNs = 0;
        while (!buffer.isEmpty() && buffer.peekFirst().last <= l)
        {
            droppedNs = Math.max(droppedNs, buffer.pollFirst().eventNs);
        }
        if (buffer.isEmpty())
        {
            return; // wait for the first event after the snapshot
        }
        final Event first = buffer.peekFirst();
        if (first.first > l + 1)
        {
            snapshot = null; // older than the stream: fetch another (step 3 again)
            request = session.get(snapshotPath);
            return;
        }
        publishSnapshot(snapshot, Math.max(lastEventNs, droppedNs != 0 ? droppedNs : first.eventNs));
        lastUpdateId = l;
        snapshot = null;
        state = State.SYNCED;
        if (resyncing)
        {
            resyncing = false;
            status(StatusCode.RESYNCED, l, first.receiveNs);
        }
        final List<Event> pending = new ArrayList<>(buffer);
        buffer.clear();
        for (final Event e : pending)
        {
            if (state == State.SYNCED)
            {
                accept(e);
            }
            else
            {
                buffer.add(e); // a gap within them started another sync
            }
        }
    }

    private void publishSnapshot(final Snapshot s, final long eventNs)
    {
        batch.begin(instrumentId);
        batch.add(nextPosition(), eventNs, s.receiveNs, BookAction.CLEAR, BookSide.BID, 0, 0, 0, DeltaFlagBits.SNAPSHOT);
        stage(s.bids, BookSide.BID, eventNs, s.receiveNs, DeltaFlagBits.SNAPSHOT);
        stage(s.asks, BookSide.ASK, eventNs, s.receiveNs, DeltaFlagBits.SNAPSHOT);
        batch.publish(true);
        lastEventNs = eventNs;
    }

    private void apply(final Event e)
    {
        batch.begin(instrumentId);
        try
        {
            stage(e.data.get("b"), BookSide.BID, e.eventNs, e.receiveNs, 0);
            stage(e.data.get("a"), BookSide.ASK, e.eventNs, e.receiveNs, 0);
        }
        catch (final RuntimeException ex)
        {
            batch.begin(instrumentId); // nothing of it is published
            malformed(stream + " " + ex.getMessage(), e.receiveNs);
            gap(e.last - e.first + 1, e.receiveNs);
            resyncing = true;
            startSync(null);
            return;
        }
        batch.publish(true);
        lastUpdateId = e.last;
        lastEventNs = Math.max(lastEventNs, e.eventNs);
    }

    /** Stages [[price, qty], ...] of one side; a level of 0 is removed. Parses before staging anything else. */
    private void stage(final JsonNode levels, final BookSide side, final long eventNs, final long receiveNs,
        final int flags)
    {
        for (final JsonNode level : levels)
        {
            final long p = price(level.get(0));
            final long q = size(level.get(1));
            batch.add(nextPosition(), eventNs, receiveNs, q == 0 ? BookAction.DELETE : BookAction.MODIFY, side, p, q, 0,
                flags);
        }
    }

    long snapshots()
    {
        return snapshots;
    }
}
