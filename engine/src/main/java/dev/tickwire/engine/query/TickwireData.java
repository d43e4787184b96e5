package dev.tickwire.engine.query;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.engine.query.MarketQueries.BookSnapshot;
import dev.tickwire.engine.query.MarketQueries.TradeRow;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * History for research code, in one small facade: trades, quotes, bars, a book at a time and a replay,
 * read from a journal and, for the days retention moved out of it, its archive (the journal reads those
 * itself), without the caller knowing which tier holds a day. The same reads as {@code tickwire tas},
 * {@code bars}, {@code book} and the HTTP API ({@link JournalQueries}, {@link JournalBars}, {@link Replay}).
 *
 * <pre>{@code
 * try (TickwireData data = TickwireData.open(Path.of("tickwire-data")))
 * {
 *     List<TradeRow> trades = data.trades("ESZ26_FUT_CME", from, to);
 *     BookSnapshot book = data.book("ESZ26_FUT_CME", at, 10);
 * }
 * }</pre>
 * Times are epoch nanoseconds (UTC); prices and sizes exact decimal strings.
 */
public final class TickwireData implements AutoCloseable
{
    private static final int PAGE = 100_000;
    private final Journal journal;

    private TickwireData(final Journal journal)
    {
        this.journal = journal;
    }

    /**
     * Opens a dataDir (with its {@code journal/}) or a journal directory, read-only: an engine may be writing it.
     *
     * @throws IllegalArgumentException when there is no journal there
     */
    public static TickwireData open(final Path dataDirOrJournal)
    {
        final Path journal = Files.isDirectory(dataDirOrJournal.resolve("journal")) ? dataDirOrJournal.resolve("journal") :
            dataDirOrJournal;
        if (!Files.isDirectory(journal))
        {
            throw new IllegalArgumentException("no journal at " + dataDirOrJournal);
        }
        return new TickwireData(Journal.open(new Journal.Context().dir(journal).readOnly(true)));
    }

    /** Every instrument of the journal. */
    public List<Instrument> instruments()
    {
        journal.instruments().reload();
        return journal.instruments().all();
    }

    /** Every trade of {@code symbol} with event time in {@code [fromNs, toNs]}, in journal order. */
    public List<TradeRow> trades(final String symbol, final long fromNs, final long toNs)
    {
        final Instrument instrument = instrument(symbol);
        final List<TradeRow> rows = new ArrayList<>();
        final MarketDataListener collector = new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder t)
            {
                rows.add(TradeRow.of(t, instrument));
            }
        };
        String cursor = null;
        do
        {
            cursor = JournalQueries.scan(journal, instrument, MessageTypes.TRADE, fromNs, toNs, PAGE, cursor, collector);
        }
        while (cursor != null);
        return rows;
    }

    /** One quote (top of book) as research code wants it. */
    public record QuoteRow(long seq, long timeNs, String bidPrice, String bidSize, String askPrice, String askSize)
    {
    }

    /** Every quote of {@code symbol} with event time in {@code [fromNs, toNs]}, in journal order. */
    public List<QuoteRow> quotes(final String symbol, final long fromNs, final long toNs)
    {
        final Instrument instrument = instrument(symbol);
        final int pe = instrument.priceExponent();
        final int se = instrument.sizeExponent();
        final List<QuoteRow> rows = new ArrayList<>();
        final MarketDataListener collector = new MarketDataListener()
        {
            @Override
            public void onQuote(final QuoteDecoder q)
            {
                rows.add(new QuoteRow(q.sequence(), q.eventTimeNs(), decimal(q.bidPrice(), pe), decimal(q.bidSize(), se),
                    decimal(q.askPrice(), pe), decimal(q.askSize(), se)));
            }
        };
        String cursor = null;
        do
        {
            cursor = JournalQueries.scan(journal, instrument, MessageTypes.QUOTE, fromNs, toNs, PAGE, cursor, collector);
        }
        while (cursor != null);
        return rows;
    }

    /** Bars of {@code spec} ("1m", "ticks:100", "volume:50", "value:1000000") from the trades in the window. */
    public List<BarRow> bars(final String symbol, final String spec, final long fromNs, final long toNs)
    {
        final List<BarRow> rows = new ArrayList<>();
        JournalBars.run(journal, instrument(symbol).symbol(), BarSpec.parse(spec), false, fromNs, toNs,
            bar -> rows.add(BarRow.of(bar)));
        return rows;
    }

    /** The book at {@code atNs} (its last consistent state), {@code levels} a side, best first. */
    public BookSnapshot book(final String symbol, final long atNs, final int levels)
    {
        return JournalQueries.orderBook(journal, instrument(symbol), atNs, levels);
    }

    /** A replay of this journal, to configure (from, to, symbols, speed, listener) and run. */
    public Replay.Builder replay()
    {
        return Replay.builder().journal(journal);
    }

    private Instrument instrument(final String symbol)
    {
        return JournalQueries.instrument(journal, symbol);
    }

    private static String decimal(final long mantissa, final int exponent)
    {
        return mantissa == Values.NONE ? null : FixedPoint.toDecimalString(mantissa, exponent);
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
