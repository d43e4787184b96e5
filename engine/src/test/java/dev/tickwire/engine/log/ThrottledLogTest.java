package dev.tickwire.engine.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTest
{
    private final Logger logger = (Logger)LoggerFactory.getLogger("test.throttled");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private long now = 1_000;
    private final NanoClock clock = () -> now;

    @BeforeEach
    void attach()
    {
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    @AfterEach
    void detach()
    {
        logger.detachAppender(appender);
    }

    private List<String> lines()
    {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    @Test
    void aMillionRepeatsWriteTheFirstFewInFullThenOneLinePerInterval()
    {
        final ThrottledLog log = new ThrottledLog(logger, "x.csv: malformed rows", 3, TimeUnit.SECONDS.toNanos(60), clock);
        for (int i = 1; i <= 1_000_000; i++)
        {
            log.warn("x.csv line {}: bad", i);
            now += 1_000_000; // 1 ms apart: 1,000 s in all
        }
        log.flush();
        final List<String> lines = lines();
        assertThat(lines.subList(0, 3)).containsExactly("x.csv line 1: bad", "x.csv line 2: bad",
            "x.csv line 3: bad (further ones are counted, and summed up at most once every 60 s)");
        // 1,000 s of repeats: a summary a minute (16) and the rest at flush
        assertThat(lines).hasSize(3 + 16 + 1);
        assertThat(lines.get(3)).isEqualTo("x.csv: malformed rows: 60000 more, counted but not logged one by one (60003 in all)");
        assertThat(lines.get(lines.size() - 1)).endsWith("(1000000 in all)");
        final long summed = lines.subList(3, lines.size()).stream()
            .mapToLong(l -> Long.parseLong(l.replaceAll(".*rows: (\\d+) more.*", "$1"))).sum();
        assertThat(summed + 3).as("every occurrence is in a line or a sum").isEqualTo(1_000_000);
        assertThat(log.count()).isEqualTo(1_000_000);
    }

    @Test
    void nothingUnsaidMeansNoSummaryAndFlushIsIdempotent()
    {
        final ThrottledLog log = new ThrottledLog(logger, "s", 5, TimeUnit.SECONDS.toNanos(60), clock);
        log.warn("one");
        log.flush();
        log.flush();
        assertThat(lines()).containsExactly("one");
    }

    @Test
    void onlyTheFirstErrorCarriesItsStackTrace()
    {
        final ThrottledLog log = new ThrottledLog(logger, "s", 2, TimeUnit.SECONDS.toNanos(60), clock);
        log.error(new IllegalStateException("boom"), "failed: {}", "a");
        log.error(new IllegalStateException("boom"), "failed: {}", "b");
        assertThat(appender.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(appender.list.get(1).getThrowableProxy()).isNull();
        assertThat(appender.list.get(1).getFormattedMessage()).startsWith("failed: b (further ones");
    }

    @Test
    void admitIsSafeFromSeveralThreads() throws Exception
    {
        final ThrottledLog log = new ThrottledLog(logger, "s", 10, TimeUnit.SECONDS.toNanos(60), clock);
        final Thread[] threads = new Thread[4];
        final int[] admitted = new int[threads.length];
        for (int t = 0; t < threads.length; t++)
        {
            final int k = t;
            threads[t] = new Thread(() ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    if (log.admit())
                    {
                        admitted[k]++;
                    }
                }
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(log.count()).isEqualTo(400_000);
        assertThat(admitted[0] + admitted[1] + admitted[2] + admitted[3]).isEqualTo(10);
    }
}
