package dev.tickwire.engine.fanout;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one offer rule, on a real media driver: no subscriber is counted and not retried; back-pressure is
 * retried {@code offerRetries} times, then the message is dropped and counted, and the subscriber sees
 * exactly those drops as gaps; the counters are the publication's, keyed by its stream.
 */
class OffererTest
{
    private static final int STREAM = 4242;

    @TempDir
    Path dir;
    private MediaDriver driver;
    private Aeron aeron;
    private EngineCounters counters;

    @BeforeEach
    void start()
    {
        driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED).ipcTermBufferLength(64 * 1024).dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        counters = new EngineCounters(new CountersManager(new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 18))));
    }

    @AfterEach
    void stop()
    {
        aeron.close();
        driver.close();
    }

    @Test
    void withoutASubscriberAnOfferIsCountedAsNotConnectedAndNotRetried()
    {
        try (ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM))
        {
            final Offerer offerer = new Offerer(publication, 5, counters.publicationCounters(STREAM, "ticks"));
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
            final int length = trade(buffer, 1);
            assertThat(offerer.offer(buffer, 0, length, true)).isFalse();
            assertThat(offerer.offer(buffer, 0, length, false)).isFalse(); // a repeated definition: not counted
            assertThat(offerer.counters().notConnected().get()).isEqualTo(1);
            assertThat(offerer.counters().backPressured().get()).isZero();
            assertThat(offerer.counters().dropped().get()).isZero();
            assertThat(offerer.counters().published().get()).isZero();
            assertThat(offerer.streamSequence()).isEqualTo(2);
        }
    }

    @Test
    void backPressureIsRetriedThenDroppedAndCountedAndTheSubscriberSeesEachDropAsAGap() throws InterruptedException
    {
        final long[] gaps = new long[1];
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onGap(final long expected, final long received)
            {
                gaps[0] += received - expected;
            }
        };
        try (MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", STREAM, listener);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publication.isConnected() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            final int retries = 2;
            final Offerer offerer = new Offerer(publication, retries, counters.publicationCounters(STREAM, "ticks"));
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
            // the subscriber does not poll: a 64 KB term fills up and the publication pushes back
            final int offers = 5_000;
            for (int i = 1; i <= offers; i++)
            {
                offerer.offer(buffer, 0, trade(buffer, i), true);
            }
            final Offerer.Counters c = offerer.counters();
            assertThat(c.dropped().get()).isPositive();
            assertThat(c.published().get() + c.dropped().get()).isEqualTo(offers);
            // each drop took retries + 1 refused offers (an admin action at a term's end is retried too)
            assertThat(c.backPressured().get()).isGreaterThanOrEqualTo((retries + 1) * c.dropped().get());
            assertThat(c.notConnected().get()).isZero();

            // the subscriber catches up; the next message reveals every drop as one gap
            final long published = c.published().get();
            while (subscriber.received() < published && System.nanoTime() < deadline)
            {
                if (subscriber.poll() == 0)
                {
                    Thread.sleep(1);
                }
            }
            while (publication.availableWindow() < 1024 && System.nanoTime() < deadline)
            {
                Thread.sleep(1); // the driver moves the publisher's limit once it sees the subscriber's position
            }
            assertThat(offerer.offer(buffer, 0, trade(buffer, offers + 1), true)).isTrue();
            while (subscriber.received() < published + 1 && System.nanoTime() < deadline)
            {
                if (subscriber.poll() == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertThat(subscriber.received()).isEqualTo(published + 1);
            assertThat(gaps[0]).isEqualTo(c.dropped().get());
            assertThat(subscriber.gaps()).isEqualTo(c.dropped().get());
        }
    }

    private static int trade(final UnsafeBuffer buffer, final long position)
    {
        return new MessageWriter().trade(buffer, 0, 1, position, 1, position, position, 100, 1, Side.BUY, position, 0, 0);
    }
}
