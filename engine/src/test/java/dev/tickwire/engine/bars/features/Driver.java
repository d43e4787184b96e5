package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarBuilder;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.BookAction;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a {@link Tape} through the real components, the way the engine's bar stage will: one
 * {@link InstrumentState} per instrument, a real {@link L2Book} and {@link BookTop}, one {@link BarBuilder} per
 * spec, in the documented call order. Keeps a copy of every bar it emits.
 */
final class Driver
{
    static final int INSTRUMENT = 7;

    record Emitted(
        int index, BarKind kind, long size, long start, long end, long open, long close, long volume, long vwap,
        long trades, long sequence, long last, boolean empty, FeatureBar features)
    {
    }

    final int priceExponent;
    final int sizeExponent;
    final InstrumentState state;
    final L2Book book = new L2Book(INSTRUMENT, 16);
    final BookTop top;
    final List<BarBuilder> builders = new ArrayList<>();
    final List<List<Emitted>> bars = new ArrayList<>();
    /** Index of the event being fed when a bar was emitted. */
    private int current;

    Driver(final List<BarSpec> specs, final boolean emitEmpty, final int depth, final int priceExponent,
        final int sizeExponent)
    {
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.state = new InstrumentState(depth);
        this.top = new BookTop(depth);
        for (final BarSpec spec : specs)
        {
            final List<Emitted> out = new ArrayList<>();
            bars.add(out);
            builders.add(new BarBuilder(spec, INSTRUMENT, priceExponent, sizeExponent, emitEmpty,
                bar -> out.add(copy(bar)), state));
        }
    }

    private Emitted copy(final Bar bar)
    {
        final FeatureBar f = new FeatureBar();
        f.copyFrom(bar.features());
        return new Emitted(current, bar.kind(), bar.size(), bar.startNs(), bar.endNs(), bar.open(), bar.close(),
            bar.volume(), bar.vwap(), bar.tradeCount(), bar.sequence(), bar.lastEventNs(), bar.empty(), f);
    }

    Driver run(final List<Tape.Event> events)
    {
        for (int i = 0; i < events.size(); i++)
        {
            feed(i, events.get(i));
        }
        return this;
    }

    /** One event; the trade's engine sequence is its index. */
    void feed(final int index, final Tape.Event e)
    {
        current = index;
        switch (e.kind())
        {
            case TRADE:
                state.onTrade(e.price(), e.size(), e.side());
                for (final BarBuilder b : builders)
                {
                    b.onTrade(e.t(), e.t() + 1_000, index, e.price(), e.size(), e.side());
                }
                break;
            case QUOTE:
                state.onQuote(e.bp(), e.bs(), e.ap(), e.as());
                for (final BarBuilder b : builders)
                {
                    b.onBookEvent(e.t());
                }
                break;
            default:
                boolean snapshot = false;
                final List<Tape.Delta> deltas = e.deltas();
                for (int k = 0; k < deltas.size(); k++)
                {
                    final Tape.Delta d = deltas.get(k);
                    if (d.action() == BookAction.CLEAR)
                    {
                        book.clear();
                        snapshot = true;
                    }
                    else if (d.action() == BookAction.DELETE)
                    {
                        book.delete(d.side(), d.price());
                    }
                    else
                    {
                        book.set(d.side(), d.price(), d.size(), 1);
                    }
                    if (k == deltas.size() - 1)
                    {
                        state.onBook(top.fill(book), snapshot);
                    }
                    for (final BarBuilder b : builders)
                    {
                        b.onBookEvent(e.t());
                    }
                }
                break;
        }
    }
}
