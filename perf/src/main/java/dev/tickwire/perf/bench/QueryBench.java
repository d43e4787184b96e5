package dev.tickwire.perf.bench;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.book.checkpoint.BookCheckpointer;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries.TradeJsonPage;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.tools.http.ApiServer;
import dev.tickwire.tools.http.KeyStore;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * What history queries cost: a book at a random time of a full depth day (from the nearest book
 * checkpoint, and without checkpoints for contrast), and an hour of bars and of trades against the
 * whole day. Journals written straight through the journal writer (what an import leaves).
 */
final class QueryBench
{
    static final long DAY_START_NS = 1_767_312_000_000_000_000L; // 2026-01-02T00:00:00Z
    static final long DAY_NS = 86_400_000_000_000L;
    private static final long HOUR_NS = 3_600_000_000_000L;

    private QueryBench()
    {
    }

    /** Book-at-T latencies (ns) from checkpoints, and without them, and the checkpoint build rate. */
    record Books(Histogram withCheckpoints, Histogram withoutCheckpoints, double checkpointDeltasPerSecond, long deltas)
    {
    }

    static Books books(final long deltas, final int queries, final int queriesWithout) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-books");
        writeDepthDay(dir, deltas);
        final Random random = new Random(11);
        final Histogram without = new Histogram(3);
        final Histogram with = new Histogram(3);
        final double rate;
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            final Instrument es = JournalQueries.instrument(journal, "ES");
            for (int i = 0; i < queriesWithout; i++)
            {
                without.recordValue(timedBook(journal, es, DAY_START_NS + (long)(random.nextDouble() * DAY_NS)));
            }
            final long t0 = System.nanoTime();
            new BookCheckpointer(journal, 10_000_000_000L, 10_000, null).catchUp();
            rate = deltas * 1e9 / (System.nanoTime() - t0);
        }
        // over HTTP, as a dashboard asks: /orderbook?timestamp= of tickwire serve's API
        final KeyStore keys = KeyStore.open(dir.resolve("keys.json"));
        final String key = keys.create("bench", false).key();
        try (JournalQueries served = JournalQueries.open(dir);
             ApiServer server = new ApiServer(served, keys).start("127.0.0.1", 0))
        {
            final long deadline = System.nanoTime() + 120_000_000_000L;
            while (served.contracts().get(0).bookDeltas() < deltas && System.nanoTime() < deadline)
            {
                Thread.sleep(50); // serve's contract statistics read the journal once at start: not during the queries
            }
            final HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 20 + queries; i++)
            {
                final long at = DAY_START_NS + (long)(random.nextDouble() * DAY_NS);
                final long t0 = System.nanoTime();
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
                    server.port() + "/contracts/ES/orderbook?levels=10&timestamp=" + at)).header(ApiServer.KEY_HEADER, key)
                    .build(), HttpResponse.BodyHandlers.ofString());
                final long took = System.nanoTime() - t0;
                if (response.statusCode() != 200 || !response.body().contains("\"bids\":[{"))
                {
                    throw new IllegalStateException("book at " + at + ": " + response.statusCode() + " " + response.body());
                }
                if (i >= 20) // the first 20 warm up
                {
                    with.recordValue(took);
                }
            }
        }
        return new Books(with, without, rate, deltas);
    }

    private static long timedBook(final Journal journal, final Instrument es, final long atNs)
    {
        final long t0 = System.nanoTime();
        final int levels = JournalQueries.orderBook(journal, es, atNs, 10).bids().size();
        if (levels == 0)
        {
            throw new IllegalStateException("an empty book at " + atNs);
        }
        return System.nanoTime() - t0;
    }

    /** An hour (10:00-11:00) against the whole day: ms for 1m bars and for trades in pages of 100,000. */
    record Window(double hourBarsMs, double dayBarsMs, double hourTradesMs, double dayTradesMs, long hourTrades)
    {
    }

    static Window window(final long trades) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-window");
        writeTradeDay(dir, trades);
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            final Instrument es = JournalQueries.instrument(journal, "ES");
            final long from = DAY_START_NS + 10 * HOUR_NS;
            final long to = from + HOUR_NS - 1;
            bars(journal, Values.NONE, Long.MAX_VALUE); // warm up
            tradePages(journal, es, from, to);
            final double hourBars = bars(journal, from, to);
            final double dayBars = bars(journal, Values.NONE, Long.MAX_VALUE);
            final long t0 = System.nanoTime();
            final long hourTrades = tradePages(journal, es, from, to);
            final double hourTradesMs = (System.nanoTime() - t0) / 1e6;
            final long t1 = System.nanoTime();
            tradePages(journal, es, DAY_START_NS, DAY_START_NS + DAY_NS);
            final double dayTradesMs = (System.nanoTime() - t1) / 1e6;
            return new Window(hourBars, dayBars, hourTradesMs, dayTradesMs, hourTrades);
        }
    }

    private static double bars(final Journal journal, final long from, final long to)
    {
        final long t0 = System.nanoTime();
        final long[] n = {0};
        JournalBars.run(journal, "ES", BarSpec.parse("1m"), false, from, to, bar -> n[0]++);
        if (n[0] == 0)
        {
            throw new IllegalStateException("no bars");
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Trades as /tas serves them: JSON pages of 100,000, walked with their cursors. */
    private static long tradePages(final Journal journal, final Instrument es, final long from, final long to)
    {
        long n = 0;
        TradeJsonPage page = JournalQueries.timeAndSalesJson(journal, es, from, to, 100_000, null);
        n += page.count();
        while (page.next() != null)
        {
            page = JournalQueries.timeAndSalesJson(journal, es, from, to, 100_000, page.next());
            n += page.count();
        }
        return n;
    }

    /** One instrument's depth day: a snapshot at midnight (20 levels a side), then deltas spread over 24 h. */
    static void writeDepthDay(final Path dir, final long deltas)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            journal.instruments().register("ES", "CME", -2, 0, 25);
            final JournalWriter writer = journal.writer();
            final MessageWriter encode = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            long position = 0;
            for (int level = 0; level < 41; level++)
            {
                final BookAction action = level == 0 ? BookAction.CLEAR : BookAction.ADD;
                final BookSide side = level <= 20 ? BookSide.BID : BookSide.ASK;
                final long price = level == 0 ? 0 : level <= 20 ? 500_000 - 25L * level : 500_000 + 25L * (level - 21);
                writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++position, 1, DAY_START_NS, 0, action, side, price,
                    10, 1, DeltaFlagBits.SNAPSHOT | (level == 40 ? DeltaFlagBits.END_OF_BATCH : 0)));
            }
            final Random random = new Random(5);
            for (long i = 1; i <= deltas; i++)
            {
                final boolean bid = random.nextBoolean();
                final long price = bid ? 500_000 - 25L * (1 + random.nextInt(20)) : 500_000 + 25L * random.nextInt(20);
                writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++position, 1, DAY_START_NS + i * (DAY_NS / deltas), 0,
                    BookAction.MODIFY, bid ? BookSide.BID : BookSide.ASK, price, 1 + random.nextInt(100), 1 + random.nextInt(9),
                    DeltaFlagBits.END_OF_BATCH));
            }
        }
    }

    /** One instrument's trades, spread over 24 h. */
    static void writeTradeDay(final Path dir, final long trades)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            journal.instruments().register("ES", "CME", -2, 0, 25);
            final JournalWriter writer = journal.writer();
            final MessageWriter encode = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            for (long i = 1; i <= trades; i++)
            {
                writer.append(buffer, 0, encode.trade(buffer, 0, 1, i, 1, DAY_START_NS + i * (DAY_NS / trades), 0,
                    500_000 + 25L * (i % 40), 1 + i % 5, i % 2 == 0 ? Side.BUY : Side.SELL, i, 499_975, 500_000));
            }
        }
    }
}
