package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code GET /stream} against a real engine writing a journal (the synthetic source, live), served by a real
 * {@link ApiServer} with a {@link LiveStream} on loopback, read by the JDK's WebSocket client; what arrives is
 * checked against the journal read afterwards.
 */
class StreamTest
{
    private static final int RATE = 5_000;

    @TempDir
    static Path dir;

    private static Engine engine;
    private static JournalQueries queries;
    private static Journal journal;
    private static LiveStream stream;
    private static ApiServer server;
    private static String key;
    private static KeyStore keys;

    @BeforeAll
    static void startEngineAndServer() throws Exception
    {
        // event times from now at 1/RATE s apart: one per record, strictly increasing, about the wall clock
        final TickwireConfig config = ServeJournalTest.engineConfig(dir.resolve("data"), RATE, 0, Instant.now().toString());
        engine = Engine.launch(config, Sources.create(config));
        queries = JournalQueries.open(config.journalPath());
        journal = queries.journal();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (journal.instruments().bySymbol("NQZ6").isEmpty() || journal.lastSequence() < 500)
        {
            assertThat(System.nanoTime()).as("the engine journals").isLessThan(deadline);
            Thread.sleep(20);
            journal.instruments().reload();
        }
        keys = KeyStore.open(dir.resolve("api-keys.json"));
        key = keys.create("streamer", false).key();
        stream = LiveStream.start(journal, LiveStream.DEFAULT_BUFFER_FRAMES);
        server = new ApiServer(queries, keys).stream(stream).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop()
    {
        for (final AutoCloseable c : new AutoCloseable[] {server, stream, engine, queries})
        {
            try
            {
                if (c != null)
                {
                    c.close();
                }
            }
            catch (final Exception ex)
            {
                ex.printStackTrace();
            }
        }
    }

    @Test
    void tradeFramesAreTheJournalsTradesAsDumpPrintsThem() throws Exception
    {
        final List<WsTestClient.Frame> frames = new ArrayList<>();
        try (WsTestClient client = WsTestClient.connect(server.port(), "symbols=ESZ6&types=trade", key))
        {
            while (frames.size() < 300)
            {
                frames.add(client.next(10_000));
            }
        }
        final List<JsonNode> got = frames.stream().map(WsTestClient.Frame::json).toList();
        assertThat(got).allSatisfy(t ->
        {
            assertThat(t.get("type").asText()).isEqualTo("trade");
            assertThat(t.get("symbol").asText()).isEqualTo("ESZ6");
        });
        final long first = got.get(0).get("seq").asLong();
        final long last = got.get(got.size() - 1).get("seq").asLong();
        // every accepted ESZ6 trade the journal holds from the first seq received to the last, in order, as dump prints it
        final List<String> expected = journalLines(first, last, MessageTypes.TRADE, "ESZ6");
        assertThat(frames.stream().map(WsTestClient.Frame::text).toList()).containsExactlyElementsOf(expected);
        for (int i = 0; i < got.size(); i++)
        {
            final JsonNode journaled = HttpTestClient.JSON.readTree(expected.get(i));
            assertThat(got.get(i).get("seq").asLong()).isEqualTo(journaled.get("seq").asLong());
            assertThat(new BigDecimal(got.get(i).get("price").asText())).isEqualTo(new BigDecimal(journaled.get("price").asText()));
            assertThat(new BigDecimal(got.get(i).get("size").asText())).isPositive()
                .isEqualTo(new BigDecimal(journaled.get("size").asText()));
        }
    }

    @Test
    void bookSnapshotPlusDeltasIsTheJournalsBook() throws Exception
    {
        final JsonNode snapshot;
        final List<JsonNode> deltas = new ArrayList<>();
        try (WsTestClient client = WsTestClient.connect(server.port(), "symbols=NQZ6&types=book", key))
        {
            snapshot = client.next(10_000).json();
            while (deltas.size() < 200 || !deltas.get(deltas.size() - 1).get("flags").asText().contains("end_of_batch"))
            {
                deltas.add(client.next(10_000).json());
            }
        }
        assertThat(snapshot.get("type").asText()).isEqualTo("book_snapshot");
        assertThat(snapshot.get("symbol").asText()).isEqualTo("NQZ6");
        assertThat(snapshot.get("bids")).isNotEmpty();
        assertThat(snapshot.get("asks")).isNotEmpty();
        final long snapshotSeq = snapshot.get("seq").asLong();
        final JsonNode lastDelta = deltas.get(deltas.size() - 1);
        // the deltas are exactly the journal's after the snapshot's seq: none missed, none twice
        final List<String> journaled = journalLines(snapshotSeq + 1, lastDelta.get("seq").asLong(), MessageTypes.BOOK_DELTA, "NQZ6");
        assertThat(deltas.stream().map(JsonNode::toString).toList())
            .containsExactlyElementsOf(journaled.stream().map(StreamTest::normalized).toList());

        final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
        snapshot.get("bids").forEach(l -> bids.put(new BigDecimal(l.get("price").asText()), level(l)));
        snapshot.get("asks").forEach(l -> asks.put(new BigDecimal(l.get("price").asText()), level(l)));
        for (final JsonNode d : deltas)
        {
            final TreeMap<BigDecimal, String[]> side = d.get("side").asText().equals("buy") ? bids : asks;
            switch (d.get("action").asText())
            {
                case "clear" ->
                {
                    bids.clear();
                    asks.clear();
                }
                case "add", "modify" ->
                {
                    if (new BigDecimal(d.get("size").asText()).signum() > 0)
                    {
                        side.put(new BigDecimal(d.get("price").asText()), level(d));
                    }
                    else
                    {
                        side.remove(new BigDecimal(d.get("price").asText()));
                    }
                }
                case "delete" -> side.remove(new BigDecimal(d.get("price").asText()));
                default -> throw new AssertionError("unexpected action " + d);
            }
        }
        final MarketQueries.BookSnapshot book = queries.orderBook("NQZ6", lastDelta.get("ts_ns").asLong(), 1_000);
        assertThat(levels(bids)).as("bids").isEqualTo(levels(book.bids()));
        assertThat(levels(asks)).as("asks").isEqualTo(levels(book.asks()));
        assertThat(book.bids()).isNotEmpty();
    }

    @Test
    void theKeyIsNeededHeaderOrQueryParameter() throws Exception
    {
        final WebSocketHandshakeException missing = catchThrowableOfType(
            () -> WsTestClient.connect(server.port(), "symbols=ESZ6", null), WebSocketHandshakeException.class);
        assertThat(missing).as("no key: the upgrade is refused").isNotNull();
        assertThat(missing.getResponse().statusCode()).isEqualTo(401);
        // the JDK client drops a refused upgrade's body: the same request by hand shows the JSON error
        final String answer = RawWsClient.upgradeAnswer(server.port(), "/stream?symbols=ESZ6");
        assertThat(answer).startsWith("HTTP/1.1 401").contains("{\"error\":\"missing API key").contains("?key=");

        final WebSocketHandshakeException wrong = catchThrowableOfType(
            () -> WsTestClient.connect(server.port(), "symbols=ESZ6", "not-a-key"), WebSocketHandshakeException.class);
        assertThat(wrong.getResponse().statusCode()).isEqualTo(401);

        // a browser cannot set headers: ?key= works too
        try (WsTestClient client = WsTestClient.connect(server.port(), "symbols=ESZ6&types=quote&key=" + key, null))
        {
            final JsonNode quote = client.next(10_000).json();
            assertThat(quote.get("type").asText()).isEqualTo("quote");
            assertThat(quote.get("symbol").asText()).isEqualTo("ESZ6");
        }

        // a plain GET (no upgrade) says what /stream is
        final HttpTestClient.Response plain = new HttpTestClient(server.port()).get("/stream", key);
        assertThat(plain.status()).isEqualTo(426);
        assertThat(plain.error()).contains("WebSocket");
    }

    @Test
    void unknownSymbolOrTypeClosesWithPolicyViolationNamingIt() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(server.port(), "symbols=ESZ6,NOPE9&types=trade", key))
        {
            final WsTestClient.Closed closed = client.awaitClose(10_000);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).contains("unknown symbol 'NOPE9'");
        }
        try (WsTestClient client = WsTestClient.connect(server.port(), "symbols=ESZ6&types=trade,candles", key))
        {
            final WsTestClient.Closed closed = client.awaitClose(10_000);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).contains("unknown type 'candles'");
        }
        try (WsTestClient client = WsTestClient.connect(server.port(), "types=bar&bars=ticks:100", key))
        {
            assertThat(client.awaitClose(10_000).reason()).contains("only time bars");
        }
    }

    @Test
    void everySymbolWhenNoneIsGiven() throws Exception
    {
        final List<String> symbols = new ArrayList<>();
        try (WsTestClient client = WsTestClient.connect(server.port(), "types=trade", key))
        {
            while (!symbols.containsAll(List.of("ESZ6", "NQZ6")))
            {
                final JsonNode t = client.next(10_000).json();
                assertThat(t.get("type").asText()).isEqualTo("trade");
                symbols.add(t.get("symbol").asText());
            }
        }
    }

    @Test
    void liveTimeBarsAreTheBarsOfTheJournal() throws Exception
    {
        final List<JsonNode> bars = new ArrayList<>();
        try (WsTestClient client = WsTestClient.connect(server.port(), "symbols=ESZ6&types=bar&bars=1s", key))
        {
            while (bars.size() < 2)
            {
                bars.add(client.next(10_000).json());
            }
        }
        final HttpTestClient http = new HttpTestClient(server.port());
        for (final JsonNode bar : bars)
        {
            assertThat(bar.get("type").asText()).isEqualTo("bar");
            assertThat(bar.get("interval").asText()).isEqualTo("1s");
            assertThat(bar.get("end_ns").asLong() - bar.get("start_ns").asLong()).isEqualTo(1_000_000_000L);
            assertThat(bar.get("trades").asLong()).isPositive();
            final HttpTestClient.Response r = http.get("/contracts/ESZ6/bars?interval=1s&start_time=" + bar.get("start_ns").asLong() +
                "&end_time=" + (bar.get("end_ns").asLong() - 1), key);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json()).hasSize(1);
            final Map<String, JsonNode> expected = fields(r.json().get(0));
            final Map<String, JsonNode> got = fields(bar);
            got.keySet().removeAll(List.of("type", "symbol", "instrument_id", "interval"));
            // the stream's bars carry their features (warmed up from the subscription, not from start_time): the
            // bar itself is the journal's
            assertThat(got).containsKeys("notional", "buy_trades", "book_updates");
            for (int i = 0; i < dev.tickwire.engine.bars.features.FeatureColumn.COUNT; i++)
            {
                got.remove(dev.tickwire.engine.bars.features.FeatureColumn.of(i).columnName());
            }
            assertThat(got).isEqualTo(expected);
        }
        assertThat(bars.get(1).get("start_ns").asLong()).isEqualTo(bars.get(0).get("end_ns").asLong());
    }

    @Test
    void aClientThatDoesNotReadIsClosedWhileAnotherGetsEveryMessage() throws Exception
    {
        final int buffer = 256;
        try (LiveStream small = LiveStream.start(journal, buffer);
             ApiServer smallServer = new ApiServer(queries, keys).stream(small).start("127.0.0.1", 0);
             WsTestClient normal = WsTestClient.connect(smallServer.port(), "symbols=ESZ6&types=trade", key);
             RawWsClient slow = new RawWsClient(smallServer.port(), "/stream?types=trade,quote,book,status", key, 1024))
        {
            final long start = System.nanoTime();
            while (small.stats().slowClosed() == 0)
            {
                assertThat(System.nanoTime() - start).as("the client that reads nothing is closed")
                    .isLessThan(TimeUnit.SECONDS.toNanos(15));
                Thread.sleep(10);
            }
            // it reads now: what was already on its way, then the close frame
            final RawWsClient.Close close = slow.readUntilClose(5_000);
            assertThat(close.code()).isEqualTo(1013);
            assertThat(close.reason()).isEqualTo("try again later: buffer full (" + buffer + " messages behind)");
            // (frames the kernel already held in the sockets' buffers arrive before the close, how many depends on the
            // scheduling of a loaded machine: the bound is on what the server holds, which it drops)

            // the other client got, and keeps getting, every ESZ6 trade in order
            final List<WsTestClient.Frame> frames = new ArrayList<>();
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < until || frames.size() < 200)
            {
                frames.add(normal.next(10_000));
            }
            final long first = frames.get(0).json().get("seq").asLong();
            final long last = frames.get(frames.size() - 1).json().get("seq").asLong();
            assertThat(frames.stream().map(WsTestClient.Frame::text).toList())
                .containsExactlyElementsOf(journalLines(first, last, MessageTypes.TRADE, "ESZ6"));
            assertThat(small.stats().slowClosed()).isEqualTo(1);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (small.stats().sessions() > 1)
            {
                assertThat(System.nanoTime()).as("the slow session is gone").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(small.metricsText()).contains("tickwire_stream_slow_closed_total 1\n");
        }
    }

    private static Map<String, JsonNode> fields(final JsonNode object)
    {
        final Map<String, JsonNode> fields = new TreeMap<>();
        object.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private static String[] level(final JsonNode level)
    {
        return new String[] {new BigDecimal(level.get("size").asText()).toPlainString(), level.get("orders").asText()};
    }

    private static List<String> levels(final TreeMap<BigDecimal, String[]> side)
    {
        final List<String> out = new ArrayList<>();
        side.forEach((price, l) -> out.add(price.toPlainString() + " " + l[0] + " " + l[1]));
        return out;
    }

    private static List<String> levels(final List<MarketQueries.Level> side)
    {
        return side.stream().map(l -> new BigDecimal(l.price()).toPlainString() + " " +
            new BigDecimal(l.size()).toPlainString() + " " + l.orders()).toList();
    }

    private static String normalized(final String json)
    {
        try
        {
            return HttpTestClient.JSON.readTree(json).toString();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * The accepted messages of one type and symbol with {@code from <= seq <= to}, read from the journal now
     * (waiting until it holds {@code to}), each as {@code tickwire dump} prints it.
     */
    static List<String> journalLines(final long from, final long to, final int type, final String symbol) throws Exception
    {
        return journalLines(journal, from, to, type, symbol);
    }

    static List<String> journalLines(final Journal journal, final long from, final long to, final int type, final String symbol)
        throws Exception
    {
        final int id = journal.instruments().bySymbol(symbol).orElseThrow().id();
        final MessageJson json = new MessageJson(journal.instruments());
        final List<String> lines = new ArrayList<>();
        final boolean[] done = {false};
        try (JournalReader reader = journal.reader())
        {
            reader.toStart();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!done[0])
            {
                final int n = reader.poll((buffer, offset, length, index, watermark) ->
                {
                    final long seq = Envelope.sequence(buffer, offset);
                    done[0] |= seq >= to;
                    if (seq >= from && seq <= to && Envelope.isAccepted(buffer, offset) &&
                        Envelope.templateId(buffer, offset) == type && Envelope.instrumentId(buffer, offset) == id)
                    {
                        lines.add(json.format(buffer, offset));
                    }
                }, 65_536);
                if (n == 0 && !done[0])
                {
                    assertThat(System.nanoTime()).as("the journal reaches seq " + to).isLessThan(deadline);
                    Thread.sleep(10);
                }
            }
        }
        return lines;
    }
}
