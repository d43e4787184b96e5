package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickwire.adapters.http.HttpFetchException;
import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.engine.log.ThrottledLog;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The requests of one API, on its poller's thread: before each, the API's usage pause (Binance's weight header),
 * a token from the API's and the stream's buckets (Bucket4j) and the circuit's permission (Resilience4j, open after
 * {@code circuit.failures} failed requests in a row, one trial after {@code openFor}); then {@link HttpFetcher}
 * (retries with backoff, Retry-After) and the JSON, numbers as written. Each request's outcome goes to the circuit;
 * its 429s and retries to the stream's counters.
 */
final class ApiClient implements Http
{
    /** Numbers as written: a decimal never passes through a double. */
    static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final RestConfig config;
    private final RestApi api;
    private final HttpFetcher fetcher;
    private final String[] headers;
    private final Bucket bucket;
    private final CircuitBreaker circuit;
    private final ThrottledLog notices;
    private final BooleanSupplier running;

    private PollStream stream;
    private URI lastUri;
    private long receiveNs;
    private long pauseUntilMs;

    /**
     * @param apiKey  the API key (a header), or null
     * @param notices where the usage pause is said
     * @param running false once the poller closes (a wait ends)
     */
    ApiClient(final RestConfig config, final RestApi api, final HttpFetcher fetcher, final String apiKey,
        final ThrottledLog notices, final BooleanSupplier running)
    {
        this.config = config;
        this.api = api;
        this.fetcher = fetcher;
        this.headers = apiKey == null ? new String[] {"Accept", "application/json"} :
            new String[] {"Accept", "application/json", api.apiKeyHeader(), apiKey};
        this.bucket = bucket(config.limits);
        this.notices = notices;
        this.running = running;
        this.circuit = CircuitBreaker.of(config.name, CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(config.circuit.failures)
            .minimumNumberOfCalls(config.circuit.failures)
            .failureRateThreshold(100f) // every one of the last N: N in a row
            .permittedNumberOfCallsInHalfOpenState(1)
            .waitDurationInOpenState(Duration.ofNanos(RestConfig.positive("circuit.openFor", config.circuit.openFor)))
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .writableStackTraceEnabled(false)
            .build());
    }

    /** A bucket of the limits, or null when there are none. */
    static Bucket bucket(final RestConfig.Limits limits)
    {
        if (!limits.any())
        {
            return null;
        }
        final LocalBucketBuilder builder = Bucket.builder();
        add(builder, limits.perSecond, Duration.ofSeconds(1));
        add(builder, limits.perMinute, Duration.ofMinutes(1));
        add(builder, limits.perHour, Duration.ofHours(1));
        return builder.build();
    }

    private static void add(final LocalBucketBuilder builder, final int n, final Duration period)
    {
        if (n > 0)
        {
            builder.addLimit(Bandwidth.builder().capacity(n).refillGreedy(n, period).build());
        }
    }

    CircuitBreaker circuit()
    {
        return circuit;
    }

    /** The stream whose poll the next requests are for (its bucket and counters), or null. */
    void stream(final PollStream stream)
    {
        this.stream = stream;
    }

    /** The last request's URL, for messages (with {@link #describe}). */
    URI lastUri()
    {
        return lastUri;
    }

    void close()
    {
        fetcher.close();
    }

    @Override
    public JsonNode get(final String pathAndQuery) throws PollFailure, InterruptedException
    {
        final URI uri = URI.create(config.restUrl + pathAndQuery);
        lastUri = uri;
        while (pauseUntilMs - System.currentTimeMillis() > 0)
        {
            if (!running.getAsBoolean())
            {
                throw new InterruptedException("closing");
            }
            Thread.sleep(Math.min(100, pauseUntilMs - System.currentTimeMillis()));
        }
        if (bucket != null)
        {
            bucket.asBlocking().consume(1);
        }
        if (stream != null && stream.bucket != null)
        {
            stream.bucket.asBlocking().consume(1);
        }
        if (!circuit.tryAcquirePermission())
        {
            throw new PollFailure(PollFailure.Kind.CIRCUIT_OPEN, name() + ": not polled, the circuit of " +
                config.name + " is open", null);
        }
        final long startNs = System.nanoTime();
        final long throttledBefore = fetcher.throttled();
        final long retriesBefore = fetcher.retries();
        try
        {
            final HttpResponse<byte[]> response = fetcher.get(uri, HttpResponse.BodyHandlers.ofByteArray(), headers);
            receiveNs = epochNanos();
            final long pause = api.pauseUntilMs(response.headers(), System.currentTimeMillis());
            if (pause > pauseUntilMs)
            {
                pauseUntilMs = pause;
                notices.warn("{}: the API's usage headers say it is near its limit; no request until {}",
                    config.name, Instant.ofEpochMilli(pause));
            }
            final JsonNode node = parse(pathAndQuery, response.body(), startNs);
            circuit.onSuccess(System.nanoTime() - startNs, TimeUnit.NANOSECONDS);
            return node;
        }
        catch (final HttpFetchException ex)
        {
            circuit.onError(System.nanoTime() - startNs, TimeUnit.NANOSECONDS, ex);
            throw new PollFailure(PollFailure.Kind.REQUEST, name() + ": " + ex.getMessage(), ex);
        }
        finally
        {
            if (stream != null)
            {
                stream.counters.throttled().getAndAddRelease(fetcher.throttled() - throttledBefore);
                stream.counters.retries().getAndAddRelease(fetcher.retries() - retriesBefore);
            }
        }
    }

    /** The body's JSON; a body that is not JSON is a failed request for the circuit, and a malformed answer. */
    private JsonNode parse(final String pathAndQuery, final byte[] body, final long startNs) throws PollFailure
    {
        try
        {
            final JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode())
            {
                throw new IOException("an empty body");
            }
            return node;
        }
        catch (final JsonProcessingException ex)
        {
            circuit.onError(System.nanoTime() - startNs, TimeUnit.NANOSECONDS, ex);
            final String why = ex.getOriginalMessage();
            throw malformed(pathAndQuery, "not JSON: " + (why.contains(" (start marker") ?
                why.substring(0, why.indexOf(" (start marker")) : why));
        }
        catch (final IOException ex)
        {
            circuit.onError(System.nanoTime() - startNs, TimeUnit.NANOSECONDS, ex);
            throw malformed(pathAndQuery, ex.getMessage());
        }
    }

    @Override
    public long receiveNs()
    {
        return receiveNs;
    }

    @Override
    public PollFailure malformed(final String pathAndQuery, final String reason)
    {
        return new PollFailure(PollFailure.Kind.MALFORMED, name() + ": malformed answer from " +
            describe(URI.create(config.restUrl + pathAndQuery)) + ": " + reason, null);
    }

    private String name()
    {
        return stream != null ? stream.name : config.name;
    }

    /** "GET http://host:port/path?…": the query left out (it may carry a signature), never a header. */
    static String describe(final URI uri)
    {
        if (uri == null)
        {
            return "(no request)";
        }
        final String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        return "GET " + uri.getScheme() + "://" + uri.getHost() + port + uri.getRawPath() +
            (uri.getRawQuery() != null ? "?…" : "");
    }

    static long epochNanos()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
