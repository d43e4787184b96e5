package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.tools.http.HttpTestClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint over real HTTP, against a fake {@link dev.tickwire.engine.query.MarketQueries}. */
class ApiServerTest
{
    /** The server's "now": 2026-01-03T00:00:00Z. */
    private static final long NOW = 1_767_398_400_000_000_000L;
    private static final List<String> PROTECTED = List.of(
        "/contracts", "/contracts/ESZ6/tas", "/contracts/ESZ6/orderbook", "/contracts/ESZ6/bars?interval=1m", "/keys");

    @TempDir
    Path dir;

    private final FakeQueries queries = new FakeQueries();
    private KeyStore keys;
    private ApiServer server;
    private HttpTestClient http;
    private String admin;
    private String user;

    @BeforeEach
    void start()
    {
        keys = KeyStore.open(dir.resolve("api-keys.json"));
        admin = keys.create("root", true).key();
        user = keys.create("reader", false).key();
        server = new ApiServer(queries, keys, () -> NOW).start("127.0.0.1", 0);
        http = new HttpTestClient(server.port());
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void barsOfAContract() throws Exception
    {
        final HttpTestClient.Response r = http.get("/contracts/ESZ6/bars?interval=1m&limit=5", user);
        assertThat(r.status()).isEqualTo(200);
        final JsonNode bar = r.json().get(0);
        assertThat(bar.get("start").asText()).isEqualTo("1970-01-01T00:01:00.000000000Z");
        assertThat(bar.get("open").asText()).isEqualTo("5000.00");
        assertThat(bar.get("close").asText()).isEqualTo("5000.25");
        assertThat(bar.get("buy_volume").asText()).isEqualTo("7");
        assertThat(bar.get("vwap").asText()).isEqualTo("5000.12");
        assertThat(bar.get("trades").asLong()).isEqualTo(4);
        assertThat(http.get("/contracts/ESZ6/bars", user).status()).isEqualTo(400);
        assertThat(http.get("/contracts/ESZ6/bars", user).error()).startsWith("interval");
        assertThat(http.get("/contracts/ESZ6/bars?interval=weekly", user).status()).isEqualTo(400);
        assertThat(http.get("/contracts/NOPE/bars?interval=1m", user).status()).isEqualTo(404);
        assertThat(http.get("/contracts/ESZ6/bars?interval=1m", null).status()).isEqualTo(401);
    }

    @Test
    void aRequestJettyCannotParseIsAnsweredInJsonToo()
    {
        // found by HttpApiFuzzTest: Jetty refuses a NUL in the path before the API sees it, with an HTML page
        final Response r = http.get("/keys/ESZ6%00x", user);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.error()).startsWith("bad request (400 Bad Request)");
    }

