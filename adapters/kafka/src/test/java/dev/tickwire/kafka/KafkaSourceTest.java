package dev.tickwire.kafka;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka source against a real broker: foreign JSON through a field mapping and the output's own Avro into the
 * journal with exact values; a restart resumes each partition after the journal's last position (no loss, no
 * duplicate); a bad record is journaled as MALFORMED at its partition and offset and its neighbours are kept.
 */
class KafkaSourceTest
{
    private static KafkaBroker broker;

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception
    {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker()
    {
        if (broker != null)
        {
            broker.close();
        }
    }

    /** One journaled message of the source: its dump line, position and verdict. */
    record Row(long position, boolean accepted, String reason, String json)
    {
    }

    private static List<Row> journaled(final Path journalDir, final int sourceFrom, final int sourceTo)
    {
        final List<Row> rows = new ArrayList<>();
        final MessageJson json = new MessageJson(InstrumentCatalog.open(journalDir));
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                final int source = Envelope.sourceId(buffer, offset);
                if (source >= sourceFrom && source <= sourceTo &&
                    MessageTypes.isMarketEvent(Envelope.templateId(buffer, offset)))
                {
                    rows.add(new Row(Envelope.sourcePosition(buffer, offset), Envelope.isAccepted(buffer, offset),
                        Envelope.rejectReason(buffer, offset).name(), json.format(buffer, offset)));
                }
            }, 10_000) > 0)
            {
                // to the end
            }
        }
        return rows;
    }

    private static void produce(final String topic, final int partition, final List<String> values)
    {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(),
            "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName())))
        {
            for (final String v : values)
            {
                producer.send(new ProducerRecord<>(topic, partition, null, v.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static void createTopic(final String topic, final int partitions) throws Exception
    {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap())))
        {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short)1))).all().get();
        }
    }

    /** Runs an engine until the source's market events in the journal reach {@code expected}. */
    private static void runUntil(final TickwireConfig config, final int sourceFrom, final int sourceTo,
        final int expected) throws Exception
    {
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
            .outputs(Outputs.create(config))))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline)
            {
                assertThat(engine.awaitDrained(5, TimeUnit.SECONDS)).isTrue();
                if (journaled(config.journalPath(), sourceFrom, sourceTo).size() >= expected)
                {
                    Thread.sleep(200); // nothing more comes (asserted by the caller's exact counts)
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the source journaled " + journaled(config.journalPath(), sourceFrom, sourceTo)
                .size() + " of " + expected + " records");
        }
    }

    private static String foreign(final int i)
    {
        final String sym = i % 3 == 0 ? "BTC-USD" : "ETH-USD";
        return "{\"sym\":\"" + sym + "\",\"px\":\"100." + (100 + i) + "\",\"qty\":" + (i + 1) + ".5,\"ts\":" +
            (1_767_225_600_000_000_000L + i * 1_000L) + ",\"side\":\"" + (i % 2 == 0 ? "buy" : "sell") + "\"}";
    }

    @Test
    void foreignJsonIsJournaledExactlyABadRecordIsRejectedAtItsOffsetAndARestartResumesWithoutLossOrDuplicates()
        throws Exception
    {
        createTopic("fx.in", 2);
        final List<String> p0 = new ArrayList<>();
        for (int i = 0; i < 60; i++)
        {
            p0.add(i == 17 ? "{\"sym\":\"BTC-USD\",\"px\":\"abc\",\"qty\":1,\"ts\":1}" : foreign(i));
        }
        produce("fx.in", 0, p0);
        produce("fx.in", 1, List.of(foreign(100), foreign(101), "not json at all", foreign(103)));
        final TickwireConfig config = ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - type: kafka
                id: 40
                name: fx
                bootstrap: "%s"
                topic: fx.in
                partitions: 2
                fields: {symbol: sym, price: px, size: qty, time: ts, side: side}
                timeFormat: ns
                priceExponent: -3
                sizeExponent: -1
                tickSize: "0.001"
                instruments: [{symbol: BTC-USD, priceExponent: -4, tickSize: "0.0005"}]
            """.formatted(dir.resolve("data"), broker.bootstrap())).conclude();
        runUntil(config, 40, 41, 64);

        // a restart with more records in partition 0: only those are journaled
        final List<String> more = new ArrayList<>();
        for (int i = 60; i < 90; i++)
        {
            more.add(foreign(i));
        }
        produce("fx.in", 0, more);
        runUntil(config, 40, 41, 94);

        final List<Row> rows = journaled(config.journalPath(), 40, 41);
        assertThat(rows).hasSize(94);
        final List<Row> p0Rows = rows.stream().filter(r -> (r.position() >>> 48) == 0).toList();
        final List<Row> p1Rows = rows.stream().filter(r -> (r.position() >>> 48) == 1).toList();
        assertThat(p0Rows.stream().map(r -> r.position() & KafkaSource.OFFSET_MASK).toList())
            .as("partition 0: every offset once, in order").isEqualTo(range(0, 90));
        assertThat(p1Rows.stream().map(r -> r.position() & KafkaSource.OFFSET_MASK).toList())
            .as("partition 1").isEqualTo(range(0, 4));
        final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (final Row r : p0Rows)
        {
            final int i = (int)(r.position() & KafkaSource.OFFSET_MASK);
            if (i == 17)
            {
                assertThat(r.accepted()).isFalse();
                assertThat(r.reason()).isEqualTo("MALFORMED");
                continue;
            }
            assertThat(r.accepted()).as("record %d: %s", i, r.json()).isTrue();
            final var t = json.readTree(r.json());
            assertThat(t.get("symbol").asText()).isEqualTo(i % 3 == 0 ? "BTC-USD" : "ETH-USD");
            assertThat(t.get("price").asText()).isEqualTo(i % 3 == 0 ? "100." + (100 + i) + "0" : "100." + (100 + i));
            assertThat(t.get("size").asText()).isEqualTo((i + 1) + ".5");
            assertThat(t.get("ts_ns").asLong()).isEqualTo(1_767_225_600_000_000_000L + i * 1_000L);
            assertThat(t.get("side").asText()).isEqualTo(i % 2 == 0 ? "buy" : "sell");
        }
        assertThat(p1Rows.get(2).accepted()).isFalse();
        assertThat(p1Rows.get(2).reason()).isEqualTo("MALFORMED");
        assertThat(p1Rows.get(3).accepted()).isTrue();

        final List<FeedAdapter> adapters = Sources.create(config);
        assertThat(adapters).hasSize(2);
        assertThat(adapters.get(1).sourceId()).isEqualTo(41);
        assertThat(adapters.get(1).describe(p1Rows.get(2).position())).isEqualTo("topic fx.in partition 1 offset 2");
    }

    @Test
    void theOutputsAvroTradesReadBackAreTheJournalsTrades() throws Exception
    {
        chain("avro", "trades", 60);
    }

    @Test
    void theOutputsJsonQuotesReadBackWithTheDefaultFieldsAreTheJournalsQuotes() throws Exception
    {
        chain("json", "quotes", 61);
    }

    /** Engine A: synthetic ticks → the Kafka output; engine B: the Kafka source on one of A's topics. Same values. */
    private void chain(final String format, final String kind, final int sourceId) throws Exception
    {
        final String prefix = "chain" + format;
        final TickwireConfig a = ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: synthetic, id: 1, rate: 0, count: 2000, seed: 9, startTime: "2026-01-02T14:30:00Z"}
            outputs:
              - {type: kafka, name: a, bootstrap: "%s", topicPrefix: %s, format: %s}
            """.formatted(dir.resolve("a"), broker.bootstrap(), prefix, format)).conclude();
        try (Engine engine = Engine.launch(new Engine.Context().config(a).adapters(Sources.create(a))
            .outputs(Outputs.create(a))))
        {
            while (!engine.adaptersDone())
            {
                Thread.sleep(10);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            OutputProgress.awaitCaughtUp(a.journalPath(), 30_000);
        }
        final String type = kind.equals("trades") ? "trade" : "quote";
        final List<String> sent = new ArrayList<>();
        for (final Row r : journaled(a.journalPath(), 1, 1))
        {
            if (r.json().contains("\"type\":\"" + type + "\""))
            {
                sent.add(fields(r.json()));
            }
        }
        final TickwireConfig b = ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: kafka, id: %d, name: chain, bootstrap: "%s", topic: %s.%s, format: %s,
                 priceExponent: -2, sizeExponent: 0, tickSize: "0.25"}
            """.formatted(dir.resolve("b"), sourceId, broker.bootstrap(), prefix, kind, format)).conclude();
        runUntil(b, sourceId, sourceId, sent.size());
        final List<String> read = journaled(b.journalPath(), sourceId, sourceId).stream().map(r -> fields(r.json()))
            .toList();
        System.out.printf("KafkaSourceTest: %d %s %s read back%n", read.size(), format, kind);
        assertThat(sent.size()).isGreaterThan(200);
        assertThat(read).isEqualTo(sent);
    }

    @Test
    void badSettingsFailNamingTheKey()
    {
        final String head = "dataDir: " + dir + "\nsources:\n  - {type: kafka, bootstrap: x, topic: t, ";
        assertThatThrownBy(() -> Sources.create(ConfigLoader.parse(head + "id: 0}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].id");
        assertThatThrownBy(() -> Sources.create(ConfigLoader.parse(head + "id: 5, format: xml}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].format");
        assertThatThrownBy(() -> Sources.create(ConfigLoader.parse(head + "id: 5, fields: {colour: c}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].fields.colour");
        assertThatThrownBy(() -> Sources.create(ConfigLoader.parse(head + "id: 5, timeFormat: s}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].timeFormat");
        assertThatThrownBy(() -> Sources.create(ConfigLoader.parse(head + "id: 5, consumer: {group.id: g}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].consumer.group.id");
        assertThatThrownBy(() -> Sources.create(ConfigLoader.parse(head + "id: 5, tickSize: '0.001'}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].tickSize");
    }

    /** What survives a trip through Kafka of a dump line: type, symbol, time, prices, sizes, side. */
    private static String fields(final String line)
    {
        try
        {
            final var t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            final StringBuilder sb = new StringBuilder();
            for (final String f : List.of("type", "symbol", "ts_ns", "price", "size", "side", "bid", "ask", "bid_size",
                "ask_size", "verdict"))
            {
                sb.append(f).append('=').append(t.path(f).asText()).append(' ');
            }
            return sb.toString();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> list = new ArrayList<>();
        for (long i = from; i < to; i++)
        {
            list.add(i);
        }
        return list;
    }
}
