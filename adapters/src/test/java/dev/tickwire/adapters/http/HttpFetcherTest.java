package dev.tickwire.adapters.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HttpFetcher against a real HTTP server on loopback that answers each request as a script says. */
class HttpFetcherTest
{
    /** What the server does for request n (1-based). */
    @FunctionalInterface
    interface Answer
    {
        void answer(int n, HttpExchange exchange) throws IOException, InterruptedException;
    }

    private static final byte[] BODY = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);
    private static final HttpFetcher.Policy FAST = HttpFetcher.Policy.defaults()
        .withDelays(Duration.ofMillis(5), Duration.ofMillis(50)).withMaxAttempts(4);

    private final List<Long> requestTimesNs = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private HttpServer server;
    private HttpFetcher fetcher;

    @AfterEach
    void tearDown()
    {
        if (fetcher != null)
        {
            fetcher.close();
        }
        if (server != null)
        {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private URI serve(final Answer answer) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange ->
        {
            requestTimesNs.add(System.nanoTime());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try
            {
                answer.answer(requestTimesNs.size(), exchange);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/data/file.csv.gz?from=2024-01-01");
    }

    private static void ok(final HttpExchange exchange) throws IOException
    {
        exchange.sendResponseHeaders(200, BODY.length);
        exchange.getResponseBody().write(BODY);
    }

    private static void status(final HttpExchange exchange, final int status, final String body, final String... headers)
        throws IOException
    {
        for (int i = 0; i + 1 < headers.length; i += 2)
        {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0)
        {
            exchange.getResponseBody().write(bytes);
        }
    }

    private HttpFetcher fetcher(final HttpFetcher.Policy policy)
    {
        fetcher = new HttpFetcher("test", HttpFetcher.client(Duration.ofSeconds(5)), policy);
        return fetcher;
    }

    @Test
    void honoursRetryAfterSecondsOn429ThenSucceeds() throws Exception
    {
        final URI uri = serve((n, e) ->
        {
            if (n == 1)
            {
                status(e, 429, "{\"message\":\"slow down\"}", "Retry-After", "1");
            }
            else
            {
                ok(e);
            }
        });
        final HttpResponse<byte[]> response = fetcher(FAST).get(uri, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(requestTimesNs).hasSize(2);
        // the server said 1 s: the backoff alone (5..50 ms) would have come back much sooner
        assertThat(requestTimesNs.get(1) - requestTimesNs.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
        assertThat(fetcher.throttled()).isEqualTo(1);
        assertThat(fetcher.retries()).isEqualTo(1);
    }

    @Test
    void retriesABurstOf5xxAndTellsTheListener() throws Exception
    {
        final URI uri = serve((n, e) ->
        {
            if (n <= 3)
            {
                status(e, n % 2 == 1 ? 503 : 500, "");
            }
            else
            {
                ok(e);
            }
        });
        final List<String> told = new CopyOnWriteArrayList<>();
        fetcher(FAST).listener((target, attempt, status, reason, waitMs) -> told.add(attempt + " " + status + " " + target));
        assertThat(fetcher.get(uri, HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(BODY);
        assertThat(requestTimesNs).hasSize(4);
        final String target = "GET http://127.0.0.1:" + uri.getPort() + "/v1/data/file.csv.gz?…";
        assertThat(told).containsExactly("1 503 " + target, "2 500 " + target, "3 503 " + target);
        assertThat(fetcher.retries()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxAttemptsNamingTheLastStatus() throws Exception
    {
        final URI uri = serve((n, e) -> status(e, 502, "upstream down"));
        assertThatThrownBy(() -> fetcher(FAST.withMaxAttempts(3)).get(uri, HttpResponse.BodyHandlers.ofByteArray()))
            .isInstanceOfSatisfying(HttpFetchException.class, ex ->
            {
                assertThat(ex.status()).isEqualTo(502);
                assertThat(ex.attempts()).isEqualTo(3);
                assertThat(ex.retried()).isTrue();
                assertThat(ex.body()).isEqualTo("upstream down");
                assertThat(ex.getMessage()).isEqualTo("GET http://127.0.0.1:" + uri.getPort() +
                    "/v1/data/file.csv.gz?…: HTTP 502 Bad Gateway: upstream down (gave up after 3 attempts)");
            });
        assertThat(requestTimesNs).hasSize(3);
    }

    @Test
    void unauthorizedIsNotRetriedAndNeverShowsTheKey() throws Exception
    {
        final URI uri = serve((n, e) -> status(e, 401, "{\"code\":100,\"message\":\"Invalid API key\"}"));
        assertThatThrownBy(() -> fetcher(FAST).get(uri, HttpResponse.BodyHandlers.ofByteArray(),
            "Authorization", "Bearer TD.secret-key-123"))
            .isInstanceOfSatisfying(HttpFetchException.class, ex ->
            {
                assertThat(ex.status()).isEqualTo(401);
                assertThat(ex.attempts()).isEqualTo(1);
                assertThat(ex.retried()).isFalse();
                assertThat(ex.getMessage()).contains("HTTP 401 Unauthorized", "Invalid API key", "(not retried)",
                    "/v1/data/file.csv.gz").doesNotContain("secret-key-123").doesNotContain("from=2024");
            });
        assertThat(authorizations).containsExactly("Bearer TD.secret-key-123");
    }

    @Test
    void notFoundIsNotRetried() throws Exception
    {
        final URI uri = serve((n, e) -> status(e, 404, ""));
        assertThatThrownBy(() -> fetcher(FAST).get(uri, HttpResponse.BodyHandlers.ofByteArray()))
            .isInstanceOfSatisfying(HttpFetchException.class, ex ->
            {
                assertThat(ex.status()).isEqualTo(404);
                assertThat(ex.getMessage()).endsWith(": HTTP 404 Not Found (not retried)");
            });
        assertThat(requestTimesNs).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsIsNotWaitedFor() throws Exception
    {
        final URI uri = serve((n, e) -> status(e, 503, "", "Retry-After", "3600"));
        assertThatThrownBy(() -> fetcher(FAST.withMaxRetryAfter(Duration.ofSeconds(60)))
            .get(uri, HttpResponse.BodyHandlers.ofByteArray()))
            .isInstanceOfSatisfying(HttpFetchException.class, ex ->
            {
                assertThat(ex.status()).isEqualTo(503);
                assertThat(ex.retried()).isFalse();
                assertThat(ex.getMessage()).contains("the server asks to wait 3600 s, more than the 60 s this client waits");
            });
        assertThat(requestTimesNs).hasSize(1);
    }

    @Test
    void aBodyCutShortIsRetriedAndTheCallerGetsOnlyTheWholeBody() throws Exception
    {
        final URI uri = serve((n, e) ->
        {
            if (n == 1)
            {
                e.sendResponseHeaders(200, BODY.length);
                final OutputStream out = e.getResponseBody();
                out.write(BODY, 0, BODY.length / 2);
                out.flush();
                // closing the exchange now leaves the declared length unmet: the server drops the connection
            }
            else
            {
                ok(e);
            }
        });
        final HttpResponse<byte[]> response = fetcher(FAST).get(uri, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(requestTimesNs).hasSize(2);
    }

    @Test
    void aBodyThatStallsIsCancelledAfterTheIdleTimeoutAndRetried() throws Exception
    {
        final URI uri = serve((n, e) ->
        {
            if (n == 1)
            {
                e.sendResponseHeaders(200, BODY.length);
                e.getResponseBody().write(BODY, 0, 100);
                e.getResponseBody().flush();
                Thread.sleep(10_000); // stalls; the client must not wait for it
            }
            else
            {
                ok(e);
            }
        });
        final long start = System.nanoTime();
        final HttpResponse<byte[]> response = fetcher(FAST.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)))
            .get(uri, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(requestTimesNs).hasSize(2);
        assertThat(System.nanoTime() - start).as("not waiting for the stalled server").isLessThan(TimeUnit.SECONDS.toNanos(8));
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithStatusZero() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final URI uri = URI.create("http://127.0.0.1:" + port + "/v1/x");
        assertThatThrownBy(() -> fetcher(FAST.withMaxAttempts(2)).get(uri, HttpResponse.BodyHandlers.ofByteArray()))
            .isInstanceOfSatisfying(HttpFetchException.class, ex ->
            {
                assertThat(ex.status()).isZero();
                assertThat(ex.attempts()).isEqualTo(2);
                assertThat(ex.getMessage()).startsWith("GET http://127.0.0.1:" + port + "/v1/x: ConnectException")
                    .endsWith("(gave up after 2 attempts)");
            });
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate()
    {
        final long now = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
        assertThat(HttpFetcher.retryAfterMs(headers("Retry-After", "120"), now)).isEqualTo(120_000);
        assertThat(HttpFetcher.retryAfterMs(headers("Retry-After", "Tue, 14 Nov 2023 22:13:50 GMT"), now)).isEqualTo(30_000);
        assertThat(HttpFetcher.retryAfterMs(headers("Retry-After", "Tue, 14 Nov 2023 22:00:00 GMT"), now)).isZero();
        assertThat(HttpFetcher.retryAfterMs(headers("Retry-After", "soon"), now)).isEqualTo(-1);
        assertThat(HttpFetcher.retryAfterMs(headers("X-Other", "1"), now)).isEqualTo(-1);
    }

    @Test
    void anHttpDateRetryAfterIsHonoured() throws Exception
    {
        final URI uri = serve((n, e) ->
        {
            if (n == 1)
            {
                final String at = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2).withNano(0));
                status(e, 503, "", "Retry-After", at);
            }
            else
            {
                ok(e);
            }
        });
        assertThat(fetcher(FAST).get(uri, HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(BODY);
        // a date whole seconds ahead: at least one full second later, whatever the sub-second now was
        assertThat(requestTimesNs.get(1) - requestTimesNs.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
    }

    private static HttpHeaders headers(final String name, final String value)
    {
        return HttpHeaders.of(Map.of(name, Arrays.asList(value)), (a, b) -> true);
    }
}
