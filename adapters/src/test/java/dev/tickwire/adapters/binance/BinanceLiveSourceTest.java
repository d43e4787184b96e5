package dev.tickwire.adapters.binance;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code binance-live} source end to end: the real engine (validate → journal → book) in-process,
 * built from the config through the source factory, against {@link BinanceTestServer} on loopback
 * replaying a recorded-style session (session.jsonl) with duplicated, dropped, out-of-order and
 * malformed frames and a server disconnect. The journal is read back and compared with values worked
 * out by hand from the frames.
 */
class BinanceLiveSourceTest
{
    private static final long DEADLINE_NS = 15_000_000_000L;
    private static final String INSTRUMENT = "binance:BTCUSDT";

    @TempDir
    Path dir;
    private BinanceTestServer server;
    private Engine engine;

    @AfterEach
    void stop()
    {
        if (engine != null)
        {
            engine.close();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void replaysASessionWithDropsDuplicatesOutOfOrderUpdatesAndADisconnect() throws IOException
    {
        server = new BinanceTestServer(resource("exchangeInfo.json"),
            List.of(resource("depth-1.json"), resource("depth-2.json"), resource("depth-3.json")));
        final TickwireConfig config = config("{}");
        final List<FeedAdapter> adapters = Sources.create(config);
        assertThat(adapters).hasSize(4);
        engine = Engine.launch(config, adapters);

        for (final String line : resource("session.jsonl").split("\n"))
        {
            replay(line.strip());
        }
        await("the last frames journaled", () ->
        {
            final List<Msg> j = journal();
            return j.stream().anyMatch(m -> m.type == 'T' && m.tradeId == 1010 && m.source == source("trade")) &&
                j.stream().anyMatch(m -> m.type == 'T' && m.tradeId == 505) &&
                j.stream().anyMatch(m -> m.type == 'Q' && m.bid == 6_699_950L) &&
                j.stream().anyMatch(m -> m.type == 'D' && m.price == 6_700_300L);
        });
        final List<Msg> journal = journal();

        // the scale comes from exchangeInfo: tick 0.01, step 0.00001
        final Instrument btc = engine.instruments().bySymbol(INSTRUMENT).orElseThrow();
        assertThat(btc.priceExponent()).isEqualTo(-2);
        assertThat(btc.sizeExponent()).isEqualTo(-5);
        assertThat(btc.tickSize()).isEqualTo(1);
        assertThat(btc.venue()).isEqualTo("binance");

        // one combined connection for the four streams, twice (the server dropped the first)
        assertThat(server.streamsAsked).containsExactly(
            "btcusdt@trade/btcusdt@aggTrade/btcusdt@bookTicker/btcusdt@depth@100ms",
            "btcusdt@trade/btcusdt@aggTrade/btcusdt@bookTicker/btcusdt@depth@100ms");
        assertThat(server.depthQueries).containsExactly("symbol=BTCUSDT&limit=1000", "symbol=BTCUSDT&limit=1000",
            "symbol=BTCUSDT&limit=1000");

        // trades: the duplicate dropped, 1003 missing (a gap of 1), 1005 malformed (rejected), then 1006-1009
        // lost across the reconnect (a gap of 5)
        assertThat(lines(journal, source("trade"))).containsExactly(
            "T 1001 6700050 1000 BUY ok",
            "T 1002 6700000 25000 SELL ok",
            "S GAP 1",
            "T 1004 6700100 100 BUY ok",
            "T 0 0 0 NONE REJ MALFORMED",
            "S DISCONNECTED 0",
            "S GAP 5",
            "T 1010 6700200 50000 SELL ok");
        assertThat(lines(journal, source("aggTrade"))).containsExactly(
            "T 500 6700050 1000 BUY ok",
            "T 501 6700000 25000 SELL ok",
            "S DISCONNECTED 0",
            "S GAP 3",
            "T 505 6700200 50000 SELL ok");
        // best bid/ask: the stale update 399 dropped
        assertThat(lines(journal, source("bookTicker"))).containsExactly(
            "Q 6700000x110000 / 6700150x50000 ok",
            "Q 6700000x120000 / 6700150x40000 ok",
            "S DISCONNECTED 0",
            "Q 6699950x300000 / 6700200x220000 ok");

        // the book: snapshot 1 (103) + 103-105 + 106-107 (its duplicate dropped); 110-111 is a gap of 2 → a
        // resync to snapshot 2 (111), 108-109 (late) dropped, 112-113 applied; the disconnect → snapshot 3 (120)
        // + 120-121 + 122
        final List<String> depth = lines(journal, source("depth"));
        assertThat(depth.stream().filter(l -> l.startsWith("S")).toList()).containsExactly(
            "S GAP 2", "S RESYNCED 111", "S DISCONNECTED 0", "S RESYNCED 120");
        assertThat(depth).containsExactly(
            "D CLEAR snap ok",
            "D MODIFY BID 6700000 100000 snap ok",
            "D MODIFY BID 6699950 200000 snap ok",
            "D MODIFY ASK 6700100 150000 snap ok",
            "D MODIFY ASK 6700200 300000 snap end ok",
            "D MODIFY BID 6700000 110000 ok",
            "D DELETE ASK 6700100 0 end ok",
            "D MODIFY BID 6699900 400000 ok",
            "D MODIFY ASK 6700150 50000 end ok",
            "S GAP 2",
            "D CLEAR snap ok",
            "D MODIFY BID 6699950 200000 snap ok",
            "D MODIFY BID 6699900 400000 snap ok",
            "D MODIFY BID 6699800 100000 snap ok",
            "D MODIFY ASK 6700150 50000 snap ok",
            "D MODIFY ASK 6700200 300000 snap end ok",
            "S RESYNCED 111",
            "D MODIFY BID 6699950 250000 ok",
            "D MODIFY ASK 6700200 200000 end ok",
            "S DISCONNECTED 0",
            "D CLEAR snap ok",
            "D MODIFY BID 6699950 280000 snap ok",
            "D MODIFY BID 6699700 100000 snap ok",
            "D MODIFY ASK 6700200 220000 snap end ok",
            "S RESYNCED 120",
            "D MODIFY BID 6699950 300000 end ok",
            "D MODIFY ASK 6700300 100000 end ok");

        final Map<String, Long> expected = new TreeMap<>();
        expected.put("BID 6699950", 300_000L);
        expected.put("BID 6699700", 100_000L);
        expected.put("ASK 6700200", 220_000L);
        expected.put("ASK 6700300", 100_000L);
        assertThat(book(journal, source("depth"))).isEqualTo(expected);
        // the engine's own book agrees
        final long[] top = new long[5];
        assertThat(engine.topOfBook().read(btc.id(), top)).isTrue();
        assertThat(top[0]).isEqualTo(6_699_950L);
        assertThat(top[2]).isEqualTo(6_700_200L);

        assertThat(engine.counters().errors().get()).as("adapter/stage exceptions").isZero();
    }

    @Test
    void rollsTheConnectionOverBeforeItGetsOldWithoutLosingTheBook() throws IOException
    {
        server = new BinanceTestServer(resource("exchangeInfo.json"), List.of(resource("depth-1.json")));
        final TickwireConfig config = config("{streams: [trade, depth], rollover: 1s}");
        engine = Engine.launch(config, Sources.create(config));
        await("first connection", () -> server.connections.size() == 1);
        server.send(frame("depth", "{\"e\":\"depthUpdate\",\"E\":1714000000100,\"s\":\"BTCUSDT\",\"U\":103,\"u\":105," +
            "\"b\":[[\"67000.00\",\"1.1\"]],\"a\":[]}"));
        server.send(frame("trade", trade(1001, 1714000000009L)));
        await("snapshot and trade", () -> journal().stream().anyMatch(m -> m.type == 'T' && m.tradeId == 1001) &&
            journal().stream().anyMatch(m -> m.type == 'D' && m.price == 6_700_000L && m.size == 110_000L));
        await("a second connection (rollover)", () -> server.connections.size() == 2);
        await("the first closed by the client", () -> server.closes.get() >= 1);
        // the new connection continues the streams: 106 follows 105, 1002 follows 1001
        server.send(frame("depth", "{\"e\":\"depthUpdate\",\"E\":1714000000200,\"s\":\"BTCUSDT\",\"U\":106,\"u\":106," +
            "\"b\":[],\"a\":[[\"67001.00\",\"0\"]]}"));
        server.send(frame("trade", trade(1002, 1714000000219L)));
        await("after the rollover", () -> journal().stream().anyMatch(m -> m.type == 'T' && m.tradeId == 1002) &&
            journal().stream().anyMatch(m -> m.type == 'D' && m.action == BookAction.DELETE));
        final List<Msg> journal = journal();
        assertThat(journal.stream().filter(m -> m.type == 'S').toList()).as("no gap, no disconnect, no resync").isEmpty();
        assertThat(server.depthQueries).hasSize(1);
        final Map<String, Long> expected = new TreeMap<>();
        expected.put("BID 6700000", 110_000L);
        expected.put("BID 6699950", 200_000L);
        expected.put("ASK 6700200", 300_000L);
        assertThat(book(journal, source("depth"))).isEqualTo(expected);
    }

    @Test
    void aBadEntryFailsNamingTheKey()
    {
        for (final String[] c : new String[][] {
            {"{symbols: []}", "sources[0].symbols"},
            {"{streams: [trade, kline]}", "sources[0].streams[1]"},
            {"{symbols: ['BTC-USDT']}", "sources[0].symbols[0]"},
            {"{wsUrl: 'http://x'}", "sources[0].wsUrl"},
            {"{depthLimit: 0}", "sources[0].depthLimit"},
            {"{rollover: 0s}", "sources[0].rollover"},
            {"{reconnectBase: 2s, reconnectMax: 1s}", "sources[0].reconnectMax"},
        })
        {
            final ConfigException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Sources.create(config(c[0])), ConfigException.class);
            assertThat(ex).as(c[0]).isNotNull();
            assertThat(ex.key()).as(c[0]).isEqualTo(c[1]);
        }
    }

    // ---------------------------------------------------------------- the replay

    private void replay(final String line)
    {
        if (line.isEmpty())
        {
            return;
        }
        if (line.startsWith("#connection "))
        {
            final int n = Integer.parseInt(line.substring(12).trim());
            await("connection " + n, () -> server.connections.size() >= n);
        }
        else if (line.startsWith("#await-resynced "))
        {
            final int n = Integer.parseInt(line.substring(16).trim());
            await(() -> n + " RESYNCED; journal: " + journal(), () ->
                journal().stream().filter(m -> m.type == 'S' && m.status == StatusCode.RESYNCED).count() >= n);
        }
        else if (line.equals("#close"))
        {
            server.dropLatest();
        }
        else if (!line.startsWith("#"))
        {
            server.send(line);
        }
    }

    private TickwireConfig config(final String entry)
    {
        final TickwireConfig config = ConfigLoader.parse("sources: [{type: binance-live, symbols: [BTCUSDT]}]");
        final var node = (com.fasterxml.jackson.databind.node.ObjectNode)config.sources.get(0);
        node.put("reconnectBase", "20ms");
        node.put("reconnectMax", "200ms");
        node.setAll((com.fasterxml.jackson.databind.node.ObjectNode)ConfigLoader.parse("sources: [" + entry + "]")
            .sources.get(0));
        if (server != null)
        {
            node.put("wsUrl", server.wsUrl());
            node.put("restUrl", server.restUrl());
        }
        config.dataDir = dir.toString();
        config.engine.ringSize = 1024;
        config.aeron.publish = false;
        return config.conclude();
    }

    private int source(final String stream)
    {
        return BinanceLiveSourceFactory.sourceId(engine.instruments(), INSTRUMENT, stream);
    }

    private static String frame(final String stream, final String data)
    {
        return "{\"stream\":\"btcusdt@" + (stream.equals("depth") ? "depth@100ms" : stream) + "\",\"data\":" + data + "}";
    }

    private static String trade(final long id, final long time)
    {
        return "{\"e\":\"trade\",\"E\":" + (time + 1) + ",\"s\":\"BTCUSDT\",\"t\":" + id + ",\"p\":\"67000.50\",\"q\":\"0.01\"," +
            "\"T\":" + time + ",\"m\":false,\"M\":true}";
    }

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = BinanceLiveSourceTest.class.getResourceAsStream("/binance-live/" + name))
        {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        await(() -> what, condition);
    }

