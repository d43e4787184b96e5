package dev.tickwire.engine;

import dev.tickwire.engine.hosts.HostEngineMain;
import dev.tickwire.engine.hosts.HostSubscriberMain;
import dev.tickwire.engine.hosts.Hosts;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tickwire.engine.hosts.Hosts.ip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out across hosts for real: the engine in one network namespace, strategies in others, on a bridge.
 * Each strategy (a child JVM with its own media driver) must get every message the engine published once and
 * in order (compared with the engine's journal, by engine sequence), over multicast and over multi-destination
 * cast with tagged flow control, where a strategy that joins late replays the Aeron Archive's recording and
 * merges into live; over unicast, a cable pulled for two seconds is a gap the strategy is told about, and the
 * stream goes on after it.
 */
class AcrossHostsTest
{
    private static final long RATE = 5_000;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private Hosts hosts;

    @BeforeAll
    static void namespacesHere() throws Exception
    {
        final String why = Hosts.unavailable();
        Assumptions.assumeTrue(why == null, why); // only where the kernel refuses: root on Linux has them
    }

    @AfterEach
    void tearDown()
    {
        children.forEach(Process::destroyForcibly);
        if (hosts != null)
        {
            hosts.close();
        }
    }

    @Test
    void multicastReachesEveryHostOnceInOrder() throws Exception
    {
        hosts = Hosts.create(3);
        final String group = "aeron:udp?endpoint=239.77.0.1:40456|interface=" + Hosts.SUBNET + "0/24";
        final Path sync = startEngine(group + "|fc=min", null, 10_000);
        startSubscriber(1, "a", "live", group);
        startSubscriber(2, "b", "live", group);
        awaitFile(sync.resolve("a.ready"));
        awaitFile(sync.resolve("b.ready"));
        Files.writeString(sync.resolve("go"), "go");
        awaitFile(sync.resolve("engine.done"));
        stopAll(sync);

        final LongArrayList published = SequenceCheck.published(dir.resolve("data/journal"));
        assertThat(published.size()).isGreaterThan(10_000);
        assertEveryMessageOnceInOrder(sync, "a", published);
        assertEveryMessageOnceInOrder(sync, "b", published);
    }

    @Test
    void multiDestinationCastWithALateJoinerThatReplaysAndMerges() throws Exception
    {
        hosts = Hosts.create(3);
        final String control = ip(0) + ":40457";
        final Path sync = startEngine("aeron:udp?control=" + control + "|control-mode=dynamic|fc=tagged,g:1",
            "aeron:udp?endpoint=" + ip(0) + ":8010", 0); // publishing until stopped
        // the live strategy is in the flow-control group: the engine never outruns it
        startSubscriber(1, "live", "live", "aeron:udp?endpoint=" + ip(1) + ":40460|control=" + control +
            "|control-mode=dynamic|gtag=1");
        awaitFile(sync.resolve("live.ready"));
        Files.writeString(sync.resolve("go"), "go");
        Thread.sleep(1_500); // history to catch up on
        startSubscriber(2, "late", "from", "aeron:udp?endpoint=" + ip(2) + ":0|control=" + control,
            "aeron:udp?endpoint=" + ip(0) + ":8010", "aeron:udp?endpoint=" + ip(2) + ":0");
        awaitFile(sync.resolve("late.live")); // merged into the live stream while the engine publishes
        Thread.sleep(500); // live for a while
        stopAll(sync);

        final LongArrayList published = SequenceCheck.published(dir.resolve("data/journal"));
        assertEveryMessageOnceInOrder(sync, "live", published);
        assertEveryMessageOnceInOrder(sync, "late", published);
    }

    @Test
    void aPulledCableIsAGapAndTheStreamGoesOnAfterIt() throws Exception
    {
        hosts = Hosts.create(2);
        // a small term (128 KB ahead of the receiver): two seconds without the cable is more than it holds
        final String channel = "aeron:udp?endpoint=" + ip(1) + ":40458|term-length=256k";
        final Path sync = startEngine(channel, null, 30_000);
        startSubscriber(1, "a", "live", channel);
        awaitFile(sync.resolve("a.ready"));
        Files.writeString(sync.resolve("go"), "go");
        Thread.sleep(1_000);
        hosts.cut(1);
        Thread.sleep(2_000);
        hosts.restore(1);
        awaitFile(sync.resolve("engine.done"));
        stopAll(sync);

        final LongArrayList published = SequenceCheck.published(dir.resolve("data/journal"));
        final LongArrayList got = sequences(sync, "a");
        final String result = Files.readString(sync.resolve("a.result"));
        assertThat(SequenceCheck.orderProblem(got)).as("in order, once").isNull();
        final long missing = published.size() - got.size();
        assertThat(missing).as("the messages published while the cable was out never arrived").isPositive();
        assertThat(gapMessages(result)).as("the subscriber was told of each: %s", result)
            .isGreaterThanOrEqualTo(missing);
        assertThat(got.getLong(got.size() - 1)).as("and the stream went on after it")
            .isEqualTo(published.getLong(published.size() - 1));
        assertThat(Files.readString(sync.resolve("engine.done"))).as("the engine counted what it could not send")
            .doesNotContain(" dropped=0 notConnected=0");
    }

    private Path startEngine(final String channel, final String archiveControl, final long count) throws Exception
    {
        final Path sync = Files.createDirectories(dir.resolve("sync"));
        final List<String> args = new ArrayList<>(List.of(dir.resolve("data").toString(), sync.toString(), channel,
            Long.toString(count), Long.toString(RATE)));
        if (archiveControl != null)
        {
            args.add(archiveControl);
        }
        children.add(hosts.java(0, dir.resolve("engine.log"), HostEngineMain.class, args.toArray(String[]::new)));
        awaitFile(sync.resolve("engine.ready"));
        return sync;
    }

    private void startSubscriber(final int host, final String name, final String mode, final String... more)
        throws IOException
    {
        final List<String> args = new ArrayList<>(List.of(name, mode, more[0], dir.resolve("sync").toString()));
        for (int i = 1; i < more.length; i++)
        {
            args.add(more[i]);
        }
        children.add(hosts.java(host, dir.resolve(name + ".log"), HostSubscriberMain.class,
            args.toArray(String[]::new)));
    }

    private void stopAll(final Path sync) throws Exception
    {
        Files.writeString(sync.resolve("stop"), "stop");
        for (final Process child : children)
        {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("a child ended; logs in %s", dir).isTrue();
            assertThat(child.exitValue()).as("a child's exit code; logs in %s", dir).isZero();
        }
    }

    private void awaitFile(final Path file) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!Files.exists(file))
        {
            for (final Process child : children)
            {
                assertThat(child.isAlive() || child.exitValue() == 0).as("a child died; logs in %s: %s", dir,
                    logs()).isTrue();
            }
            assertThat(System.nanoTime()).as("waiting for %s; logs: %s", file, logs()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String logs() throws IOException
    {
        final StringBuilder text = new StringBuilder();
        try (var files = Files.list(dir))
        {
            for (final Path log : files.filter(f -> f.toString().endsWith(".log")).toList())
            {
                final String content = Files.readString(log);
                text.append("\n--- ").append(log.getFileName()).append('\n')
                    .append(content.length() > 3000 ? content.substring(content.length() - 3000) : content);
            }
        }
        return text.toString();
    }

    private static void assertEveryMessageOnceInOrder(final Path sync, final String name,
        final LongArrayList published) throws IOException
    {
        final String result = Files.readString(sync.resolve(name + ".result"));
        assertThat(result).as(name).contains(" gaps=0 ").contains("definitions=2").contains("live=true");
        final LongArrayList got = sequences(sync, name);
        assertThat(got).as(name).isNotEmpty();
        // from the first message it got (at the latest the first after go: before it, nobody was subscribed and
        // the engine counted those as not connected) to the last, every published message once, in order
        final long goSequence = Long.parseLong(Files.readString(sync.resolve("engine.go")).strip());
        assertThat(got.getLong(0)).as(name + ": subscribed before the feed started")
            .isLessThanOrEqualTo(firstAfter(published, goSequence));
        final int from = published.indexOf(got.getLong(0));
        assertThat(from).as(name + ": its first message was published").isNotNegative();
        final LongArrayList expected = new LongArrayList();
        for (int i = from; i < published.size(); i++)
        {
            expected.addLong(published.getLong(i));
        }
        assertThat(difference(got, expected)).as(name + ": every published message once, in order").isNull();
    }

    private static long firstAfter(final LongArrayList sequences, final long sequence)
    {
        for (int i = 0; i < sequences.size(); i++)
        {
            if (sequences.getLong(i) > sequence)
            {
                return sequences.getLong(i);
            }
        }
        return Long.MAX_VALUE;
    }

    /** Null when equal, else where they part. */
    private static String difference(final LongArrayList got, final LongArrayList expected)
    {
        for (int i = 0; i < Math.min(got.size(), expected.size()); i++)
        {
            if (got.getLong(i) != expected.getLong(i))
            {
                return "at " + i + " got " + got.getLong(i) + ", expected " + expected.getLong(i) + " (got " +
                    got.size() + " messages, expected " + expected.size() + ")";
            }
        }
        return got.size() == expected.size() ? null : "got " + got.size() + " messages, expected " + expected.size() +
            (got.size() > expected.size() ? "; extra from " + got.getLong(expected.size())
                : "; missing from " + expected.getLong(got.size()));
    }

    private static LongArrayList sequences(final Path sync, final String name) throws IOException
    {
        final LongArrayList sequences = new LongArrayList();
        for (final String line : Files.readAllLines(sync.resolve(name + ".seq")))
        {
            sequences.addLong(Long.parseLong(line));
        }
        return sequences;
    }

    private static long gapMessages(final String result)
    {
        final int at = result.indexOf("gapMessages=") + "gapMessages=".length();
        return Long.parseLong(result.substring(at, result.indexOf(' ', at)));
    }
}
