package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.DriverMode;
import dev.tickwire.engine.config.IdleStrategies;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.config.WaitKind;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The whole engine: adapter → validate → journal → book → publish → a subscriber thread. */
final class PipelineBench
{
    /** What a latency run measured. */
    record LatencyRun(Histogram histogram, Histogram senderLateness, long gcCount, long heapUsedBytes, long dropped,
        double cpuPercent)
    {
    }

    private PipelineBench()
    {
    }

    static TickwireConfig config(final Path dir, final MediaDriver driver)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.aeron.driver = DriverMode.EXTERNAL;
        config.aeron.dir = driver.aeronDirectoryName();
        config.aeron.stream = 7001;
        return config;
    }

    /** Ticks/s at saturation, measured at the subscriber from its first to its last tick. */
    static double saturation(final MediaDriver driver, final long n) throws Exception
    {
        return saturation(driver, n, config -> { });
    }

    /** @param prepare changes the config before the engine starts (e.g. bars with features) */
    static double saturation(final MediaDriver driver, final long n, final java.util.function.Consumer<TickwireConfig> prepare)
        throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-pipeline");
        final TickwireConfig config = config(dir, driver);
        prepare.accept(config);
        final AtomicLong received = new AtomicLong();
        final long[] firstNs = {0};
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 7001, new MarketDataListener()
             {
                 @Override
                 public void onTrade(final TradeDecoder trade)
                 {
                     if (received.get() == 0)
                     {
                         firstNs[0] = System.nanoTime();
                     }
                     received.lazySet(received.get() + 1);
                 }
             }))
        {
            final Thread consumer = consumer(subscriber, received, n);
            try (Engine engine = Engine.launch(config, List.<FeedAdapter>of(new ProbeAdapter(1, 10, n, 0))))
            {
                awaitDelivered(engine, received, n);
                consumer.interrupt();
                final long lastNs = System.nanoTime();
                final long dropped = engine.counters().dropped().get();
                if (received.get() + dropped < n)
                {
                    throw new IllegalStateException("pipeline run incomplete: " + received.get() + " of " + n);
                }
                return (received.get() + dropped) * 1e9 / (lastNs - firstNs[0]);
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /**
     * Tick-to-subscriber latency at a fixed offered rate, open loop: from each tick's intended send
     * time to its arrival at the subscriber. Also counts GCs and heap during the measured window.
     */
    static LatencyRun latency(final MediaDriver driver, final long ratePerSecond, final long seconds, final int instruments)
        throws Exception
    {
        return latency(driver, ratePerSecond, seconds, instruments, false);
    }

    /**
     * @param hot the "hot" profile instead of the defaults: every thread on the path (adapter, engine,
     *            subscriber) yields instead of parking, so none pays a wake-up; it costs both cores
     */
    static LatencyRun latency(final MediaDriver driver, final long ratePerSecond, final long seconds, final int instruments,
        final boolean hot) throws Exception
    {
        return latency(driver, ratePerSecond, seconds, instruments, hot, config -> { });
    }

    /** @param prepare changes the config, or the data directory, before the engine starts (e.g. an archiver with work to do) */
    static LatencyRun latency(final MediaDriver driver, final long ratePerSecond, final long seconds, final int instruments,
        final boolean hot, final java.util.function.Consumer<TickwireConfig> prepare) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-latency");
        final TickwireConfig config = config(dir, driver);
        prepare.accept(config);
        if (hot)
        {
            config.engine.waitStrategy = WaitKind.YIELDING;
            config.engine.adapterIdleStrategy = "yielding";
        }
        final long n = ratePerSecond * seconds;
        final long warmup = Math.min(n / 5, ratePerSecond * 2);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final AtomicLong received = new AtomicLong();
        final long[] gcAtWarmup = {-1};
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 7001, new MarketDataListener()
             {
                 @Override
                 public void onTrade(final TradeDecoder trade)
                 {
                     final long k = received.get();
                     if (k >= warmup)
                     {
                         histogram.recordValue(Math.max(0, System.nanoTime() - trade.tradeId()));
                     }
                     else if (k == warmup - 1)
                     {
                         gcAtWarmup[0] = gcCount();
                     }
                     received.lazySet(k + 1);
                 }
             }))
        {
            final Thread consumer = consumer(subscriber, received, n, hot ? new YieldingIdleStrategy() : subscriberIdle());
            final ProbeAdapter probe = new ProbeAdapter(1, instruments, n, ratePerSecond).recordLatenessAfter(warmup);
            final long cpu0 = processCpuNs();
            final long t0 = System.nanoTime();
            // outputs a prepare step configured (e.g. a Kafka output whose broker is down) run as in `tickwire run`
            final List<Outputs.Output> outputs = config.outputs.isEmpty() ? List.of() : Outputs.create(config.conclude());
            try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(List.<FeedAdapter>of(probe))
                .outputs(outputs)))
            {
                awaitDelivered(engine, received, n);
                consumer.interrupt();
                final double cpuPercent = 100.0 * (processCpuNs() - cpu0) / (System.nanoTime() - t0);
                final long gcs = gcCount() - Math.max(0, gcAtWarmup[0]);
                final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                return new LatencyRun(histogram, probe.lateness(), gcs, heap, engine.counters().dropped().get(), cpuPercent);
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /** Replay of a journal of n synthetic events (trades, quotes, depth) with every book kept: events/s. */
    static double replay(final long n) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-replay");
        try
        {
            final TickwireConfig config = new TickwireConfig();
            config.dataDir = dir.toString();
            config.aeron.publish = false;
            final ObjectNode source = JsonNodeFactory.instance.objectNode();
            source.put("type", "synthetic").put("id", 1).put("rate", 0).put("count", n).put("startTime", "2026-01-02T14:30:00Z");
            config.sources.add(source);
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                while (!engine.adaptersDone())
                {
                    Thread.sleep(5);
                }
            }
            double best = 0;
            for (int run = 0; run < 3; run++) // the first run also warms up the JIT
            {
                try (Replay replay = Replay.builder().journal(config.journalPath()).listener(new MarketDataListener()
                {
                }).build())
                {
                    final long t0 = System.nanoTime();
                    final long events = replay.run();
                    best = Math.max(best, events * 1e9 / (System.nanoTime() - t0));
                }
            }
            return best;
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /**
     * Waits until every tick reached the subscriber or was dropped by the engine (back-pressure: the
     * engine never blocks, so a slow subscriber loses ticks and the counters say how many).
     */
    private static void awaitDelivered(final Engine engine, final AtomicLong received, final long n) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (received.get() + engine.counters().dropped().get() < n && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        Thread.sleep(20); // the last published ticks in flight
    }

    private static Thread consumer(final MarketDataSubscriber subscriber, final AtomicLong received, final long n)
    {
        return consumer(subscriber, received, n, subscriberIdle());
    }

    private static Thread consumer(final MarketDataSubscriber subscriber, final AtomicLong received, final long n,
        final IdleStrategy idle)
    {
        final Thread consumer = new Thread(() ->
        {
            while (received.get() < n && !Thread.currentThread().isInterrupted())
            {
                idle.idle(subscriber.poll());
            }
        }, "bench-subscriber");
        consumer.setDaemon(true);
        consumer.start();
        return consumer;
    }

    /**
     * How every bench subscriber waits, raw Aeron and pipeline alike: the engine's default backoff
     * (spin, then park up to 1 ms, no yields), what a strategy on a 2-core machine would use.
     */
    static IdleStrategy subscriberIdle()
    {
        return IdleStrategies.of("bench.subscriber", "backoff");
    }

    /** CPU time of the whole process (engine, driver, sender and subscriber threads). */
    private static long processCpuNs()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }
}
