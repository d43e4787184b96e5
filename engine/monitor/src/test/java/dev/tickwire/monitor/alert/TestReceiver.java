package dev.tickwire.monitor.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/** A real HTTP receiver on loopback: records every request and answers the status {@code answer} gives for it (1-based). */
public final class TestReceiver implements AutoCloseable
{
    /** One request as received. */
    public record Request(String method, String contentType, String timestamp, String signature, byte[] body)
    {
    }

    /** Runs before the answer, e.g. to hold the request (a stuck receiver). */
    @FunctionalInterface
    interface Hold
    {
        void await(int n) throws InterruptedException;
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public TestReceiver(final IntUnaryOperator answer) throws IOException
    {
        this(answer, n -> { });
    }

    TestReceiver(final IntUnaryOperator answer, final Hold hold) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> handle(exchange, answer, hold));
        server.setExecutor(executor);
        server.start();
    }

    private void handle(final HttpExchange exchange, final IntUnaryOperator answer, final Hold hold) throws IOException
    {
        try (exchange)
        {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst(WebhookChannel.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookChannel.SIGNATURE_HEADER), body));
            final int n = requests.size();
            try
            {
                hold.await(n);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer.applyAsInt(n), -1);
        }
    }

    public URI url()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0001/secret-token");
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
