package dev.tickwire.tools.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The token buckets of {@link RateLimiter}, on a clock the test moves. */
class RateLimiterTest
{
    private long now = 1_000_000_000L;

    private static KeyStore.KeyInfo key(final String name, final Long rps, final Long bytesPerMinute)
    {
        return new KeyStore.KeyInfo(name, false, Instant.EPOCH, rps, bytesPerMinute);
    }

    @Test
    void requestsPerSecondIsABucketOfOneSecond()
    {
        final RateLimiter limiter = new RateLimiter(new RateLimiter.Limits(5, 0), () -> now);
        final KeyStore.KeyInfo a = key("a", null, null);
        for (int i = 0; i < 5; i++)
        {
            assertThat(limiter.admit(a)).as("request " + (i + 1)).isNull();
        }
        final RateLimiter.Denial sixth = limiter.admit(a);
        assertThat(sixth).isNotNull();
        assertThat(sixth.retryAfterSeconds()).isEqualTo(1);
        assertThat(sixth.message()).contains("key 'a'").contains("5 requests per second");

        assertThat(limiter.admit(key("b", null, null))).as("another key has its own bucket").isNull();

        now += TimeUnit.MILLISECONDS.toNanos(199);
        assertThat(limiter.admit(a)).as("0.995 of a token").isNotNull();
        now += TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(limiter.admit(a)).as("one token back after 1/5 s").isNull();
        assertThat(limiter.admit(a)).isNotNull();
        now += TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 5; i++)
        {
            assertThat(limiter.admit(a)).as("full again, but never above the burst").isNull();
        }
        assertThat(limiter.admit(a)).isNotNull();
    }

    @Test
    void bytesPerMinuteIsChargedAfterTheResponseAndMayGoIntoDebt()
    {
        final RateLimiter limiter = new RateLimiter(new RateLimiter.Limits(0, 60_000), () -> now); // 1000 bytes/s
        final KeyStore.KeyInfo a = key("a", null, null);
        assertThat(limiter.admit(a)).isNull();
        limiter.charge(a, 90_000); // one large answer: 30,000 bytes of debt
        final RateLimiter.Denial denial = limiter.admit(a);
        assertThat(denial).isNotNull();
        assertThat(denial.retryAfterSeconds()).isEqualTo(31); // until one byte is there again: 30,001 bytes at 1000/s
        assertThat(denial.message()).contains("60000 response bytes per minute");
        now += TimeUnit.SECONDS.toNanos(30);
        assertThat(limiter.admit(a)).isNotNull();
        now += TimeUnit.MILLISECONDS.toNanos(1_001);
        assertThat(limiter.admit(a)).isNull();
    }

    @Test
    void aKeysOwnLimitsOverrideTheDefaultsAndZeroMeansNone()
    {
        final RateLimiter limiter = new RateLimiter(new RateLimiter.Limits(1, 0), () -> now);
        final KeyStore.KeyInfo unlimited = key("free", 0L, null);
        for (int i = 0; i < 1_000; i++)
        {
            assertThat(limiter.admit(unlimited)).isNull();
        }
        final KeyStore.KeyInfo three = key("three", 3L, null);
        assertThat(limiter.limitsOf(three)).isEqualTo(new RateLimiter.Limits(3, 0));
        assertThat(limiter.admit(three)).isNull();
        assertThat(limiter.admit(three)).isNull();
        assertThat(limiter.admit(three)).isNull();
        assertThat(limiter.admit(three)).isNotNull();
        // the same name with other limits (revoked and created again): new buckets
        final KeyStore.KeyInfo again = key("three", 10L, null);
        assertThat(limiter.admit(again)).isNull();
        final KeyStore.KeyInfo defaults = key("d", null, null);
        assertThat(limiter.admit(defaults)).isNull();
        assertThat(limiter.admit(defaults)).isNotNull();
        assertThat(new RateLimiter(RateLimiter.Limits.NONE).admit(defaults)).isNull();
    }
}
