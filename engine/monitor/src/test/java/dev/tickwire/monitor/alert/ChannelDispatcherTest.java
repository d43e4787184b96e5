package dev.tickwire.monitor.alert;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelDispatcherTest
{
    private static final Notice NOTICE = WebhookChannelTest.NOTICE;

    @Test
    void offerNeverBlocksWhileTheChannelIsStuck() throws Exception
    {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        try (TestReceiver receiver = new TestReceiver(n -> 200, n ->
        {
            arrived.countDown();
            release.await(10, TimeUnit.SECONDS);
        }))
        {
            final ChannelDispatcher dispatcher = ChannelDispatcher.start(new WebhookChannel("ops-hook", receiver.url(), null,
                Duration.ofSeconds(10), WebhookChannelTest.fast(0)), 4, ChannelDispatcher.Counters.atomic());
            try
            {
                assertThat(dispatcher.offer(NOTICE)).isTrue();
                assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue(); // the thread is now inside send, stuck

                int accepted = 0;
                final long start = System.nanoTime();
                for (int i = 0; i < 10; i++)
                {
                    accepted += dispatcher.offer(NOTICE) ? 1 : 0;
                }
                final long tookNs = System.nanoTime() - start;
                assertThat(Duration.ofNanos(tookNs)).isLessThan(Duration.ofMillis(100));
                assertThat(accepted).isEqualTo(4);
                assertThat(dispatcher.dropped()).isEqualTo(6);
                assertThat(dispatcher.delivered()).isZero();

                release.countDown();
                awaitValue(dispatcher::delivered, 5);
                assertThat(receiver.requests).hasSize(5);
                assertThat(dispatcher.failed()).isZero();
            }
            finally
            {
                release.countDown();
                dispatcher.close();
            }
        }
    }

    @Test
    void firstFailureAndRecoveryAreLoggedOnceEachFailuresCounted() throws Exception
    {
        final Logger logger = (Logger)LoggerFactory.getLogger(ChannelDispatcher.class);
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        final Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(log);
        try (TestReceiver receiver = new TestReceiver(n -> n <= 3 ? 400 : 200))
        {
            final ChannelDispatcher dispatcher = ChannelDispatcher.start(new WebhookChannel("ops-hook", receiver.url(),
                WebhookChannelTest.SECRET, Duration.ofSeconds(2), WebhookChannelTest.fast(0)));
            try
            {
                for (int i = 0; i < 5; i++)
                {
                    dispatcher.offer(NOTICE);
                }
                awaitValue(dispatcher::delivered, 2);
                assertThat(dispatcher.failed()).isEqualTo(3);
                assertThat(dispatcher.dropped()).isZero();
            }
            finally
            {
                dispatcher.close();
            }
            assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
            assertThat(log.list.get(0).getFormattedMessage())
                .contains("'ops-hook'", "HTTP 400").doesNotContain(WebhookChannelTest.SECRET, "secret-token");
            assertThat(log.list.get(1).getFormattedMessage()).isEqualTo("alert channel 'ops-hook' recovered: delivering again");
        }
        finally
        {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
    }

    @Test
    void closeDeliversWhatIsQueuedThenRefuses() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 200))
        {
            final ChannelDispatcher dispatcher = ChannelDispatcher.start(new WebhookChannel("ops-hook", receiver.url(), null,
                Duration.ofSeconds(2), WebhookChannelTest.fast(0)));
            for (int i = 0; i < 20; i++)
            {
                assertThat(dispatcher.offer(NOTICE)).isTrue();
            }
            dispatcher.close();
            assertThat(dispatcher.delivered()).isEqualTo(20);
            assertThat(receiver.requests).hasSize(20);
            assertThat(dispatcher.offer(NOTICE)).isFalse();
            assertThat(dispatcher.dropped()).isEqualTo(1);
        }
    }

    @Test
    void closeOfAStuckChannelWaitsBoundedAndCountsTheRestDropped() throws Exception
    {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        try (TestReceiver receiver = new TestReceiver(n -> 200, n ->
        {
            arrived.countDown();
            release.await(10, TimeUnit.SECONDS);
        }))
        {
            final ChannelDispatcher dispatcher = ChannelDispatcher.start(new WebhookChannel("ops-hook", receiver.url(), null,
                Duration.ofSeconds(30), WebhookChannelTest.fast(0)));
            dispatcher.offer(NOTICE);
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            dispatcher.offer(NOTICE);
            dispatcher.offer(NOTICE);

            final long start = System.nanoTime();
            dispatcher.close(Duration.ofMillis(200));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(dispatcher.failed()).isEqualTo(1); // the one in flight, interrupted
            assertThat(dispatcher.dropped()).isEqualTo(2);
            assertThat(dispatcher.delivered()).isZero();
        }
        finally
        {
            release.countDown();
        }
    }

    private static void awaitValue(final LongSupplier value, final long expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.getAsLong() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }
}
