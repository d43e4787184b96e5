package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.query.MarketQueries.UnknownSymbolException;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.wire.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The HTTP API of {@code tickwire serve} over any {@link MarketQueries}: market data for holders of an API
 * key (header {@code X-API-Key}), key administration for admin keys, and {@code /health} and
 * {@code /openapi.json} for anyone. Every response is JSON; errors are {@code {"error": "..."}}.
 *
 * <p>Keyed requests are rate limited per key ({@link #rateLimits}): over a limit they get 429 with a
 * {@code Retry-After} header. With a {@link LiveStream} ({@link #stream}), {@code GET /stream} upgrades to a
 * WebSocket of live messages; its key may also come as {@code ?key=} (browsers cannot set headers there).
 */
public final class ApiServer implements AutoCloseable
{
    public static final String KEY_HEADER = "X-API-Key";
    public static final int DEFAULT_LIMIT = 1_000;
    /** A larger {@code limit} is capped to this, not refused. */
    public static final int MAX_LIMIT = 100_000;
    public static final int DEFAULT_LEVELS = 10;
    /** A larger {@code levels} is capped to this, not refused. */
    public static final int MAX_LEVELS = 1_000;
    /** Response header with the limit or levels actually applied (after capping). */
    public static final String APPLIED_HEADER = "X-Tickwire-Applied-Limit";
    /** Response header of a full /tas or /reference page: pass it back as {@code cursor} for the next page. */
    public static final String NEXT_CURSOR_HEADER = "X-Tickwire-Next-Cursor";
    /** The query parameter that may carry the key of a {@code /stream} upgrade (browsers cannot set headers). */
    public static final String KEY_PARAMETER = "key";
    public static final String RETRY_AFTER_HEADER = "Retry-After";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** /metrics is public like /health: a Prometheus server scrapes without an API key (bind to loopback). */
    private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/openapi.json", "/metrics");
    private static final String KEY_ATTRIBUTE = "tickwire.apiKey";

    private final ThrottledLog failures = new ThrottledLog(LOG, "HTTP requests that failed", 10);
    private final MarketQueries queries;
    private final KeyStore keys;
    private final LongSupplier nowNs;
    private final ObjectMapper mapper = ApiJson.mapper();
    private final String openApi;
    private final Javalin app;
    private volatile RateLimiter limiter = new RateLimiter(RateLimiter.Limits.NONE);

    public ApiServer(final MarketQueries queries, final KeyStore keys)
    {
        this(queries, keys, ApiServer::wallClockNs);
    }

    /** @param nowNs the clock that "now" defaults (end_time, timestamp) come from, in epoch nanoseconds */
    public ApiServer(final MarketQueries queries, final KeyStore keys, final LongSupplier nowNs)
    {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.nowNs = Objects.requireNonNull(nowNs, "nowNs");
        this.openApi = OpenApiDocument.json(mapper);
        this.app = Javalin.create(config ->
        {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.defaultContentType = "application/json";
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler(mapper)));
        });
        routes();
    }

    /**
     * Limits each key's requests per second and response bytes per minute (its own limits from the key file, or
     * {@code limiter}'s defaults); without this call, only keys with their own limits are limited. Call before
     * {@link #start}.
     */
    public ApiServer rateLimits(final RateLimiter limiter)
    {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        return this;
    }

    /**
     * Serves {@code GET /stream}: a WebSocket of the live messages of {@code stream}. The key comes in the
     * {@code X-API-Key} header or as {@code ?key=}; a missing or wrong key refuses the upgrade (401), and the
     * upgrade counts as a request for the rate limit. Call before {@link #start}; the caller closes the stream.
     */
    public ApiServer stream(final LiveStream stream)
    {
        Objects.requireNonNull(stream, "stream");
        app.wsBeforeUpgrade("/stream", ctx ->
        {
            try
            {
                final String header = ctx.header(KEY_HEADER);
                final String presented = header != null && !header.isBlank() ? header : ctx.queryParam(KEY_PARAMETER);
                if (presented == null || presented.isBlank())
                {
                    throw new UnauthorizedResponse("missing API key: send it in the " + KEY_HEADER + " header or, from " +
                        "a browser, as ?" + KEY_PARAMETER + "= (create one with: tickwire keys create)");
                }
                final KeyStore.KeyInfo key = keys.verify(presented.trim()).orElseThrow(() ->
                    new UnauthorizedResponse("invalid API key"));
                ctx.attribute(KEY_ATTRIBUTE, key);
                admit(key);
            }
            catch (final HttpResponseException | RateLimited refused)
            {
                refuseUpgrade(ctx, refused);
                throw refused; // no upgrade
            }
        });
        app.ws("/stream", ws ->
        {
            ws.onConnect(ctx -> stream.connect(ctx, ctx.attribute(KEY_ATTRIBUTE)));
            ws.onClose(stream::closed);
            ws.onError(stream::failed);
            ws.onMessage(ctx ->
            {
                // the subscription is set by the URL; what a client sends is ignored
            });
        });
        app.get("/stream", ctx ->
        {
            throw new HttpResponseException(HttpStatus.UPGRADE_REQUIRED.getCode(), "/stream is a WebSocket: connect " +
                "with a WebSocket client (ws://host:port/stream?symbols=...&types=...), see /openapi.json");
        });
        return this;
    }

    /**
     * Writes a refused upgrade's answer (status, Retry-After, the JSON error) now: Javalin sets the status of a
     * refused upgrade but leaves its body empty.
     */
    private void refuseUpgrade(final Context ctx, final RuntimeException refused) throws java.io.IOException
    {
        final int status;
        if (refused instanceof RateLimited limited)
        {
            status = HttpStatus.TOO_MANY_REQUESTS.getCode();
            ctx.res().setHeader(RETRY_AFTER_HEADER, Long.toString(limited.denial.retryAfterSeconds()));
        }
        else
        {
            status = ((HttpResponseException)refused).getStatus();
        }
        final byte[] body = mapper.writeValueAsBytes(new ApiJson.Error(refused.getMessage()));
        ctx.res().setStatus(status);
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
        ctx.res().flushBuffer();
    }

    /** Serves {@code /metrics} (Prometheus text) from {@code text}; call before {@link #start}. */
    public ApiServer metrics(final java.util.function.Supplier<String> text, final String contentType)
    {
        app.get("/metrics", ctx -> ctx.contentType(contentType).result(text.get()));
        return this;
    }

    /** Starts listening on {@code host:port} (port 0: any free port); returns once it is bound. */
    public ApiServer start(final String host, final int port)
    {
        try
        {
            app.start(host, port);
        }
        catch (final RuntimeException ex)
        {
            app.stop();
            final Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + cause.getMessage() +
                (cause instanceof java.net.BindException ? " (is another server using the port? try --port)" : ""), ex);
        }
        return this;
    }

    /** The port it listens on (the chosen one after a start on port 0). */
    public int port()
    {
        return app.port();
    }

    @Override
    public void close()
    {
        app.stop();
    }

    private void routes()
    {
        app.before(this::authenticate);
        app.after(this::chargeResponse);

        app.get("/health", ctx -> ctx.json(new ApiJson.Health("ok", version(), Timestamps.format(nowNs.getAsLong()),
            nowNs.getAsLong())));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));

        app.get("/contracts", ctx ->
        {
            allowOnly(ctx);
            ctx.json(queries.contracts().stream().map(ApiJson.Contract::of).toList());
        });
        app.get("/contracts/{symbol}/tas", ctx ->
        {
            allowOnly(ctx, "start_time", "end_time", "limit", "cursor");
            final long[] range = timeRange(ctx);
            final long start = range[0];
            final long end = range[1];
            final int limit = count(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
            ctx.header(APPLIED_HEADER, Integer.toString(limit));
            final MarketQueries.TradeJsonPage page = queries.timeAndSalesJson(ctx.pathParam("symbol"), start, end, limit,
                ctx.queryParam("cursor"));
            if (page.next() != null)
            {
                ctx.header(NEXT_CURSOR_HEADER, page.next());
            }
            json(ctx, page.json());
        });
        app.get("/contracts/{symbol}/reference", ctx ->
        {
            allowOnly(ctx, "type", "start_time", "end_time", "limit", "cursor");
            final String type = param(ctx, "type");
            if (type == null)
            {
                throw new BadParameter("type", "type is required: " + MarketQueries.REFERENCE_TYPES);
            }
            try
            {
                MarketQueries.referenceType(type);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new BadParameter("type", ex.getMessage());
            }
            final long[] range = timeRange(ctx);
            final int limit = count(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
            ctx.header(APPLIED_HEADER, Integer.toString(limit));
            final MarketQueries.JsonPage page = queries.referenceJson(ctx.pathParam("symbol"), type, range[0], range[1],
                limit, ctx.queryParam("cursor"));
            if (page.next() != null)
            {
                ctx.header(NEXT_CURSOR_HEADER, page.next());
            }
            json(ctx, page.json());
        });
        app.get("/contracts/{symbol}/orderbook", ctx ->
        {
            allowOnly(ctx, "timestamp", "levels");
            final long at = time(ctx, "timestamp", nowNs.getAsLong());
            final int levels = count(ctx, "levels", DEFAULT_LEVELS, MAX_LEVELS);
            ctx.header(APPLIED_HEADER, Integer.toString(levels));
            final JsonRow book = new JsonRow(new StringBuilder(512));
            MarketRows.book(queries.orderBook(ctx.pathParam("symbol"), at, levels), book);
            json(ctx, book.builder().toString());
        });

        app.get("/contracts/{symbol}/bars", ctx ->
        {
            allowOnly(ctx, "interval", "start_time", "end_time", "limit", "features", "depth", "warmup");
            final String interval = ctx.queryParam("interval");
            final String features = ctx.queryParam("features");
            if (features != null && !features.equals("true") && !features.equals("false"))
            {
                throw new BadParameter("features", "features must be true or false, not '" + features + "'");
            }
            final int depth = "true".equals(features) ? count(ctx, "depth", 5, 50) : 0;
            final long warmupNs = warmup(ctx);
            if (interval == null || interval.isBlank())
            {
                throw new BadParameter("interval", "interval is required: a duration (1m, 15s, 1h), ticks:N, volume:V or value:V");
            }
            final long[] range = timeRange(ctx);
            final long start = range[0];
            final long end = range[1];
            final int limit = count(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
            ctx.header(APPLIED_HEADER, Integer.toString(limit));
            final List<MarketQueries.BarRow> rows;
            try
            {
                rows = queries.bars(ctx.pathParam("symbol"), interval.trim(), start, end, limit, depth, warmupNs);
            }
            catch (final MarketQueries.UnknownSymbolException ex)
            {
                throw ex;
            }
            catch (final IllegalArgumentException ex)
            {
                throw new BadParameter("interval", "interval '" + interval + "': " + ex.getMessage());
            }
            json(ctx, MarketRows.jsonArray(MarketRows::bar, rows));
        });

        app.post("/keys", this::createKey);
        app.get("/keys", ctx ->
        {
            requireAdmin(ctx);
            ctx.json(keys.list().stream()
                .map(k -> new ApiJson.KeyListed(k.name(), k.admin(), k.created().toString(), k.requestsPerSecond(),
                    k.bytesPerMinute())).toList());
        });
        app.delete("/keys/{name}", ctx ->
        {
            requireAdmin(ctx);
            final String name = ctx.pathParam("name");
            if (!keys.revoke(name))
            {
                throw new NotFoundResponse("no key named '" + name + "'");
            }
            ctx.status(HttpStatus.NO_CONTENT);
        });

        app.exception(Exception.class, this::onException);
        // Javalin maps its HttpResponseException (401, 403, 404...) itself unless that exact class has a handler
        app.exception(HttpResponseException.class, this::onException);
        // Javalin's own errors (no such route, wrong method) in the same {"error": ...} shape
        app.error(HttpStatus.NOT_FOUND, ctx -> errorIfNoBody(ctx, "no such endpoint: " + ctx.method() + " " + ctx.path()));
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> errorIfNoBody(ctx, "method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    private void authenticate(final Context ctx)
    {
        String path = ctx.path();
        while (path.length() > 1 && path.endsWith("/"))
        {
            path = path.substring(0, path.length() - 1);
        }
        if (PUBLIC_PATHS.contains(path))
        {
            return;
        }
        final String presented = ctx.header(KEY_HEADER);
        if (presented == null || presented.isBlank())
        {
            throw new UnauthorizedResponse("missing API key: send it in the " + KEY_HEADER + " header " +
                "(create one with: tickwire keys create)");
        }
        final KeyStore.KeyInfo key = keys.verify(presented.trim()).orElseThrow(() ->
            new UnauthorizedResponse("invalid API key"));
        ctx.attribute(KEY_ATTRIBUTE, key);
        admit(key);
    }

    /** Takes one request of the key's rate limit, or refuses the request (429). */
    private void admit(final KeyStore.KeyInfo key)
    {
        final RateLimiter.Denial denial = limiter.admit(key);
        if (denial != null)
        {
            throw new RateLimited(denial);
        }
    }

    /** Charges a keyed response's body (before any compression) to its key's bytes-per-minute limit. */
    private void chargeResponse(final Context ctx)
    {
        final KeyStore.KeyInfo key = ctx.attribute(KEY_ATTRIBUTE);
        if (key == null || ctx.statusCode() == HttpStatus.TOO_MANY_REQUESTS.getCode())
        {
            return;
        }
        // result(String) and json(...) keep the body as a byte array stream: its size, without reading it
        if (ctx.resultInputStream() instanceof java.io.ByteArrayInputStream body)
        {
            limiter.charge(key, body.available());
        }
    }

    private static void requireAdmin(final Context ctx)
    {
        final KeyStore.KeyInfo key = ctx.attribute(KEY_ATTRIBUTE);
        if (key == null || !key.admin())
        {
            throw new ForbiddenResponse("this endpoint needs an admin key (tickwire keys create --admin)");
        }
    }

    private void createKey(final Context ctx)
    {
        requireAdmin(ctx);
        String name = null;
        boolean admin = false;
        Long rps = null;
        Long bytesPerMinute = null;
        final String body = ctx.body();
        if (!body.isBlank())
        {
            final JsonNode json;
            try
            {
                json = mapper.readTree(body);
            }
            catch (final Exception ex)
            {
                throw new BadParameter("body", "the body is not JSON: send {\"name\": \"...\", \"admin\": false}");
            }
            if (!json.isObject())
            {
                throw new BadParameter("body", "the body must be a JSON object: {\"name\": \"...\", \"admin\": false}");
            }
            final Set<String> unknown = new TreeSet<>();
            json.fieldNames().forEachRemaining(f ->
            {
                if (!f.equals("name") && !f.equals("admin") && !f.equals("rps") && !f.equals("bytes_per_minute"))
                {
                    unknown.add(f);
                }
            });
            if (!unknown.isEmpty())
            {
                throw new BadParameter("body", "unknown field(s) " + unknown + " in the body; expected name, admin, " +
                    "rps, bytes_per_minute");
            }
            rps = limitField(json, "rps");
            bytesPerMinute = limitField(json, "bytes_per_minute");
            final JsonNode n = json.get("name");
            if (n != null && !n.isNull())
            {
                if (!n.isTextual())
                {
                    throw new BadParameter("name", "name must be a string");
                }
                name = n.asText();
            }
            final JsonNode a = json.get("admin");
            if (a != null && !a.isNull())
            {
                if (!a.isBoolean())
                {
                    throw new BadParameter("admin", "admin must be true or false");
                }
                admin = a.asBoolean();
            }
        }
        final KeyStore.CreatedKey created;
        try
        {
            created = keys.create(name, admin, rps, bytesPerMinute);
        }
        catch (final IllegalArgumentException ex)
        {
            if (ex.getMessage() != null && ex.getMessage().contains("already exists"))
            {
                throw new HttpResponseException(HttpStatus.CONFLICT.getCode(), ex.getMessage());
            }
            throw new BadParameter("name", ex.getMessage());
        }
        ctx.status(HttpStatus.CREATED).json(new ApiJson.KeyCreated(created.name(), created.key(), created.admin(),
            created.created().toString(), created.requestsPerSecond(), created.bytesPerMinute()));
    }

    /** An optional rate limit of a key in a POST /keys body: a whole number, 0 (no limit) or more. */
    private static Long limitField(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0)
        {
            throw new BadParameter(field, field + " must be a whole number, 0 (no limit) or more");
        }
        return value.asLong();
    }

    /** A JSON answer written by a row mapper ({@link MarketRows}): the same fields as the command line's. */
    private static void json(final Context ctx, final String json)
    {
        ctx.contentType("application/json").result(json);
    }

    private static void allowOnly(final Context ctx, final String... names)
    {
        final Set<String> allowed = Set.of(names);
        final Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty())
        {
            throw new BadParameter(unknown.iterator().next(), String.join(", ", unknown) + ": unknown parameter" +
                (unknown.size() > 1 ? "s" : "") +
                (names.length == 0 ? "; this endpoint takes none" : "; expected " + String.join(", ", names)));
        }
    }

    private static String param(final Context ctx, final String name)
    {
        final List<String> values = ctx.queryParams(name);
        if (values.size() > 1)
        {
            throw new BadParameter(name, name + " is given " + values.size() + " times");
        }
        final String value = values.isEmpty() ? null : values.get(0).trim();
        return value == null || value.isEmpty() ? null : value;
    }

    /** start_time and end_time (defaults: the epoch and now); a start after the end is a 400 naming start_time. */
    private long[] timeRange(final Context ctx)
    {
        final long start = time(ctx, "start_time", 0L);
        final long end = time(ctx, "end_time", nowNs.getAsLong());
        if (start > end)
        {
            throw new BadParameter("start_time", "start_time (" + Timestamps.format(start) +
                ") is after end_time (" + Timestamps.format(end) + ")");
        }
        return new long[] {start, end};
    }

    private static long time(final Context ctx, final String name, final long defaultNs)
    {
        final String value = param(ctx, name);
        if (value == null)
        {
            return defaultNs;
        }
        try
        {
            // short digit strings too are epoch nanoseconds here (start_time=0); Timestamps wants 10+ digits
            return value.matches("-?\\d{1,9}") ? Long.parseLong(value) : Timestamps.parse(value);
        }
        catch (final IllegalArgumentException | java.time.DateTimeException ex)
        {
            throw new BadParameter(name, name + ": " + ex.getMessage());
        }
    }

    /** A positive count; above {@code max} it is capped to {@code max}. */
    /** {@code warmup}: a duration (e.g. 1d, 6h) the features are computed from before the range; default none. */
    private static long warmup(final Context ctx)
    {
        final String value = param(ctx, "warmup");
        if (value == null)
        {
            return 0;
        }
        try
        {
            return dev.tickwire.engine.config.Durations.parseNanos("warmup", value.trim());
        }
        catch (final RuntimeException ex)
        {
            throw new BadParameter("warmup", "warmup: '" + value + "' is not a duration (e.g. 6h, 1d)");
        }
    }

    private static int count(final Context ctx, final String name, final int defaultValue, final int max)
    {
        final String value = param(ctx, name);
        if (value == null)
        {
            return defaultValue;
        }
        if (!value.matches("[+-]?\\d+"))
        {
            throw new BadParameter(name, name + ": '" + value + "' is not an integer");
        }
        final String digits = value.replaceFirst("^\\+", "");
        if (digits.startsWith("-") || digits.replaceFirst("^0+", "").isEmpty())
        {
            throw new BadParameter(name, name + " must be at least 1, got " + value);
        }
        final String significant = digits.replaceFirst("^0+", "");
        if (significant.length() > 9)
        {
            return max; // beyond int range: capped like any other large value
        }
        return Math.min(Integer.parseInt(significant), max);
    }

    private void onException(final Exception ex, final Context ctx)
    {
        if (ex instanceof RateLimited limited)
        {
            ctx.header(RETRY_AFTER_HEADER, Long.toString(limited.denial.retryAfterSeconds()));
            error(ctx, HttpStatus.TOO_MANY_REQUESTS.getCode(), limited.getMessage());
        }
        else if (ex instanceof HttpResponseException http)
        {
            error(ctx, http.getStatus(), http.getMessage());
        }
        else if (ex instanceof BadParameter bad)
        {
            error(ctx, HttpStatus.BAD_REQUEST.getCode(), bad.getMessage());
        }
        else if (ex instanceof UnknownSymbolException unknown)
        {
            error(ctx, HttpStatus.NOT_FOUND.getCode(), unknown.getMessage());
        }
        else if (ex instanceof IllegalArgumentException bad)
        {
            // the query layer refused an argument
            error(ctx, HttpStatus.BAD_REQUEST.getCode(), bad.getMessage());
        }
        else
        {
            failures.error(ex, "{} {} failed: {}", ctx.method(), ctx.path(), ex.toString());
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "internal error: " + ex.getClass().getSimpleName());
        }
    }

    private static void error(final Context ctx, final int status, final String message)
    {
        ctx.status(status).json(new ApiJson.Error(message == null || message.isBlank() ? HttpStatus.forStatus(status).getMessage() : message));
    }

    private static void errorIfNoBody(final Context ctx, final String message)
    {
        final String current = ctx.result();
        if (current == null || current.isEmpty() || !current.trim().startsWith("{\"error\""))
        {
            ctx.json(new ApiJson.Error(message));
        }
    }

    private static String version()
    {
        final String version = ApiServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static long wallClockNs()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** A request over its key's rate limit: 429 with Retry-After. */
    static final class RateLimited extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        final transient RateLimiter.Denial denial;

        RateLimited(final RateLimiter.Denial denial)
        {
            super(denial.message(), null, false, false);
            this.denial = denial;
        }
    }

    /** A query parameter or body field that is missing, malformed or out of range: 400. */
    static final class BadParameter extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        final String parameter;

        BadParameter(final String parameter, final String message)
        {
            super(message);
            this.parameter = parameter;
        }
    }
}
