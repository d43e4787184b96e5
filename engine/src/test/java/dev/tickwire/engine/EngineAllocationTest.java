package dev.tickwire.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero allocation per tick in steady state, for the whole engine thread (validate, journal, book,
 * publish to a live Aeron subscriber) and for the adapter thread, measured with the JVM's per-thread
 * allocation counter while a million ticks go through.
 */
class EngineAllocationTest
{
    private static final int N = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void engineAndAdapterThreadsDoNotAllocatePerTick() throws Exception
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final String aeronDir = EngineFixture.aeronDir();
        final TickwireConfig config = EngineFixture.config(dir, aeronDir, "aeron:ipc", N);
        config.engine.ringSize = 8192;
        ((ObjectNode)config.sources.get(0)).put("rate", 0);
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 77, new dev.tickwire.wire.MarketDataListener()
             {
             }))
        {
            final Thread consumer = new Thread(() ->
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    if (subscriber.poll() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "test-subscriber");
            consumer.setDaemon(true);
            consumer.start();
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                final Thread engineThread = thread("tickwire-engine-1");
                final Thread adapterThread = thread("synthetic");
                awaitTicks(engine, N / 4); // warm-up: JIT, growth of books and tables, first journal cycle
                final long engineBefore = threads.getThreadAllocatedBytes(engineThread.getId());
                final long adapterBefore = threads.getThreadAllocatedBytes(adapterThread.getId());
                final long ticksBefore = engine.counters().ticksIn().get();
                awaitTicks(engine, N * 3 / 4);
                final long engineAllocated = threads.getThreadAllocatedBytes(engineThread.getId()) - engineBefore;
                final long adapterAllocated = threads.getThreadAllocatedBytes(adapterThread.getId()) - adapterBefore;
                final long ticks = engine.counters().ticksIn().get() - ticksBefore;

                System.out.printf("allocation over %d ticks: engine thread %d bytes, adapter thread %d bytes%n",
                    ticks, engineAllocated, adapterAllocated);
                assertThat(ticks).isGreaterThan(N / 3);
                assertThat(engine.counters().published().get()).isPositive();
                // Nothing per tick (one object per tick would be >= 16 bytes a tick). What remains is per
                // journal chunk: Chronicle allocates ~700 bytes each time it maps the next 4 MB chunk
                // (every ~40,000 ticks), about 0.02 byte a tick; the bound is 0.05.
                assertThat(engineAllocated).as("engine thread bytes for %d ticks", ticks).isLessThan(ticks / 20);
                assertThat(adapterAllocated).as("adapter thread bytes for %d ticks", ticks).isLessThan(ticks / 100);
            }
            finally
            {
                consumer.interrupt();
                consumer.join();
            }
        }
    }

    private static void awaitTicks(final Engine engine, final long ticks) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.counters().ticksIn().get() < ticks && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertThat(engine.counters().ticksIn().get()).isGreaterThanOrEqualTo(ticks);
    }

    private static Thread thread(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no thread named " + name));
    }
}
