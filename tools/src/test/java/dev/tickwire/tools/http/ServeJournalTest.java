package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.tools.TickwireCli;
import dev.tickwire.tools.http.HttpTestClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over a real journal written by the engine with the synthetic adapter, compared with what
 * {@code tickwire dump} reads from the same journal; then reads while an engine keeps writing.
 */
class ServeJournalTest
{
    /** The fields a /tas row shares with a {@code tickwire dump} trade line. */
    private static final List<String> TRADE_FIELDS =
        List.of("seq", "ts", "ts_ns", "recv_ns", "price", "size", "side", "bid", "ask", "trade_id");

    @TempDir
    static Path dir;

    private static TickwireConfig config;
    private static JournalQueries queries;
    private static Path journalDir;
    private static KeyStore keys;
    private static ApiServer server;
    private static HttpTestClient http;
    private static String key;
    /** Every journaled message, as dump prints it. */
    private static List<JsonNode> dump;

    @BeforeAll
    static void writeJournalAndServeIt() throws Exception
    {
        config = engineConfig(dir.resolve("data"), 0, 5_000, "2026-01-02T14:30:00Z");
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!engine.adaptersDone())
            {
                assertThat(System.nanoTime()).as("the synthetic source finishes").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(engine.awaitDrained(30, TimeUnit.SECONDS)).isTrue();
        }
        final KeysCommandTest.Result dumped = KeysCommandTest.run("dump", "--journal", config.journalPath().toString());
        assertThat(dumped.exitCode()).as(dumped.err()).isZero();
        dump = new ArrayList<>();
        for (final String line : dumped.out().split("\n"))
        {
            if (!line.isBlank())
            {
                dump.add(HttpTestClient.JSON.readTree(line));
            }
        }
        keys = KeyStore.open(dir.resolve("api-keys.json"));
        key = keys.create("reader", false).key();
        journalDir = config.journalPath();
        queries = JournalQueries.open(config.journalPath());
        server = new ApiServer(queries, keys).start("127.0.0.1", 0);
        http = new HttpTestClient(server.port());
    }

    @AfterAll
    static void stop()
    {
        if (server != null)
        {
            server.close();
        }
        if (queries != null)
        {
            queries.close();
        }
    }

    static TickwireConfig engineConfig(final Path dataDir, final long rate, final long count, final String startTime)
    {
        final TickwireConfig cfg = new TickwireConfig();
        cfg.dataDir = dataDir.toString();
        cfg.aeron.publish = false;
        cfg.engine.ringSize = 1024;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("id", 1);
        source.put("rate", rate);
        source.put("count", count);
        source.put("seed", 7);
        if (startTime != null)
        {
            source.put("startTime", startTime);
        }
        cfg.sources.add(source);
        return cfg.conclude();
    }

    private static List<JsonNode> dumpedTrades(final String symbol)
    {
        return dump.stream().filter(l -> l.get("type").asText().equals("trade") &&
            l.get("symbol").asText().equals(symbol) && l.get("verdict").asText().equals("accepted")).toList();
    }

    private static Map<String, Object> tradeFields(final JsonNode row)
    {
        final Map<String, Object> fields = new HashMap<>();
        for (final String f : TRADE_FIELDS)
        {
            final JsonNode v = row.get(f);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().equals("null")))
            {
                fields.put(f, v.asText());
            }
        }
        return fields;
    }

    @Test
    void contractsCountWhatTheJournalHolds() throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (final String symbol : List.of("ESZ6", "NQZ6"))
        {
            final Map<String, Long> expected = new HashMap<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (final JsonNode l : dump)
            {
                final String type = l.get("type").asText();
                if (!l.path("symbol").asText().equals(symbol) || type.equals("instrument") || type.equals("status"))
                {
                    continue;
                }
                if (l.get("verdict").asText().equals("rejected"))
                {
                    expected.merge("rejected", 1L, Long::sum);
                    continue;
                }
                expected.merge(type.equals("book_delta") ? "book_deltas" : type + "s", 1L, Long::sum);
                first = Math.min(first, l.get("ts_ns").asLong());
                last = Math.max(last, l.get("ts_ns").asLong());
            }
            JsonNode contract = null;
            while (System.nanoTime() < deadline) // the statistics follow the journal in the background
            {
                contract = contract(http.get("/contracts", key), symbol);
                if (contract != null && contract.get("counts").get("trades").asLong() == expected.getOrDefault("trades", 0L) &&
                    contract.get("counts").get("book_deltas").asLong() == expected.getOrDefault("book_deltas", 0L))
                {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(contract).as(symbol).isNotNull();
            assertThat(contract.get("venue").asText()).isEqualTo("SYNTH");
            assertThat(contract.get("counts").get("trades").asLong()).isEqualTo(expected.getOrDefault("trades", 0L)).isPositive();
            assertThat(contract.get("counts").get("quotes").asLong()).isEqualTo(expected.getOrDefault("quotes", 0L));
            assertThat(contract.get("counts").get("book_deltas").asLong()).isEqualTo(expected.getOrDefault("book_deltas", 0L));
            assertThat(contract.get("counts").get("rejected").asLong()).isEqualTo(expected.getOrDefault("rejected", 0L));
            assertThat(contract.get("first_event_ns").asLong()).isEqualTo(first);
            assertThat(contract.get("last_event_ns").asLong()).isEqualTo(last);
            assertThat(contract.get("first_event").asText()).startsWith("2026-01-02T14:30:");
        }
    }

    private static JsonNode contract(final Response contracts, final String symbol)
    {
        assertThat(contracts.status()).isEqualTo(200);
        for (final JsonNode c : contracts.json())
        {
            if (c.get("symbol").asText().equals(symbol))
            {
                return c;
            }
        }
        return null;
    }

    @Test
    void timeAndSalesEqualsTheJournalsTrades()
    {
        for (final String symbol : List.of("ESZ6", "NQZ6"))
        {
            final List<JsonNode> expected = dumpedTrades(symbol);
            assertThat(expected).hasSizeGreaterThan(100);
            final Response all = http.get("/contracts/" + symbol + "/tas?limit=100000", key);
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++)
            {
                assertThat(tradeFields(all.json().get(i))).as(symbol + " trade " + i).isEqualTo(tradeFields(expected.get(i)));
            }

            // a window: start and end inclusive, ISO-8601 and epoch ns alike
            final long from = expected.get(10).get("ts_ns").asLong();
            final long to = expected.get(60).get("ts_ns").asLong();
            final List<Map<String, Object>> inWindow = expected.stream()
                .filter(t -> t.get("ts_ns").asLong() >= from && t.get("ts_ns").asLong() <= to).map(ServeJournalTest::tradeFields).toList();
            final Response window = http.get("/contracts/" + symbol + "/tas?start_time=" + from + "&end_time=" +
                expected.get(60).get("ts").asText(), key);
            assertThat(window.status()).isEqualTo(200);
            final List<Map<String, Object>> got = new ArrayList<>();
            window.json().forEach(r -> got.add(tradeFields(r)));
            assertThat(got).isEqualTo(inWindow);

            // limit: the first rows of the range
            final Response limited = http.get("/contracts/" + symbol + "/tas?limit=7", key);
            assertThat(limited.json()).hasSize(7);
            assertThat(tradeFields(limited.json().get(6))).isEqualTo(tradeFields(expected.get(6)));

            // pages: the cursor of each full page walks the whole range, every trade once, in order
            final List<Map<String, Object>> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do
            {
                final Response page = http.get("/contracts/" + symbol + "/tas?limit=40" +
                    (cursor == null ? "" : "&cursor=" + cursor), key);
                assertThat(page.status()).isEqualTo(200);
                page.json().forEach(r -> paged.add(tradeFields(r)));
                cursor = page.raw().headers().firstValue(ApiServer.NEXT_CURSOR_HEADER).orElse(null);
                pages++;
            }
            while (cursor != null);
            assertThat(paged).isEqualTo(expected.stream().map(ServeJournalTest::tradeFields).toList());
            assertThat(pages).isEqualTo(expected.size() / 40 + 1);
            assertThat(http.get("/contracts/" + symbol + "/tas?cursor=nonsense", key).status()).isEqualTo(400);
        }
        // the default limit is 1000
        final Response defaults = http.get("/contracts/ESZ6/tas", key);
        assertThat(defaults.json()).hasSize(Math.min(1000, dumpedTrades("ESZ6").size()));
    }

    @Test
    void orderBooksAreWellFormedAndBestFirst()
    {
        final List<JsonNode> trades = dumpedTrades("ESZ6");
        final String middle = trades.get(trades.size() / 2).get("ts").asText();
        for (final String query : List.of("", "?levels=3", "?timestamp=" + middle, "?timestamp=" + middle + "&levels=1000"))
        {
            for (final String symbol : List.of("ESZ6", "NQZ6"))
            {
                final Response r = http.get("/contracts/" + symbol + "/orderbook" + query, key);
                assertThat(r.status()).as(query).isEqualTo(200);
                final JsonNode book = r.json();
                assertThat(book.get("symbol").asText()).isEqualTo(symbol);
                final int max = query.contains("levels=3") ? 3 : query.contains("levels=1000") ? 1000 : 10;
                final List<BigDecimal> bids = prices(book.get("bids"), max);
                final List<BigDecimal> asks = prices(book.get("asks"), max);
                assertThat(bids).as(symbol + query).isNotEmpty().isSortedAccordingTo((a, b) -> b.compareTo(a)).doesNotHaveDuplicates();
                assertThat(asks).as(symbol + query).isNotEmpty().isSorted().doesNotHaveDuplicates();
                assertThat(bids.get(0)).as("best bid below best ask").isLessThan(asks.get(0));
                if (query.contains("timestamp"))
                {
                    assertThat(book.get("ts").asText()).isEqualTo(middle);
                }
            }
        }
    }

    private static List<BigDecimal> prices(final JsonNode levels, final int max)
    {
        assertThat(levels.size()).isLessThanOrEqualTo(max);
        final List<BigDecimal> prices = new ArrayList<>();
        for (final JsonNode level : levels)
        {
            assertThat(level.get("price").isTextual()).isTrue();
            assertThat(new BigDecimal(level.get("size").asText())).isPositive();
            assertThat(level.get("orders").asInt()).isNotNegative();
            prices.add(new BigDecimal(level.get("price").asText()));
        }
        return prices;
    }

    @Test
    void unknownSymbolIs404()
    {
        final Response r = http.get("/contracts/NOPE/tas", key);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("NOPE");
        assertThat(http.get("/contracts/NOPE/orderbook", key).status()).isEqualTo(404);
    }

    @Test
    void barsAndBooksAreTheSameObjectsAsTheCommandLinePrints() throws Exception
    {
        // one row mapper: before it, the API's bars had start_ns/end_ns and the command's first_event/last_event
        final Response r = http.get("/contracts/ESZ6/bars?interval=ticks:50&limit=100000", key);
        assertThat(r.status()).as(r.error()).isEqualTo(200);
        final KeysCommandTest.Result cli = KeysCommandTest.run("bars", "--journal", journalDir.toString(), "--symbol", "ESZ6",
            "--ticks", "50", "--format", "jsonl");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        final List<JsonNode> printed = new ArrayList<>();
        for (final String line : cli.out().split("\n"))
        {
            if (!line.isBlank())
            {
                printed.add(HttpTestClient.JSON.readTree(line));
            }
        }
        final List<JsonNode> served = new ArrayList<>();
        r.json().forEach(served::add);
        assertThat(served).hasSizeGreaterThan(5).containsExactlyElementsOf(printed);
        assertThat(served.get(0).has("start_ns")).isTrue();

        final String at = dumpedTrades("ESZ6").get(10).get("ts").asText();
        final JsonNode book = http.get("/contracts/ESZ6/orderbook?timestamp=" + at + "&levels=5", key).json();
        final KeysCommandTest.Result bookCli = KeysCommandTest.run("book", "--journal", journalDir.toString(), "--symbol",
            "ESZ6", "--at", at, "--levels", "5");
        assertThat(book).isEqualTo(HttpTestClient.JSON.readTree(bookCli.out()));
    }

    @Test
    void newTicksShowUpWhileTheEngineWrites() throws Exception
    {
        final TickwireConfig live = engineConfig(dir.resolve("live"), 2_000, 0, null);
        try (Engine engine = Engine.launch(live, Sources.create(live));
             JournalQueries liveQueries = JournalQueries.open(live.journalPath());
             ApiServer liveServer = new ApiServer(liveQueries, keys).start("127.0.0.1", 0))
        {
            assertThat(engine.adaptersDone()).as("an endless source").isFalse();
            final HttpTestClient client = new HttpTestClient(liveServer.port());
            // /contracts: last_event_ns advances
            final long firstSeen = awaitLastEvent(client, Long.MIN_VALUE, 10_000);
            final long advanced = awaitLastEvent(client, firstSeen, 3_000);
            assertThat(advanced).isGreaterThan(firstSeen);

            // /tas: a trade newer than the newest one seen shows up within a couple of seconds
            final JsonNode seen = client.get("/contracts/ESZ6/tas?start_time=" + firstSeen + "&limit=100000", key).json();
            assertThat(seen).isNotEmpty();
            final JsonNode newest = seen.get(seen.size() - 1);
            final long start = System.nanoTime();
            final long deadline = start + TimeUnit.SECONDS.toNanos(3);
            JsonNode newer = null;
            while (newer == null && System.nanoTime() < deadline)
            {
                final Response r = client.get("/contracts/ESZ6/tas?start_time=" + (newest.get("ts_ns").asLong() + 1) + "&limit=10", key);
                assertThat(r.status()).isEqualTo(200);
                if (!r.json().isEmpty())
                {
                    newer = r.json().get(0);
                }
                else
                {
                    Thread.sleep(20);
                }
            }
            assertThat(newer).as("a new trade within 3 s").isNotNull();
            assertThat(newer.get("seq").asLong()).isGreaterThan(newest.get("seq").asLong());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
            // and the live book is well-formed too
            final JsonNode book = client.get("/contracts/ESZ6/orderbook", key).json();
            assertThat(prices(book.get("bids"), 10)).isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(prices(book.get("asks"), 10)).isSorted();
        }
    }

    private static long awaitLastEvent(final HttpTestClient client, final long after, final long timeoutMs) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            final JsonNode es = contract(client.get("/contracts", key), "ESZ6");
            if (es != null && !es.get("last_event_ns").isNull() && es.get("last_event_ns").asLong() > after)
            {
                return es.get("last_event_ns").asLong();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("ESZ6's last_event_ns did not pass " + after + " within " + timeoutMs + " ms");
    }

    @Test
    void serveCommandServesTheJournalUntilStopped() throws Exception
    {
        final Path keyFile = dir.resolve("serve-keys.json");
        final String admin = KeyStore.open(keyFile).create("ops", true).key();
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream oldOut = System.out;
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread serve;
        final int port;
        System.setOut(new PrintStream(new TeeStream(captured, oldOut), true, StandardCharsets.UTF_8));
        try
        {
            serve = new Thread(() -> exit.set(TickwireCli.commandLine().execute("serve", "--journal",
                config.journalPath().toString(), "--port", "0", "--keys", keyFile.toString())), "serve-under-test");
            serve.start();
            final Pattern url = Pattern.compile("tickwire API on http://127\\.0\\.0\\.1:(\\d+) ");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Matcher m = url.matcher("");
            boolean found = false;
            while (!found && System.nanoTime() < deadline && serve.isAlive())
            {
                m = url.matcher(captured.toString(StandardCharsets.UTF_8));
                found = m.find();
                if (!found)
                {
                    Thread.sleep(20);
                }
            }
            assertThat(found).as("serve printed its URL: " + captured).isTrue();
            port = Integer.parseInt(m.group(1));
        }
        finally
        {
            System.setOut(oldOut);
        }
        try
        {
            final HttpTestClient client = new HttpTestClient(port);
            assertThat(client.get("/health", null).status()).isEqualTo(200);
            assertThat(client.get("/contracts", null).status()).isEqualTo(401);
            final Response contracts = client.get("/contracts", admin);
            assertThat(contracts.status()).isEqualTo(200);
            assertThat(contracts.json()).hasSize(2);
            assertThat(client.get("/contracts/ESZ6/tas?limit=3", admin).json()).hasSize(3);
            assertThat(client.get("/keys", admin).json().get(0).get("name").asText()).isEqualTo("ops");
        }
        finally
        {
            serve.interrupt(); // stands for Ctrl-C
            serve.join(15_000);
        }
        assertThat(serve.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(config.journalPath().toAbsolutePath().getParent().resolve("logs/tickwire-serve.log"))
            .as("serve's log file, beside the journal").isRegularFile();
    }

    /** Writes to a buffer and to the real stdout. */
    private static final class TeeStream extends OutputStream
    {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(final OutputStream a, final OutputStream b)
        {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(final int c) throws java.io.IOException
        {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(final byte[] bytes, final int off, final int len) throws java.io.IOException
        {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
