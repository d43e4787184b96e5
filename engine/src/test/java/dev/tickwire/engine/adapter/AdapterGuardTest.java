package dev.tickwire.engine.adapter;

import dev.tickwire.engine.counters.EngineCounters;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AdapterGuardTest
{
    private final EngineCounters counters = new EngineCounters(new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16)), new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 14))));
    private final AtomicCounter own = counters.sourceCounter(1, "a", "errors");
    private long now;
    private final NanoClock clock = () -> now;

    /** Fails while {@code failing}; counts calls. */
    private static final class Flaky implements FeedAdapter
    {
        boolean failing = true;
        boolean finite;
        int calls;

        @Override
        public int sourceId()
        {
            return 1;
        }

        @Override
        public void start(final AdapterContext context)
        {
        }

        @Override
        public int doWork()
        {
            calls++;
            if (failing)
            {
                throw new IllegalStateException("read failed");
            }
            return 1;
        }

        @Override
        public boolean isFinite()
        {
            return finite;
        }

        @Override
        public String roleName()
        {
            return "flaky";
        }
    }

    @Test
    void aFailingLiveAdapterIsRetriedWithADoublingBackOffNotInALoop() throws Exception
    {
        final Flaky adapter = new Flaky();
        final AdapterGuard guard = new AdapterGuard(adapter, counters.errors(), own, clock);
        // ten minutes of an idle loop calling every 1 µs: without the back-off, 600 million failures
        int calls = 0;
        for (now = 0; now < TimeUnit.MINUTES.toNanos(10); now += 1_000)
        {
            guard.doWork();
        }
        calls = adapter.calls;
        // 10, 20, 40 ms ... doubling to 30 s, then every 30 s: about 12 + 19 calls
        assertThat(calls).isBetween(25, 40);
        assertThat(own.get()).isEqualTo(calls);
        assertThat(counters.errors().get()).isEqualTo(calls);
        assertThat(guard.isDone()).isFalse(); // a live source is never given up
        adapter.failing = false;
        now += TimeUnit.SECONDS.toNanos(31);
        assertThat(guard.doWork()).isEqualTo(1);
        assertThat(guard.doWork()).as("a success resets the back-off").isEqualTo(1);
    }

    @Test
    void aFiniteAdapterThatKeepsFailingIsGivenUpSoTheImportEnds() throws Exception
    {
        final Flaky adapter = new Flaky();
        adapter.finite = true;
        final AdapterGuard guard = new AdapterGuard(adapter, counters.errors(), own, clock);
        for (now = 0; now < TimeUnit.SECONDS.toNanos(10) && !guard.isDone(); now += 1_000_000)
        {
            guard.doWork();
        }
        assertThat(guard.isDone()).isTrue();
        assertThat(adapter.calls).isEqualTo(AdapterGuard.FINITE_ATTEMPTS);
        assertThat(guard.failure()).isEqualTo("java.lang.IllegalStateException: read failed");
        assertThat(guard.doWork()).isZero();
        assertThat(adapter.calls).isEqualTo(AdapterGuard.FINITE_ATTEMPTS);
    }
}
