package dev.tickwire.adapters.tardis.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Tardis.dev on loopback, with its URL layout and status codes: the datasets API
 * ({@code /v1/{exchange}/{type}/{YYYY}/{MM}/{DD}/{SYMBOL}.csv.gz}: a key as {@code Authorization: Bearer},
 * none needed for the first day of a month, 401 for a bad or missing key, 404 for a file it does not
 * have), {@code /v1/exchanges/{id}} (public) and {@code /v1/instruments/{id}} (a key). Files and JSON
 * come from the recorded responses under {@code tardis-api/} on the class path unless a test gives its
 * own. Faults are scripted per path: the next requests of a path answer 429 with Retry-After, 500/503,
 * a body cut short, or a body that stalls.
 */
public final class TardisTestServer implements AutoCloseable
{
    static final String BAD_KEY_BODY = "{\"code\":100,\"message\":\"Invalid 'Authorization' header provided. Make sure " +
        "'Authorization: Bearer YOUR_API_KEY' header is provided and API key is valid.\"}";
    private static final Pattern DAY_FILE = Pattern.compile("/v1/[^/]+/[^/]+/\\d{4}/\\d{2}/(\\d{2})/[^/]+\\.csv\\.gz");

    /** One request as received. */
    public record Request(String path, String authorization)
    {
    }

    /** What a scripted request gets instead of the file. */
    public record Fault(int status, String retryAfter, int cutAfterBytes, long stallMs)
    {
        public static Fault status(final int status)
        {
            return new Fault(status, null, -1, 0);
        }

        public static Fault throttled(final String retryAfter)
        {
            return new Fault(429, retryAfter, -1, 0);
        }

        /** The headers promise the whole file; the connection drops after this many bytes. */
        public static Fault cut(final int bytes)
        {
            return new Fault(200, null, bytes, 0);
        }

        /** The headers and a first chunk, then nothing for this long. */
        public static Fault stall(final long ms)
        {
            return new Fault(200, null, 16, ms);
        }
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r ->
    {
        final Thread t = new Thread(r, "tardis-test-server");
        t.setDaemon(true);
        return t;
    });
    private final String apiKey;
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private volatile Function<String, byte[]> datasets = path -> resource("/tardis-api/datasets" + path);
    private volatile Function<String, byte[]> api = path -> resource("/tardis-api/api" + path + ".json");

    /** @param apiKey the one key it takes */
    public TardisTestServer(final String apiKey)
    {
        this.apiKey = apiKey;
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** e.g. http://127.0.0.1:41234: both the API and the datasets endpoint. */
    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Day files by URL path (from /v1), null for none: e.g. generated ones for a benchmark. */
    public TardisTestServer datasets(final Function<String, byte[]> files)
    {
        this.datasets = files;
        return this;
    }

    /** The next requests of {@code path} get these, in order; then the file again. */
    public void script(final String path, final Fault... next)
    {
        faults.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(next));
    }

    public long requestsFor(final String path)
    {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String path = exchange.getRequestURI().getRawPath();
            final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(path, authorization));
            final Matcher day = DAY_FILE.matcher(path);
            if (path.startsWith("/v1/exchanges/"))
            {
                json(exchange, api.apply(path));
            }
            else if (path.startsWith("/v1/instruments/"))
            {
                if (!keyed(authorization))
                {
                    send(exchange, 401, BAD_KEY_BODY.getBytes(StandardCharsets.UTF_8), null);
                    return;
                }
                json(exchange, api.apply(path));
            }
            else if (day.matches())
            {
                dayFile(exchange, path, authorization, day.group(1).equals("01"));
            }
            else
            {
                send(exchange, 404, "{\"code\":404,\"message\":\"Not found\"}".getBytes(StandardCharsets.UTF_8), null);
            }
        }
    }

    private void dayFile(final HttpExchange exchange, final String path, final String authorization, final boolean free)
        throws IOException
    {
        final Deque<Fault> scripted = faults.get(path);
        final Fault fault;
        synchronized (this)
        {
            fault = scripted == null ? null : scripted.poll();
        }
        if (fault != null && fault.status() != 200)
        {
            send(exchange, fault.status(), ("{\"code\":" + fault.status() + ",\"message\":\"scripted\"}")
                .getBytes(StandardCharsets.UTF_8), fault.retryAfter());
            return;
        }
        if (authorization != null ? !keyed(authorization) : !free)
        {
            send(exchange, 401, BAD_KEY_BODY.getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        final byte[] file = datasets.apply(path);
        if (file == null)
        {
            send(exchange, 404, ("{\"code\":404,\"message\":\"" + path + " not found\"}").getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/gzip");
        if (fault == null)
        {
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
            return;
        }
        exchange.sendResponseHeaders(200, file.length);
        final OutputStream out = exchange.getResponseBody();
        out.write(file, 0, Math.min(file.length - 1, Math.max(0, fault.cutAfterBytes())));
        out.flush();
        if (fault.stallMs() > 0)
        {
            try
            {
                Thread.sleep(fault.stallMs());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        // closing now leaves the promised length unmet: the server drops the connection
    }

    private boolean keyed(final String authorization)
    {
        return authorization != null && authorization.equals("Bearer " + apiKey);
    }

    private static void json(final HttpExchange exchange, final byte[] body) throws IOException
    {
        if (body == null)
        {
            send(exchange, 404, "{\"code\":404,\"message\":\"Unknown exchange\"}".getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, 200, body, null);
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body, final String retryAfter)
        throws IOException
    {
        if (retryAfter != null)
        {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0)
        {
            exchange.getResponseBody().write(body);
        }
    }

    /** A recorded response from the class path, or null. */
    public static byte[] resource(final String name)
    {
        try (InputStream in = TardisTestServer.class.getResourceAsStream(name))
        {
            return in == null ? null : in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
