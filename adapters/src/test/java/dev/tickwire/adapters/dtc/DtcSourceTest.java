package dev.tickwire.adapters.dtc;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dtc source end to end: a DTC test server on loopback plays scripted sessions, the real engine
 * (built from the config through the source factory) validates and journals, and the journal is read
 * back and compared with what the session must produce, message by message.
 */
class DtcSourceTest
{
    private static final String ES = "ESM25_FUT_CME";
    /** 2025-06-13T13:30:00Z, in seconds. */
    private static final double T0 = 1_749_821_400.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Engine engine;
    private DtcTestServer server;

    @BeforeEach
    void captureLogs()
    {
        logs.start();
        ((Logger)LoggerFactory.getLogger("dev.tickwire.dtc")).addAppender(logs);
    }

    @AfterEach
    void tearDown() throws IOException
    {
        try
        {
            if (engine != null)
            {
                final long errors = engine.counters().errors().get();
                engine.close();
                assertThat(errors).as("engine errors (exceptions in adapters or stages)").isZero();
            }
        }
        finally
        {
            if (server != null)
            {
                server.close();
                assertThat(server.failures).as("test server script failures").isEmpty();
            }
            ((Logger)LoggerFactory.getLogger("dev.tickwire.dtc")).detachAppender(logs);
        }
    }

    private ObjectNode source(final int heartbeatSeconds)
    {
        final ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("type", "dtc");
        s.put("name", "sc");
        s.put("host", "127.0.0.1");
        s.put("port", server.port());
        s.putArray("symbols").add(ES);
        s.put("depth", 5);
        s.put("heartbeatSeconds", heartbeatSeconds);
        s.put("reconnectMin", "5ms");
        s.put("reconnectMax", "50ms");
        return s;
    }

