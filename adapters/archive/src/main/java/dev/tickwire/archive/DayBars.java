package dev.tickwire.archive;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarFeed;
import dev.tickwire.engine.bars.BarListener;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.replay.MessageSink;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.collections.Int2ObjectHashMap;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The bars of one archived day, with their features: a {@link Replay} of the journal from the day's start less the
 * warm-up to its end, through the live bar stage's {@link BarFeed}, keeping the bars that belong to the day (time
 * bars by their start, the other kinds by their last trade). A day's bars depend on nothing but the journal, the
 * specs and the warm-up, so exporting a day again, alone or in a range, writes the same bytes.
 *
 * <p>The books at the replay's start are the journal's (restored as a replay restores them: the nearest book
 * checkpoint, or the last snapshot, and the deltas after it) for the instruments with book deltas in the day; the
 * replay then keeps them, and the feed reads them as the live bar stage reads the book stage's. Semantics against
 * live bars: docs/features.md, "In the archive".
 */
final class DayBars
{
    private static final long DAY_NS = ArchiveExport.DAY_NS;

    private DayBars()
    {
    }

    /**
     * @param symbols     the instruments to build bars of (empty: every one)
     * @param bookSymbols those with a book to restore at the replay's start
     * @param complete    the day is over: its last time bars are completed at its end
     * @param pacer       sees every replayed message (the export's rate limit)
     * @param out         gets each bar of the day ({@link Bar#spec()} says which table)
     */
    static void build(final Journal journal, final LocalDate date, final List<BarSpec> specs, final int depth,
        final long warmupNs, final Collection<String> symbols, final Collection<String> bookSymbols,
        final boolean complete, final MessageSink pacer, final BarListener out)
    {
        final long dayStart = date.toEpochDay() * DAY_NS;
        final long dayEnd = dayStart + DAY_NS;
        final long from = depth > 0 ? dayStart - warmupNs : dayStart;
        final Int2ObjectHashMap<L2Book> books = new Int2ObjectHashMap<>();
        try
        {
            if (depth > 0 && !bookSymbols.isEmpty())
            {
                restoreBooks(journal, from, bookSymbols, books);
            }
            final BarFeed feed = new BarFeed(specs, false, bar ->
            {
                final long at = bar.kind() == BarKind.TIME ? bar.startNs() : bar.lastEventNs();
                if (at >= dayStart && at < dayEnd)
                {
                    out.onBar(bar);
                }
            }, depth, depth > 0 ? id -> book(books, id) : null);
            try (Replay replay = Replay.builder().journal(journal).from(from).to(dayEnd - 1).books(false)
                .symbols(symbols).listener(new WithBooks(feed, depth > 0 ? books : null)).sink(pacer).build())
            {
                replay.run();
            }
            if (complete)
            {
                feed.finish(dayEnd);
            }
        }
        finally
        {
            books.values().forEach(L2Book::close);
        }
    }

    /**
     * The books where the replay starts (the first message journaled at or after {@code from}): a replay to just
     * before it, with no lag allowance, stops there having restored and applied everything journaled before it.
     */
    private static void restoreBooks(final Journal journal, final long from, final Collection<String> symbols,
        final Int2ObjectHashMap<L2Book> books)
    {
        try (Replay replay = Replay.builder().journal(journal).from(from).to(from - 1).lagAllowanceNs(0).books(true)
            .symbols(symbols).build())
        {
            replay.run();
            for (final var instrument : replay.instruments())
            {
                book(books, instrument.id()).copyFrom(replay.book(instrument.id()));
            }
        }
    }

    private static L2Book book(final Int2ObjectHashMap<L2Book> books, final int id)
    {
        L2Book book = books.get(id);
        if (book == null)
        {
            book = new L2Book(id, 64);
            books.put(id, book);
        }
        return book;
    }

    /** Keeps the books up to date before the feed reads them, as the live book stage does before the bar stage. */
    private static final class WithBooks implements MarketDataListener
    {
        private final BarFeed feed;
        private final Int2ObjectHashMap<L2Book> books;

        WithBooks(final BarFeed feed, final Int2ObjectHashMap<L2Book> books)
        {
            this.feed = feed;
            this.books = books;
        }

        @Override
        public void onInstrument(final InstrumentDefinitionDecoder definition)
        {
            feed.onInstrument(definition);
        }

        @Override
        public void onTrade(final TradeDecoder trade)
        {
            feed.onTrade(trade);
        }

        @Override
        public void onQuote(final QuoteDecoder quote)
        {
            feed.onQuote(quote);
        }

        @Override
        public void onBookDelta(final BookDeltaDecoder delta)
        {
            if (books != null)
            {
                BookApplier.apply(book(books, delta.instrumentId()), delta);
            }
            feed.onBookDelta(delta);
        }
    }
}
