package dev.tickwire.tools.http;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.tools.http.HttpTestClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-key rate limits of the HTTP API, over a real journal and a real server on loopback. */
class RateLimitTest
{
    @TempDir
    static Path dir;

    private static JournalQueries queries;
    private static LiveStream stream;
    private static ApiServer server;
    private static HttpTestClient http;
    private static KeyStore keys;
    private static String limited;
    private static String other;
    private static String bulk;
    private static String admin;

    @BeforeAll
    static void writeJournalAndServeIt() throws Exception
    {
        final TickwireConfig config = ServeJournalTest.engineConfig(dir.resolve("data"), 0, 5_000, "2026-01-02T14:30:00Z");
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!engine.adaptersDone())
            {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(engine.awaitDrained(30, TimeUnit.SECONDS)).isTrue();
        }
        keys = KeyStore.open(dir.resolve("api-keys.json"));
        limited = keys.create("limited", false, 5L, null).key();
        bulk = keys.create("bulk", false, null, 50_000L).key();
        other = keys.create("other", false).key();
        admin = keys.create("admin", true).key();
        queries = JournalQueries.open(config.journalPath());
        stream = LiveStream.start(queries.journal(), LiveStream.DEFAULT_BUFFER_FRAMES);
        // defaults as serve sets them; the keys above have their own where said
        server = new ApiServer(queries, keys).rateLimits(new RateLimiter(new RateLimiter.Limits(1_000, 0)))
            .stream(stream).start("127.0.0.1", 0);
        http = new HttpTestClient(server.port());
        for (int i = 0; i < 3; i++)
        {
            assertThat(http.get("/contracts", other).status()).isEqualTo(200); // a warm connection and server
        }
    }

    @AfterAll
    static void stop()
    {
        if (server != null)
        {
            server.close();
        }
        if (stream != null)
        {
            stream.close();
        }
        if (queries != null)
        {
            queries.close();
        }
    }

    @Test
    void theSixthRequestInASecondIsRefusedUntilItsRetryAfter() throws Exception
    {
        final List<Response> answers = new ArrayList<>();
        final long start = System.nanoTime();
        for (int i = 0; i < 6; i++)
        {
            answers.add(http.get("/contracts", limited));
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        for (int i = 0; i < 5; i++)
        {
            assertThat(answers.get(i).status()).as("request " + (i + 1)).isEqualTo(200);
        }
        final Response sixth = answers.get(5);
        // 5 tokens a second: the 6th within 200 ms finds less than one
        assertThat(sixth.status()).as("the 6th request, " + elapsedMs + " ms after the first").isEqualTo(429);
        final long retryAfter = Long.parseLong(sixth.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThanOrEqualTo(1);
        assertThat(sixth.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(sixth.error()).contains("key 'limited'").contains("5 requests per second").contains("retry after");

        assertThat(http.get("/contracts", other).status()).as("another key is unaffected").isEqualTo(200);
        assertThat(http.get("/health", null).status()).as("/health is not limited").isEqualTo(200);

        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter));
        assertThat(http.get("/contracts", limited).status()).as("after Retry-After").isEqualTo(200);
    }

    @Test
    void aLargeTimeAndSalesAnswerUsesUpTheBytesPerMinute() throws Exception
    {
        final Response large = http.get("/contracts/ESZ6/tas?limit=100000", bulk);
        assertThat(large.status()).isEqualTo(200);
        assertThat(large.body().length()).as("larger than the key's 50,000 bytes a minute").isGreaterThan(50_000);
        final Response next = http.get("/contracts", bulk);
        assertThat(next.status()).isEqualTo(429);
        final long retryAfter = Long.parseLong(next.raw().headers().firstValue("Retry-After").orElseThrow());
        // the debt paid back at 50,000 bytes a minute
        final long debt = large.body().length() - 50_000L;
        assertThat(retryAfter).isGreaterThanOrEqualTo(Math.max(1, debt * 60 / 50_000 - 1)).isLessThanOrEqualTo(debt * 60 / 50_000 + 2);
        assertThat(next.error()).contains("key 'bulk'").contains("50000 response bytes per minute");
        assertThat(http.get("/contracts/ESZ6/tas?limit=100000", other).status()).as("another key").isEqualTo(200);
    }

    @Test
    void publicPathsAreNotLimited()
    {
        final RateLimiter tight = new RateLimiter(new RateLimiter.Limits(1, 1));
        try (ApiServer strict = new ApiServer(queries, keys).rateLimits(tight).start("127.0.0.1", 0))
        {
            final HttpTestClient client = new HttpTestClient(strict.port());
            for (int i = 0; i < 20; i++)
            {
                assertThat(client.get("/health", other).status()).isEqualTo(200);
                assertThat(client.get("/openapi.json", null).status()).isEqualTo(200);
            }
            assertThat(client.get("/contracts", other).status()).isEqualTo(200);
            assertThat(client.get("/contracts", other).status()).isEqualTo(429);
        }
    }

    @Test
    void aStreamUpgradeCountsAsARequest() throws Exception
    {
        final String key = keys.create("streamer-1rps", false, 1L, null).key();
        try (WsTestClient first = WsTestClient.connect(server.port(), "symbols=ESZ6&types=trade", key))
        {
            final String refused = RawWsClient.upgradeAnswer(server.port(), "/stream?symbols=ESZ6&key=" + key);
            assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 1")
                .contains("1 requests per second");
        }
    }

    @Test
    void keysMadeOverTheApiMayCarryLimits()
    {
        final Response created = http.post("/keys", admin, "{\"name\": \"api-made\", \"rps\": 7, \"bytes_per_minute\": 1000000}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("rps").asLong()).isEqualTo(7);
        assertThat(created.json().get("bytes_per_minute").asLong()).isEqualTo(1_000_000);
        final Response listed = http.get("/keys", admin);
        assertThat(listed.json()).anySatisfy(k ->
        {
            assertThat(k.get("name").asText()).isEqualTo("api-made");
            assertThat(k.get("rps").asLong()).isEqualTo(7);
        });
        assertThat(listed.json()).anySatisfy(k ->
        {
            assertThat(k.get("name").asText()).isEqualTo("other");
            assertThat(k.has("rps")).as("default limits are left out").isFalse();
        });
        final Response bad = http.post("/keys", admin, "{\"name\": \"neg\", \"rps\": -1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("rps");
    }
}