    private void start(final ObjectNode source)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.engine.ringSize = 1024;
        config.aeron.publish = false;
        config.sources.add(source);
        final List<FeedAdapter> adapters = Sources.create(config);
        assertThat(adapters).hasSize(1).first().isInstanceOf(DtcSource.class);
        engine = Engine.launch(config, adapters);
    }

    // ---------------------------------------------------------------- tests

    /** One session: the exact trades, quotes, book batches and definition the server's messages make. */
    @Test
    void sessionJournalsTradesQuotesAndBook() throws Exception
    {
        final Path password = dir.resolve("dtc-password");
        Files.writeString(password, "s3cret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        server = new DtcTestServer(peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.send(
                Dtc.level(1, Dtc.BID, 5000.00, 10, 1, true, false, T0, 3),
                Dtc.level(1, Dtc.BID, 4999.75, 20, 2, false, false, T0, 4),
                Dtc.level(1, Dtc.ASK, 5000.25, 15, 1, false, false, T0, 5),
                Dtc.level(1, Dtc.ASK, 5000.50, 25, 2, false, true, T0, 6),
                Dtc.bidAsk(1, 5000.00, 10f, 5000.25, 15f, (long)T0),
                Dtc.trade(1, Dtc.ASK, 5000.25, 2, T0 + 0.001),
                Dtc.TRADE_UNBUNDLED.build(Dtc.MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR, "SymbolID", 1,
                    "AtBidOrAsk", Dtc.BID, "UnbundledTradeIndicator", 1, "Price", 5000.00, "Volume", 3,
                    "DateTime", T0 + 0.002),
                Dtc.update(1, Dtc.BID, 5000.00, 7, 1, T0 + 0.002, 2),
                // a batch of updates: ask 5000.25 leaves, 5000.50 grows, and the bid steps up to 5000.25
                Dtc.UPDATE_LEVEL_MS.build(Dtc.MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS, "SymbolID", 1,
                    "DateTime", (long)(T0 * 1000) + 3, "Price", 5000.25f, "Quantity", 0f, "Side", Dtc.ASK,
                    "UpdateType", 2, "NumOrders", 0, "FinalUpdateInBatch", 3),
                Dtc.UPDATE_LEVEL_MS.build(Dtc.MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS, "SymbolID", 1,
                    "DateTime", (long)(T0 * 1000) + 3, "Price", 5000.50f, "Quantity", 30f, "Side", Dtc.ASK,
                    "UpdateType", 1, "NumOrders", 7, "FinalUpdateInBatch", 2),
                Dtc.UPDATE_LEVEL_MS.build(Dtc.MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS, "SymbolID", 1,
                    "DateTime", (long)(T0 * 1000) + 3, "Price", 5000.25f, "Quantity", 4f, "Side", Dtc.BID,
                    "UpdateType", 1, "NumOrders", 1, "FinalUpdateInBatch", 1),
                Dtc.BID_ASK_MS.build(Dtc.MARKET_DATA_UPDATE_BID_ASK_FLOAT_WITH_MILLISECONDS, "SymbolID", 1,
                    "BidPrice", 5000.25f, "BidQuantity", 4f, "AskPrice", Float.MAX_VALUE, "AskQuantity", 0f,
                    "DateTime", (long)(T0 * 1000) + 3));
            peer.holdUntilClosed();
        });
        final ObjectNode source = source(10);
        source.put("username", "trader");
        source.put("passwordFile", password.toString());
        start(source);

        final List<String> expected = List.of(
            "I ESM25_FUT_CME CME pe=-2 tick=0.25",
            "D clear buy snapshot ok",
            "D add buy 5000.00 10 3 snapshot ok",
            "D add buy 4999.75 20 4 snapshot ok",
            "D add sell 5000.25 15 5 snapshot ok",
            "D add sell 5000.50 25 6 snapshot|end_of_batch ok",
            "Q 5000.00 10 5000.25 15 ok",
            "T 5000.25 2 buy bid=5000.00 ask=5000.25 ok",
            "T 5000.00 3 sell bid=5000.00 ask=5000.25 ok",
            "D modify buy 5000.00 7 2 end_of_batch ok",
            "D delete sell 5000.25 0 0  ok",
            "D modify sell 5000.50 30 7  ok",
            "D modify buy 5000.25 4 1 end_of_batch ok",
            "Q 5000.25 4 5000.25 15 ok");
        awaitJournal(expected.size());
        assertThat(journal()).containsExactlyElementsOf(expected);
        assertThat(book()).containsExactly(Map.entry("A 500050", "30x7"), Map.entry("B 499975", "20x4"),
            Map.entry("B 500000", "7x2"), Map.entry("B 500025", "4x1"));
        assertThat(times()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L, 2L, 3L, 3L, 3L, 3L);
        assertThat(positionsIncrease()).isTrue();

        final byte[] logon = server.received.stream().filter(m -> m[2] == Dtc.LOGON_REQUEST).findFirst().orElseThrow();
        assertThat(Dtc.LOGON_REQ.text(logon, "Username")).isEqualTo("trader");
        assertThat(Dtc.LOGON_REQ.text(logon, "Password")).isEqualTo("s3cret");
        assertThat(Dtc.LOGON_REQ.integer(logon, "HeartbeatIntervalInSeconds")).isEqualTo(10);
        final byte[] depth = server.received.stream().filter(m -> m[2] == Dtc.MARKET_DEPTH_REQUEST).findFirst()
            .orElseThrow();
        assertThat(Dtc.SUBSCRIBE_DEPTH.text(depth, "Symbol")).isEqualTo(ES);
        assertThat(Dtc.SUBSCRIBE_DEPTH.integer(depth, "NumLevels")).isEqualTo(5);
        assertThat(Dtc.SUBSCRIBE_DEPTH.integer(depth, "SymbolID")).isEqualTo(1);
        assertThat(logLines()).noneMatch(l -> l.contains("s3cret"));
        assertThat(counter("malformed messages")).isZero();
    }

    /**
     * The server drops the connection: DISCONNECTED, a reconnect, an update sent before the new
     * snapshot dropped (out of order), the fresh snapshot as CLEAR + levels in one batch, then RESYNCED.
     * The new session's bytes arrive a few at a time.
     */
    @Test
    void reconnectsAfterADropWithAFreshSnapshot() throws Exception
    {
        server = new DtcTestServer(peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.send(Dtc.level(1, Dtc.BID, 5000.00, 10, 1, true, false, T0, 1),
                Dtc.level(1, Dtc.ASK, 5000.25, 10, 1, false, true, T0, 1),
                Dtc.trade(1, Dtc.ASK, 5000.25, 1, T0 + 0.001));
            Thread.sleep(100);
            peer.close();
        }, peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.sendSlowly(7, 1,
                Dtc.update(1, Dtc.BID, 4999.00, 1, 1, T0 + 5, 1),
                Dtc.level(1, Dtc.BID, 5001.00, 3, 1, true, false, T0 + 5, 2),
                Dtc.level(1, Dtc.ASK, 5001.25, 4, 1, false, true, T0 + 5, 2),
                Dtc.trade(1, Dtc.BID, 5001.00, 5, T0 + 5.001));
            peer.holdUntilClosed();
        });
        start(source(10));
        final List<String> expected = List.of(
            "I ESM25_FUT_CME CME pe=-2 tick=0.25",
            "D clear buy snapshot ok",
            "D add buy 5000.00 10 1 snapshot ok",
            "D add sell 5000.25 10 1 snapshot|end_of_batch ok",
            "T 5000.25 1 buy ok",
            "S disconnected 0",
            "D clear buy snapshot ok",
            "D add buy 5001.00 3 2 snapshot ok",
            "D add sell 5001.25 4 2 snapshot|end_of_batch ok",
            "S resynced",
            "T 5001.00 5 sell ok");
        awaitJournal(expected.size());
        final List<String> journal = journal().stream().map(l -> l.startsWith("S resynced") ? "S resynced" :
            l.replace(" bid=NONE ask=NONE", "")).collect(Collectors.toList());
        assertThat(journal).containsExactlyElementsOf(expected);
        assertThat(book()).containsExactly(Map.entry("A 500125", "4x2"), Map.entry("B 500100", "3x2"));
        assertThat(positionsIncrease()).isTrue();
        assertThat(counter("reconnects")).isEqualTo(1);
        assertThat(counter("depth messages out of order")).isEqualTo(1);
        assertThat(logLines()).anyMatch(l -> l.contains("depth update before the depth snapshot: dropped"));
    }

    /** A server that stops sending (and reading) is dropped after two heartbeats and reconnected. */
    @Test
    void missedHeartbeatsReconnect() throws Exception
    {
        server = new DtcTestServer(peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.send(Dtc.level(1, Dtc.BID, 5000.00, 10, 1, true, true, T0, 1));
            peer.silent(4_000);
        }, peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.send(Dtc.level(1, Dtc.ASK, 5000.25, 2, 1, true, true, T0 + 3, 1));
            for (int i = 0; i < 30; i++)
            {
                peer.send(Dtc.HEARTBEAT_MSG.build(Dtc.HEARTBEAT, "CurrentDateTime", (long)T0 + 3 + i));
                Thread.sleep(200);
            }
            peer.holdUntilClosed();
        });
        start(source(1));
        awaitJournal(7);
        final List<String> journal = journal();
        assertThat(journal).hasSize(7);
        assertThat(journal.get(3)).isEqualTo("S disconnected 0");
        assertThat(journal.subList(4, 6)).containsExactly("D clear buy snapshot ok",
            "D add sell 5000.25 2 1 snapshot|end_of_batch ok");
        assertThat(journal.get(6)).startsWith("S resynced");
        assertThat(counter("missed heartbeats")).isEqualTo(1);
        assertThat(book()).containsExactly(Map.entry("A 500025", "2x1"));
        // the client heartbeats once a second; the stalled session received at least one before the drop
        await("client heartbeats", () -> server.receivedTypes().stream().filter(t -> t == Dtc.HEARTBEAT).count() >= 2);
    }

    /**
     * Malformed input: a trade too short for its fields (journaled as a rejected trade), an unknown type
     * (skipped, counted), a depth level with a side DTC does not define (a rejected delta), each said
     * once; the neighbours are journaled as they are; then a message whose Size cannot frame anything
     * (0) forces a reconnect, after which the feed goes on.
     */
    @Test
    void malformedMessagesAreReportedCountedAndJournaledAsRejected() throws Exception
    {
        final byte[] shortTrade = java.util.Arrays.copyOf(Dtc.trade(1, Dtc.ASK, 5000.25, 1, T0), 20);
        shortTrade[0] = 20;
        final byte[] unknown = new byte[12];
        unknown[0] = 12;
        unknown[2] = (byte)(9999 & 0xFF);
        unknown[3] = (byte)(9999 >> 8);
        server = new DtcTestServer(peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.send(Dtc.level(1, Dtc.BID, 5000.00, 10, 1, true, true, T0, 1),
                Dtc.trade(1, Dtc.ASK, 5000.25, 1, T0 + 0.001),
                shortTrade,
                Dtc.trade(1, Dtc.BID, 5000.00, 2, T0 + 0.002),
                unknown,
                Dtc.update(1, 7, 5000.00, 1, 1, T0 + 0.003, 1),
                Dtc.trade(1, Dtc.ASK, 5000.25, 3, T0 + 0.004),
                new byte[] {0, 0, 3, 0});
            peer.holdUntilClosed();
        }, peer ->
        {
            peer.handshake(0.25f, 2, 1, true);
            peer.send(Dtc.level(1, Dtc.BID, 5000.00, 11, 1, true, true, T0 + 1, 1),
                Dtc.trade(1, Dtc.ASK, 5000.25, 4, T0 + 1.001));
            peer.holdUntilClosed();
        });
        start(source(10));
        final List<String> expected = List.of(
            "I ESM25_FUT_CME CME pe=-2 tick=0.25",
            "D clear buy snapshot ok",
            "D add buy 5000.00 10 1 snapshot|end_of_batch ok",
            "T 5000.25 1 buy bid=NONE ask=NONE ok",
            "T REJ malformed",
            "T 5000.00 2 sell bid=NONE ask=NONE ok",
            "D REJ malformed",
            "T 5000.25 3 buy bid=NONE ask=NONE ok",
            "S disconnected 0",
            "D clear buy snapshot ok",
            "D add buy 5000.00 11 1 snapshot|end_of_batch ok",
            "S resynced",
            "T 5000.25 4 buy bid=NONE ask=NONE ok");
        awaitJournal(expected.size());
        final List<String> journal = journal().stream().map(l -> l.startsWith("S resynced") ? "S resynced" : l)
            .collect(Collectors.toList());
        assertThat(journal).containsExactlyElementsOf(expected);
        assertThat(counter("malformed messages")).isEqualTo(3);
        assertThat(counter("unsupported message types")).isEqualTo(1);
        assertThat(logLines().stream().filter(l -> l.contains("unsupported message type 9999"))).hasSize(1);
        assertThat(logLines().stream().filter(l -> l.contains("shorter than its fields"))).hasSize(1);
        assertThat(logLines().stream().filter(l -> l.contains("framing lost"))).isNotEmpty();
        assertThat(positionsIncrease()).isTrue();
    }

    // ---------------------------------------------------------------- journal

    private List<JsonNode> messages()
    {
        final List<JsonNode> out = new ArrayList<>();
        final MessageJson json = new MessageJson(engine.instruments());
        try (JournalReader reader = engine.journal().reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                final String line = json.format(buffer, offset);
                if (line != null)
                {
                    try
                    {
                        out.add(JSON.readTree(line));
                    }
                    catch (final IOException ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                }
            }, 1000) > 0)
            {
                // to the end
            }
        }
        return out.stream().filter(m -> !(m.path("type").asText().equals("status") &&
            m.path("status").asText().equals("heartbeat"))).collect(Collectors.toList());
    }

    /** The journal as short lines (engine heartbeats left out). */
    private List<String> journal()
    {
        return messages().stream().map(DtcSourceTest::line).collect(Collectors.toList());
    }

    private static String line(final JsonNode m)
    {
        final String v = m.path("verdict").asText().equals("accepted") ? "ok" : "REJ " + m.path("reason").asText();
        switch (m.path("type").asText())
        {
            case "instrument":
                return "I " + m.path("symbol").asText() + " " + m.path("venue").asText() + " pe=" +
                    m.path("price_exponent").asText() + " tick=" + m.path("tick_size").asText();
            case "trade":
                return v.equals("ok") ? "T " + m.path("price").asText() + " " + m.path("size").asText() + " " +
                    m.path("side").asText() + " bid=" + none(m.path("bid")) + " ask=" + none(m.path("ask")) + " " + v :
                    "T " + v;
            case "quote":
                return "Q " + m.path("bid").asText() + " " + m.path("bid_size").asText() + " " + m.path("ask").asText() +
                    " " + m.path("ask_size").asText() + " " + v;
            case "book_delta":
                if (!v.equals("ok"))
                {
                    return "D " + v;
                }
                return m.path("action").asText().equals("clear") ?
                    "D clear " + m.path("side").asText() + " " + m.path("flags").asText() + " " + v :
                    "D " + m.path("action").asText() + " " + m.path("side").asText() + " " + m.path("price").asText() +
                    " " + m.path("size").asText() + " " + m.path("orders").asText() + " " + m.path("flags").asText() +
                    " " + v;
            case "status":
                return "S " + m.path("status").asText() + " " + m.path("value").asText();
            default:
                return m.toString();
        }
    }

    private static String none(final JsonNode n)
    {
        return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? "NONE" : n.asText();
    }

    /** Event times of the market messages, in ms after T0. */
    private List<Long> times()
    {
        return messages().stream().filter(m -> !m.path("type").asText().equals("status"))
            .map(m -> m.path("type").asText().equals("instrument") ? 0L :
                (java.time.Instant.parse(m.path("ts").asText()).toEpochMilli() - (long)(T0 * 1000)))
            .collect(Collectors.toList());
    }

    private boolean positionsIncrease()
    {
        long last = Long.MIN_VALUE;
        for (final JsonNode m : messages())
        {
            if (m.path("type").asText().equals("instrument") || m.path("source").asInt() == 65535)
            {
                continue;
            }
            final long p = m.path("source_pos").asLong();
            if (p <= last)
            {
                return false;
            }
            last = p;
        }
        return true;
    }

    private void awaitJournal(final int n)
    {
        await(() -> n + " messages; journal now: " + journal() + "\nlogs: " + logLines(), () -> journal().size() >= n);
        // nothing more may come
        try
        {
            Thread.sleep(100);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The book rebuilt from the journal's accepted deltas with the engine's applier: "B 500000" → "10x3". */
    private Map<String, String> book()
    {
        final int id = engine.instruments().bySymbol(ES).orElseThrow().id();
        final L2Book book = new L2Book(id, 64);
        final BookApplier applier = new BookApplier();
        try (JournalReader reader = engine.journal().reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA &&
                    Envelope.instrumentId(buffer, offset) == id && Envelope.isAccepted(buffer, offset))
                {
                    applier.apply(book, buffer, offset);
                }
            }, 1000) > 0)
            {
                // to the end
            }
        }
        final Map<String, String> levels = new TreeMap<>();
        book.forEachLevel(L2Book.BID, Integer.MAX_VALUE, (side, i, price, size, orders) ->
            levels.put("B " + price, size + "x" + orders));
        book.forEachLevel(L2Book.ASK, Integer.MAX_VALUE, (side, i, price, size, orders) ->
            levels.put("A " + price, size + "x" + orders));
        book.close();
        return levels;
    }

    private long counter(final String labelPart)
    {
        try (CountersFile file = CountersFile.open(dir.resolve("data").resolve("counters.dat")))
        {
            final CountersReader reader = file.reader();
            final List<Long> values = new ArrayList<>();
            final List<String> labels = new ArrayList<>();
            reader.forEach((id, type, key, label) ->
            {
                if (label.contains(labelPart))
                {
                    values.add(reader.getCounterValue(id));
                    labels.add(label);
                }
            });
            assertThat(values).as("counters labelled '%s': %s", labelPart, labels).hasSize(1);
            return values.get(0);
        }
    }

    private List<String> logLines()
    {
        synchronized (logs)
        {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        await(() -> what, condition);
    }

    private static void await(final Supplier<String> what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
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
}
