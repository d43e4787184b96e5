package dev.tickwire.engine;

import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.engine.output.Outputs;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An output whose target is down (every flush fails) and one that is slow (each message takes a while):
 * the engine journals every tick as fast as without them; the outputs lag, count their errors, and a
 * healthy output beside them gets everything.
 */
class OutputsNeverSlowTheEngineTest
{
    private static final int N = 200_000;

    @TempDir
    Path dir;

    private static final class Down implements OutputSink
    {
        @Override
        public void onMessage(final DirectBuffer b, final int o, final int l, final long i, final long w)
        {
        }

        @Override
        public void flush() throws Exception
        {
            throw new java.net.ConnectException("connection refused");
        }

        @Override
        public void close()
        {
        }
    }

    private static final class Slow implements OutputSink
    {
        final AtomicLong seen = new AtomicLong();

        @Override
        public void onMessage(final DirectBuffer b, final int o, final int l, final long i, final long w)
        {
            seen.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000); // 20 µs a message: far slower than the feed
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    }

    private static final class Counting implements OutputSink
    {
        final AtomicLong flushed = new AtomicLong();
        long received;

        @Override
        public void onMessage(final DirectBuffer b, final int o, final int l, final long i, final long w)
        {
            received++;
        }

        @Override
        public void flush()
        {
            flushed.set(received);
        }

        @Override
        public void close()
        {
        }
    }

    @Test
    void aDownAndASlowOutputLagWhileTheEngineJournalsEverything() throws Exception
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.aeron.publish = false;
        config.sources.add(EngineFixture.synthetic(1, N));
        final Slow slow = new Slow();
        final Counting healthy = new Counting();
        final long start = System.nanoTime();
        final long journaled;
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config)).outputs(List.of(
            new Outputs.Output("down", new Down(), 1_000, TimeUnit.MILLISECONDS.toNanos(100)),
            new Outputs.Output("slow", slow, 1_000, TimeUnit.MILLISECONDS.toNanos(100)),
            new Outputs.Output("healthy", healthy, 1_000, TimeUnit.MILLISECONDS.toNanos(100))))))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            journaled = engine.counters().journalAppends().get();
            final double seconds = (System.nanoTime() - start) / 1e9;
            // the slow output (20 µs a message) would need 4 s for what the engine journaled in this time
            assertThat(slow.seen.get()).as("the slow output lags (%.2f s)", seconds).isLessThan(N);
            while (healthy.flushed.get() < N + 2 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
        }
        assertThat(journaled).isEqualTo(N + 2); // + 2 definitions
        assertThat(healthy.flushed.get()).isEqualTo(N + 2);
    }
}