    @Test
    void healthNeedsNoKey()
    {
        final Response r = http.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("time_ns").asLong()).isEqualTo(NOW);
        assertThat(r.json().get("time").asText()).isEqualTo("2026-01-03T00:00:00.000000000Z");
    }

    @Test
    void openApiNeedsNoKeyAndDescribesEveryEndpoint()
    {
        final Response r = http.get("/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        final JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.0");
        final List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/health", "/openapi.json", "/contracts", "/contracts/{symbol}/tas",
            "/contracts/{symbol}/reference", "/contracts/{symbol}/orderbook", "/contracts/{symbol}/bars", "/stream", "/keys", "/keys/{name}");
        assertThat(doc.at("/paths/~1keys").has("get")).isTrue();
        assertThat(doc.at("/paths/~1keys").has("post")).isTrue();
        assertThat(doc.at("/paths/~1keys~1{name}").has("delete")).isTrue();
        final JsonNode scheme = doc.at("/components/securitySchemes/ApiKeyAuth");
        assertThat(scheme.get("type").asText()).isEqualTo("apiKey");
        assertThat(scheme.get("in").asText()).isEqualTo("header");
        assertThat(scheme.get("name").asText()).isEqualTo("X-API-Key");
        assertThat(doc.at("/security/0").has("ApiKeyAuth")).isTrue();
        assertThat(doc.at("/paths/~1health/get/security").isEmpty()).isTrue(); // no key needed
        final JsonNode tas = doc.at("/paths/~1contracts~1{symbol}~1tas/get");
        final List<String> params = new ArrayList<>();
        tas.get("parameters").forEach(p -> params.add(p.get("name").asText()));
        assertThat(params).containsExactly("symbol", "start_time", "end_time", "limit", "cursor");
        final List<String> statuses = new ArrayList<>();
        tas.get("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).contains("200", "400", "401", "404");
        assertThat(tas.get("description").asText()).contains("100000");
        final List<String> bookParams = new ArrayList<>();
        doc.at("/paths/~1contracts~1{symbol}~1orderbook/get/parameters").forEach(p -> bookParams.add(p.get("name").asText()));
        assertThat(bookParams).containsExactly("symbol", "timestamp", "levels");
        // every keyed operation may answer 429 with Retry-After; open ones never
        doc.get("paths").forEach(path -> path.forEach(op ->
            assertThat(op.at("/responses/429").isMissingNode()).as(op.get("operationId").asText())
                .isEqualTo(op.has("security") && op.get("security").isEmpty())));
        assertThat(doc.at("/components/responses/TooManyRequests/headers/Retry-After/schema/type").asText()).isEqualTo("integer");
        // the stream: its parameters, the key as header or query, its close codes
        final JsonNode stream = doc.at("/paths/~1stream/get");
        final List<String> streamParams = new ArrayList<>();
        stream.get("parameters").forEach(p -> streamParams.add(p.get("name").asText()));
        assertThat(streamParams).containsExactly("symbols", "types", "bars", "key");
        assertThat(stream.get("description").asText()).contains("1008").contains("1013").contains("book_snapshot");
        assertThat(stream.at("/security/1").has("ApiKeyQuery")).isTrue();
        assertThat(stream.at("/responses/101/content/application~1json/schema/oneOf")).hasSize(6);
        // every $ref resolves
        final List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref ->
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    private static void collectRefs(final JsonNode node, final List<String> refs)
    {
        if (node.has("$ref"))
        {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    @Test
    void contractsListsEveryInstrumentWithTimesAndCounts()
    {
        final Response r = http.get("/contracts", user);
        assertThat(r.status()).isEqualTo(200);
        final JsonNode es = r.json().get(0);
        assertThat(es.get("symbol").asText()).isEqualTo("ESZ6");
        assertThat(es.get("venue").asText()).isEqualTo("SYNTH");
        assertThat(es.get("first_event").asText()).isEqualTo("2026-01-02T14:30:00.000000000Z");
        assertThat(es.get("last_event").asText()).isEqualTo("2026-01-02T14:30:00.002000000Z");
        assertThat(es.get("first_event_ns").asLong()).isEqualTo(FakeQueries.T0);
        assertThat(es.get("last_event_ns").asLong()).isEqualTo(FakeQueries.T0 + 2_000_000);
        assertThat(es.get("counts").get("trades").asLong()).isEqualTo(3);
        assertThat(es.get("counts").get("quotes").asLong()).isEqualTo(4);
        assertThat(es.get("counts").get("book_deltas").asLong()).isEqualTo(5);
        assertThat(es.get("counts").get("rejected").asLong()).isEqualTo(1);
        // no event yet: null times, not the epoch
        final JsonNode nq = r.json().get(1);
        assertThat(nq.get("symbol").asText()).isEqualTo("NQZ6");
        assertThat(nq.get("first_event").isNull()).isTrue();
        assertThat(nq.get("last_event_ns").isNull()).isTrue();
    }

    @Test
    void timeAndSalesReturnsTradeRows()
    {
        final Response r = http.get("/contracts/ESZ6/tas", user);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).hasSize(3);
        final JsonNode first = r.json().get(0);
        assertThat(first.get("seq").asLong()).isEqualTo(10);
        assertThat(first.get("ts").asText()).isEqualTo("2026-01-02T14:30:00.000000000Z");
        assertThat(first.get("ts_ns").asLong()).isEqualTo(FakeQueries.T0);
        assertThat(first.get("recv_ns").asLong()).isEqualTo(FakeQueries.T0 + 5);
        assertThat(first.get("price").asText()).isEqualTo("5000.25");
        assertThat(first.get("price").isTextual()).isTrue(); // exact decimal strings, never floats
        assertThat(first.get("size").asText()).isEqualTo("2");
        assertThat(first.get("side").asText()).isEqualTo("buy");
        assertThat(first.get("bid").asText()).isEqualTo("5000.00");
        assertThat(first.get("ask").asText()).isEqualTo("5000.25");
        assertThat(first.get("trade_id").asLong()).isEqualTo(1);
        // bid/ask left out when the source gave none
        assertThat(r.json().get(1).has("bid")).isFalse();
        assertThat(r.json().get(1).has("ask")).isFalse();
        assertThat(r.json().get(2).has("bid")).isTrue();
        assertThat(r.json().get(2).has("ask")).isFalse();
        // defaults: from the epoch to now, 1000 rows
        assertThat(queries.lastFrom).isZero();
        assertThat(queries.lastTo).isEqualTo(NOW);
        assertThat(queries.lastLimit).isEqualTo(1000);
        assertThat(r.raw().headers().firstValue(ApiServer.APPLIED_HEADER)).hasValue("1000");
    }

    @Test
    void timeAndSalesTakesIsoTimesAndEpochNanos()
    {
        final Response iso = http.get("/contracts/ESZ6/tas?start_time=2026-01-02T14:30:00.001Z&end_time=2026-01-02T14:30:00.002Z&limit=5", user);
        assertThat(iso.status()).isEqualTo(200);
        assertThat(iso.json()).hasSize(2);
        assertThat(iso.json().get(0).get("seq").asLong()).isEqualTo(11);
        assertThat(queries.lastFrom).isEqualTo(FakeQueries.T0 + 1_000_000);
        assertThat(queries.lastTo).isEqualTo(FakeQueries.T0 + 2_000_000);
        assertThat(queries.lastLimit).isEqualTo(5);

        final Response nanos = http.get("/contracts/ESZ6/tas?start_time=" + (FakeQueries.T0 + 1) + "&end_time=" +
            (FakeQueries.T0 + 1_000_000) + "&limit=1", user);
        assertThat(nanos.status()).isEqualTo(200);
        assertThat(nanos.json()).hasSize(1);
        assertThat(nanos.json().get(0).get("seq").asLong()).isEqualTo(11);

        assertThat(http.get("/contracts/ESZ6/tas?start_time=0&end_time=2026-01-02", user).status()).isEqualTo(200);
        assertThat(queries.lastFrom).isZero();
        assertThat(queries.lastTo).isEqualTo(FakeQueries.T0 - 52_200_000_000_000L); // midnight UTC

        final Response offset = http.get("/contracts/ESZ6/tas?start_time=2026-01-02T09:30:00-05:00", user);
        assertThat(offset.status()).isEqualTo(200);
        assertThat(queries.lastFrom).isEqualTo(FakeQueries.T0);
    }

    @Test
    void limitAboveTheMaximumIsCappedNotRefused()
    {
        assertThat(http.get("/contracts/ESZ6/tas?limit=1000000", user).status()).isEqualTo(200);
        assertThat(queries.lastLimit).isEqualTo(100_000);
        final Response huge = http.get("/contracts/ESZ6/tas?limit=99999999999999999999", user);
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.raw().headers().firstValue(ApiServer.APPLIED_HEADER)).hasValue("100000");
        assertThat(queries.lastLimit).isEqualTo(100_000);
        assertThat(http.get("/contracts/ESZ6/tas?limit=100000", user).status()).isEqualTo(200);
        assertThat(queries.lastLimit).isEqualTo(100_000);
        assertThat(http.get("/contracts/ESZ6/orderbook?levels=5000", user).status()).isEqualTo(200);
        assertThat(queries.lastLevels).isEqualTo(1000);
    }

    @Test
    void orderBookIsBestFirstWithDefaults()
    {
        final Response r = http.get("/contracts/ESZ6/orderbook", user);
        assertThat(r.status()).isEqualTo(200);
        final JsonNode book = r.json();
        assertThat(book.get("symbol").asText()).isEqualTo("ESZ6");
        assertThat(book.get("ts_ns").asLong()).isEqualTo(NOW);
        assertThat(book.get("ts").asText()).isEqualTo("2026-01-03T00:00:00.000000000Z");
        assertThat(book.get("bids")).hasSize(2);
        assertThat(book.get("bids").get(0).get("price").asText()).isEqualTo("5000.00");
        assertThat(book.get("bids").get(0).get("size").asText()).isEqualTo("10");
        assertThat(book.get("bids").get(0).get("orders").asInt()).isEqualTo(3);
        assertThat(book.get("asks").get(0).get("price").asText()).isEqualTo("5000.25");
        assertThat(queries.lastAt).isEqualTo(NOW);
        assertThat(queries.lastLevels).isEqualTo(10);

        final Response at = http.get("/contracts/ESZ6/orderbook?timestamp=2026-01-02T14:30:00.001Z&levels=1", user);
        assertThat(at.status()).isEqualTo(200);
        assertThat(at.json().get("bids")).hasSize(1);
        assertThat(at.json().get("ts_ns").asLong()).isEqualTo(FakeQueries.T0 + 1_000_000);
        assertThat(queries.lastLevels).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/contracts/ESZ6/tas?start_time=yesterday|start_time",
        "/contracts/ESZ6/tas?end_time=2026-13-45T00:00:00Z|end_time",
        "/contracts/ESZ6/tas?start_time=2026-01-03T00:00:00Z&end_time=2026-01-02T00:00:00Z|start_time",
        "/contracts/ESZ6/tas?limit=0|limit",
        "/contracts/ESZ6/tas?limit=-5|limit",
        "/contracts/ESZ6/tas?limit=abc|limit",
        "/contracts/ESZ6/tas?limit=1.5|limit",
        "/contracts/ESZ6/tas?limit=1&limit=2|limit",
        "/contracts/ESZ6/tas?start=2026-01-02|start",
        "/contracts/ESZ6/orderbook?timestamp=noon|timestamp",
        "/contracts/ESZ6/orderbook?levels=0|levels",
        "/contracts/ESZ6/orderbook?levels=ten|levels",
        "/contracts?symbol=ESZ6|symbol",
    })
    void badParametersAre400NamingTheParameter(final String pathAndParameter)
    {
        final String[] parts = pathAndParameter.split("\\|");
        final Response r = http.get(parts[0], user);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.error()).startsWith(parts[1]);
    }

    @Test
    void unknownSymbolIs404()
    {
        final Response tas = http.get("/contracts/CLZ6/tas", user);
        assertThat(tas.status()).isEqualTo(404);
        assertThat(tas.error()).contains("CLZ6");
        final Response book = http.get("/contracts/CLZ6/orderbook", user);
        assertThat(book.status()).isEqualTo(404);
        assertThat(book.error()).contains("CLZ6");
    }

    @Test
    void unknownEndpointIsAJson404()
    {
        final Response r = http.get("/nope", user);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isNotBlank();
    }

    @Test
    void aTakenPortIsAClearError()
    {
        final ApiServer second = new ApiServer(queries, keys);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.start("127.0.0.1", server.port()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
        assertThat(http.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void aWrongMethodIsAJson405()
    {
        final Response r = http.send("PUT", "/keys", admin, "{}");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.error()).isNotBlank();
    }

    @Test
    void everyProtectedEndpointIs401WithoutAKey()
    {
        for (final String path : PROTECTED)
        {
            final Response r = http.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.error()).as(path).contains("X-API-Key");
        }
        assertThat(http.post("/keys", null, "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(http.delete("/keys/reader", null).status()).isEqualTo(401);
        assertThat(http.get("/contracts", "").status()).isEqualTo(401);
    }

    @Test
    void everyProtectedEndpointIs401WithAWrongKey()
    {
        final String wrong = user.substring(0, user.length() - 1) + (user.endsWith("A") ? "B" : "A");
        for (final String key : List.of(wrong, "not-a-key", "x".repeat(1000)))
        {
            for (final String path : PROTECTED)
            {
                final Response r = http.get(path, key);
                assertThat(r.status()).as(path).isEqualTo(401);
                assertThat(r.error()).isEqualTo("invalid API key");
            }
        }
        assertThat(http.delete("/keys/reader", wrong).status()).isEqualTo(401);
        assertThat(keys.list()).hasSize(2);
    }

    @Test
    void aRevokedKeyIs401AtOnce()
    {
        assertThat(http.get("/contracts", user).status()).isEqualTo(200);
        assertThat(http.delete("/keys/reader", admin).status()).isEqualTo(204);
        for (final String path : PROTECTED)
        {
            assertThat(http.get(path, user).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void aKeyRevokedByAnotherProcessIs401()
    {
        assertThat(http.get("/contracts", user).status()).isEqualTo(200);
        // another KeyStore on the same file stands for `tickwire keys revoke` run while the server is up
        assertThat(KeyStore.open(keys.file()).revoke("reader")).isTrue();
        assertThat(http.get("/contracts", user).status()).isEqualTo(401);
        assertThat(http.get("/contracts", admin).status()).isEqualTo(200);
        // and a key created by another process works at once
        final String added = KeyStore.open(keys.file()).create("late", false).key();
        assertThat(http.get("/contracts", added).status()).isEqualTo(200);
    }

    @Test
    void nonAdminKeysAre403OnKeyAdministration()
    {
        final Response list = http.get("/keys", user);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.error()).contains("admin");
        assertThat(http.post("/keys", user, "{\"name\":\"sneaky\",\"admin\":true}").status()).isEqualTo(403);
        assertThat(http.delete("/keys/root", user).status()).isEqualTo(403);
        assertThat(keys.list()).extracting(KeyStore.KeyInfo::name).containsExactly("root", "reader");
    }

    @Test
    void adminCreatesListsAndRevokesKeys() throws Exception
    {
        final Response created = http.post("/keys", admin, "{\"name\": \"analyst\", \"admin\": false}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("analyst");
        assertThat(created.json().get("admin").asBoolean()).isFalse();
        final String key = created.json().get("key").asText();
        assertThat(key).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, base64url without padding
        assertThat(http.get("/contracts", key).status()).isEqualTo(200);
        assertThat(http.get("/keys", key).status()).isEqualTo(403);

        final Response listed = http.get("/keys", admin);
        assertThat(listed.status()).isEqualTo(200);
        final List<String> names = new ArrayList<>();
        listed.json().forEach(k ->
        {
            names.add(k.get("name").asText());
            assertThat(k.has("admin")).isTrue();
            assertThat(k.has("created")).isTrue();
            assertThat(k.has("key")).isFalse();
            assertThat(k.has("hash")).isFalse();
            assertThat(k.has("salt")).isFalse();
        });
        assertThat(names).containsExactly("root", "reader", "analyst");
        assertThat(listed.body()).doesNotContain(key).doesNotContain(admin).doesNotContain(user);
        assertThat(Files.readString(keys.file())).doesNotContain(key);

        final Response admin2 = http.post("/keys", admin, "{\"name\": \"ops\", \"admin\": true}");
        assertThat(admin2.status()).isEqualTo(201);
        assertThat(http.get("/keys", admin2.json().get("key").asText()).status()).isEqualTo(200);

        assertThat(http.delete("/keys/analyst", admin).status()).isEqualTo(204);
        assertThat(http.get("/contracts", key).status()).isEqualTo(401);
        final Response again = http.delete("/keys/analyst", admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).contains("analyst");
    }

    @Test
    void keyCreationChecksItsBody()
    {
        final Response duplicate = http.post("/keys", admin, "{\"name\": \"reader\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).contains("reader").contains("already exists");
        assertThat(http.post("/keys", admin, "{not json").status()).isEqualTo(400);
        assertThat(http.post("/keys", admin, "[1]").status()).isEqualTo(400);
        final Response badName = http.post("/keys", admin, "{\"name\": \"has space\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.error()).startsWith("name");
        assertThat(http.post("/keys", admin, "{\"name\": \"x\", \"admin\": \"yes\"}").error()).startsWith("admin");
        assertThat(http.post("/keys", admin, "{\"name\": \"x\", \"root\": true}").status()).isEqualTo(400);
        // no body: a generated name, not an admin
        final Response unnamed = http.post("/keys", admin, "");
        assertThat(unnamed.status()).isEqualTo(201);
        assertThat(unnamed.json().get("name").asText()).startsWith("key-");
        assertThat(unnamed.json().get("admin").asBoolean()).isFalse();
    }
}
