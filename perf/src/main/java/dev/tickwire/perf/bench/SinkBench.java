package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.clickhouse.ClickHouseServer;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import org.HdrHistogram.Histogram;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Section 9: the Kafka and ClickHouse outputs against real servers (the embedded KRaft broker and Debian's
 * clickhouse-server, from the modules' test jars). Throughput is the modules' own bench hooks
 * ({@code KafkaSinkBench}, {@code ClickHouseSinkBench}) over a synthetic journal; the end-to-end delay is an
 * engine with the synthetic source and the output configured, read back by a reader of the sink; and a Kafka
 * output whose broker is down is a config hook for the tick-to-subscriber runs.
 */
final class SinkBench
{
    /** Every delay histogram: ns, up to a minute. */
    private static final long MAX_DELAY_NS = 60_000_000_000L;
    private static final long WARMUP_NS = TimeUnit.SECONDS.toNanos(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkBench()
    {
    }

    /**
     * {@code n} messages straight through the journal writer (what an import leaves): 20 % trades, 20 % quotes,
     * 60 % book deltas over two instruments and one day, engine sequences 1..n.
     */
    static void writeJournal(final Path dir, final long n)
    {
        final MessageWriter writer = new MessageWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final SplittableRandom random = new SplittableRandom(9);
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)); JournalWriter out = journal.writer())
        {
            final Instrument[] instruments = {
                journal.instruments().register("ESZ6", "CME", -2, 0, 25),
                journal.instruments().register("NQZ6", "CME", -2, 0, 25)};
            final long step = QueryBench.DAY_NS / (n + 1);
            long price = 500_000;
            for (long i = 1; i <= n; i++)
            {
                final int id = instruments[(int)(i & 1)].id();
                final long ts = QueryBench.DAY_START_NS + i * step;
                final long recv = ts + 20_000 + random.nextInt(5_000);
                price = Math.max(25, price + 25L * (random.nextInt(3) - 1));
                final int kind = random.nextInt(10);
                final int length;
                if (kind < 2)
                {
                    length = writer.trade(buffer, 0, 1, i, id, ts, recv, price, 1 + random.nextInt(20),
                        random.nextBoolean() ? Side.BUY : Side.SELL, i, price - 25, price);
                }
                else if (kind < 4)
                {
                    length = writer.quote(buffer, 0, 1, i, id, ts, recv, price - 25, 1 + random.nextInt(50), price,
                        1 + random.nextInt(50));
                }
                else
                {
                    final boolean bid = random.nextBoolean();
                    final int action = random.nextInt(10);
                    length = writer.bookDelta(buffer, 0, 1, i, id, ts, recv,
                        action < 6 ? BookAction.MODIFY : action < 8 ? BookAction.ADD : BookAction.DELETE,
                        bid ? BookSide.BID : BookSide.ASK, price + (bid ? -25L : 25L) * (1 + random.nextInt(10)),
                        action >= 8 ? 0 : 1 + random.nextInt(100), 1 + random.nextInt(4),
                        random.nextInt(3) == 0 ? 0 : DeltaFlagBits.END_OF_BATCH);
                }
                Envelope.sequence(buffer, 0, i);
                out.append(buffer, 0, length);
            }
        }
    }

    /**
     * Journal receive time → visible to a {@code read_committed} consumer of the Kafka output's topics (JSON,
     * so each record's {@code recv_ns} is readable), an engine with the synthetic source at {@code rate}.
     * Ticks received in the first 3 s are not counted (warm-up).
     */
    static Histogram kafkaDelay(final String bootstrap, final String flushInterval, final long rate, final long seconds)
        throws Exception
    {
        final String prefix = "e2e" + System.nanoTime();
        final ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("type", "kafka").put("name", prefix).put("bootstrap", bootstrap).put("topicPrefix", prefix)
            .put("format", "json").put("flushInterval", flushInterval);
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"); // the consumer is the clock: it must not wait 500 ms
        final Histogram delays = new Histogram(MAX_DELAY_NS, 3);
        return withEngine(rate, output, (clock, measureFrom, measureTo) ->
        {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()))
            {
                // the output created its topics at start (the broker is up), before the engine ran
                final List<TopicPartition> partitions = new ArrayList<>();
                for (final String kind : new String[] {"trades", "quotes", "book"})
                {
                    for (final PartitionInfo info : consumer.partitionsFor(prefix + "." + kind))
                    {
                        partitions.add(new TopicPartition(info.topic(), info.partition()));
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                final Until until = new Until(clock, measureTo);
                while (!until.done())
                {
                    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5)))
                    {
                        final long now = clock.nanoTime();
                        final long recv = JSON.readTree(record.value()).path("recv_ns").asLong(0);
                        until.seen(recv);
                        if (recv >= measureFrom && recv < measureTo)
                        {
                            delays.recordValue(Math.min(MAX_DELAY_NS, Math.max(0, now - recv)));
                        }
                    }
                }
            }
            return delays;
        }, seconds);
    }

    /**
     * Journal receive time → visible in ClickHouse (the trades table, every output's default flush interval):
     * {@code SELECT seq, recv_ns … WHERE seq > last} every 20 ms; each newly visible row counts as visible at
     * the moment its poll was sent (later by at most the 20 ms between polls).
     */
    static Histogram clickHouseDelay(final ClickHouseServer server, final long rate, final long seconds)
        throws Exception
    {
        final String database = "tickwire_e2e";
        server.query("DROP DATABASE IF EXISTS " + database);
        final ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("type", "clickhouse").put("name", "ch-e2e").put("url", server.url().toString())
            .put("database", database).put("flushEvery", 100_000);
        final Histogram delays = new Histogram(MAX_DELAY_NS, 3);
        return withEngine(rate, output, (clock, measureFrom, measureTo) ->
        {
            final Until until = new Until(clock, measureTo);
            long lastSeq = 0;
            while (!until.done())
            {
                final long now = clock.nanoTime();
                final String rows;
                try
                {
                    rows = server.query("SELECT seq, recv_ns FROM " + database + ".trades WHERE seq > " + lastSeq +
                        " ORDER BY seq FORMAT TabSeparated");
                }
                catch (final IOException notYet)
                {
                    Thread.sleep(20); // the tables come with the output's first connection
                    continue;
                }
                for (final String line : rows.split("\n"))
                {
                    final int tab = line.indexOf('\t');
                    if (tab > 0)
                    {
                        lastSeq = Math.max(lastSeq, Long.parseLong(line, 0, tab, 10));
                        final long recv = Long.parseLong(line, tab + 1, line.length(), 10);
                        until.seen(recv);
                        if (recv >= measureFrom && recv < measureTo)
                        {
                            delays.recordValue(Math.min(MAX_DELAY_NS, Math.max(0, now - recv)));
                        }
                    }
                }
                Thread.sleep(20);
            }
            return delays;
        }, seconds);
    }

    /**
     * When a reader stops: 1 s after it saw a tick received after the window (what one flush holds becomes
     * visible together, but a consumer may fetch its partitions in turn), or 15 s after the window at most.
     */
    private static final class Until
    {
        private final EpochNanoClock clock;
        private final long measureTo;
        private final long deadline;
        private long stopAt = Long.MAX_VALUE;

        Until(final EpochNanoClock clock, final long measureTo)
        {
            this.clock = clock;
            this.measureTo = measureTo;
            this.deadline = measureTo + TimeUnit.SECONDS.toNanos(15);
        }

        void seen(final long recvNs)
        {
            if (recvNs >= measureTo && stopAt == Long.MAX_VALUE)
            {
                stopAt = clock.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
        }

        boolean done()
        {
            final long now = clock.nanoTime();
            return now >= stopAt || now >= deadline;
        }
    }

    /** What reads the sink while the engine runs; times are epoch ns of {@code clock} (the engine's kind). */
    @FunctionalInterface
    private interface Reader
    {
        Histogram read(EpochNanoClock clock, long measureFromNs, long measureToNs) throws Exception;
    }

    /** An engine (no Aeron) with the synthetic source at {@code rate} and {@code output}, while a reader reads. */
    private static Histogram withEngine(final long rate, final ObjectNode output, final Reader reader,
        final long seconds) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-sink");
        try
        {
            final TickwireConfig config = new TickwireConfig();
            config.dataDir = dir.resolve("data").toString();
            config.aeron.publish = false;
            final ObjectNode source = JsonNodeFactory.instance.objectNode();
            source.put("type", "synthetic").put("id", 1).put("rate", rate).put("count", 0).put("seed", 7)
                .put("startTime", Instant.now().toString());
            config.sources.add(source);
            config.outputs.add(output);
            config.conclude();
            final EpochNanoClock clock = new OffsetEpochNanoClock();
            try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
                .outputs(Outputs.create(config))))
            {
                final long from = clock.nanoTime() + WARMUP_NS;
                return reader.read(clock, from, from + TimeUnit.SECONDS.toNanos(seconds));
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /**
     * A config hook for the tick-to-subscriber runs: a Kafka output whose broker is down (a loopback port
     * nobody listens on). Its start check gives up after 5 s, then it retries with backoff on its own thread.
     */
    static Consumer<TickwireConfig> kafkaBrokerDown()
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort(); // closed when this returns: connection refused from now on
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return config ->
        {
            final ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("type", "kafka").put("name", "down").put("bootstrap", "127.0.0.1:" + port)
                .put("topicPrefix", "down");
            config.outputs.add(output);
        };
    }
}
