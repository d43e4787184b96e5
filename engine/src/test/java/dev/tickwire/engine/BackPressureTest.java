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

/** A subscriber that stops polling must never stall the engine; what it misses is counted and visible as gaps. */
class BackPressureTest
{
    private static final int N = 100_000;

    @TempDir
    Path dir;

    @Test
    void stalledSubscriberNeverStallsTheEngineAndDropsAreCounted() throws Exception
    {
        final String aeronDir = EngineFixture.aeronDir();
        final Recorded stalled = new Recorded();
        // a 64 KB term holds ~500 messages: the stalled subscriber's window fills almost at once
        final TickwireConfig config = EngineFixture.config(dir, aeronDir, "aeron:ipc?term-length=64k", N);
        config.aeron.offerRetries = 2;
        config.aeron.definitionsEvery = "0"; // exact tick accounting below: no repeated definitions in the stream
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 77, stalled))
        {
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                // the subscriber does not poll while the engine works through every tick
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!engine.adaptersDone() && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                assertThat(engine.adaptersDone()).as("adapter finished despite the stalled subscriber").isTrue();
                assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();

                final long total = N + 2;
                assertThat(engine.counters().journalAppends().get()).as("everything journaled").isEqualTo(total);
                assertThat(engine.counters().backPressured().get()).isPositive();
                assertThat(engine.counters().dropped().get()).isPositive();
                assertThat(engine.counters().published().get() + engine.counters().dropped().get()).isEqualTo(total);
                assertThat(engine.publishStage().streamSequence()).isEqualTo(total);

                // the subscriber wakes up: it gets exactly what was published, in order
                final long published = engine.counters().published().get();
                final long pollDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (subscriber.received() < published && System.nanoTime() < pollDeadline)
                {
                    subscriber.poll();
                }
                assertThat(subscriber.received()).isEqualTo(published);
                assertThat(stalled.events).hasSize((int)published - stalled.definitions);
            }
        }
    }

    @Test
    void slowSubscriberSeesTheDroppedMessagesAsGaps() throws Exception
    {
        final String aeronDir = EngineFixture.aeronDir();
        final Recorded slow = new Recorded();
        final TickwireConfig config = EngineFixture.config(dir, aeronDir, "aeron:ipc?term-length=64k", N);
        config.aeron.offerRetries = 0;
        config.aeron.definitionsEvery = "0"; // exact tick accounting below: no repeated definitions in the stream
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 77, slow))
        {
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                // a consumer far slower than the feed: a few fragments, then a pause
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!engine.adaptersDone() && System.nanoTime() < deadline)
                {
                    subscriber.poll();
                    Thread.sleep(1);
                }
                assertThat(engine.adaptersDone()).isTrue();
                assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
                final long published = engine.counters().published().get();
                final long dropped = engine.counters().dropped().get();
                final long pollDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (subscriber.received() < published && System.nanoTime() < pollDeadline)
                {
                    subscriber.poll();
                }
                assertThat(dropped).isPositive();
                assertThat(subscriber.received()).isEqualTo(published);
                assertThat(subscriber.gaps()).isPositive().isEqualTo(slow.gapMessages);
                // every gap is a counted drop; drops after the last received message are not visible yet
                assertThat(subscriber.gaps()).isLessThanOrEqualTo(dropped);
                assertThat(subscriber.received() + subscriber.gaps()).isLessThanOrEqualTo(N + 2);
            }
        }
    }
}
