package dev.tickwire.engine;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's heartbeat: journaled and published every {@code heartbeat.every}, with the accepted count;
 * a subscriber hears silence when the engine stops and resumption when another starts.
 */
class HeartbeatTest
{
    @TempDir
    Path dir;

    @Test
    void heartbeatsAreJournaledPublishedAndTheirSilenceIsHeard() throws Exception
    {
        final String aeronDir = EngineFixture.aeronDir();
        final TickwireConfig config = EngineFixture.config(dir, aeronDir, "aeron:ipc", 1_000);
        config.heartbeat.every = "50ms";
        final Heard heard = new Heard();
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", 77, heard)
                 .silentAfterNs(TimeUnit.MILLISECONDS.toNanos(400)))
        {
            long accepted;
            try (Engine engine = Engine.launch(config, dev.tickwire.engine.adapter.Sources.create(config)))
            {
                await(subscriber, () -> heard.heartbeats.size() >= 5);
                accepted = engine.counters().accepted().get();
                assertThat(engine.counters().heartbeats().get()).isGreaterThanOrEqualTo(5);
                assertThat(engine.counters().heartbeatTimeMs().get())
                    .isBetween(System.currentTimeMillis() - 1_000, System.currentTimeMillis());
                assertThat(engine.counters().subscribers().get()).as("the subscriber, counted at the heartbeat").isEqualTo(1);
            }
            // the last heartbeat carries the accepted count as of its time; all 1,000 ticks were in by then
            final long[] last = heard.heartbeats.get(heard.heartbeats.size() - 1);
            assertThat(last[1]).isGreaterThanOrEqualTo(1_000).isLessThanOrEqualTo(accepted);
            assertThat(heard.silent).isZero();

            await(subscriber, () -> heard.silent == 1);
            assertThat(subscriber.isEngineSilent()).isTrue();
            assertThat(heard.lastHeartbeatNs).isEqualTo(heard.heartbeats.get(heard.heartbeats.size() - 1)[0]);

            try (Engine again = Engine.launch(config, List.of()))
            {
                await(subscriber, () -> heard.resumed == 1);
                assertThat(subscriber.isEngineSilent()).isFalse();
            }
        }
        // journaled as statuses of the engine's own source, numbered, never moving a feed's checkpoint
        final List<Long> numbers = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()));
             JournalReader reader = journal.reader())
        {
            final SourceStatusDecoder status = new SourceStatusDecoder();
            final dev.tickwire.wire.sbe.MessageHeaderDecoder header = new dev.tickwire.wire.sbe.MessageHeaderDecoder();
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                if (dev.tickwire.wire.Envelope.isEngineHeartbeat(buffer, offset))
                {
                    status.wrapAndApplyHeader(buffer, offset, header);
                    assertThat(status.sourceId()).isEqualTo(MessageTypes.ENGINE_SOURCE_ID);
                    assertThat(status.status()).isEqualTo(StatusCode.HEARTBEAT);
                    numbers.add(status.sourcePosition());
                }
            }, 1000) > 0)
            {
                // all of it
            }
        }
        assertThat(numbers.size()).isGreaterThanOrEqualTo(heard.heartbeats.size());
        assertThat(numbers.subList(0, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private static void await(final MarketDataSubscriber subscriber, final BooleanSupplier done) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean() && System.nanoTime() < deadline)
        {
            if (subscriber.poll() == 0)
            {
                Thread.sleep(1);
            }
        }
        assertThat(done.getAsBoolean()).as("in time").isTrue();
    }

    private static final class Heard implements MarketDataListener
    {
        final List<long[]> heartbeats = new ArrayList<>();
        int silent;
        int resumed;
        long lastHeartbeatNs;

        @Override
        public void onStatus(final SourceStatusDecoder status)
        {
            if (status.sourceId() == MessageTypes.ENGINE_SOURCE_ID && status.status() == StatusCode.HEARTBEAT)
            {
                heartbeats.add(new long[] {status.eventTimeNs(), status.value()});
            }
        }

        @Override
        public void onEngineSilent(final long lastHeartbeatNs)
        {
            silent++;
            this.lastHeartbeatNs = lastHeartbeatNs;
        }

        @Override
        public void onEngineResumed()
        {
            resumed++;
        }
    }
}