    private static void await(final Supplier<String> what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for: " + what.get());
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    // ---------------------------------------------------------------- the journal, read back

    /** What the journal says, as the tests compare it. */
    private static final class Msg
    {
        char type;
        int source;
        boolean accepted;
        RejectReason reason;
        long tradeId;
        long price;
        long size;
        String aggressor;
        long bid;
        long bidSize;
        long ask;
        long askSize;
        BookAction action;
        BookSide side;
        boolean snapshot;
        boolean end;
        StatusCode status;
        long value;

        String line()
        {
            final String v = accepted ? " ok" : " REJ " + reason;
            return switch (type)
            {
                case 'T' -> "T " + tradeId + " " + price + " " + size + " " + aggressor + v;
                case 'Q' -> "Q " + bid + "x" + bidSize + " / " + ask + "x" + askSize + v;
                case 'D' -> "D " + action + (action == BookAction.CLEAR ? "" : " " + side + " " + price + " " + size) +
                    (snapshot ? " snap" : "") + (end ? " end" : "") + v;
                default -> "S " + status + " " + value;
            };
        }

        @Override
        public String toString()
        {
            return source + ": " + line();
        }
    }

    private List<Msg> journal()
    {
        final List<Msg> out = new ArrayList<>();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder d)
            {
                final Msg m = msg('T', d.sourceId(), d.verdict(), d.rejectReason());
                m.tradeId = d.tradeId();
                m.price = d.price();
                m.size = d.size();
                m.aggressor = d.aggressor().name();
            }

            @Override
            public void onQuote(final QuoteDecoder d)
            {
                final Msg m = msg('Q', d.sourceId(), d.verdict(), d.rejectReason());
                m.bid = d.bidPrice();
                m.bidSize = d.bidSize();
                m.ask = d.askPrice();
                m.askSize = d.askSize();
            }

            @Override
            public void onBookDelta(final BookDeltaDecoder d)
            {
                final Msg m = msg('D', d.sourceId(), d.verdict(), d.rejectReason());
                m.action = d.action();
                m.side = d.side();
                m.price = d.price();
                m.size = d.size();
                m.snapshot = d.flags().snapshot();
                m.end = d.flags().endOfBatch();
            }

            @Override
            public void onStatus(final SourceStatusDecoder d)
            {
                final Msg m = msg('S', d.sourceId(), Verdict.ACCEPTED, RejectReason.NONE);
                m.status = d.status();
                m.value = d.value();
            }

            private Msg msg(final char type, final int source, final Verdict verdict, final RejectReason reason)
            {
                final Msg m = new Msg();
                m.type = type;
                m.source = source;
                m.accepted = verdict == Verdict.ACCEPTED;
                m.reason = reason;
                out.add(m);
                return m;
            }
        };
        final JournalHandler handler = (buffer, offset, length, index, watermark) ->
            dispatcher.dispatch(buffer, offset, listener);
        try (JournalReader reader = engine.journal().reader())
        {
            while (reader.poll(handler, 1000) > 0)
            {
                // to the end
            }
        }
        return out;
    }

    private static List<String> lines(final List<Msg> journal, final int source)
    {
        return journal.stream().filter(m -> m.source == source).map(Msg::line).toList();
    }

    /** The book the accepted deltas of a source leave: an independent model (CLEAR empties, size 0 removes). */
    private static Map<String, Long> book(final List<Msg> journal, final int source)
    {
        final Map<String, Long> book = new TreeMap<>();
        for (final Msg m : journal)
        {
            if (m.type != 'D' || m.source != source || !m.accepted)
            {
                continue;
            }
            if (m.action == BookAction.CLEAR)
            {
                book.clear();
            }
            else if (m.action == BookAction.DELETE || m.size == 0)
            {
                book.remove(m.side + " " + m.price);
            }
            else
            {
                book.put(m.side + " " + m.price, m.size);
            }
        }
        return book;
    }
}
