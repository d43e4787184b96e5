package dev.tickwire.kafka;

import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code type: kafka} source, one partition of a topic: trades and quotes (JSON or the output's Avro) into the
 * ring. The journal says where to resume: a tick's source position is {@code partition << 48 | offset}, and at
 * start the partition is read from just after the last journaled position ({@code assign} + {@code seek}), not
 * from a consumer group's committed offsets (it commits none), so a restart journals each record once.
 *
 * <p>The adapters share one thread, so Kafka is read on a thread of this source's own that hands records over
 * a bounded queue; {@code doWork} only publishes. A broker that is away: the reader retries with backoff, the
 * state counter says STALLED (WAITING while the topic does not exist), never a crash. A bad record is said
 * (topic, partition, offset, reason: the first in full, then counted), counted, and journaled as a MALFORMED
 * trade at its position; its neighbours are kept.
 */
final class KafkaSource implements FeedAdapter
{
    static final int PARTITION_SHIFT = 48;
    static final long OFFSET_MASK = (1L << PARTITION_SHIFT) - 1;
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.adapters.kafka");
    private static final int BATCH = 256;
    /** How long a quiet partition goes before the reader checks that the broker is still there. */
    private static final long LIVENESS_NS = TimeUnit.SECONDS.toNanos(2);

    private final KafkaSourceConfig config;
    private final int partition;
    private final int sourceId;
    private final String role;
    private final Map<String, Object> clientProperties;
    private final KafkaRecordParser parser;
    private final MessageWriter writer = new MessageWriter();
    private final Map<String, Integer> instrumentIds = new HashMap<>();
    private final BlockingQueue<ConsumerRecord<byte[], byte[]>> queue = new ArrayBlockingQueue<>(8192);
    private final ThrottledLog badRecords;
    private final ThrottledLog readFailures;
    private final Backoff backoff = new Backoff(TimeUnit.MILLISECONDS.toNanos(100), Backoff.DEFAULT_CAP_NS, 0);
    private AdapterContext context;
    private TickPublisher publisher;
    private EpochNanoClock clock;
    private AtomicCounter state;
    private AtomicCounter malformed;
    private AtomicCounter published;
    private Thread reader;
    private volatile boolean running;

    KafkaSource(final KafkaSourceConfig config, final int partition, final Map<String, Object> clientProperties)
    {
        this.config = config;
        this.partition = partition;
        this.sourceId = config.id + partition;
        this.role = config.partitions == 1 ? config.name : config.name + "-p" + partition;
        this.clientProperties = clientProperties;
        this.parser = new KafkaRecordParser(config);
        this.badRecords = new ThrottledLog(LOG, "kafka source " + role + ": bad records", 1);
        this.readFailures = new ThrottledLog(LOG, "kafka source " + role + ": Kafka unreachable", 1);
    }

    static long position(final int partition, final long offset)
    {
        return ((long)partition << PARTITION_SHIFT) | offset;
    }

    @Override
    public int sourceId()
    {
        return sourceId;
    }

    @Override
    public String roleName()
    {
        return role;
    }

    @Override
    public String describe(final long position)
    {
        return "topic " + config.topic + " partition " + (position >>> PARTITION_SHIFT) + " offset " +
            (position & OFFSET_MASK);
    }

    @Override
    public void start(final AdapterContext context)
    {
        this.context = context;
        this.publisher = context.publisher();
        this.clock = context.clock();
        this.state = context.stateCounter();
        this.malformed = context.counter("malformed");
        this.published = context.counter("records");
        final long resume = context.resumePosition();
        long next = 0;
        if (resume != Values.NONE)
        {
            if ((resume >>> PARTITION_SHIFT) != partition)
            {
                throw new IllegalStateException(role + ": the journal's last position of source " + sourceId + " (" +
                    describe(resume) + ") is not of partition " + partition + ": was the source's id reused?");
            }
            next = (resume & OFFSET_MASK) + 1;
        }
        state.setRelease(SourceState.STARTING.code());
        running = true;
        final long from = next;
        reader = new Thread(() -> read(from), "kafka-source-" + role);
        reader.setDaemon(true);
        reader.start();
        LOG.info("kafka source {}: reading {} partition {} from offset {} (after the journal's last record)", role,
            config.topic, partition, from);
    }

    @Override
    public int doWork()
    {
        int done = 0;
        ConsumerRecord<byte[], byte[]> r;
        while (done < BATCH && (r = queue.poll()) != null)
        {
            publish(r);
            done++;
        }
        return done;
    }

    private void publish(final ConsumerRecord<byte[], byte[]> r)
    {
        final long position = position(partition, r.offset());
        final long receiveNs = clock.nanoTime();
        try
        {
            final KafkaRecordParser.Parsed p = parser.parse(r.value());
            final KafkaSourceConfig.Scale scale = config.scaleOf(p.symbol);
            final int instrument = instrument(p.symbol, scale);
            final long sequence;
            if (p.quote)
            {
                final long bid = KafkaRecordParser.mantissa(p.bid, scale.priceExponent(), "bid");
                final long bidSize = KafkaRecordParser.mantissa(p.bidSize, scale.sizeExponent(), "bid size");
                final long ask = KafkaRecordParser.mantissa(p.ask, scale.priceExponent(), "ask");
                final long askSize = KafkaRecordParser.mantissa(p.askSize, scale.sizeExponent(), "ask size");
                sequence = publisher.claim();
                final TickSlot slot = publisher.slot(sequence);
                slot.length(writer.quote(slot.buffer(), 0, sourceId, position, instrument, p.timeNs, receiveNs,
                    bid, bidSize, ask, askSize));
            }
            else
            {
                final long price = KafkaRecordParser.mantissa(p.price, scale.priceExponent(), "price");
                final long size = KafkaRecordParser.mantissa(p.size, scale.sizeExponent(), "size");
                final long bid = p.bid == null ? Values.NONE :
                    KafkaRecordParser.mantissa(p.bid, scale.priceExponent(), "bid");
                final long ask = p.ask == null ? Values.NONE :
                    KafkaRecordParser.mantissa(p.ask, scale.priceExponent(), "ask");
                sequence = publisher.claim();
                final TickSlot slot = publisher.slot(sequence);
                slot.length(writer.trade(slot.buffer(), 0, sourceId, position, instrument, p.timeNs, receiveNs,
                    price, size, p.side, 0, bid, ask));
            }
            publisher.publish(sequence);
            published.incrementRelease();
        }
        catch (final KafkaRecordParser.BadRecord ex)
        {
            malformed.incrementRelease();
            badRecords.warn("kafka source {}: {} partition {} offset {}: {}; journaled as rejected (MALFORMED)", role,
                r.topic(), r.partition(), r.offset(), ex.getMessage());
            final long sequence = publisher.claim();
            final TickSlot slot = publisher.slot(sequence);
            slot.length(writer.trade(slot.buffer(), 0, sourceId, position, 0, 0, receiveNs, 0, 0, Side.NONE, 0,
                Values.NONE, Values.NONE));
            Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
            publisher.publish(sequence);
        }
    }

    private int instrument(final String symbol, final KafkaSourceConfig.Scale scale) throws KafkaRecordParser.BadRecord
    {
        final Integer known = instrumentIds.get(symbol);
        if (known != null)
        {
            return known;
        }
        if (symbol.length() > 32 || !symbol.chars().allMatch(c -> c > ' ' && c < 127))
        {
            throw new KafkaRecordParser.BadRecord("symbol '" + symbol + "' is not 1-32 printable ASCII characters");
        }
        try
        {
            final int id = context.defineInstrument(symbol, config.venue, scale.priceExponent(), scale.sizeExponent(),
                scale.tickSize());
            instrumentIds.put(symbol, id);
            return id;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new KafkaRecordParser.BadRecord(ex.getMessage());
        }
    }

    /** The reader thread: (re)connects with backoff, hands records to doWork in offset order. */
    private void read(final long from)
    {
        long next = from;
        int attempt = 0;
        while (running)
        {
            final Map<String, Object> props = new HashMap<>(config.consumer);
            props.putAll(clientProperties);
            props.put("key.deserializer", ByteArrayDeserializer.class.getName());
            props.put("value.deserializer", ByteArrayDeserializer.class.getName());
            props.put("enable.auto.commit", false);
            props.put("isolation.level", "read_committed"); // what the output commits, never what it aborts
            props.putIfAbsent("client.id", "tickwire-" + role);
            props.putIfAbsent("default.api.timeout.ms", 10_000);
            props.putIfAbsent("request.timeout.ms", 10_000);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props))
            {
                final List<PartitionInfo> partitions = consumer.partitionsFor(config.topic, Duration.ofSeconds(10));
                if (partitions == null || partitions.stream().noneMatch(p -> p.partition() == partition))
                {
                    state.setRelease(SourceState.WAITING.code());
                    throw new IllegalStateException("topic " + config.topic + " has no partition " + partition + " (yet)");
                }
                final TopicPartition tp = new TopicPartition(config.topic, partition);
                consumer.assign(List.of(tp));
                consumer.seek(tp, next);
                state.setRelease(SourceState.TAILING.code());
                if (attempt > 0)
                {
                    LOG.info("kafka source {}: connected again, reading from offset {}", role, next);
                }
                attempt = 0;
                long quietSinceNs = System.nanoTime();
                while (running)
                {
                    final var records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty() && System.nanoTime() - quietSinceNs > LIVENESS_NS)
                    {
                        // a consumer's poll retries a lost broker silently: ask it something with a deadline
                        consumer.endOffsets(List.of(tp), Duration.ofSeconds(5));
                        quietSinceNs = System.nanoTime();
                    }
                    else if (!records.isEmpty())
                    {
                        quietSinceNs = System.nanoTime();
                    }
                    for (final ConsumerRecord<byte[], byte[]> r : records)
                    {
                        while (running && !queue.offer(r, 100, TimeUnit.MILLISECONDS))
                        {
                            // the ring is slower than the topic: wait
                        }
                        next = r.offset() + 1;
                    }
                    if (consumer.position(tp) > next)
                    {
                        next = consumer.position(tp); // skipped control records (transaction markers)
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            catch (final Exception ex)
            {
                if (!running)
                {
                    return;
                }
                if (state.get() != SourceState.WAITING.code())
                {
                    state.setRelease(SourceState.STALLED.code());
                }
                final long delayNs = backoff.delayNs(++attempt);
                readFailures.warn("kafka source {}: {} partition {}: {}; retrying in {} ms", role, config.topic,
                    partition, Backoff.describe(ex), TimeUnit.NANOSECONDS.toMillis(delayNs));
                final long until = System.nanoTime() + delayNs;
                while (running && System.nanoTime() - until < 0)
                {
                    LockSupport.parkNanos(Math.min(until - System.nanoTime(), 50_000_000L));
                }
            }
        }
    }

    @Override
    public void onClose()
    {
        running = false; // the reader sees it within a poll (100 ms); no interrupt: it would break the consumer's close
        if (reader != null)
        {
            try
            {
                reader.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        badRecords.flush();
        readFailures.flush();
    }
}
