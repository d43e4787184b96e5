package dev.tickwire.perf.bench;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import dev.tickwire.engine.fanout.AeronTransport;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** What the machine can do with the building blocks alone, with tick-sized messages. */
final class RawLimits
{
    private RawLimits()
    {
    }

    /** A trade as the engine encodes it: the message size every raw figure uses. */
    static int tick(final UnsafeBuffer buffer, final long n)
    {
        return new MessageWriter().trade(buffer, 0, 1, n, 1, n, n, 500_025, 3, Side.BUY, n, 500_000, 500_025);
    }

    /**
     * The machine's scheduling floor for a thread that parks between ticks, as every tickwire thread
     * does by default: how long a park asked for 1 µs really takes. Every parked hop of a pipeline
     * (adapter, engine, subscriber) can be woken this late.
     */
    static Histogram parkWakeup(final int n)
    {
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        for (int i = 0; i < n; i++)
        {
            final long t0 = System.nanoTime();
            LockSupport.parkNanos(1_000);
            histogram.recordValue(System.nanoTime() - t0);
        }
        return histogram;
    }

    /**
     * The machine's floor for a thread that never sleeps: the longest time a busy-spinning thread
     * went without running (two consecutive clock reads apart) over {@code millis}, in ns.
     */
    static long spinStall(final long millis)
    {
        final long end = System.nanoTime() + millis * 1_000_000L;
        long last = System.nanoTime();
        long longest = 0;
        while (last < end)
        {
            final long now = System.nanoTime();
            longest = Math.max(longest, now - last);
            last = now;
        }
        return longest;
    }

    /** Chronicle append then read of n tick-sized messages; returns {append/s, read/s}. */
    static double[] chronicle(final long n) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-chronicle");
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final int length = tick(buffer, 1);
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            final JournalWriter writer = journal.writer();
            for (int i = 0; i < 10_000; i++)
            {
                writer.append(buffer, 0, length); // warm-up
            }
            final long t0 = System.nanoTime();
            for (long i = 0; i < n; i++)
            {
                writer.append(buffer, 0, length);
            }
            final double append = n * 1e9 / (System.nanoTime() - t0);
            final long[] read = {0};
            try (JournalReader reader = journal.reader())
            {
                final long t1 = System.nanoTime();
                while (reader.poll((b, o, l, i, w) -> read[0]++, 4096) > 0)
                {
                    // all
                }
                return new double[] {append, read[0] * 1e9 / (System.nanoTime() - t1)};
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /** Aeron IPC throughput (msg/s), publisher on this thread, subscriber on another, SHARED driver. */
    static double aeronThroughput(final MediaDriver driver, final long n) throws Exception
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             ExclusivePublication pub = aeron.addExclusivePublication("aeron:ipc", 9001);
             Subscription sub = aeron.addSubscription("aeron:ipc", 9001))
        {
            final AtomicLong received = new AtomicLong();
            final Thread consumer = new Thread(() ->
            {
                final IdleStrategy idle = PipelineBench.subscriberIdle();
                while (received.get() < n)
                {
                    idle.idle(sub.poll((b, o, l, h) -> received.lazySet(received.get() + 1), 256));
                }
            }, "bench-aeron-consumer");
            consumer.start();
            while (!pub.isConnected())
            {
                Thread.onSpinWait();
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
            final int length = tick(buffer, 1);
            final long t0 = System.nanoTime();
            for (long i = 0; i < n; i++)
            {
                while (pub.offer(buffer, 0, length) < 0)
                {
                    Thread.onSpinWait();
                }
            }
            consumer.join();
            return n * 1e9 / (System.nanoTime() - t0);
        }
    }

    /**
     * Aeron IPC one-way latency at a fixed offered rate, open loop (measured from the intended send
     * time), subscriber idling with backoff as a tickwire subscriber does.
     */
    static Histogram aeronLatency(final MediaDriver driver, final long ratePerSecond, final long n) throws Exception
    {
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             ExclusivePublication pub = aeron.addExclusivePublication("aeron:ipc", 9002);
             Subscription sub = aeron.addSubscription("aeron:ipc", 9002))
        {
            final long warmup = n / 10;
            final AtomicLong received = new AtomicLong();
            final Thread consumer = new Thread(() ->
            {
                final IdleStrategy idle = PipelineBench.subscriberIdle();
                while (received.get() < n)
                {
                    idle.idle(sub.poll((b, o, l, h) ->
                    {
                        final long k = received.get();
                        if (k >= warmup)
                        {
                            histogram.recordValue(Math.max(0, System.nanoTime() - b.getLong(o)));
                        }
                        received.lazySet(k + 1);
                    }, 256));
                }
            }, "bench-aeron-latency");
            consumer.start();
            while (!pub.isConnected())
            {
                Thread.onSpinWait();
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
            final int length = tick(buffer, 1);
            final long interval = 1_000_000_000L / ratePerSecond;
            final long start = System.nanoTime();
            for (long i = 0; i < n; i++)
            {
                final long intended = start + i * interval;
                while (System.nanoTime() < intended)
                {
                    Thread.onSpinWait();
                }
                buffer.putLong(0, intended);
                while (pub.offer(buffer, 0, length) < 0)
                {
                    Thread.onSpinWait();
                }
            }
            consumer.join();
        }
        return histogram;
    }

    /** Disruptor one producer, one consumer, long events: events/s. */
    static double disruptor(final long n) throws Exception
    {
        final RingBuffer<long[]> ring = RingBuffer.createSingleProducer(() -> new long[1], 65_536, new SleepingWaitStrategy());
        final AtomicLong sum = new AtomicLong();
        final BatchEventProcessor<long[]> processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(),
            (event, sequence, endOfBatch) ->
            {
                if (endOfBatch)
                {
                    sum.lazySet(sequence);
                }
            });
        ring.addGatingSequences(processor.getSequence());
        final Thread consumer = new Thread(processor, "bench-disruptor");
        consumer.start();
        final long t0 = System.nanoTime();
        for (long i = 0; i < n; i++)
        {
            final long s = ring.next();
            ring.get(s)[0] = i;
            ring.publish(s);
        }
        while (sum.get() < n - 1)
        {
            Thread.onSpinWait();
        }
        final double rate = n * 1e9 / (System.nanoTime() - t0);
        processor.halt();
        consumer.join();
        return rate;
    }

    static MediaDriver sharedDriver(final String dir)
    {
        return MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(AeronTransport.driverIdle()) // as the engine's embedded driver
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
    }
}
