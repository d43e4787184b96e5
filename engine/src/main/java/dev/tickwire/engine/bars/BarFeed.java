package dev.tickwire.engine.bars;

import dev.tickwire.engine.bars.features.BookTop;
import dev.tickwire.engine.bars.features.InstrumentState;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Routes market messages to one {@link BarBuilder} per (instrument, spec): the same listener runs in
 * the live bar stage (over the ring's slots) and over a journal replay, which is why both give the same
 * bars. An instrument's builders are created at its definition (which carries the exponents volume and
 * value thresholds are scaled with); messages of an instrument not defined yet are ignored. Rejected
 * messages are ignored. No allocation per message.
 *
 * <p>With features ({@code depth} &gt; 0), each instrument also has an {@link InstrumentState}, fed before its
 * builders: trades, quotes, and its book's top {@code depth} levels at every batch end, read from the book the
 * caller keeps (the live book stage's, a replay's), or from a book of the feed's own when there is none. A
 * caller's book that already holds levels when the instrument's first trade or quote arrives (restored from a
 * checkpoint at a restart, a replay's book at its start) is taken in first, and the first batch end seen is
 * taken as a restatement: neither adds order flow.
 */
public final class BarFeed implements MarketDataListener
{
    private static final Logger LOG = LoggerFactory.getLogger(BarFeed.class);
    private static final BarBuilder[] NONE = new BarBuilder[0];

    private final BarSpec[] specs;
    private final boolean emitEmpty;
    private final BarListener listener;
    private final int depth;
    private final IntFunction<L2Book> books;
    private final BookTop top;
    private BarBuilder[][] builders = new BarBuilder[64][];
    private InstrumentState[] states = new InstrumentState[64];
    private L2Book[] ownBooks = new L2Book[64];
    private boolean[] snapshot = new boolean[64];
    private boolean[] seeded = new boolean[64];
    private boolean[] known = new boolean[64];
    private boolean fromSnapshot;

    public BarFeed(final List<BarSpec> specs, final boolean emitEmpty, final BarListener listener)
    {
        this(specs, emitEmpty, listener, 0, null);
    }

    /**
     * @param depth the top-N levels the book features read; 0: bars without features
     * @param books an instrument's book as it stands after the message being fed (null: the feed keeps its own)
     */
    public BarFeed(final List<BarSpec> specs, final boolean emitEmpty, final BarListener listener, final int depth,
        final IntFunction<L2Book> books)
    {
        this.specs = specs.toArray(new BarSpec[0]);
        this.emitEmpty = emitEmpty;
        this.listener = listener;
        this.depth = depth;
        this.books = books;
        this.top = depth > 0 ? new BookTop(depth) : null;
    }

    public boolean features()
    {
        return depth > 0;
    }

    /**
     * The feed starts in the middle of the data (a live stream's subscriber): its own books are taken in only
     * from their first snapshot (a batch with a CLEAR) on, so a book missing its earlier levels never shows.
     */
    public BarFeed fromSnapshot()
    {
        this.fromSnapshot = true;
        return this;
    }

    /** Creates an instrument's builders (once: a repeated definition, e.g. at an adapter's restart, keeps them). */
    public void define(final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        if (instrumentId < 0)
        {
            return;
        }
        if (instrumentId >= builders.length)
        {
            final int n = Integer.highestOneBit(instrumentId) << 1;
            builders = Arrays.copyOf(builders, n);
            states = Arrays.copyOf(states, n);
            ownBooks = Arrays.copyOf(ownBooks, n);
            snapshot = Arrays.copyOf(snapshot, n);
            seeded = Arrays.copyOf(seeded, n);
            known = Arrays.copyOf(known, n);
        }
        if (builders[instrumentId] != null)
        {
            return;
        }
        final InstrumentState state = depth > 0 ? new InstrumentState(depth) : null;
        states[instrumentId] = state;
        if (state != null && books == null)
        {
            ownBooks[instrumentId] = new L2Book(instrumentId, 64);
        }
        final List<BarBuilder> created = new ArrayList<>(specs.length);
        for (final BarSpec spec : specs)
        {
            try
            {
                created.add(new BarBuilder(spec, instrumentId, priceExponent, sizeExponent, emitEmpty, listener, state));
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                LOG.error("no '{}' bars for instrument {}: {}", spec, instrumentId, ex.getMessage());
            }
        }
        builders[instrumentId] = created.isEmpty() ? NONE : created.toArray(new BarBuilder[0]);
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder definition)
    {
        define(definition.instrumentId(), definition.priceExponent(), definition.sizeExponent());
    }

    @Override
    public void onTrade(final TradeDecoder trade)
    {
        final BarBuilder[] bs = buildersOf(trade.instrumentId());
        if (bs == null || trade.verdict() != Verdict.ACCEPTED)
        {
            return;
        }
        final long eventTimeNs = trade.eventTimeNs();
        final long receiveTimeNs = trade.receiveTimeNs();
        final long sequence = trade.sequence();
        final long price = trade.price();
        final long size = trade.size();
        final Side aggressor = trade.aggressor();
        final InstrumentState state = states[trade.instrumentId()];
        if (state != null)
        {
            seed(trade.instrumentId(), state);
            state.onTrade(price, size, aggressor);
        }
        for (final BarBuilder b : bs)
        {
            b.onTrade(eventTimeNs, receiveTimeNs, sequence, price, size, aggressor);
        }
    }

    @Override
    public void onQuote(final QuoteDecoder quote)
    {
        final int id = quote.instrumentId();
        final BarBuilder[] bs = buildersOf(id);
        if (bs == null || quote.verdict() != Verdict.ACCEPTED)
        {
            return;
        }
        final InstrumentState state = states[id];
        if (state != null)
        {
            seed(id, state);
            state.onQuote(quote.bidPrice(), quote.bidSize(), quote.askPrice(), quote.askSize());
        }
        onBookEvent(bs, quote.eventTimeNs());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder delta)
    {
        final int id = delta.instrumentId();
        final BarBuilder[] bs = buildersOf(id);
        if (bs == null || delta.verdict() != Verdict.ACCEPTED)
        {
            return;
        }
        final InstrumentState state = states[id];
        if (state != null)
        {
            final L2Book own = ownBooks[id];
            if (own != null)
            {
                BookApplier.apply(own, delta);
            }
            else if (!seeded[id])
            {
                // the caller's book holds this delta already and the state before it is unknown here: the
                // batch's end restates the book (no order flow from it)
                seeded[id] = true;
                snapshot[id] = true;
            }
            snapshot[id] |= delta.action() == BookAction.CLEAR;
            if (delta.flags().endOfBatch())
            {
                known[id] |= snapshot[id] || !fromSnapshot || own == null;
                if (known[id])
                {
                    state.onBook(top.fill(own != null ? own : books.apply(id)), snapshot[id]);
                }
                snapshot[id] = false;
            }
        }
        onBookEvent(bs, delta.eventTimeNs());
    }

    /** A caller's book that holds levels before the instrument's first message here: taken in as a restatement. */
    private void seed(final int id, final InstrumentState state)
    {
        if (!seeded[id])
        {
            seeded[id] = true;
            final L2Book book = books == null ? null : books.apply(id);
            if (book != null && (book.depth(L2Book.BID) > 0 || book.depth(L2Book.ASK) > 0))
            {
                state.onBook(top.fill(book), true);
            }
        }
    }

    private static void onBookEvent(final BarBuilder[] bs, final long eventTimeNs)
    {
        for (final BarBuilder b : bs)
        {
            b.onBookEvent(eventTimeNs);
        }
    }

    /** The data ends at {@code limitNs}, exclusive (see {@link BarBuilder#finish(long)}). */
    public void finish(final long limitNs)
    {
        for (final BarBuilder[] bs : builders)
        {
            if (bs != null)
            {
                for (final BarBuilder b : bs)
                {
                    b.finish(limitNs);
                }
            }
        }
    }

    /** The builders of an instrument, in spec order; null if it was never defined. */
    public BarBuilder[] buildersOf(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < builders.length ? builders[instrumentId] : null;
    }
}
