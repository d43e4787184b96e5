package dev.tickwire.adapters.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local stand-in for Binance USDⓈ-M futures and Deribit on loopback (the JDK's HTTP server), serving their real
 * URL layouts with recorded, real-shaped JSON (src/test/resources/rest): history endpoints filter their rows by
 * {@code startTime}/{@code endTime} and cut them at {@code limit} as the exchanges do. Faults are queued per path
 * (a status with headers, a delay, a body) or switched on for every path (an outage). Every request is recorded with
 * its arrival time, so tests assert on what the server saw, not on wall-clock speed.
 */
public final class RestTestServer implements AutoCloseable
{
    /** One request as the server saw it. */
    record Request(long atNs, String path, Map<String, String> query, String apiKey)
    {
    }

    /** What to answer instead of the data, once. */
    record Fault(int status, String body, long delayMs, String... headers)
    {
        static Fault status(final int status, final String... headers)
        {
            return new Fault(status, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", 0, headers);
        }

        static Fault delay(final long ms)
        {
            return new Fault(200, null, ms);
        }

        static Fault body(final String body)
        {
            return new Fault(200, body, 0);
        }
    }

    /** A kline row as Binance writes it. */
    public record Kline(long openTime, String open, String high, String low, String close, String volume, long closeTime,
        int trades, String takerBuy)
    {
        public String json()
        {
            return "[" + openTime + ",\"" + open + "\",\"" + high + "\",\"" + low + "\",\"" + close + "\",\"" + volume +
                "\"," + closeTime + ",\"0\"," + trades + ",\"" + takerBuy + "\",\"0\",\"0\"]";
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    public final Map<String, List<String>> klines = new ConcurrentHashMap<>();
    final Map<String, List<String>> funding = new ConcurrentHashMap<>();
    /** Open-interest history rows: timestamp → sumOpenInterest. */
    final Map<Long, String> openInterestHistory = Collections.synchronizedMap(new java.util.TreeMap<>());
    final long startMs = System.currentTimeMillis();
    volatile String openInterestNow;
    volatile int outageStatus;
    volatile String usedWeight = "12";
    /**
     * The server's own limit: requests per fixed wall-clock window of {@link #limitWindowMs} (as Binance counts per
     * minute), above it 429 with Retry-After: the seconds to the window's end (0: no limit).
     */
    public volatile int limitPerSecond;
    public volatile long limitWindowMs = 1000;
    public final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();
    private long window;
    private int inWindow;
    /** Serve history from its start whatever the client asks: every page re-sends what the client has. */
    volatile boolean ignoreStartTime;
    private final Map<String, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, String> fixed = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    public RestTestServer()
    {
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        klines.put("BTCUSDT 1m", new CopyOnWriteArrayList<>(rows(resource("binance-klines-BTCUSDT-1m.json"))));
        funding.put("BTCUSDT", new CopyOnWriteArrayList<>(rows(resource("binance-fundingRate-BTCUSDT.json"))));
        fixed.put("/fapi/v1/exchangeInfo", resource("binance-exchangeInfo.json"));
        fixed.put("/fapi/v1/premiumIndex?symbol=BTCUSDT", resource("binance-premiumIndex-BTCUSDT.json"));
        fixed.put("/api/v2/public/get_instruments?currency=BTC", resource("deribit-get_instruments-BTC-option.json"));
        fixed.put("/api/v2/public/get_book_summary_by_currency?currency=BTC",
            resource("deribit-get_book_summary_by_currency-BTC-option.json"));
        fixed.put("/api/v2/public/get_instrument?instrument_name=BTC-29MAR24-60000-C",
            resource("deribit-get_instrument-BTC-29MAR24-60000-C.json"));
        fixed.put("/api/v2/public/ticker?instrument_name=BTC-29MAR24-60000-C",
            resource("deribit-ticker-BTC-29MAR24-60000-C.json"));
        // open interest: 5-minute history over the last hour before the server started, and a current value
        final long last = startMs / 300_000L * 300_000L - 300_000L;
        for (int k = 11; k >= 0; k--)
        {
            openInterestHistory.put(last - k * 300_000L, k == 5 ? "81205.12345678" : (81200 + k) + ".50000000");
        }
        openInterestNow = "81300.123";
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request of {@code path} with these faults, in order. */
    void fault(final String path, final Fault... next)
    {
        faults.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(next));
    }

    /** Every request answered with this status until set back to 0. */
    public void outage(final int status)
    {
        outageStatus = status;
    }

    List<Request> requests(final String path)
    {
        return requests.stream().filter(r -> r.path.equals(path)).toList();
    }

    /** Synthetic 1m klines of {@code symbol} for the last {@code minutes} minutes, the bar still open included. */
    public int requestCount()
    {
        return requests.size();
    }

    public void liveKlines(final String symbol, final int minutes)
    {
        final long now = System.currentTimeMillis();
        final long open = now / 60_000L * 60_000L;
        final List<String> rows = new ArrayList<>();
        for (int m = minutes; m >= 0; m--)
        {
            final long t = open - m * 60_000L;
            final String price = (60000 + m) + ".50";
            rows.add(new Kline(t, price, price, price, price, "1.000", t + 59_999, 10, "0.500").json());
        }
        klines.put(symbol + " 1m", new CopyOnWriteArrayList<>(rows));
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final String path = exchange.getRequestURI().getPath();
        final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        requests.add(new Request(System.nanoTime(), path, query,
            exchange.getRequestHeaders().getFirst("X-MBX-APIKEY")));
        if (ignoreStartTime)
        {
            query.remove("startTime");
        }
        try
        {
            if (overLimit())
            {
                throttled.incrementAndGet();
                final long toEndMs = limitWindowMs - System.currentTimeMillis() % limitWindowMs;
                exchange.getResponseHeaders().add("Retry-After", String.valueOf((toEndMs + 999) / 1000));
                send(exchange, 429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is " +
                    limitPerSecond + " requests per " + limitWindowMs / 1000 + " s.\"}");
                return;
            }
            final ConcurrentLinkedQueue<Fault> queued = faults.get(path);
            final Fault fault = queued == null ? null : queued.poll();
            if (fault != null && fault.delayMs > 0)
            {
                sleep(fault.delayMs);
            }
            if (outageStatus != 0)
            {
                send(exchange, outageStatus, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
                return;
            }
            if (fault != null && (fault.status != 200 || fault.body != null))
            {
                for (int i = 0; i + 1 < fault.headers.length; i += 2)
                {
                    exchange.getResponseHeaders().add(fault.headers[i], fault.headers[i + 1]);
                }
                send(exchange, fault.status, fault.body);
                return;
            }
            final String body = answer(path, query);
            if (body == null)
            {
                send(exchange, 404, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
                return;
            }
            exchange.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", usedWeight);
            send(exchange, 200, body);
        }
        finally
        {
            exchange.close();
        }
    }

    private synchronized boolean overLimit()
    {
        if (limitPerSecond <= 0)
        {
            return false;
        }
        final long second = System.currentTimeMillis() / limitWindowMs;
        if (second != window)
        {
            window = second;
            inWindow = 0;
        }
        return ++inWindow > limitPerSecond;
    }

    private String answer(final String path, final Map<String, String> q)
    {
        switch (path)
        {
            case "/fapi/v1/klines":
            {
                final List<String> rows = klines.get(q.get("symbol") + " " + q.get("interval"));
                return rows == null ? null : page(rows, r -> Long.parseLong(r.substring(1, r.indexOf(','))), q, 500);
            }
            case "/fapi/v1/fundingRate":
            {
                final List<String> rows = funding.get(q.get("symbol"));
                return rows == null ? null : page(rows, r -> number(r, "fundingTime"), q, 100);
            }
            case "/futures/data/openInterestHist":
            {
                final List<String> rows = new ArrayList<>();
                synchronized (openInterestHistory)
                {
                    openInterestHistory.forEach((t, v) -> rows.add("{\"symbol\":\"" + q.get("symbol") +
                        "\",\"sumOpenInterest\":\"" + v + "\",\"sumOpenInterestValue\":\"5041239876.12345678\"," +
                        "\"timestamp\":\"" + t + "\"}"));
                }
                return page(rows, r -> Long.parseLong(r.substring(r.indexOf("\"timestamp\":\"") + 13, r.length() - 2)), q, 30);
            }
            case "/fapi/v1/openInterest":
                return "{\"openInterest\":\"" + openInterestNow + "\",\"symbol\":\"" + q.get("symbol") + "\",\"time\":" +
                    startMs + "}";
            default:
            {
                final String key = q.isEmpty() ? path : path + "?" + q.entrySet().stream()
                    .filter(e -> e.getKey().equals("symbol") || e.getKey().equals("currency") ||
                        e.getKey().equals("instrument_name"))
                    .map(e -> e.getKey() + "=" + e.getValue()).findFirst().orElse("");
                return fixed.getOrDefault(key, fixed.get(path));
            }
        }
    }

    /** The rows at or after startTime (and at or before endTime), at most limit, as the history endpoints cut them. */
    private static String page(final List<String> rows, final Function<String, Long> time, final Map<String, String> q,
        final int defaultLimit)
    {
        final long from = q.containsKey("startTime") ? Long.parseLong(q.get("startTime")) : Long.MIN_VALUE;
        final long to = q.containsKey("endTime") ? Long.parseLong(q.get("endTime")) : Long.MAX_VALUE;
        final int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : defaultLimit;
        final List<String> out = new ArrayList<>();
        for (final String row : rows)
        {
            final long t = time.apply(row);
            if (t >= from && t <= to && out.size() < limit)
            {
                out.add(row);
            }
        }
        return "[" + String.join(",", out) + "]";
    }

    private static long number(final String row, final String field)
    {
        final int at = row.indexOf("\"" + field + "\":") + field.length() + 3;
        int end = at;
        while (end < row.length() && Character.isDigit(row.charAt(end)))
        {
            end++;
        }
        return Long.parseLong(row.substring(at, end));
    }

    private static void send(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0)
        {
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(final String raw)
    {
        final Map<String, String> out = new HashMap<>();
        if (raw == null)
        {
            return out;
        }
        for (final String pair : raw.split("&"))
        {
            final int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The rows of a recorded JSON array, one string each (the files hold one row per line). */
    static List<String> rows(final String json)
    {
        final List<String> out = new ArrayList<>();
        for (final String line : json.split("\n"))
        {
            final String t = line.strip();
            if (t.startsWith("[1") || t.startsWith("{"))
            {
                out.add(t.endsWith(",") ? t.substring(0, t.length() - 1) : t);
            }
        }
        return out;
    }

    static String resource(final String name)
    {
        try (InputStream in = RestTestServer.class.getResourceAsStream("/rest/" + name))
        {
            if (in == null)
            {
                throw new IllegalStateException("no resource /rest/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
