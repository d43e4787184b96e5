package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;

/**
 * Turns a replay of one instrument into snapshots of its book (the replay's live book, given to
 * {@link #attach}). The replay applies each delta to the book before calling this listener, and a
 * book is consistent only at a delta flagged END_OF_BATCH, so the book is read only there.
 *
 * <ul>
 *   <li>Every event ({@code intervalNs == 0}): one snapshot per batch end with event time in
 *   [from, to], timestamped with that delta's event and receive time. Trades and quotes change no
 *   book and give nothing.</li>
 *   <li>Every interval: boundaries at from, from + interval, … up to to. The snapshot at boundary
 *   b is the last consistent state with event time at or before b (the top levels kept at each batch end),
 *   timestamped b, with the receive time of the batch end that produced it. A boundary is written
 *   as soon as a batch end later than it arrives, the rest by {@link #finish()}. Boundaries before the
 *   first consistent state (no book yet) are skipped. Without a from, the first boundary is the
 *   first event of the instrument.</li>
 * </ul>
 *
 * <p>Events are taken in journal (replay) order, which is event-time order for an instrument fed
 * by one source.
 */
public final class SnapshotListener implements MarketDataListener
{
    /** {@link #SnapshotListener}'s from when there is none: start at the instrument's first event. */
    public static final long FROM_FIRST_EVENT = Values.NONE;

    private final int instrumentId;
    private final long fromNs;
    private final long toNs;
    private final long intervalNs;
    private final SnapshotFormat format;
    private final BookLevels levels;
    private L2Book book;
    private long nextBoundaryNs;
    private boolean boundariesDone;
    private long written;

    /**
     * @param fromNs       first snapshot time, or {@link #FROM_FIRST_EVENT}
     * @param toNs         last snapshot time, inclusive
     * @param intervalNs   0 for a snapshot per batch end, else the interval between boundaries
     */
    public SnapshotListener(final int instrumentId, final int levels, final long fromNs, final long toNs,
        final long intervalNs, final SnapshotFormat format)
    {
        if (intervalNs < 0)
        {
            throw new IllegalArgumentException("interval must be >= 0 (0 = every event), got " + intervalNs);
        }
        this.instrumentId = instrumentId;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.intervalNs = intervalNs;
        this.format = format;
        this.levels = new BookLevels(levels);
        this.nextBoundaryNs = fromNs;
    }

    /** The replay's live book of the instrument (a replay makes its books when it is built). */
    public SnapshotListener attach(final L2Book book)
    {
        this.book = book;
        return this;
    }

    @Override
    public void onTrade(final TradeDecoder trade)
    {
        if (trade.instrumentId() == instrumentId)
        {
            firstEvent(trade.eventTimeNs());
        }
    }

    @Override
    public void onQuote(final QuoteDecoder quote)
    {
        if (quote.instrumentId() == instrumentId)
        {
            firstEvent(quote.eventTimeNs());
        }
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder delta)
    {
        if (delta.instrumentId() != instrumentId)
        {
            return;
        }
        final long eventTimeNs = delta.eventTimeNs();
        firstEvent(eventTimeNs);
        if (!delta.flags().endOfBatch())
        {
            return; // mid-batch: the book is not consistent
        }
        if (intervalNs == 0)
        {
            if (eventTimeNs >= fromNs && eventTimeNs <= toNs)
            {
                levels.capture(book, eventTimeNs, delta.receiveTimeNs());
                write(eventTimeNs, levels.receiveTimeNs());
            }
            return;
        }
        // boundaries before this batch end see the state before it
        writeBoundaries(eventTimeNs - 1);
        levels.capture(book, eventTimeNs, delta.receiveTimeNs());
    }

    /** Writes the interval boundaries still due, up to the end of the range. */
    public void finish()
    {
        if (intervalNs > 0)
        {
            writeBoundaries(toNs);
        }
    }

    /** Snapshots written so far. */
    public long written()
    {
        return written;
    }

    private void firstEvent(final long eventTimeNs)
    {
        if (nextBoundaryNs == FROM_FIRST_EVENT && intervalNs > 0)
        {
            nextBoundaryNs = eventTimeNs;
        }
    }

    /** Writes every boundary up to upToNs (and to) with the current consistent state. */
    private void writeBoundaries(final long upToNs)
    {
        if (nextBoundaryNs == FROM_FIRST_EVENT)
        {
            return; // no event yet
        }
        final long limit = Math.min(upToNs, toNs);
        while (!boundariesDone && nextBoundaryNs <= limit)
        {
            if (levels.valid())
            {
                write(nextBoundaryNs, levels.receiveTimeNs());
            }
            try
            {
                nextBoundaryNs = Math.addExact(nextBoundaryNs, intervalNs);
            }
            catch (final ArithmeticException ex)
            {
                boundariesDone = true; // past the end of time
            }
        }
    }

    private void write(final long timestampNs, final long localTimestampNs)
    {
        format.write(levels, timestampNs, localTimestampNs);
        written++;
    }
}
