package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.tools.http.ApiServer;
import dev.tickwire.tools.http.KeyStore;
import dev.tickwire.tools.http.LiveStream;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live WebSocket stream of {@code tickwire serve} (/stream): messages a second to one client, the
 * latency from the engine's receive time to the client, and a client that stops reading attached to an
 * engine under load (it must not change the engine's latency: the stream reads the journal, off the
 * engine's threads).
 */
final class StreamBench
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamBench()
    {
    }

    record Client(double messagesPerSecond, Histogram latencyNs)
    {
    }

    /** One JDK WebSocket client on everything, the synthetic source at {@code rate} (0: as fast as it goes). */
    static Client oneClient(final long rate, final long seconds) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-stream");
        final TickwireConfig config = engineConfig(dir, rate);
        final Histogram latency = new Histogram(3);
        try (Engine engine = Engine.launch(config, Sources.create(config));
             JournalQueries queries = JournalQueries.open(config.journalPath()))
        {
            final KeyStore keys = KeyStore.open(dir.resolve("keys.json"));
            final String key = keys.create("bench", false).key();
            try (LiveStream stream = LiveStream.start(queries.journal(), 1_000_000);
                 ApiServer server = new ApiServer(queries, keys).stream(stream).start("127.0.0.1", 0))
            {
                final AtomicLong frames = new AtomicLong();
                final AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
                final WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header(ApiServer.KEY_HEADER, key)
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/stream?types=trade,quote,book"),
                        new WebSocket.Listener()
                        {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
                            {
                                text.append(data);
                                if (last)
                                {
                                    final Instant at = Instant.now(); // µs resolution: the engine's recv_ns is epoch ns
                                    final long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                                    final long n = frames.incrementAndGet();
                                    if (System.nanoTime() > measuring.get() && n % 50 == 0)
                                    {
                                        record(text, now);
                                    }
                                    text.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }

                            private void record(final CharSequence frame, final long nowNs)
                            {
                                try
                                {
                                    final long recv = JSON.readTree(frame.toString()).path("recv_ns").asLong(0);
                                    if (recv > 0 && nowNs > recv)
                                    {
                                        latency.recordValue(nowNs - recv);
                                    }
                                }
                                catch (final IOException ignored)
                                {
                                    // a frame without recv_ns (a snapshot) is not a latency sample
                                }
                            }
                        }).get(10, TimeUnit.SECONDS);
                Thread.sleep(2_000); // warm up
                measuring.set(System.nanoTime());
                final long before = frames.get();
                final long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000);
                final double rateOut = (frames.get() - before) * 1e9 / (System.nanoTime() - t0);
                ws.abort();
                return new Client(rateOut, latency);
            }
        }
    }

    /**
     * Attaches a serve stream to the journal the engine in {@code config} will write, with one client that never
     * reads, once the journal exists (call from a latency run's config hook). Closed with the returned handle.
     */
    static AutoCloseable stalledClient(final TickwireConfig config)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                while (!Files.isDirectory(config.journalPath()) || Files.list(config.journalPath()).noneMatch(
                    p -> p.toString().endsWith(".cq4")))
                {
                    Thread.sleep(10);
                }
                final Path keysFile = Files.createTempFile("tickwire-bench-keys", ".json");
                Files.delete(keysFile);
                final KeyStore keys = KeyStore.open(keysFile);
                final String key = keys.create("stalled", false).key();
                try (JournalQueries queries = JournalQueries.open(config.journalPath());
                     LiveStream stream = LiveStream.start(queries.journal(), 10_000);
                     ApiServer server = new ApiServer(queries, keys).stream(stream).start("127.0.0.1", 0);
                     Socket socket = new Socket())
                {
                    socket.setReceiveBufferSize(64 * 1024);
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                    socket.getOutputStream().write(("GET /stream?types=trade,quote,book HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                        "Sec-WebSocket-Version: 13\r\n" + ApiServer.KEY_HEADER + ": " + key + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                    final InputStream in = socket.getInputStream();
                    in.read(new byte[12]); // "HTTP/1.1 101": upgraded; from now on it never reads
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            catch (final InterruptedException stop)
            {
                Thread.currentThread().interrupt();
            }
            catch (final Exception ex)
            {
                System.err.println("stalled stream client: " + ex);
            }
        }, "bench-stalled-stream-client");
        thread.setDaemon(true);
        thread.start();
        return thread::interrupt;
    }

    private static TickwireConfig engineConfig(final Path dir, final long rate)
    {
        final TickwireConfig cfg = new TickwireConfig();
        cfg.dataDir = dir.resolve("data").toString();
        cfg.aeron.publish = false;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic").put("id", 1).put("rate", rate).put("count", 0).put("seed", 7)
            .put("startTime", Instant.now().toString());
        cfg.sources.add(source);
        return cfg.conclude();
    }
}
