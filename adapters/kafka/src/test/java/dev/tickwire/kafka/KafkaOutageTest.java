package dev.tickwire.kafka;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.Journal;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.concurrent.status.AtomicCounter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker stops while the engine runs: the engine goes on journaling at its pace, the Kafka output lags
 * (its flushes fail, bounded by the producer's timeouts, and are retried with backoff), and when the broker is
 * back the output catches up: every message once. A Kafka source whose broker stops says STALLED and reads on
 * from where it was when the broker is back.
 */
class KafkaOutageTest
{
    @TempDir
    Path tmp;

    @Test
    void theEngineKeepsJournalingWhileTheBrokerIsDownAndTheOutputCatchesUpAfter() throws Exception
    {
        try (KafkaBroker broker = KafkaBroker.start(tmp.resolve("broker")))
        {
            final TickwireConfig config = ConfigLoader.parse("""
                dataDir: %s
                aeron: {publish: false}
                sources:
                  - {type: synthetic, id: 1, rate: 4000, count: 24000, seed: 3}
                outputs:
                  - {type: kafka, name: out, bootstrap: "%s", topicPrefix: og, flushEvery: 500, flushInterval: 50ms,
                     producer: {max.block.ms: 2000, request.timeout.ms: 2000, delivery.timeout.ms: 4000}}
                """.formatted(tmp.resolve("data"), broker.bootstrap())).conclude();
            final Path journalDir = config.journalPath();
            try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
                .outputs(Outputs.create(config))))
            {
                awaitFlushedBeyond(journalDir, 2_000);
                broker.stop();
                final long journaledAtStop = lastSequence(journalDir);
                final long flushedAtStop = Outputs.flushedThrough(journalDir);
                Thread.sleep(3_000);
                final long journaledInOutage = lastSequence(journalDir) - journaledAtStop;
                final long flushedInOutage = Outputs.flushedThrough(journalDir) - flushedAtStop;
                System.out.printf("KafkaOutageTest: 3 s without the broker: the engine journaled %d messages, the " +
                    "output flushed %d%n", journaledInOutage, flushedInOutage);
                assertThat(journaledInOutage).as("the engine journals on (4,000/s)").isGreaterThan(8_000);
                assertThat(flushedInOutage).as("nothing flushed without a broker").isLessThanOrEqualTo(500);
                broker.start();
                final long back = System.nanoTime();
                while (!engine.adaptersDone())
                {
                    Thread.sleep(20);
                }
                assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
                OutputProgress.awaitCaughtUp(journalDir, 45_000);
                System.out.printf("KafkaOutageTest: caught up %.1f s after the broker came back%n",
                    (System.nanoTime() - back) / 1e9);
            }
            final Map<Long, JournalExpectations.Expected> expected = JournalExpectations.read(journalDir, false);
            final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), null);
            AvroSchemas.shipped().values().forEach(decoder::addSchema);
            final Map<Long, Integer> seen = new HashMap<>();
            for (final ConsumerRecord<byte[], byte[]> r : KafkaRead.all(broker.bootstrap(),
                t -> t.startsWith("og.") && !t.equals("og.checkpoints")))
            {
                seen.merge((Long)decoder.decode(r.value()).get("sequence"), 1, Integer::sum);
            }
            assertThat(seen.keySet()).isEqualTo(expected.keySet());
            assertThat(seen.values()).containsOnly(1);
        }
    }

    @Test
    void aSourceWhoseBrokerStopsIsStalledNotDeadAndReadsOnWhenItIsBack() throws Exception
    {
        try (KafkaBroker broker = KafkaBroker.start(tmp.resolve("broker")))
        {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap())))
            {
                admin.createTopics(List.of(new NewTopic("down.in", 1, (short)1))).all().get();
            }
            produce(broker, 0, 20);
            final TickwireConfig config = ConfigLoader.parse("""
                dataDir: %s
                aeron: {publish: false}
                sources:
                  - {type: kafka, id: 60, name: down, bootstrap: "%s", topic: down.in, timeFormat: ns,
                     consumer: {reconnect.backoff.max.ms: 500}}
                """.formatted(tmp.resolve("data"), broker.bootstrap())).conclude();
            try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))))
            {
                final AtomicCounter state = engine.counters().sourceState(60);
                await(() -> state.get() == SourceState.TAILING.code() && positions(config.journalPath()).size() == 20,
                    "20 records journaled, tailing");
                broker.stop();
                await(() -> state.get() == SourceState.STALLED.code(), "the source stalled");
                System.out.println("KafkaOutageTest: the source is " + SourceState.of(state.get()).label() +
                    " while the broker is down");
                broker.start();
                produce(broker, 20, 20);
                await(() -> state.get() == SourceState.TAILING.code() && positions(config.journalPath()).size() == 40,
                    "40 records journaled after the broker came back, tailing");
            }
            assertThat(positions(config.journalPath())).isEqualTo(java.util.stream.LongStream.range(0, 40).boxed()
                .toList());
        }
    }

    private static void produce(final KafkaBroker broker, final int from, final int n)
    {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(),
            "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName())))
        {
            for (int i = from; i < from + n; i++)
            {
                producer.send(new ProducerRecord<>("down.in", ("{\"symbol\":\"X\",\"price\":\"10.0" + (i % 10) +
                    "\",\"size\":\"1\",\"ts\":" + (1_767_225_600_000_000_000L + i) + "}").getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static List<Long> positions(final Path journalDir)
    {
        final List<Long> positions = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (Envelope.sourceId(buffer, offset) == 60 && Envelope.templateId(buffer, offset) == MessageTypes.TRADE)
                {
                    assertThat(Envelope.isAccepted(buffer, offset)).isTrue();
                    positions.add(Envelope.sourcePosition(buffer, offset));
                }
            }, 10_000) > 0)
            {
                // to the end
            }
        }
        return positions;
    }

    private static void await(final java.util.function.BooleanSupplier condition, final String what) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitFlushedBeyond(final Path journalDir, final long sequence) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            final long flushed = Outputs.flushedThrough(journalDir);
            if (flushed != Long.MAX_VALUE && flushed >= sequence)
            {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the output did not flush beyond sequence " + sequence);
    }

    private static long lastSequence(final Path journalDir)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            return journal.lastSequence();
        }
    }
}
