package dev.tickwire.adapters.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.FixedPoint;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One combined-stream connection to Binance for the sources of one {@code binance-live} entry, and its REST
 * calls (exchangeInfo, depth snapshots), over the JDK's HTTP and WebSocket client (the JDK answers the
 * server's pings with pongs itself). Frames arrive on the client's threads and cross to the adapter
 * thread through a bounded queue: a full queue drops the frame and counts it (the id checks of the
 * trade and depth streams then journal the gap) rather than block the client.
 *
 * <p>Everything else runs on the adapter thread, in {@link #poll}: the scale of each symbol (exchangeInfo)
 * before connecting, connecting with backoff after a loss (each source journals a DISCONNECTED status),
 * replacing a connection that went quiet, and the 24 h rollover: a new connection is opened before the old
 * one is closed, frames of both are taken meanwhile and the streams drop what they already have.
 */
final class BinanceSession
{
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRAIN_LIMIT = 1024;

    private record Frame(int generation, String text, long receiveNs)
    {
    }

    private final BinanceLiveConfig config;
    private final String venue;
    private final InstrumentCatalog catalog;
    private final URI wsUri;
    private final HttpClient http;
    private final Backoff backoff;
    private final long rolloverNs;
    private final long idleNs;
    private final Duration requestTimeout;
    private final ManyToOneConcurrentArrayQueue<Frame> frames;
    private final EpochNanoClock receiveClock = new SystemEpochNanoClock();
    private final Map<String, BinanceLiveSource> byStream = new HashMap<>();
    private final Map<BinanceLiveSource, AdapterContext> contexts = new LinkedHashMap<>();
    private final ThrottledLog connectLog = new ThrottledLog(BinanceLiveSource.LOG, "binance-live: connection problems", 3);
    private final ThrottledLog frameLog = new ThrottledLog(BinanceLiveSource.LOG, "binance-live: unreadable frames", 1);

    // written by the client's threads
    private volatile int lostGeneration;
    private volatile String lostReason;
    private volatile long lastHeardNs;

    // the adapter thread's
    private CompletableFuture<String> info;
    private boolean defined;
    private int infoFailures;
    private CompletableFuture<WebSocket> connecting;
    private int connectingGeneration;
    private int nextGeneration;
    private WebSocket current;
    private int generation;
    private long openedAtNs;
    private int attempts;
    private long retryAtNs;
    private long connections;
    private AtomicCounter queueFull;
    private AtomicCounter reconnects;

    BinanceSession(final String key, final BinanceLiveConfig config, final InstrumentCatalog catalog)
    {
        this.config = config;
        this.venue = config.venue;
        this.catalog = catalog;
        final StringBuilder names = new StringBuilder();
        for (final String symbol : config.symbols)
        {
            for (final String stream : config.streams)
            {
                names.append(names.length() == 0 ? "" : "/").append(config.streamName(symbol, stream));
            }
        }
        this.wsUri = URI.create(config.wsUrl + (config.wsUrl.contains("?") ? "&" : "?") + "streams=" + names);
        this.requestTimeout = Duration.ofNanos(config.nanos(key + ".requestTimeout", config.requestTimeout));
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        this.backoff = new Backoff(config.nanos(key + ".reconnectBase", config.reconnectBase),
            config.nanos(key + ".reconnectMax", config.reconnectMax), Integer.MAX_VALUE);
        this.rolloverNs = config.nanos(key + ".rollover", config.rollover);
        this.idleNs = config.nanos(key + ".idleTimeout", config.idleTimeout);
        this.frames = new ManyToOneConcurrentArrayQueue<>(config.queueCapacity);
    }

    void register(final BinanceLiveSource source, final AdapterContext context)
    {
        if (contexts.isEmpty())
        {
            queueFull = context.counter("queueFull");
            reconnects = context.counter("reconnects");
        }
        contexts.put(source, context);
        byStream.put(config.streamName(source.symbol, source.stream), source);
    }

    void unregister(final BinanceLiveSource source)
    {
        contexts.remove(source);
        if (contexts.isEmpty())
        {
            connectLog.flush();
            frameLog.flush();
            if (current != null)
            {
                current.abort();
                current = null;
            }
            if (connecting != null)
            {
                connecting.cancel(true);
                connecting.thenAccept(WebSocket::abort);
            }
        }
    }

    Backoff backoff()
    {
        return backoff;
    }

    /** A GET of the REST API, its body if the status is 200. */
    CompletableFuture<String> get(final String pathAndQuery)
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(config.restUrl + pathAndQuery))
            .timeout(requestTimeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response ->
        {
            if (response.statusCode() != 200)
            {
                final String body = response.body();
                throw new IllegalStateException("GET " + pathAndQuery + ": HTTP " + response.statusCode() + " " +
                    (body.length() > 200 ? body.substring(0, 200) + "..." : body));
            }
            return response.body();
        });
    }

    /** Connections opened so far (reconnects and rollovers included). */
    long connections()
    {
        return connections;
    }

    /** Runs the connection and hands the frames that arrived to their streams; on the adapter thread. */
    int poll(final long nowNs)
    {
        if (!defined)
        {
            return defineInstruments(nowNs);
        }
        int work = 0;
        if (connecting != null && connecting.isDone())
        {
            work++;
            connected(nowNs);
        }
        final int lost = lostGeneration; // read first: every frame before the loss is in the queue by now
        int drained = 0;
        Frame frame;
        while (drained < DRAIN_LIMIT && (frame = frames.poll()) != null)
        {
            drained++;
            dispatch(frame);
        }
        work += drained;
        if (current != null && drained < DRAIN_LIMIT && lost == generation)
        {
            disconnected(nowNs, lostReason);
            work++;
        }
        else if (current != null && receiveClock.nanoTime() - lastHeardNs > idleNs)
        {
            disconnected(nowNs, "no frame nor ping for " + TimeUnit.NANOSECONDS.toSeconds(idleNs) + " s");
            work++;
        }
        if (connecting == null && nowNs - retryAtNs >= 0 && (current == null || nowNs - openedAtNs > rolloverNs))
        {
            connect();
            work++;
        }
        return work;
    }

    private void connect()
    {
        final int g = ++nextGeneration;
        connectingGeneration = g;
        connecting = http.newWebSocketBuilder().connectTimeout(requestTimeout).buildAsync(wsUri, new Listener(g));
    }

    private void connected(final long nowNs)
    {
        final CompletableFuture<WebSocket> done = connecting;
        connecting = null;
        try
        {
            final WebSocket ws = done.join();
            final WebSocket old = current;
            current = ws;
            generation = connectingGeneration;
            openedAtNs = nowNs;
            lastHeardNs = receiveClock.nanoTime();
            attempts = 0;
            connections++;
            BinanceLiveSource.LOG.info("binance-live: connected to {} ({})", config.wsUrl,
                old == null ? "connection " + connections : "rollover: the previous connection is closed");
            if (old != null)
            {
                old.sendClose(WebSocket.NORMAL_CLOSURE, "rollover").whenComplete((w, ex) -> old.abort());
            }
        }
        catch (final RuntimeException ex)
        {
            attempts++;
            retryAtNs = nowNs + backoff.delayNs(attempts);
            connectLog.warn("binance-live: cannot connect to {} (attempt {}), retrying with backoff: {}", config.wsUrl,
                attempts, Backoff.describe(ex));
        }
    }

    private void disconnected(final long nowNs, final String why)
    {
        final WebSocket ws = current;
        current = null;
        ws.abort();
        reconnects.incrementRelease();
        attempts++;
        retryAtNs = nowNs + backoff.delayNs(attempts);
        connectLog.warn("binance-live: connection lost ({}); reconnecting, the book resyncs", why);
        for (final BinanceLiveSource source : contexts.keySet())
        {
            source.onDisconnected(nowNs);
        }
    }

    private void dispatch(final Frame frame)
    {
        if (frame.generation < generation)
        {
            return; // the connection a rollover replaced
        }
        lastHeardNs = Math.max(lastHeardNs, frame.receiveNs);
        if (frame.text == null)
        {
            return; // a ping: the connection lives
        }
        final BinanceLiveSource source;
        final JsonNode data;
        try
        {
            final JsonNode root = JSON.readTree(frame.text);
            source = byStream.get(root.path("stream").asText());
            data = root.get("data");
            if (source == null || data == null || !data.isObject())
            {
                throw new IllegalArgumentException("not a frame of a subscribed stream");
            }
        }
        catch (final Exception ex)
        {
            if (frameLog.admit())
            {
                BinanceLiveSource.LOG.warn("binance-live: unreadable frame ({}): {}{}", Backoff.describe(ex),
                    frame.text.length() > 200 ? frame.text.substring(0, 200) + "..." : frame.text, frameLog.suffix());
            }
            return;
        }
        source.onData(data, frame.receiveNs);
    }

    /** The scale of every symbol from exchangeInfo (tick size, step size), then each source defines its instrument. */
    private int defineInstruments(final long nowNs)
    {
        if (info == null)
        {
            if (nowNs - retryAtNs < 0)
            {
                return 0;
            }
            final List<String> quoted = new ArrayList<>();
            config.symbols.forEach(s -> quoted.add('"' + s + '"'));
            info = get("/api/v3/exchangeInfo?symbols=" + URLEncoder.encode("[" + String.join(",", quoted) + "]",
                StandardCharsets.UTF_8));
            return 1;
        }
        if (!info.isDone())
        {
            return 0;
        }
        try
        {
            final Map<String, long[]> scales = scales(JSON.readTree(info.join()));
            for (final Map.Entry<BinanceLiveSource, AdapterContext> e : contexts.entrySet())
            {
                final long[] s = scales.get(e.getKey().symbol);
                if (s == null)
                {
                    throw new IllegalStateException("exchangeInfo does not list " + e.getKey().symbol);
                }
                if (!e.getKey().defined())
                {
                    e.getKey().define(e.getValue(), venue, (int)s[0], (int)s[1], s[2]);
                }
            }
            defined = true;
            retryAtNs = nowNs;
        }
        catch (final Exception ex)
        {
            info = null;
            infoFailures++;
            retryAtNs = nowNs + backoff.delayNs(infoFailures);
            connectLog.warn("binance-live: exchangeInfo failed (attempt {}), retrying with backoff: {}", infoFailures,
                Backoff.describe(ex));
        }
        return 1;
    }

    /**
     * {price exponent, size exponent, tick size mantissa} per symbol: the exponents of PRICE_FILTER's tickSize
     * and LOT_SIZE's stepSize, unless the journal knows the instrument with exponents that hold them (as the
     * file importer keeps them: changing them would corrupt the journal).
     */
    private Map<String, long[]> scales(final JsonNode root)
    {
        final Map<String, long[]> out = new HashMap<>();
        for (final JsonNode s : root.path("symbols"))
        {
            String tick = null;
            String step = null;
            for (final JsonNode f : s.path("filters"))
            {
                final String type = f.path("filterType").asText();
                if (type.equals("PRICE_FILTER"))
                {
                    tick = f.path("tickSize").asText();
                }
                else if (type.equals("LOT_SIZE"))
                {
                    step = f.path("stepSize").asText();
                }
            }
            final String symbol = s.path("symbol").asText();
            if (tick == null || step == null)
            {
                throw new IllegalArgumentException(symbol + ": exchangeInfo has no PRICE_FILTER tickSize or LOT_SIZE stepSize");
            }
            final Optional<Instrument> known = catalog.bySymbol(venue + ":" + symbol);
            int pe = FixedPoint.exponentOf(tick);
            int se = FixedPoint.exponentOf(step);
            if (known.isPresent() && known.get().priceExponent() <= pe)
            {
                pe = known.get().priceExponent();
            }
            if (known.isPresent() && known.get().sizeExponent() <= se)
            {
                se = known.get().sizeExponent();
            }
            ImportFiles.checkExponent(symbol + " price exponent", pe);
            ImportFiles.checkExponent(symbol + " size exponent", se);
            out.put(symbol, new long[] {pe, se, FixedPoint.parse(tick, pe)});
        }
        return out;
    }

    /** One connection's events; its frames are tagged with its generation. */
    private final class Listener implements WebSocket.Listener
    {
        private final int g;
        private final StringBuilder text = new StringBuilder();

        Listener(final int g)
        {
            this.g = g;
        }

        @Override
        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                offer(new Frame(g, text.toString(), receiveClock.nanoTime()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
        {
            offer(new Frame(g, null, receiveClock.nanoTime())); // the client sends the pong
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            lost("closed by the server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            lost(Backoff.describe(error));
        }

        private void offer(final Frame frame)
        {
            if (!frames.offer(frame) && queueFull != null)
            {
                queueFull.incrementRelease();
            }
        }

        private void lost(final String why)
        {
            lostReason = why;
            lostGeneration = g;
        }
    }
}
