package dev.tickwire.engine.ring;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SpinThenParkWaitStrategyTest
{
    @Test
    void everyEventArrivesInOrderWhetherTheConsumerSpinsOrParks() throws Exception
    {
        final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 1024,
            new SpinThenParkWaitStrategy(100, 1_000));
        final long n = 200_000;
        final long[] seen = {0, 0}; // count, out-of-order count
        final CountDownLatch done = new CountDownLatch(1);
        final BatchEventProcessor<long[]> consumer = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(),
            (event, sequence, endOfBatch) ->
            {
                if (event[0] != seen[0])
                {
                    seen[1]++;
                }
                if (++seen[0] == n)
                {
                    done.countDown();
                }
            });
        ring.addGatingSequences(consumer.getSequence());
        final Thread thread = new Thread(consumer, "consumer");
        thread.start();
        for (long i = 0; i < n; i++)
        {
            final long seq = ring.next();
            ring.get(seq)[0] = i;
            ring.publish(seq);
            if (i % 10_000 == 0)
            {
                Thread.sleep(2); // long enough for the consumer to be parked when the next event comes
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        consumer.halt();
        thread.join(5_000);
        assertThat(seen[0]).isEqualTo(n);
        assertThat(seen[1]).as("events out of order").isZero();
    }

    @Test
    void haltStopsAParkedConsumer() throws Exception
    {
        final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 64,
            new SpinThenParkWaitStrategy(10, 1_000));
        final BatchEventProcessor<long[]> consumer = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(),
            (event, sequence, endOfBatch) -> { });
        final Thread thread = new Thread(consumer, "consumer");
        thread.start();
        Thread.sleep(50); // nothing published: the consumer is parked
        consumer.halt();
        thread.join(5_000);
        assertThat(thread.isAlive()).as("consumer still running after halt").isFalse();
    }
}
