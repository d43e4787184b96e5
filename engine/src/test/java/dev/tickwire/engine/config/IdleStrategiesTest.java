package dev.tickwire.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdleStrategiesTest
{
    private static final String KEY = "engine.adapterIdleStrategy";

    @Test
    void backoff()
    {
        final IdleStrategy strategy = IdleStrategies.of(KEY, "backoff");
        assertThat(strategy).isInstanceOf(QuietIdleStrategy.class);
        // after ~40 ms of idle cycles, parks of 10 ms (the Sierra Chart poll interval)
        assertThat(strategy).extracting("quietAfter", "quietParkNs").containsExactly(60, 10_000_000L);
        // until then: spin 10, never yield (a context switch each on 2 cores), then park from 1 us up to 1 ms
        assertThat(strategy).extracting("active").isInstanceOf(BackoffIdleStrategy.class)
            .extracting("maxSpins", "maxYields", "minParkPeriodNs", "maxParkPeriodNs")
            .containsExactly(10L, 0L, 1_000L, 1_000_000L);
        assertThat(IdleStrategies.of(KEY, "backoff:20ms")).extracting("quietParkNs").isEqualTo(20_000_000L);
        assertThat(IdleStrategies.of(KEY, "backoff:0")).as("never quiet").isInstanceOf(BackoffIdleStrategy.class);
    }

    @Test
    void quietAfterIdleCyclesUntilWork()
    {
        final QuietIdleStrategy quiet = new QuietIdleStrategy(new org.agrona.concurrent.NoOpIdleStrategy(), 3, 5_000_000L);
        for (int i = 0; i < 3; i++)
        {
            quiet.idle(0);
        }
        final long t0 = System.nanoTime();
        quiet.idle(0);
        assertThat(System.nanoTime() - t0).as("a long park").isGreaterThanOrEqualTo(4_000_000L);
        quiet.idle(1); // work: active again
        final long t1 = System.nanoTime();
        quiet.idle(0);
        assertThat(System.nanoTime() - t1).as("no park right after work").isLessThan(4_000_000L);
    }

    @Test
    void sleepingIsOneMillisecond()
    {
        final IdleStrategy strategy = IdleStrategies.of(KEY, "sleeping");
        assertThat(strategy).isInstanceOf(SleepingMillisIdleStrategy.class);
        assertThat(strategy).extracting("sleepPeriodMs").isEqualTo(1L);
    }

    @Test
    void sleepingWithADuration()
    {
        final IdleStrategy strategy = IdleStrategies.of(KEY, "sleeping:2ms");
        assertThat(strategy).isInstanceOf(SleepingIdleStrategy.class);
        assertThat(strategy).extracting("sleepPeriodNs").isEqualTo(2_000_000L);

        assertThat(IdleStrategies.of(KEY, "sleeping:250us")).extracting("sleepPeriodNs").isEqualTo(250_000L);
        assertThat(IdleStrategies.of(KEY, "sleeping:100")).extracting("sleepPeriodNs").isEqualTo(100L);
    }

    @Test
    void yielding()
    {
        assertThat(IdleStrategies.of(KEY, "yielding")).isInstanceOf(YieldingIdleStrategy.class);
    }

    @Test
    void busySpin()
    {
        assertThat(IdleStrategies.of(KEY, "busy-spin")).isInstanceOf(BusySpinIdleStrategy.class);
    }

    @Test
    void namesAreCaseInsensitiveAndTrimmed()
    {
        assertThat(IdleStrategies.of(KEY, "  Yielding ")).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleStrategies.of(KEY, "BACKOFF")).isInstanceOf(QuietIdleStrategy.class);
        assertThat(IdleStrategies.of(KEY, "Sleeping:5MS")).extracting("sleepPeriodNs").isEqualTo(5_000_000L);
    }

    @Test
    void eachCallGivesAFreshInstance()
    {
        // idle strategies hold per-thread state (backoff counters), so they must not be shared
        assertThat(IdleStrategies.of(KEY, "backoff")).isNotSameAs(IdleStrategies.of(KEY, "backoff"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "lazy", "", "busyspin", "busy_spin", "sleep", "sleeping:", "backoff:2s", "backoff:x" })
    void unknownNameFailsNamingTheKeyAndListingTheChoices(final String name)
    {
        final Throwable thrown = catchThrowable(() -> IdleStrategies.of(KEY, name));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo(KEY);
        assertThat(thrown.getMessage()).contains(KEY);
    }

    @Test
    void unknownNameMessageListsEveryChoice()
    {
        final Throwable thrown = catchThrowable(() -> IdleStrategies.of(KEY, "lazy"));
        assertThat(thrown.getMessage()).contains("'lazy'")
            .contains("backoff", "sleeping", "sleeping:<duration>", "yielding", "busy-spin");
    }

    @Test
    void badSleepDurationFailsNamingTheKey()
    {
        final Throwable thrown = catchThrowable(() -> IdleStrategies.of(KEY, "sleeping:5 parsecs"));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo(KEY);
        assertThat(thrown.getMessage()).contains("5 parsecs");
    }
}
