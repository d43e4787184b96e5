package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.adapters.dtc.Dtc;
import dev.tickwire.adapters.dtc.DtcTestServer;
import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code dtc} source measured: a DTC server on loopback (the tests' scripted server, binary encoding) sends
 * trades at a fixed rate, each millisecond's due trades in one write; the engine (default profile) journals and
 * publishes them; a subscriber over Aeron IPC records, for each trade, the time from the source reading it off
 * the socket (its receive time) to its arrival. The first 20 % (at most 2 s) are warm-up.
 */
final class DtcBench
{
    private static final double T0 = 1_749_821_400.0;

    private DtcBench()
    {
    }

    static Histogram latency(final MediaDriver driver, final long rate, final long seconds) throws Exception
    {
        final long n = rate * seconds;
        final long warmup = Math.min(n / 5, rate * 2);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final byte[][] trades = new byte[64][];
        for (int i = 0; i < trades.length; i++)
        {
            trades[i] = Dtc.trade(1, 1 + (i & 1), 5000.00 + 0.25 * (i % 8), 1 + (i % 5), T0); // one time: never backwards
        }
        final long intervalNs = 1_000_000_000L / rate;
        final Path dir = Files.createTempDirectory("tickwire-bench-dtc");
        try (DtcTestServer server = new DtcTestServer(peer ->
        {
            peer.handshake(0.25f, 2, 1, false);
            final long start = System.nanoTime() + 500_000_000L; // the subscriptions first
            long sent = 0;
            final java.util.List<byte[]> due = new java.util.ArrayList<>();
            while (sent < n)
            {
                final long now = System.nanoTime();
                due.clear();
                while (sent < n && start + sent * intervalNs <= now && due.size() < 1_000)
                {
                    due.add(trades[(int)(sent++ & 63)]);
                }
                if (due.isEmpty())
                {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                peer.send(due.toArray(new byte[0][]));
            }
            Thread.sleep(60_000); // stay connected while the engine drains
        }))
        {
            final TickwireConfig config = PipelineBench.config(dir, driver);
            final ObjectNode source = JsonNodeFactory.instance.objectNode();
            source.put("type", "dtc").put("name", "bench").put("host", "127.0.0.1").put("port", server.port())
                .put("depth", 0).put("heartbeatSeconds", 10);
            source.putArray("symbols").add("ESM25_FUT_CME");
            config.sources.add(source);
            final AtomicLong received = new AtomicLong();
            final SystemEpochNanoClock clock = new SystemEpochNanoClock();
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
                MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 7001,
                    new MarketDataListener()
                    {
                        @Override
                        public void onTrade(final TradeDecoder trade)
                        {
                            final long k = received.get();
                            if (k >= warmup)
                            {
                                histogram.recordValue(Math.max(0, clock.nanoTime() - trade.receiveTimeNs()));
                            }
                            received.lazySet(k + 1);
                        }
                    });
                Engine engine = Engine.launch(config, Sources.create(config)))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60);
                while (received.get() < n && System.nanoTime() < deadline)
                {
                    if (subscriber.poll() == 0)
                    {
                        LockSupport.parkNanos(20_000);
                    }
                }
                if (received.get() < n)
                {
                    throw new IllegalStateException("dtc run incomplete: " + received.get() + " of " + n + " trades");
                }
                return histogram;
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }
}
