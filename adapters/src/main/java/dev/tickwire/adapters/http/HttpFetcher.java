package dev.tickwire.adapters.http;

import dev.tickwire.engine.net.Backoff;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One HTTP request, retried the way every tickwire client of a REST or file API retries: on 429, 408, 5xx
 * and I/O errors (refused, reset, cut mid-body, a timeout), at most {@link Policy#maxAttempts} attempts,
 * waiting as {@link Backoff} says (capped exponential, full jitter) or, when the server sends
 * {@code Retry-After} (seconds or an HTTP date), that long plus a little jitter so that the workers it
 * turned away together do not come back together. Other statuses (401, 403, 404, …) fail at once with
 * an {@link HttpFetchException} naming the status and the URL (never a header, so never a key).
 *
 * <p>The retry loop is Resilience4j's {@link Retry}, with an {@link IntervalBiFunction} that reads the
 * failed attempt's Retry-After. A successful response's body goes to the caller's {@link
 * HttpResponse.BodyHandler} (a file, a string); an error response's body is read (up to 64 KiB) for the
 * message. A body that stops arriving for {@link Policy#idleTimeout} is cancelled and retried (the JDK
 * client has no read timeout of its own). Thread-safe: many threads may send through one fetcher.
 */
public final class HttpFetcher implements AutoCloseable
{
    /** How hard to try. */
    public record Policy(
        int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, Duration requestTimeout,
        Duration idleTimeout)
    {
        public Policy
        {
            if (maxAttempts < 1)
            {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative() ||
                requestTimeout.isNegative() || requestTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero())
            {
                throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, maxRetryAfter >= 0 and positive " +
                    "timeouts: " + this);
            }
        }

