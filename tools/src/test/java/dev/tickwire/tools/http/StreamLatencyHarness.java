package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Figures, not assertions (skipped unless {@code -Dtickwire.streamHarness=true}): one /stream client subscribed
 * to everything, (1) at 10,000 ticks/s, the latency from the engine's receive time (recv_ns) to the client's
 * receipt of the frame, same machine, same clock; (2) with the synthetic source unthrottled, the messages a
 * second one client receives. Run:
 * {@code mvn -o test-compile surefire:test -pl tools -Dtest=StreamLatencyHarness -Dtickwire.streamHarness=true}
 */
@EnabledIfSystemProperty(named = "tickwire.streamHarness", matches = "true")
class StreamLatencyHarness
{
    @TempDir
    Path dir;

    @Test
    void latencyAt10kTicksPerSecond() throws Exception
    {
        run("latency at 10k ticks/s", 10_000, 10);
    }

    @Test
    void messagesPerSecondToOneClient() throws Exception
    {
        run("unthrottled source", 0, 6);
    }

    @Test
    void messagesPerSecondToOneRawSocketClient() throws Exception
    {
        final TickwireConfig config = ServeJournalTest.engineConfig(dir.resolve("raw"), 0, 0, null);
        try (Engine engine = Engine.launch(config, Sources.create(config));
             JournalQueries queries = JournalQueries.open(config.journalPath()))
        {
            while (queries.journal().lastSequence() < 1_000)
            {
                Thread.sleep(10);
            }
            final KeyStore keys = KeyStore.open(dir.resolve("keys.json"));
            final String key = keys.create("h", false).key();
            try (LiveStream stream = LiveStream.start(queries.journal(), 1_000_000);
                 ApiServer server = new ApiServer(queries, keys).stream(stream).start("127.0.0.1", 0);
                 RawWsClient client = new RawWsClient(server.port(), "/stream?types=trade,quote,book", key, 1 << 20))
            {
                client.countTextMessages(TimeUnit.SECONDS.toNanos(2));
                final LiveStream.Stats before = stream.stats();
                final long start = System.nanoTime();
                final long n = client.countTextMessages(TimeUnit.SECONDS.toNanos(6));
                final double elapsed = (System.nanoTime() - start) / 1e9;
                final LiveStream.Stats after = stream.stats();
                System.out.printf("raw socket client, unthrottled source: %.0f msgs/s received; the tailer read %.0f msgs/s%n",
                    n / elapsed, (after.messagesRead() - before.messagesRead()) / elapsed);
            }
        }
    }

    private void run(final String name, final long rate, final int seconds) throws Exception
    {
        final TickwireConfig config = ServeJournalTest.engineConfig(dir.resolve(rate == 0 ? "fast" : "rate"), rate, 0,
            rate == 0 ? null : Instant.now().toString());
        try (Engine engine = Engine.launch(config, Sources.create(config));
             JournalQueries queries = JournalQueries.open(config.journalPath()))
        {
            while (queries.journal().lastSequence() < 1_000)
            {
                Thread.sleep(10);
            }
            final KeyStore keys = KeyStore.open(dir.resolve("keys.json"));
            final String key = keys.create("h", false).key();
            try (LiveStream stream = LiveStream.start(queries.journal(), 1_000_000);
                 ApiServer server = new ApiServer(queries, keys).stream(stream).start("127.0.0.1", 0);
                 WsTestClient client = WsTestClient.connect(server.port(), "types=trade,quote,book", key))
            {
                final long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < warmUntil)
                {
                    client.next(5_000);
                }
                final LiveStream.Stats before = stream.stats();
                final long journalBefore = queries.journal().lastSequence();
                long[] latencies = new long[1 << 20];
                int n = 0;
                long frames = 0;
                final long start = System.nanoTime();
                final long end = start + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end)
                {
                    final WsTestClient.Frame f = client.next(5_000);
                    if (frames++ % 100 != 0)
                    {
                        continue; // parse one frame in 100: the client's JSON parsing is not what is measured
                    }
                    final JsonNode json = f.json();
                    if (json.has("recv_ns") && n < latencies.length)
                    {
                        latencies[n++] = f.receivedNs() - json.get("recv_ns").asLong();
                    }
                }
                final double elapsed = (System.nanoTime() - start) / 1e9;
                final LiveStream.Stats after = stream.stats();
                System.out.printf("%s: engine journaled %.0f msgs/s, the tailer read %.0f msgs/s, the server wrote %.0f " +
                        "frames/s%n", name, (queries.journal().lastSequence() - journalBefore) / elapsed,
                    (after.messagesRead() - before.messagesRead()) / elapsed, (after.framesSent() - before.framesSent()) / elapsed);
                latencies = Arrays.copyOf(latencies, n);
                Arrays.sort(latencies);
                System.out.printf("%s: %d frames in %.1f s = %.0f msgs/s to one client; engine->client latency " +
                        "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (n=%d); slow-closed %d%n", name, frames, elapsed,
                    frames / elapsed, ms(latencies, 0.50), ms(latencies, 0.99), ms(latencies, 0.999),
                    latencies[n - 1] / 1e6, n, stream.stats().slowClosed());
            }
        }
    }

    private static double ms(final long[] sorted, final double q)
    {
        return sorted[Math.min(sorted.length - 1, (int)(q * sorted.length))] / 1e6;
    }
}
