package dev.tickwire.adapters.binance;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Binance on loopback, speaking its protocols: the combined-stream WebSocket
 * ({@code /stream?streams=...}), {@code GET /api/v3/exchangeInfo} and {@code GET /api/v3/depth} (the given
 * snapshots in turn, the last one again after that). The test says what each connection is sent and when
 * it is dropped.
 */
final class BinanceTestServer implements AutoCloseable
{
    final List<WsContext> connections = new CopyOnWriteArrayList<>();
    final List<String> streamsAsked = new CopyOnWriteArrayList<>();
    final List<String> depthQueries = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    private final Javalin app;

    BinanceTestServer(final String exchangeInfo, final List<String> snapshots)
    {
        app = Javalin.create(c -> c.showJavalinBanner = false);
        app.get("/api/v3/exchangeInfo", ctx -> ctx.contentType("application/json").result(exchangeInfo));
        app.get("/api/v3/depth", ctx ->
        {
            final int call = depthQueries.size();
            depthQueries.add(ctx.queryString());
            ctx.contentType("application/json").result(snapshots.get(Math.min(call, snapshots.size() - 1)));
        });
        app.ws("/stream", ws ->
        {
            ws.onConnect(ctx ->
            {
                ctx.session.setIdleTimeout(Duration.ofMinutes(2));
                streamsAsked.add(ctx.queryParam("streams"));
                connections.add(ctx);
            });
            ws.onClose(ctx -> closes.incrementAndGet());
            ws.onMessage(ctx ->
            {
                // Binance takes subscribe requests here; the URL's streams are all these tests use
            });
        });
        app.start("127.0.0.1", 0);
    }

    int port()
    {
        return app.port();
    }

    String wsUrl()
    {
        return "ws://127.0.0.1:" + port() + "/stream";
    }

    String restUrl()
    {
        return "http://127.0.0.1:" + port();
    }

    /** Sends a text frame on the latest connection. */
    void send(final String frame)
    {
        connections.get(connections.size() - 1).send(frame);
    }

    /** Drops the latest connection, as Binance does at 24 h or on maintenance. */
    void dropLatest()
    {
        connections.get(connections.size() - 1).closeSession(1001, "going away");
    }

    @Override
    public void close()
    {
        app.stop();
    }
}
