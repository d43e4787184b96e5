package dev.tickwire.kafka;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.InstrumentLookup;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@code type: kafka} output: the journal into Kafka topics, exactly once. One transactional, idempotent
 * producer ({@code transactional.id} = "tickwire-" + output name); each {@link #flush()} commits one
 * transaction holding the data records and this output's checkpoint record (journal index and engine
 * sequence) in the compacted topic {@code <topicPrefix>.checkpoints}, keyed by the output's name. So the data
 * and the position that says it was sent commit together or not at all, and {@link #resumeAfter} answers
 * from that topic (read_committed), not from the tailer's file, which may lag it by one flush.
 *
 * <p>Runs on the tailer's thread only. Every blocking call is bounded ({@code max.block.ms}, delivery and
 * request timeouts), so a dead broker makes a flush fail, never hang: the tailer backs off and delivers
 * again from the checkpoint, and the next {@code initTransactions} aborts what the failed one left open.
 */
final class KafkaOutput implements OutputSink
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.outputs");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5); // also what a close waits for, at most

    private final String key;
    private final String name;
    private final KafkaOutputConfig config;
    private final Map<String, Object> clientProperties;
    private final ValueEncoder values;
    private final KafkaTopics topics;
    private final String checkpointTopic;
    private final byte[] checkpointKey;
    private final InstrumentLookup instruments;
    private final Map<Instrument, String[]> instrumentTopics = new HashMap<>();
    private final Callback onSent = (metadata, ex) -> failed(ex);
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean inTransaction;
    private volatile Exception sendFailure;
    private long lastIndex = Values.NONE;
    private long lastSequence = -1;
    private long committedIndex = Values.NONE;
    private Exception notConnected;

    KafkaOutput(final String key, final String name, final KafkaOutputConfig config,
        final Map<String, Object> clientProperties, final InstrumentCatalog catalog, final ValueEncoder values)
    {
        this.key = key;
        this.name = name;
        this.config = config;
        this.clientProperties = clientProperties;
        this.instruments = new InstrumentLookup(catalog);
        this.values = values;
        this.topics = new KafkaTopics(key, config.topic);
        this.checkpointTopic = config.topicSuffix("checkpoints");
        this.checkpointKey = name.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the output sends this message (not the engine's heartbeats; rejected ones only to {@code rejected}). */
    static boolean sends(final DirectBuffer buffer, final int offset, final boolean rejectedTopic)
    {
        return !Envelope.isEngineHeartbeat(buffer, offset) && (rejectedTopic || Envelope.isAccepted(buffer, offset));
    }

    /** The topics every start creates or checks (per-instrument and bar topics come when first used). */
    List<String> fixedTopics()
    {
        final List<String> fixed = new ArrayList<>(List.of(config.topicSuffix("status"), config.topicSuffix("instruments")));
        if (!config.perInstrument)
        {
            fixed.addAll(List.of(config.topicSuffix("trades"), config.topicSuffix("quotes"), config.topicSuffix("book")));
        }
        if (config.rejected != null)
        {
            fixed.add(config.rejected);
        }
        return fixed;
    }

    /**
     * At start, on the engine's thread: creates or checks the topics if Kafka answers within {@code timeout},
     * so a mismatch fails the start naming the key; if it does not answer, the output goes on without (its
     * tailer connects and checks when Kafka is back).
     */
    void checkAtStart(final Duration timeout)
    {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("default.api.timeout.ms", (int)timeout.toMillis());
        props.put("request.timeout.ms", (int)timeout.toMillis());
        try (Admin a = Admin.create(props))
        {
            topics.ensure(a, fixedTopics());
            topics.ensureCheckpoints(a, checkpointTopic);
        }
        catch (final ConfigException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            LOG.warn("output {}: Kafka at {} does not answer ({}); the output starts anyway and connects when it can",
                name, config.bootstrap, describe(ex));
        }
    }

    @Override
    public long resumeAfter(final long checkpoint)
    {
        abandon(); // what was sent since the last commit is not committed: it comes again
        try
        {
            connect();
            final long index = readCheckpoint();
            committedIndex = index;
            lastIndex = index;
            notConnected = null;
            LOG.info("output {}: resuming after journal index {} (committed in {}; the tailer's checkpoint: {})", name,
                index == Values.NONE ? "none" : Long.toHexString(index), checkpointTopic,
                checkpoint == Values.NONE ? "none" : Long.toHexString(checkpoint));
            return index;
        }
        catch (final Exception ex)
        {
            // the tailer's onStart and its failure path call this: it must not throw. Deliveries fail until it works.
            abandon();
            notConnected = ex;
            // not logged here: the next delivery fails with this cause, and the tailer says that once, then counts
            LOG.debug("output {}: cannot connect to Kafka at {}: {}", name, config.bootstrap, describe(ex));
            return checkpoint;
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermarkNs)
    {
        if (producer == null)
        {
            throw new IllegalStateException("output " + name + ": not connected to Kafka at " + config.bootstrap +
                (notConnected == null ? "" : " (" + describe(notConnected) + ")"));
        }
        failIfSendFailed();
        lastIndex = index;
        lastSequence = Envelope.sequence(buffer, offset);
        if (!sends(buffer, offset, config.rejected != null))
        {
            return;
        }
        final int templateId = Envelope.templateId(buffer, offset);
        final Instrument instrument = instrument(Envelope.instrumentId(buffer, offset));
        final String topic = topic(templateId, instrument, Envelope.isAccepted(buffer, offset));
        try
        {
            if (!topics.isKnown(topic))
            {
                topics.ensure(admin, List.of(topic));
            }
            final byte[] value = values.encode(topic, buffer, offset, instrument);
            if (value == null)
            {
                return;
            }
            begin();
            producer.send(new ProducerRecord<>(topic, instrument == null ? null :
                instrument.symbol().getBytes(StandardCharsets.UTF_8), value), onSent);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("output " + name + ": " + describe(ex), ex);
        }
    }

    @Override
    public void flush() throws Exception
    {
        if (producer == null)
        {
            throw new IllegalStateException("output " + name + ": not connected to Kafka at " + config.bootstrap);
        }
        if (lastIndex == committedIndex)
        {
            return;
        }
        try
        {
            begin();
            producer.send(new ProducerRecord<>(checkpointTopic, checkpointKey,
                ("index=" + lastIndex + "\nsequence=" + lastSequence + "\n").getBytes(StandardCharsets.UTF_8)), onSent);
            producer.flush();
            failIfSendFailed();
            producer.commitTransaction();
            inTransaction = false;
            committedIndex = lastIndex;
        }
        catch (final Exception ex)
        {
            abandon();
            throw ex;
        }
    }

    @Override
    public void close()
    {
        abandon();
        if (admin != null)
        {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    private void connect() throws Exception
    {
        if (admin == null)
        {
            final Map<String, Object> props = new HashMap<>(clientProperties);
            props.put("default.api.timeout.ms", (int)CLIENT_TIMEOUT.toMillis());
            props.put("request.timeout.ms", (int)CLIENT_TIMEOUT.toMillis()); // Kafka: no larger than the api timeout
            admin = Admin.create(props);
        }
        topics.ensure(admin, fixedTopics());
        topics.ensureCheckpoints(admin, checkpointTopic);
        final KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProperties());
        try
        {
            p.initTransactions(); // fences an earlier instance and aborts the transaction it left open
        }
        catch (final Exception ex)
        {
            p.close(Duration.ZERO);
            throw ex;
        }
        producer = p;
    }

    Map<String, Object> producerProperties()
    {
        final Map<String, Object> props = new HashMap<>(config.producer);
        props.putAll(clientProperties);
        props.put("transactional.id", "tickwire-" + name);
        props.put("enable.idempotence", true);
        props.put("acks", "all");
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        // bounded, so a dead broker fails a send or a commit instead of blocking the tailer for ever
        props.putIfAbsent("max.block.ms", 10_000);
        props.putIfAbsent("request.timeout.ms", 10_000);
        props.putIfAbsent("delivery.timeout.ms", 30_000);
        props.putIfAbsent("transaction.timeout.ms", 60_000);
        props.putIfAbsent("linger.ms", 5);
        props.putIfAbsent("client.id", "tickwire-" + name);
        return props;
    }

    /** The last checkpoint this output committed, or {@link Values#NONE}: read backwards in steps from the end. */
    private long readCheckpoint() throws Exception
    {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("default.api.timeout.ms", (int)CLIENT_TIMEOUT.toMillis());
        props.put("request.timeout.ms", (int)CLIENT_TIMEOUT.toMillis());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props))
        {
            final TopicPartition partition = new TopicPartition(checkpointTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long start = consumer.position(partition, CLIENT_TIMEOUT);
            final long end = consumer.endOffsets(List.of(partition), CLIENT_TIMEOUT).get(partition); // the LSO
            long to = end;
            long step = 256;
            while (to > start)
            {
                final long from = Math.max(start, to - step);
                final String found = scan(consumer, partition, from, to);
                if (found != null)
                {
                    return parseIndex(found);
                }
                to = from;
                step *= 4;
            }
            return Values.NONE;
        }
    }

    /** The value of this output's last checkpoint record in [from, to), or null. */
    private String scan(final KafkaConsumer<byte[], byte[]> consumer, final TopicPartition partition, final long from,
        final long to) throws TimeoutException
    {
        consumer.seek(partition, from);
        final long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
        String last = null;
        while (consumer.position(partition, CLIENT_TIMEOUT) < to)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new TimeoutException("reading " + checkpointTopic + " offsets " + from + ".." + to);
            }
            for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)))
            {
                if (r.offset() < to && Arrays.equals(r.key(), checkpointKey) && r.value() != null)
                {
                    last = new String(r.value(), StandardCharsets.UTF_8);
                }
            }
        }
        return last;
    }

    private long parseIndex(final String record)
    {
        for (final String line : record.split("\n"))
        {
            if (line.startsWith("index="))
            {
                return Long.parseLong(line.substring("index=".length()).trim());
            }
        }
        throw new IllegalStateException("output " + name + ": checkpoint record without an index in " + checkpointTopic);
    }

    private void begin()
    {
        if (!inTransaction)
        {
            sendFailure = null;
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    private void failed(final Exception ex)
    {
        if (ex != null && sendFailure == null)
        {
            sendFailure = ex;
        }
    }

    private void failIfSendFailed()
    {
        final Exception ex = sendFailure;
        if (ex != null)
        {
            throw new IllegalStateException("output " + name + ": a send failed: " + describe(ex), ex);
        }
    }

    /** Drops the producer and its open transaction: the next initTransactions (or the broker's timeout) aborts it. */
    private void abandon()
    {
        if (producer != null)
        {
            try
            {
                producer.close(Duration.ofSeconds(1));
            }
            catch (final Exception ignore)
            {
                // closing a producer of a dead broker: nothing more to do
            }
            producer = null;
        }
        inTransaction = false;
        sendFailure = null;
    }

    private Instrument instrument(final int id)
    {
        return instruments.get(id);
    }

    private String topic(final int templateId, final Instrument instrument, final boolean accepted)
    {
        if (!accepted)
        {
            return config.rejected;
        }
        final String kind;
        final boolean perInstrument;
        if (templateId == MessageTypes.TRADE)
        {
            kind = "trades";
            perInstrument = true;
        }
        else if (templateId == MessageTypes.QUOTE)
        {
            kind = "quotes";
            perInstrument = true;
        }
        else if (templateId == MessageTypes.BOOK_DELTA)
        {
            kind = "book";
            perInstrument = true;
        }
        else if (templateId == MessageTypes.BAR)
        {
            kind = "bars";
            perInstrument = true;
        }
        else if (templateId == MessageTypes.INSTRUMENT)
        {
            kind = "instruments";
            perInstrument = false;
        }
        else if (templateId == MessageTypes.CANDLE)
        {
            kind = "candles";
            perInstrument = true;
        }
        else if (templateId == MessageTypes.LIQUIDATION)
        {
            kind = "liquidations";
            perInstrument = true;
        }
        else if (templateId == MessageTypes.DERIVATIVE_TICKER)
        {
            kind = "derivative_tickers"; // one topic keyed by symbol, as the archive's one file a day
            perInstrument = false;
        }
        else if (templateId == MessageTypes.OPTION_SUMMARY)
        {
            kind = "option_summaries"; // an option chain is hundreds of instruments: not a topic each
            perInstrument = false;
        }
        else
        {
            kind = "status";
            perInstrument = false;
        }
        if (!perInstrument || !config.perInstrument || instrument == null)
        {
            return config.topicSuffix(kind);
        }
        final String[] names = instrumentTopics.computeIfAbsent(instrument, i -> new String[6]);
        final int slot = templateId == MessageTypes.TRADE ? 0 : templateId == MessageTypes.QUOTE ? 1 :
            templateId == MessageTypes.BOOK_DELTA ? 2 : templateId == MessageTypes.CANDLE ? 4 :
            templateId == MessageTypes.LIQUIDATION ? 5 : 3;
        if (names[slot] == null)
        {
            names[slot] = config.topicSuffix(kind) + "." + KafkaOutputConfig.sanitise(instrument.symbol());
        }
        return names[slot];
    }

    private static String describe(final Throwable ex)
    {
        Throwable t = ex;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof IllegalStateException) &&
            t.getCause() != null && t.getMessage() == null)
        {
            t = t.getCause();
        }
        return dev.tickwire.engine.net.Backoff.describe(t);
    }
}
