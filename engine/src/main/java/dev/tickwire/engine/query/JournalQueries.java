package dev.tickwire.engine.query;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.engine.rows.ReferenceRows;
import dev.tickwire.engine.rows.RowWriter;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link MarketQueries} over a journal, safe to use while an engine appends to it. A background
 * thread follows the journal and keeps each instrument's first/last event time and counts, so
 * {@link #contracts()} is instant and new ticks show up within {@value #TAIL_PAUSE_MS} ms. Time &
 * sales and books are read on demand: a binary search to the start time, then a short scan.
 * Thread-safe: each query uses its own journal reader.
 */
public final class JournalQueries implements MarketQueries, AutoCloseable
{
    static final long TAIL_PAUSE_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(JournalQueries.class);

    private final Journal journal;
    private final Thread tail;
    private final Map<Integer, Stats> stats = new TreeMap<>();
    private volatile boolean running = true;

    private JournalQueries(final Path journalDir)
    {
        journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
        tail = new Thread(this::follow, "tickwire-queries-tail");
        tail.setDaemon(true);
        tail.start();
    }

    public static JournalQueries open(final Path journalDir)
    {
        return new JournalQueries(journalDir);
    }

    /**
     * The journal these queries read (read-only, open until {@link #close()}), for other readers in the same
     * process (e.g. the live stream of {@code tickwire serve}); each makes its own {@link Journal#reader()}.
     */
    public Journal journal()
    {
        return journal;
    }

    @Override
    public List<ContractSummary> contracts()
    {
        journal.instruments().reload();
        final List<ContractSummary> out = new ArrayList<>();
        synchronized (stats)
        {
            for (final Instrument i : journal.instruments().all())
            {
                final Stats s = stats.getOrDefault(i.id(), new Stats());
                final boolean none = s.first == Long.MAX_VALUE; // 0 when the instrument has no event yet
                out.add(new ContractSummary(i.symbol(), i.venue(), i.id(), none ? 0 : s.first, none ? 0 : s.last,
                    s.trades, s.quotes, s.deltas, s.rejected));
            }
        }
        return out;
    }

    @Override
    public List<TradeRow> timeAndSales(final String symbol, final long fromNs, final long toNs, final int limit)
    {
        return timeAndSales(journal, instrument(symbol), fromNs, toNs, limit);
    }

    @Override
    public TradePage timeAndSales(final String symbol, final long fromNs, final long toNs, final int limit,
        final String cursor)
    {
        return timeAndSales(journal, instrument(symbol), fromNs, toNs, limit, cursor);
    }

    @Override
    public TradeJsonPage timeAndSalesJson(final String symbol, final long fromNs, final long toNs, final int limit,
        final String cursor)
    {
        return timeAndSalesJson(journal, instrument(symbol), fromNs, toNs, limit, cursor);
    }

    /** A page of time and sales written as JSON straight from the journal's bytes (see {@link #timeAndSalesJson}). */
    public static TradeJsonPage timeAndSalesJson(
        final Journal journal, final Instrument instrument, final long fromNs, final long toNs, final int limit,
        final String cursor)
    {
        final JsonRow row = new JsonRow(new StringBuilder(64 + Math.min(limit, 20_000) * 200)).beginArray();
        final int[] count = {0};
        final String next = scan(journal, instrument, MessageTypes.TRADE, fromNs, toNs, limit, cursor, new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder t)
            {
                row.beginObject();
                MarketRows.trade(t, instrument, row);
                row.endObject();
                count[0]++;
            }
        });
        return new TradeJsonPage(row.endArray().builder().toString(), count[0], next);
    }

    @Override
    public JsonPage referenceJson(final String symbol, final String type, final long fromNs, final long toNs,
        final int limit, final String cursor)
    {
        final int templateId = MarketQueries.referenceType(type);
        return referenceJson(journal, instrument(symbol), templateId, fromNs, toNs, limit, cursor);
    }

    /**
     * A page of one instrument's reference data of one type (a {@link MessageTypes#isReferenceEvent} template id)
     * as a JSON array of {@link MarketRows}' rows, written straight from the journal's bytes.
     */
    public static JsonPage referenceJson(
        final Journal journal, final Instrument instrument, final int templateId, final long fromNs, final long toNs,
        final int limit, final String cursor)
    {
        final JsonRow row = new JsonRow(new StringBuilder(64 + Math.min(limit, 20_000) * 320)).beginArray();
        final ReferenceRows rows = new ReferenceRows(instrument, new ReferenceRows.Target()
        {
            @Override
            public RowWriter begin()
            {
                return row.beginObject();
            }

            @Override
            public void end()
            {
                row.endObject();
            }
        });
        final String next = scan(journal, instrument, templateId, fromNs, toNs, limit, cursor, rows);
        return new JsonPage(row.endArray().builder().toString(), (int)rows.count(), next);
    }

    /** Time & sales of one instrument of an open journal (see {@link MarketQueries#timeAndSales}). */
    public static List<TradeRow> timeAndSales(
        final Journal journal, final Instrument instrument, final long fromNs, final long toNs, final int limit)
    {
        return timeAndSales(journal, instrument, fromNs, toNs, limit, null).trades();
    }

    /**
     * One page of time & sales: at most {@code limit} trades from {@code fromNs} (or, with a cursor, after the
     * page it came from), and the cursor of the next page when this one is full. A cursor is a journal
     * position, so pages neither skip nor repeat a trade while the engine writes.
     *
     * @param cursor the {@link TradePage#next()} of the page before, or null for the first
     * @throws IllegalArgumentException for a cursor that is not one
     */
    public static TradePage timeAndSales(
        final Journal journal, final Instrument instrument, final long fromNs, final long toNs, final int limit,
        final String cursor)
    {
        final List<TradeRow> rows = new ArrayList<>();
        final MarketDataListener collector = new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder t)
            {
                rows.add(TradeRow.of(t, instrument));
            }
        };
        final String next = scan(journal, instrument, MessageTypes.TRADE, fromNs, toNs, limit, cursor, collector);
        return new TradePage(rows, next);
    }

    /**
     * The one loop of a windowed read of one instrument's messages of one type (trades, quotes, reference data): a seek to
     * {@code fromNs} (or the cursor's position), accepted messages with event time in {@code [fromNs, toNs]}
     * to {@code listener}, until {@code toNs} (a lagging source gets {@link Replay#DEFAULT_LAG_ALLOWANCE_NS}),
     * the journal's end or {@code limit} messages.
     *
     * @return the cursor of the next page when {@code limit} was reached, else null
     */
    public static String scan(
        final Journal journal, final Instrument instrument, final int templateId, final long fromNs, final long toNs,
        final int limit, final String cursor, final MarketDataListener listener)
    {
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final long after = cursor == null ? Values.NONE : parseCursor(cursor);
        final long[] lastIndex = {Values.NONE};
        final int[] count = {0};
        try (JournalReader reader = journal.reader())
        {
            if (after != Values.NONE ? !reader.moveToIndex(after) : !reader.seekToTime(fromNs))
            {
                return null;
            }
            final boolean[] stop = {false};
            while (!stop[0] && reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (stop[0] || after != Values.NONE && index <= after)
                {
                    return;
                }
                if (watermarkNs != Values.NONE && watermarkNs > toNs && watermarkNs - toNs > Replay.DEFAULT_LAG_ALLOWANCE_NS)
                {
                    stop[0] = true;
                    return;
                }
                if (Envelope.templateId(buffer, offset) != templateId || !Envelope.isAccepted(buffer, offset) ||
                    Envelope.instrumentId(buffer, offset) != instrument.id())
                {
                    return;
                }
                final long t = Envelope.eventTimeNs(buffer, offset);
                if (t > toNs)
                {
                    stop[0] = true; // an instrument's messages of one type come in time order
                }
                else if (t >= fromNs)
                {
                    dispatcher.dispatch(buffer, offset, listener);
                    lastIndex[0] = index;
                    stop[0] = ++count[0] >= limit;
                }
            }, 4096) > 0)
            {
                // next chunk
            }
        }
        return count[0] >= limit ? Long.toString(lastIndex[0]) : null;
    }

    private static long parseCursor(final String cursor)
    {
        try
        {
            return Long.parseLong(cursor.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API gave (use a page's next)");
        }
    }

    @Override
    public BookSnapshot orderBook(final String symbol, final long atNs, final int levels)
    {
        return orderBook(journal, instrument(symbol), atNs, levels);
    }

    @Override
    public List<BarRow> bars(final String symbol, final String spec, final long fromNs, final long toNs, final int limit)
    {
        return bars(symbol, spec, fromNs, toNs, limit, 0, 0);
    }

    @Override
    public List<BarRow> bars(final String symbol, final String spec, final long fromNs, final long toNs, final int limit,
        final int depth, final long warmupNs)
    {
        final Instrument instrument = instrument(symbol);
        final BarSpec barSpec = BarSpec.parse(spec);
        final List<BarRow> rows = new ArrayList<>();
        JournalBars.run(journal, instrument.symbol(), barSpec, false, fromNs, toNs, depth, warmupNs, bar ->
        {
            if (rows.size() < limit)
            {
                rows.add(BarRow.of(bar));
            }
        });
        return rows;
    }

    /** The consistent book of one instrument of an open journal at a time (see {@link MarketQueries#orderBook}). */
    public static BookSnapshot orderBook(final Journal journal, final Instrument instrument, final long atNs, final int levels)
    {
        final String symbol = instrument.symbol();
        try (Replay replay = Replay.builder().journal(journal).symbols(symbol).from(atNs == Long.MAX_VALUE ? atNs : atNs + 1)
            .to(atNs).consistentBooks(true).build())
        {
            replay.run();
            final L2Book book = replay.consistentBook(symbol);
            return new BookSnapshot(symbol, atNs, Values.NONE, levels(book, L2Book.BID, levels, instrument),
                levels(book, L2Book.ASK, levels, instrument));
        }
    }

    private static List<Level> levels(final L2Book book, final int side, final int max, final Instrument instrument)
    {
        final List<Level> out = new ArrayList<>();
        book.forEachLevel(side, max, (s, index, price, size, orders) -> out.add(new Level(
            FixedPoint.toDecimalString(price, instrument.priceExponent()),
            FixedPoint.toDecimalString(size, instrument.sizeExponent()), orders)));
        return out;
    }

    private Instrument instrument(final String symbol)
    {
        return instrument(journal, symbol);
    }

    /** The instrument of a symbol, re-reading the catalog once if it is not known yet. */
    public static Instrument instrument(final Journal journal, final String symbol)
    {
        return journal.instruments().bySymbol(symbol).or(() ->
        {
            journal.instruments().reload();
            return journal.instruments().bySymbol(symbol);
        }).orElseThrow(() -> new UnknownSymbolException(symbol));
    }

    /** Follows the journal from its start, keeping per-instrument statistics. */
    private void follow()
    {
        try (JournalReader reader = journal.reader())
        {
            skipCountedDays(reader);
            while (running)
            {
                final int n = reader.poll((buffer, offset, length, index, watermarkNs) ->
                {
                    final int type = Envelope.templateId(buffer, offset);
                    if (!MessageTypes.isMarketEvent(type))
                    {
                        return;
                    }
                    final long t = Envelope.eventTimeNs(buffer, offset);
                    synchronized (stats)
                    {
                        final Stats s = stats.computeIfAbsent(Envelope.instrumentId(buffer, offset), k -> new Stats());
                        if (!Envelope.isAccepted(buffer, offset))
                        {
                            s.rejected++;
                            return;
                        }
                        s.first = Math.min(s.first, t);
                        s.last = Math.max(s.last, t);
                        if (type == MessageTypes.TRADE)
                        {
                            s.trades++;
                        }
                        else if (type == MessageTypes.QUOTE)
                        {
                            s.quotes++;
                        }
                        else
                        {
                            s.deltas++;
                        }
                    }
                }, 65_536);
                if (n == 0)
                {
                    Thread.sleep(TAIL_PAUSE_MS);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("journal statistics stopped", ex);
        }
    }

    /**
     * Archived days the journal no longer holds any of are counted from their manifests, not read
     * (reading would restore each of them once): the reader starts at the first day it must read.
     */
    private void skipCountedDays(final JournalReader reader)
    {
        final dev.tickwire.journal.ArchiveTier archive = journal.archive();
        if (archive == null)
        {
            return;
        }
        final long journalFirst = journal.firstSequence();
        long resumeDay = Long.MIN_VALUE;
        for (final dev.tickwire.journal.ArchiveTier.ArchivedDay day : archive.days())
        {
            if (journalFirst >= 0 && day.lastSequence() >= journalFirst)
            {
                if (day.firstSequence() < journalFirst)
                {
                    resumeDay = day.epochDay(); // partly in the journal: read it
                }
                break;
            }
            synchronized (stats)
            {
                for (final dev.tickwire.journal.ArchiveTier.InstrumentCounts c : day.counts())
                {
                    final Stats st = stats.computeIfAbsent(c.instrumentId(), k -> new Stats());
                    st.trades += c.trades();
                    st.quotes += c.quotes();
                    st.deltas += c.deltas();
                    st.rejected += c.rejected();
                    if (c.firstEventNs() != Values.NONE)
                    {
                        st.first = Math.min(st.first, c.firstEventNs());
                        st.last = Math.max(st.last, c.lastEventNs());
                    }
                }
            }
        }
        if (resumeDay != Long.MIN_VALUE)
        {
            reader.moveToIndex(JournalReader.archivedDayStart(resumeDay));
        }
        else
        {
            reader.toJournalStart();
        }
    }

    @Override
    public void close()
    {
        running = false; // the tail notices within one pause (interrupting a Chronicle read is not safe)
        try
        {
            tail.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }

    private static final class Stats
    {
        long first = Long.MAX_VALUE;
        long last = Values.NONE;
        long trades;
        long quotes;
        long deltas;
        long rejected;
    }
}
