package dev.tickwire.engine.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest
{
    @Test
    void ceilingDoublesUpToTheCapWithoutOverflow()
    {
        final Backoff b = new Backoff(500_000_000L, Backoff.DEFAULT_CAP_NS, 100);
        assertThat(b.ceilingNs(1)).isEqualTo(500_000_000L);
        assertThat(b.ceilingNs(2)).isEqualTo(1_000_000_000L);
        assertThat(b.ceilingNs(6)).isEqualTo(16_000_000_000L);
        assertThat(b.ceilingNs(7)).isEqualTo(30_000_000_000L);
        assertThat(b.ceilingNs(100)).isEqualTo(30_000_000_000L);
        assertThat(b.maxAttempts()).isEqualTo(101);
    }

    @Test
    void delaysAreSpreadOverZeroToCeiling()
    {
        final Backoff b = new Backoff(1_000, 1_000_000, 5, new SplittableRandom(7));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final long d = b.delayNs(3);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(0L, 100L);
        assertThat(max).isBetween(3_900L, 4_000L);
    }

    @Test
    void retriesRetryableFailuresOnly() throws Exception
    {
        final Backoff b = new Backoff(1_000_000, 2_000_000, 3);
        final AtomicInteger calls = new AtomicInteger();
        assertThat(b.run("t", n ->
        {
            if (calls.incrementAndGet() < 3)
            {
                throw new IOException("down");
            }
        }, e -> true)).isEqualTo(3);

        assertThatThrownBy(() -> b.run("POST x", n ->
        {
            throw new IOException("still down");
        }, e -> true))
            .isInstanceOf(DeliveryException.class)
            .hasMessage("POST x: IOException: still down (gave up after 4 attempts)")
            .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(4);

        assertThatThrownBy(() -> b.run("POST x", n ->
        {
            throw new IllegalStateException("refused");
        }, e -> e instanceof IOException))
            .hasMessage("POST x: IllegalStateException: refused (not retried)")
            .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(1);
    }
}