        /** 8 attempts, 0.5 s doubling to 60 s, Retry-After up to 10 min, 30 s to the response headers, 60 s idle body. */
        public static Policy defaults()
        {
            return new Policy(8, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        }

        public Policy withMaxAttempts(final int attempts)
        {
            return new Policy(attempts, baseDelay, maxDelay, maxRetryAfter, requestTimeout, idleTimeout);
        }

        public Policy withDelays(final Duration base, final Duration max)
        {
            return new Policy(maxAttempts, base, max, maxRetryAfter, requestTimeout, idleTimeout);
        }

        public Policy withMaxRetryAfter(final Duration max)
        {
            return new Policy(maxAttempts, baseDelay, maxDelay, max, requestTimeout, idleTimeout);
        }

        public Policy withTimeouts(final Duration request, final Duration idle)
        {
            return new Policy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, request, idle);
        }
    }

    /** Told before each retry's wait (on the requesting thread): e.g. a downloader's counters or its log. */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param target  "GET url-without-query"
         * @param attempt the attempt that failed (1-based)
         * @param status  its HTTP status, 0 for an I/O error
         * @param reason  one line, no secrets
         * @param waitMs  the wait before the next attempt
         */
        void onRetry(String target, int attempt, int status, String reason, long waitMs);
    }

    static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_REASON = 300;

    private final HttpClient client;
    private final Policy policy;
    private final Backoff backoff;
    private final Retry retry;
    private final LongSupplier clockMs;
    private final ScheduledExecutorService watchdog;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private volatile Listener listener = (target, attempt, status, reason, waitMs) -> { };

    /**
     * @param name   for Resilience4j's metrics and events, e.g. "tardis"
     * @param client the JDK client to send with (its connect timeout, redirects, proxy)
     */
    public HttpFetcher(final String name, final HttpClient client, final Policy policy)
    {
        this(name, client, policy, System::currentTimeMillis);
    }

    /** With a wall clock for Retry-After dates (tests). */
    HttpFetcher(final String name, final HttpClient client, final Policy policy, final LongSupplier clockMs)
    {
        this.client = client;
        this.policy = policy;
        this.clockMs = clockMs;
        this.backoff = new Backoff(policy.baseDelay.toNanos(), policy.maxDelay.toNanos(), policy.maxAttempts - 1);
        final IntervalBiFunction<Object> interval = (attempt, outcome) -> waitMs(attempt, outcome);
        this.retry = Retry.of(name, RetryConfig.custom()
            .maxAttempts(policy.maxAttempts)
            .intervalBiFunction(interval)
            .retryOnException(ex -> ex instanceof AttemptFailure && ((AttemptFailure)ex).retryable)
            .build());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "http-idle-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A JDK client as the fetchers use it: connect timeout, redirects followed (not from https to http). */
    public static HttpClient client(final Duration connectTimeout)
    {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public HttpFetcher listener(final Listener listener)
    {
        this.listener = listener;
        return this;
    }

    public Policy policy()
    {
        return policy;
    }

    /** Retries made so far, by every request. */
    public long retries()
    {
        return retries.get();
    }

    /** 429 answers received so far. */
    public long throttled()
    {
        return throttled.get();
    }

    /** A GET with these headers (name, value, name, value, …). */
    public <T> HttpResponse<T> get(final URI uri, final HttpResponse.BodyHandler<T> onSuccess, final String... headers)
        throws HttpFetchException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        for (int i = 0; i + 1 < headers.length; i += 2)
        {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build(), onSuccess);
    }

    /**
     * Sends {@code request} until a 2xx answer, whose body {@code onSuccess} takes; the returned response
     * is that answer's. The request's own timeout is kept, else {@link Policy#requestTimeout} is set.
     *
     * @throws HttpFetchException   a status not worth retrying, or the attempts ran out (naming the last failure)
     * @throws InterruptedException the thread was interrupted, while sending or waiting to retry
     */
    public <T> HttpResponse<T> send(final HttpRequest request, final HttpResponse.BodyHandler<T> onSuccess)
        throws HttpFetchException, InterruptedException
    {
        final HttpRequest timed = request.timeout().isPresent() ? request :
            HttpRequest.newBuilder(request, (name, value) -> true).timeout(policy.requestTimeout).build();
        final String target = target(timed);
        final AtomicInteger attempts = new AtomicInteger();
        try
        {
            return retry.executeCheckedSupplier(() -> attempt(timed, target, onSuccess, attempts));
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final AttemptFailure ex)
        {
            if (Thread.interrupted()) // Resilience4j answers an interrupted wait with the last failure, flag set
            {
                throw new InterruptedException(target + ": interrupted while waiting to retry");
            }
            final String why = !ex.retryable ? " (not retried)" : " (gave up after " + attempts.get() +
                (attempts.get() == 1 ? " attempt)" : " attempts)");
            throw new HttpFetchException(ex.getMessage() + why, ex.status, attempts.get(), ex.retryable, ex.body,
                ex.getCause());
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(target + ": " + Backoff.describe(ex), ex);
        }
    }

    private <T> HttpResponse<T> attempt(
        final HttpRequest request, final String target, final HttpResponse.BodyHandler<T> onSuccess,
        final AtomicInteger attempts) throws AttemptFailure, InterruptedException
    {
        attempts.incrementAndGet();
        final HttpResponse<Outcome<T>> response;
        try
        {
            response = client.send(request, info -> info.statusCode() / 100 == 2 ?
                HttpResponse.BodySubscribers.mapping(IdleTimeoutSubscriber.watch(onSuccess.apply(info), watchdog,
                    policy.idleTimeout.toNanos()), Outcome::ok) :
                HttpResponse.BodySubscribers.mapping(new LimitedBodySubscriber(MAX_ERROR_BODY), Outcome::error));
        }
        catch (final IOException ex)
        {
            throw new AttemptFailure(target + ": " + Backoff.describe(ex), 0, true, -1, "", ex);
        }
        final int status = response.statusCode();
        final Outcome<T> outcome = response.body();
        if (status / 100 == 2)
        {
            return new Answer<>(response, outcome.body);
        }
        final String body = oneLine(outcome.error);
        final String message = target + ": HTTP " + status + reasonPhrase(status) + (body.isEmpty() ? "" : ": " + body);
        if (status == 429)
        {
            throttled.incrementAndGet();
        }
        final boolean retryable = status == 429 || status == 408 || status / 100 == 5;
        if (!retryable)
        {
            throw new AttemptFailure(message, status, false, -1, body, null);
        }
        final long retryAfterMs = retryAfterMs(response.headers(), clockMs.getAsLong());
        if (retryAfterMs > policy.maxRetryAfter.toMillis())
        {
            throw new AttemptFailure(message + "; the server asks to wait " + (retryAfterMs + 999) / 1000 +
                " s, more than the " + policy.maxRetryAfter.toSeconds() + " s this client waits", status, false,
                retryAfterMs, body, null);
        }
        throw new AttemptFailure(message, status, true, retryAfterMs, body, null);
    }

    /** The wait before the next attempt, in ms: Retry-After plus up to one base delay, else full jitter. */
    private long waitMs(final int attempt, final Either<Throwable, Object> outcome)
    {
        final AttemptFailure failure = outcome.isLeft() && outcome.getLeft() instanceof AttemptFailure ?
            (AttemptFailure)outcome.getLeft() : null;
        final long jitterMs = TimeUnit.NANOSECONDS.toMillis(backoff.delayNs(attempt));
        final long waitMs = failure != null && failure.retryAfterMs >= 0 ?
            failure.retryAfterMs + TimeUnit.NANOSECONDS.toMillis(backoff.delayNs(1)) : jitterMs;
        retries.incrementAndGet();
        if (failure != null)
        {
            listener.onRetry(failure.getMessage().substring(0, failure.getMessage().indexOf(": ")), attempt,
                failure.status, failure.getMessage(), waitMs);
        }
        return waitMs;
    }

    /**
     * Retry-After in ms from {@code nowMs}: delay-seconds or an HTTP date (RFC 9110 §10.2.3); -1 when absent
     * or unreadable (then the backoff decides); a date in the past is 0.
     */
    static long retryAfterMs(final HttpHeaders headers, final long nowMs)
    {
        final Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty())
        {
            return -1;
        }
        final String v = value.get();
        if (v.chars().allMatch(Character::isDigit))
        {
            return v.length() > 9 ? Long.MAX_VALUE / 2 : Long.parseLong(v) * 1000;
        }
        try
        {
            final Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, at.toEpochMilli() - nowMs);
        }
        catch (final DateTimeParseException ex)
        {
            return -1;
        }
    }

    /** "GET scheme://host:port/path", the query and any user info left out: they may carry a key or signature. */
    static String target(final HttpRequest request)
    {
        final URI uri = request.uri();
        final String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        return request.method() + " " + uri.getScheme() + "://" + uri.getHost() + port + uri.getRawPath() +
            (uri.getRawQuery() != null ? "?…" : "");
    }

    private static String reasonPhrase(final int status)
    {
        switch (status)
        {
            case 400: return " Bad Request";
            case 401: return " Unauthorized";
            case 403: return " Forbidden";
            case 404: return " Not Found";
            case 408: return " Request Timeout";
            case 429: return " Too Many Requests";
            case 500: return " Internal Server Error";
            case 502: return " Bad Gateway";
            case 503: return " Service Unavailable";
            case 504: return " Gateway Timeout";
            default: return "";
        }
    }

    private static String oneLine(final byte[] body)
    {
        if (body == null || body.length == 0)
        {
            return "";
        }
        final String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
    }

    @Override
    public void close()
    {
        watchdog.shutdownNow();
    }

    /** A failed attempt, as the retry loop sees it. */
    private static final class AttemptFailure extends Exception
    {
        private static final long serialVersionUID = 1L;
        final int status;
        final boolean retryable;
        final long retryAfterMs;
        final String body;

        AttemptFailure(
            final String message, final int status, final boolean retryable, final long retryAfterMs, final String body,
            final Throwable cause)
        {
            super(message, cause, false, false); // thrown per failed attempt: no stack trace to fill
            this.status = status;
            this.retryable = retryable;
            this.retryAfterMs = retryAfterMs;
            this.body = body;
        }
    }

    /** A 2xx answer's body or an error answer's first bytes. */
    private record Outcome<T>(T body, byte[] error)
    {
        static <T> Outcome<T> ok(final T body)
        {
            return new Outcome<>(body, null);
        }

        static <T> Outcome<T> error(final byte[] bytes)
        {
            return new Outcome<>(null, bytes);
        }
    }

    /** The 2xx response with the caller's body type. */
    private record Answer<T>(HttpResponse<?> response, T body) implements HttpResponse<T>
    {
        @Override
        public int statusCode()
        {
            return response.statusCode();
        }

        @Override
        public HttpRequest request()
        {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse()
        {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers()
        {
            return response.headers();
        }

        @Override
        public Optional<SSLSession> sslSession()
        {
            return response.sslSession();
        }

        @Override
        public URI uri()
        {
            return response.uri();
        }

        @Override
        public HttpClient.Version version()
        {
            return response.version();
        }
    }
}
