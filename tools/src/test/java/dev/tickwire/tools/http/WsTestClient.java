package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real WebSocket client (the JDK's java.net.http.WebSocket) for /stream, collecting text frames. */
final class WsTestClient implements WebSocket.Listener, AutoCloseable
{
    /** A text frame and when it arrived (epoch ns, for latency figures). */
    record Frame(String text, long receivedNs)
    {
        JsonNode json()
        {
            try
            {
                return HttpTestClient.JSON.readTree(text);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("not JSON: " + text, ex);
            }
        }
    }

    record Closed(int code, String reason)
    {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsTestClient()
    {
    }

    /**
     * Connects to ws://127.0.0.1:port/stream?query with the key in the X-API-Key header (null: none).
     *
     * @throws WebSocketHandshakeException if the server refused the upgrade
     */
    static WsTestClient connect(final int port, final String query, final String key) throws Exception
    {
        final WsTestClient client = new WsTestClient();
        final WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (key != null)
        {
            builder.header(ApiServer.KEY_HEADER, key);
        }
        try
        {
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/stream" +
                (query.isEmpty() ? "" : "?" + query)), client).get(10, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof WebSocketHandshakeException refused)
            {
                throw refused;
            }
            throw ex;
        }
        return client;
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            final Instant now = Instant.now();
            frames.add(new Frame(partial.toString(), now.getEpochSecond() * 1_000_000_000L + now.getNano()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closed.completeExceptionally(error);
    }

    /** The next frame, waiting up to {@code timeoutMs}. */
    Frame next(final long timeoutMs) throws InterruptedException, TimeoutException
    {
        final Frame f = frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (f == null)
        {
            throw new TimeoutException("no frame within " + timeoutMs + " ms" + (closed.isDone() ? "; closed: " + closed.getNow(null) : ""));
        }
        return f;
    }

    /** How the server closed the socket, waiting up to {@code timeoutMs}. */
    Closed awaitClose(final long timeoutMs) throws Exception
    {
        return closed.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close()
    {
        if (socket != null && !socket.isOutputClosed())
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        if (socket != null)
        {
            socket.abort();
        }
    }
}
