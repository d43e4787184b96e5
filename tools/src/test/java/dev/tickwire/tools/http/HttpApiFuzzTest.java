package dev.tickwire.tools.http;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any request to the HTTP API of {@code tickwire serve}, over a real journal: endpoints with fuzzed
 * symbols, query parameters (known names and others, any values, repeated), keys (reader, admin,
 * wrong, none) and bodies, sent as raw HTTP/1.1 over a socket. The server must answer every one with a
 * client error or a result, never a 500, always with a JSON body of bounded size, and stay up.
 */
class HttpApiFuzzTest
{
    private static final List<String> PATHS = List.of("/contracts", "/contracts/%s/tas", "/contracts/%s/orderbook",
        "/contracts/%s/bars", "/contracts/%s/reference", "/keys", "/keys/%s", "/health", "/openapi.json", "/%s");
    private static final List<String> PARAMS = List.of("start_time", "end_time", "limit", "timestamp", "levels",
        "interval", "type", "cursor", "x");
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "DELETE", "PUT");
    private static final Set<Integer> ANSWERS = Set.of(200, 201, 204, 400, 401, 403, 404, 405, 409);
    /** The largest answer: 100,000 trades at the capped limit are far below it. */
    private static final int MAX_BODY = 64 << 20;

    /** One server for the whole run: a journal of synthetic ticks, a reader and an admin key. */
    private static final class Server
    {
        static final Server INSTANCE = new Server();
        final ApiServer api;
        final String reader;
        final String admin;

        private Server()
        {
            try
            {
                final Path dir = Files.createTempDirectory("tickwire-http-fuzz");
                final TickwireConfig config = ServeJournalTest.engineConfig(dir.resolve("data"), 0, 2_000,
                    "2026-01-02T14:30:00Z");
                try (Engine engine = Engine.launch(config, Sources.create(config)))
                {
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!engine.adaptersDone() && System.nanoTime() < deadline)
                    {
                        Thread.sleep(10);
                    }
                    engine.awaitDrained(30, TimeUnit.SECONDS);
                }
                final KeyStore keys = KeyStore.open(dir.resolve("api-keys.json"));
                reader = keys.create("reader", false).key();
                admin = keys.create("admin", true).key();
                api = new ApiServer(JournalQueries.open(config.journalPath()), keys).start("127.0.0.1", 0);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyRequest(final FuzzedDataProvider data) throws IOException
    {
        final Server server = Server.INSTANCE;
        final String method = data.pickValue(METHODS);
        final String symbol = data.pickValue(List.of("ESZ6", "NQZ6", "nope")) + data.consumeString(8);
        String path = String.format(data.pickValue(PATHS), URLEncoder.encode(symbol, StandardCharsets.UTF_8));
        final int params = data.consumeInt(0, 5);
        final StringBuilder query = new StringBuilder();
        for (int i = 0; i < params; i++)
        {
            query.append(i == 0 ? "?" : "&").append(data.pickValue(PARAMS)).append('=')
                .append(URLEncoder.encode(data.consumeString(40), StandardCharsets.UTF_8));
        }
        final String key = switch (data.consumeInt(0, 3))
        {
            case 0 -> server.reader;
            case 1 -> server.admin;
            case 2 -> "tw_wrong";
            default -> null;
        };
        final byte[] body = data.consumeRemainingAsBytes();
        final Response response;
        // the test's own client connects to the server on loopback: not a request forgery by the code under test
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, port) -> port == server.api.port()))
        {
            response = send(server.api.port(), method, path + query, key, method.equals("GET") ? new byte[0] : body);
        }
        assertThat(response.status).as("%s %s%s -> %s", method, path, query, response.text()).isIn(ANSWERS);
        assertThat(response.body.length).isLessThan(MAX_BODY);
        if (response.body.length > 0 && response.status != 204)
        {
            final JsonNode json;
            try
            {
                json = ApiJson.mapper().readTree(response.body);
            }
            catch (final IOException ex)
            {
                throw new AssertionError(method + " " + path + query + " -> " + response.status + " not JSON: " +
                    response.text(), ex);
            }
            if (response.status >= 400)
            {
                assertThat(json.path("error").isTextual()).as(response.text()).isTrue();
            }
        }
    }

    private record Response(int status, byte[] body)
    {
        String text()
        {
            return new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
    }

    private static Response send(final int port, final String method, final String target, final String key,
        final byte[] body) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            final StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
            if (key != null)
            {
                head.append(ApiServer.KEY_HEADER).append(": ").append(key).append("\r\n");
            }
            final OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            final byte[] raw = readAll(socket.getInputStream());
            final String text = new String(raw, StandardCharsets.ISO_8859_1);
            final int status = Integer.parseInt(text.substring(9, 12));
            final int headerEnd = text.indexOf("\r\n\r\n");
            byte[] payload = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
            if (text.substring(0, headerEnd).toLowerCase().contains("transfer-encoding: chunked"))
            {
                payload = unchunk(payload);
            }
            return new Response(status, payload);
        }
    }

    private static byte[] readAll(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0)
        {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY + 65536)
            {
                break;
            }
        }
        return out.toByteArray();
    }

    private static byte[] unchunk(final byte[] chunked)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length)
        {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n'))
            {
                lineEnd++;
            }
            final String sizeText = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            final int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0)
            {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
