package dev.tickwire.perf.bench;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.client.ReplayFrom;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.config.IdleStrategies;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.hosts.Hosts;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Section 13: across hosts. The engine and a strategy each in a network namespace of their own (a JVM each, with
 * its own media driver), on a bridge: ticks over UDP at 100 k/s (delay from each tick's intended send time,
 * System.nanoTime being one clock for every namespace of a machine), and a strategy that joins late and catches
 * up a million recorded messages through the Aeron Archive's ReplayMerge while the engine goes on publishing.
 */
final class HostsBench
{
    private static final String CONTROL = Hosts.ip(0) + ":40457";
    private static final String ARCHIVE = "aeron:udp?endpoint=" + Hosts.ip(0) + ":8010";

    /** What the strategy's side measured. */
    record Udp(double messagesPerSecond, Histogram delay, long gaps, long dropped)
    {
    }

    record Catchup(long messages, double seconds, long gaps)
    {
        double messagesPerSecond()
        {
            return messages / seconds;
        }
    }

    private HostsBench()
    {
    }

    /** Ticks at {@code rate} for {@code seconds} from host 0 to a subscriber on host 1 (MDC, min flow control). */
    static Udp udp(final long rate, final long seconds) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-hosts");
        try (Hosts hosts = Hosts.create(2))
        {
            final List<Process> children = new ArrayList<>();
            try
            {
                final long n = rate * seconds;
                children.add(hosts.java(0, dir.resolve("engine.log"), EngineMain.class, dir.toString(),
                    "aeron:udp?control=" + CONTROL + "|control-mode=dynamic|fc=min", Long.toString(n),
                    Long.toString(rate), "0", "none"));
                await(dir.resolve("engine.ready"), children, dir);
                children.add(hosts.java(1, dir.resolve("subscriber.log"), SubscriberMain.class, dir.toString(), "live",
                    "aeron:udp?endpoint=" + Hosts.ip(1) + ":40460|control=" + CONTROL, Long.toString(n)));
                await(dir.resolve("subscriber.ready"), children, dir);
                Files.writeString(dir.resolve("go"), "go");
                await(dir.resolve("subscriber.result"), children, dir);
                await(dir.resolve("engine.done"), children, dir);
                Files.writeString(dir.resolve("stop"), "stop");
                final Properties result = properties(dir.resolve("subscriber.result"));
                final Histogram delay = Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(
                    Files.readAllBytes(dir.resolve("subscriber.hdr"))), 0);
                return new Udp(Double.parseDouble(result.getProperty("messagesPerSecond")), delay,
                    Long.parseLong(result.getProperty("gaps")),
                    Long.parseLong(properties(dir.resolve("engine.done")).getProperty("dropped")));
            }
            finally
            {
                stop(children);
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /**
     * {@code history} ticks recorded by the engine's archive at 200 k/s, then a strategy on another host subscribes
     * from the recording's start while live ticks go on at {@code liveRate}: the time until it is merged into live.
     */
    static Catchup catchup(final long history, final long liveRate) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-hosts");
        try (Hosts hosts = Hosts.create(2))
        {
            final List<Process> children = new ArrayList<>();
            try
            {
                children.add(hosts.java(0, dir.resolve("engine.log"), EngineMain.class, dir.toString(),
                    "aeron:udp?control=" + CONTROL + "|control-mode=dynamic|fc=tagged,g:1", Long.toString(history),
                    "200000", Long.toString(liveRate), ARCHIVE));
                await(dir.resolve("engine.ready"), children, dir);
                Files.writeString(dir.resolve("go"), "go");
                await(dir.resolve("engine.done"), children, dir); // the history is recorded; live ticks go on
                children.add(hosts.java(1, dir.resolve("subscriber.log"), SubscriberMain.class, dir.toString(), "from",
                    "aeron:udp?endpoint=" + Hosts.ip(1) + ":0|control=" + CONTROL, Long.toString(history),
                    ARCHIVE, "aeron:udp?endpoint=" + Hosts.ip(1) + ":0"));
                await(dir.resolve("subscriber.result"), children, dir);
                Files.writeString(dir.resolve("stop"), "stop");
                final Properties result = properties(dir.resolve("subscriber.result"));
                return new Catchup(Long.parseLong(result.getProperty("messages")),
                    Long.parseLong(result.getProperty("catchupNs")) / 1e9, Long.parseLong(result.getProperty("gaps")));
            }
            finally
            {
                stop(children);
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private static void stop(final List<Process> children) throws InterruptedException
    {
        for (final Process child : children)
        {
            if (!child.waitFor(20, TimeUnit.SECONDS))
            {
                child.destroyForcibly();
            }
        }
    }

    private static Properties properties(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file))
        {
            properties.load(reader);
        }
        return properties;
    }

    private static void await(final Path file, final List<Process> children, final Path dir) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file))
        {
            for (final Process child : children)
            {
                if (!child.isAlive() && child.exitValue() != 0)
                {
                    throw new IllegalStateException("a child died; its log is in " + dir);
                }
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no " + file.getFileName() + " within 120 s; logs in " + dir);
            }
            Thread.sleep(20);
        }
    }

    /**
     * The engine's host: a probe feed of {@code count} trades at {@code rate} (intended send time in the trade id),
     * and with {@code liveRate} > 0 a second one that goes on until stop; recorded when an archive control
     * channel is given. Args: dir, channel, count, rate, liveRate, archive control channel or "none".
     */
    public static final class EngineMain
    {
        public static void main(final String[] args) throws Exception
        {
            final Path dir = Path.of(args[0]);
            final TickwireConfig config = new TickwireConfig();
            config.dataDir = dir.resolve("data").toString();
            config.aeron.dir = CommonContext.generateRandomDirName();
            config.aeron.channel = args[1];
            config.aeron.stream = 1001;
            if (!args[5].equals("none"))
            {
                config.archive.aeron.record = true;
                config.archive.aeron.controlChannel = args[5];
            }
            final ProbeAdapter probe = new ProbeAdapter(1, 100, Long.parseLong(args[2]), Long.parseLong(args[3]));
            final long liveRate = Long.parseLong(args[4]);
            final List<FeedAdapter> adapters = liveRate > 0
                ? List.of(probe, new ProbeAdapter(2, 10, Long.MAX_VALUE, liveRate)) : List.of(probe);
            try (Engine engine = Engine.create(new Engine.Context().config(config).adapters(adapters)))
            {
                Files.writeString(dir.resolve("engine.ready"), "ready");
                await(dir.resolve("go"));
                engine.startAdapters();
                while (!probe.isDone())
                {
                    Thread.sleep(10);
                }
                engine.awaitDrained(10, TimeUnit.SECONDS);
                write(dir.resolve("engine.done"), "dropped=" + engine.counters().dropped().get() +
                    "\npublished=" + engine.counters().published().get() + "\n");
                await(dir.resolve("stop"));
            }
            System.exit(0);
        }
    }

    /**
     * The strategy's host: its own media driver; "live" records each trade's delay (from its intended send time)
     * after a 20 % warm-up until {@code count} trades; "from" replays the recording from its start and times the
     * catch-up until merged into live. Args: dir, mode, channel, count[, archive control, archive response].
     */
    public static final class SubscriberMain
    {
        public static void main(final String[] args) throws Exception
        {
            final Path dir = Path.of(args[0]);
            final boolean from = args[1].equals("from");
            final long count = Long.parseLong(args[3]);
            final long warmup = count / 5;
            final Histogram delay = new Histogram(60_000_000_000L, 3);
            final long[] received = {0, 0, 0}; // trades, first ns, last ns
            final MarketDataListener listener = new MarketDataListener()
            {
                @Override
                public void onTrade(final TradeDecoder trade)
                {
                    final long now = System.nanoTime();
                    if (received[0]++ == warmup)
                    {
                        received[1] = now;
                    }
                    if (received[0] > warmup)
                    {
                        delay.recordValue(Math.max(0, now - trade.tradeId()));
                        received[2] = now;
                    }
                }
            };
            final String aeronDir = CommonContext.generateRandomDirName();
            try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                    .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(IdleStrategies.of("bench", "backoff:0"))
                    .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
                 Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)))
            {
                final IdleStrategy idle = IdleStrategies.of("bench.subscriber", "backoff:0");
                if (!from)
                {
                    final MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, args[2], 1001, listener);
                    while (!subscriber.isConnected())
                    {
                        idle.idle(subscriber.poll());
                    }
                    Files.writeString(dir.resolve("subscriber.ready"), "ready");
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (received[0] < count && System.nanoTime() < deadline)
                    {
                        idle.idle(subscriber.poll());
                    }
                    final java.nio.ByteBuffer hdr = java.nio.ByteBuffer.allocate(delay.getNeededByteBufferCapacity());
                    final int length = delay.encodeIntoCompressedByteBuffer(hdr);
                    Files.write(dir.resolve("subscriber.hdr"), java.util.Arrays.copyOf(hdr.array(), length));
                    final double seconds = (received[2] - received[1]) / 1e9;
                    write(dir.resolve("subscriber.result"), "messagesPerSecond=" +
                        (received[0] - warmup - 1) / seconds + "\ngaps=" + subscriber.gaps() + "\n");
                    subscriber.close();
                }
                else
                {
                    try (AeronArchive archive = AeronArchive.connect(new AeronArchive.Context().aeron(aeron)
                        .controlRequestChannel(args[4]).controlResponseChannel(args[5])))
                    {
                        final long t0 = System.nanoTime();
                        final MarketDataSubscriber subscriber = MarketDataSubscriber.subscribeFrom(archive, args[2], 1001,
                            ReplayFrom.recordingStart(), listener);
                        final long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
                        while (!subscriber.isLive() && System.nanoTime() < deadline)
                        {
                            idle.idle(subscriber.poll());
                        }
                        final long catchupNs = System.nanoTime() - t0;
                        write(dir.resolve("subscriber.result"), "messages=" + subscriber.received() +
                            "\ncatchupNs=" + catchupNs + "\ngaps=" + subscriber.gaps() + "\nlive=" + subscriber.isLive() +
                            "\n");
                        subscriber.close();
                    }
                }
            }
            System.exit(0);
        }
    }

    /** Whole or not at all: the other side polls for the file and reads it at once. */
    static void write(final Path file, final String text) throws IOException
    {
        final Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void await(final Path file) throws InterruptedException
    {
        while (!Files.exists(file))
        {
            Thread.sleep(10);
        }
    }
}
