package dev.tickwire.engine;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A strategy that subscribes after the engine started still learns every instrument, once. */
class LateSubscriberTest
{
    @TempDir
    Path dir;

    @Test
    void aSubscriberThatJoinsLateGetsEachDefinitionOnceFromTheRepeats() throws Exception
    {
        final String aeronDir = EngineFixture.aeronDir();
        final TickwireConfig config = EngineFixture.config(dir, aeronDir, "aeron:ipc", 0); // unlimited
        ((com.fasterxml.jackson.databind.node.ObjectNode)config.sources.get(0)).put("rate", 20_000); // ESZ6, NQZ6: 20 k ticks/s
        config.aeron.definitionsEvery = "200ms";
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             Engine engine = Engine.launch(config, Sources.create(config)))
        {
            await(() -> engine.counters().journalAppends().get() > 1_000);
            assertThat(engine.counters().notConnected().get()).as("definitions sent to nobody at start").isPositive();

            final Recorded late = new Recorded();
            try (MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 77, late))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                // long enough for several repeats: the listener must still see each definition once
                final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
                while (System.nanoTime() < until || late.definitions < 2 && System.nanoTime() < deadline)
                {
                    subscriber.poll();
                }
                assertThat(late.definitions).isEqualTo(2);
                assertThat(late.events).isNotEmpty();
                assertThat(subscriber.gaps()).isZero();
                assertThat(engine.counters().definitionsRepeated().get()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    private static void await(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
