package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka output against a real broker (embedded KRaft): journaled trades, quotes, book deltas, statuses,
 * definitions and rejects into their topics, keyed by symbol, each engine sequence once, values that decode
 * with the shipped schemas (or are the dump's JSON) and equal the journal; topics created and checked.
 */
class KafkaOutputTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private TickwireConfig config(final String output)
    {
        return ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: synthetic, id: 1, rate: 0, count: 3000, seed: 11, offGridEvery: 40,
                 startTime: "2026-01-02T14:30:00Z"}
            outputs:
              - %s
            """.formatted(dir.resolve("data"), output)).conclude();
    }

    private static void run(final TickwireConfig config) throws InterruptedException
    {
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
            .outputs(Outputs.create(config))))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            OutputProgress.awaitCaughtUp(config.journalPath(), 30_000);
        }
    }

    @Test
    void avroRoundTripEveryMessageOnceKeyedBySymbolWithTheJournalsValues() throws Exception
    {
        final TickwireConfig config = config("{type: kafka, name: ticks, bootstrap: " + broker.bootstrap() +
            ", topicPrefix: av, rejected: av.rejected, flushEvery: 500}");
        run(config);
        run(config); // a restart sends only what is new (two definitions)

        final Path journal = config.journalPath();
        final Map<Long, JournalExpectations.Expected> expected = JournalExpectations.read(journal, true);
        final InstrumentCatalog catalog = InstrumentCatalog.open(journal);
        final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), null);
        AvroSchemas.shipped().values().forEach(decoder::addSchema);

        final List<ConsumerRecord<byte[], byte[]>> records = KafkaRead.all(broker.bootstrap(),
            t -> t.startsWith("av.") && !t.equals("av.checkpoints"));
        final Map<Long, Integer> seen = new HashMap<>();
        final Map<String, Integer> perTopic = new HashMap<>();
        int trades = 0;
        int rejected = 0;
        for (final ConsumerRecord<byte[], byte[]> r : records)
        {
            final GenericRecord value = decoder.decode(r.value());
            final long sequence = (Long)value.get("sequence");
            seen.merge(sequence, 1, Integer::sum);
            perTopic.merge(r.topic(), 1, Integer::sum);
            final JournalExpectations.Expected e = expected.get(sequence);
            assertThat(e).as("sequence %d in %s is a journaled message", sequence, r.topic()).isNotNull();
            assertThat(r.topic()).isEqualTo(e.accepted() ? "av." + JournalExpectations.kind(e.templateId()) :
                "av.rejected");
            final Instrument instrument = catalog.byId(e.instrumentId()).orElse(null);
            if (instrument != null)
            {
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(instrument.symbol());
            }
            final JsonNode dump = JSON.readTree(e.json());
            assertThat(((Number)value.get("eventTimeNs")).longValue()).isEqualTo(dump.get("ts_ns").asLong());
            switch (value.getSchema().getName())
            {
                case "Trade" ->
                {
                    trades++;
                    assertThat(value.get("price").toString()).isEqualTo(dump.get("price").asText());
                    assertThat(value.get("size").toString()).isEqualTo(dump.get("size").asText());
                    assertThat(value.get("symbol").toString()).isEqualTo(dump.get("symbol").asText());
                }
                case "Quote" ->
                {
                    assertThat(value.get("bidPrice").toString()).isEqualTo(dump.get("bid").asText());
                    assertThat(value.get("askSize").toString()).isEqualTo(dump.get("ask_size").asText());
                }
                case "BookDelta" ->
                {
                    assertThat(value.get("action").toString().toLowerCase()).isEqualTo(dump.get("action").asText());
                    if (dump.has("price"))
                    {
                        assertThat(value.get("price").toString()).isEqualTo(dump.get("price").asText());
                        assertThat(value.get("size").toString()).isEqualTo(dump.get("size").asText());
                    }
                }
                default ->
                {
                }
            }
            if (!e.accepted())
            {
                rejected++;
                assertThat(value.get("verdict").toString()).isEqualTo("REJECTED");
                assertThat(value.get("rejectReason").toString()).isEqualTo("PRICE_OFF_TICK");
            }
        }
        System.out.printf("KafkaOutputTest avro: %d records, per topic %s%n", records.size(), perTopic);
        assertThat(seen.keySet()).as("every sent journal message is in Kafka").isEqualTo(expected.keySet());
        assertThat(seen.values()).as("each once").containsOnly(1);
        assertThat(trades).isGreaterThan(100);
        assertThat(rejected).isGreaterThan(0);
        assertThat(perTopic.keySet()).contains("av.trades", "av.quotes", "av.book", "av.instruments", "av.rejected");
    }

    @Test
    void referenceDataGoesToItsTopicsWithEveryValueExactAtItsExponent() throws Exception
    {
        final TickwireConfig config = config("{type: kafka, name: ref, bootstrap: " + broker.bootstrap() +
            ", topicPrefix: ref, rejected: ref.rejected, perInstrument: true}");
        final long t0 = dev.tickwire.wire.Timestamps.parse("2024-03-05T10:00:00Z");
        try (dev.tickwire.journal.Journal journal = dev.tickwire.journal.Journal.open(
            new dev.tickwire.journal.Journal.Context().dir(config.journalPath()));
             dev.tickwire.journal.JournalWriter out = journal.writer())
        {
            // journaled before the engine runs: its output sends the journal from the start
            final Instrument[] instruments = dev.tickwire.engine.rows.ReferenceSamples.register(journal.instruments());
            final dev.tickwire.engine.rows.ReferenceSamples samples = new dev.tickwire.engine.rows.ReferenceSamples(7);
            final List<byte[]> messages = new ArrayList<>(samples.definitions(instruments, t0));
            messages.addAll(samples.round(instruments, t0, 0));
            messages.addAll(samples.round(instruments, t0, 1));
            messages.add(samples.rejectedTicker(instruments[0], t0 + 61_000_000_000L));
            long seq = 0;
            for (final byte[] m : messages)
            {
                final org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(m);
                dev.tickwire.wire.Envelope.sequence(b, 0, ++seq);
                out.append(b, 0, m.length);
            }
        }
        run(config);
        final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), null);
        AvroSchemas.shipped().values().forEach(decoder::addSchema);
        final Map<String, List<GenericRecord>> byTopic = new java.util.TreeMap<>();
        for (final ConsumerRecord<byte[], byte[]> r : KafkaRead.all(broker.bootstrap(), t -> t.startsWith("ref.") &&
            !t.startsWith("ref.trades") && !t.startsWith("ref.quotes") && !t.startsWith("ref.book") &&
            !t.equals("ref.checkpoints") && !t.equals("ref.status") && !t.equals("ref.instruments")))
        {
            byTopic.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(decoder.decode(r.value()));
        }
        assertThat(byTopic.keySet()).containsExactly("ref.candles.BTC-PERP", "ref.derivative_tickers",
            "ref.liquidations.BTC-PERP", "ref.option_summaries", "ref.rejected");

        final GenericRecord ticker = byTopic.get("ref.derivative_tickers").get(0);
        assertThat(ticker.get("symbol").toString()).isEqualTo("BTC-PERP");
        assertThat(ticker.get("markPrice").toString()).isEqualTo("43521.12345678");
        assertThat(ticker.get("indexPrice").toString()).isEqualTo("43520.98765432");
        assertThat(ticker.get("fundingRate").toString()).isEqualTo("-0.00012345");
        assertThat(ticker.get("openInterest").toString()).isEqualTo("12345.678");
        assertThat(ticker.get("predictedFundingRate")).isNull();
        assertThat(ticker.get("fundingTimeNs")).isEqualTo(t0 + 8 * 3_600_000_000_000L);
        assertThat(ticker.get("rateExponent")).isEqualTo(-8);
        assertThat(byTopic.get("ref.derivative_tickers").get(1).get("fundingTimeNs")).as("absent in round 1").isNull();

        final GenericRecord option = byTopic.get("ref.option_summaries").get(0);
        assertThat(option.get("optionType").toString()).isEqualTo("CALL");
        assertThat(option.get("strikePrice").toString()).isEqualTo("50000.00");
        assertThat(option.get("markPrice").toString()).isEqualTo("0.0415");
        assertThat(option.get("markIv").toString()).isEqualTo("65.12340000");
        assertThat(option.get("gamma").toString()).isEqualTo("0.00001234");
        assertThat(option.get("theta").toString()).isEqualTo("-45.67890000");
        assertThat(option.get("underlyingPrice").toString()).isEqualTo("43521.12");
        assertThat(option.get("openInterest").toString()).isEqualTo("1234.5");
        assertThat(option.get("rho")).isNull();
        assertThat(byTopic.get("ref.option_summaries").get(1).get("bidPrice")).isNull();

        final GenericRecord candle = byTopic.get("ref.candles.BTC-PERP").get(0);
        assertThat(candle.get("openPrice") + " " + candle.get("highPrice") + " " + candle.get("lowPrice") + " " +
            candle.get("closePrice") + " " + candle.get("volume") + " " + candle.get("buyVolume") + " " +
            candle.get("tradeCount")).isEqualTo("43500.0 43525.5 43490.1 43521.1 12.345 7.500 321");
        assertThat(byTopic.get("ref.candles.BTC-PERP").get(1).get("tradeCount")).isNull();
        final GenericRecord liquidation = byTopic.get("ref.liquidations.BTC-PERP").get(0);
        assertThat(liquidation.get("side") + " " + liquidation.get("size") + "@" + liquidation.get("price") + " " +
            liquidation.get("liquidationId")).isEqualTo("SELL 0.250@43480.5 99");
        assertThat(byTopic.get("ref.liquidations.BTC-PERP").get(1).get("liquidationId")).isNull();
        // the rejected ticker's exponent is out of range: its value is still exact
        final GenericRecord rejectedTicker = byTopic.get("ref.rejected").stream()
            .filter(r -> r.getSchema().getName().equals("DerivativeTicker")).findFirst().orElseThrow();
        assertThat(rejectedTicker.get("fundingRate").toString()).isEqualTo("7e-40");
    }

    @Test
    void theBenchHookSendsAWholeJournal() throws Exception
    {
        final TickwireConfig config = config("{type: kafka, bootstrap: " + broker.bootstrap() + ", topicPrefix: bj}");
        run(config);
        final long messages = JournalExpectations.read(config.journalPath(), true).size();
        final KafkaSinkBench.Result result = KafkaSinkBench.run(config.journalPath(), broker.bootstrap());
        System.out.println("KafkaSinkBench (3,000 ticks, not a measurement): " + result);
        assertThat(result.messages()).isGreaterThanOrEqualTo(messages);
    }

    @Test
    void jsonValuesAreTheDumpLinesAndPerInstrumentTopicsAreSanitised() throws Exception
    {
        final TickwireConfig config = config("{type: kafka, name: js, bootstrap: " + broker.bootstrap() +
            ", topicPrefix: js, format: json, perInstrument: true, flushEvery: 700}");
        run(config);
        final Map<Long, JournalExpectations.Expected> expected = JournalExpectations.read(config.journalPath(), false);
        final List<ConsumerRecord<byte[], byte[]>> records = KafkaRead.all(broker.bootstrap(),
            t -> t.startsWith("js.") && !t.equals("js.checkpoints"));
        final Map<Long, Integer> seen = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> r : records)
        {
            final String line = new String(r.value(), StandardCharsets.UTF_8);
            final long sequence = JSON.readTree(line).get("seq").asLong();
            seen.merge(sequence, 1, Integer::sum);
            final JournalExpectations.Expected e = expected.get(sequence);
            assertThat(line).isEqualTo(e.json());
            final String kind = JournalExpectations.kind(e.templateId());
            if (kind.equals("trades") || kind.equals("quotes") || kind.equals("book"))
            {
                assertThat(r.topic()).isEqualTo("js." + kind + "." + new String(r.key(), StandardCharsets.UTF_8));
            }
        }
        assertThat(seen.keySet()).isEqualTo(expected.keySet());
        assertThat(seen.values()).containsOnly(1);
        assertThat(records.stream().map(ConsumerRecord::topic).distinct().sorted().toList())
            .contains("js.trades.ESZ6", "js.book.NQZ6", "js.instruments");
    }

    @Test
    void existingTopicsAreCheckedAndAMismatchFailsNamingTheKey() throws Exception
    {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap())))
        {
            admin.createTopics(List.of(new NewTopic("mm.trades", 1, (short)1),
                new NewTopic("rt.trades", 3, (short)1).configs(Map.of("retention.ms", "3600000")))).all().get();
        }
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, bootstrap: " + broker.bootstrap() +
            ", topicPrefix: mm, topic: {partitions: 3}}")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("'outputs[0].topic.partitions': topic mm.trades has 1 partition, the config says 3");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, bootstrap: " + broker.bootstrap() +
            ", topicPrefix: rt, topic: {partitions: 3, retention: 7d}}")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("outputs[0].topic.retention': topic rt.").hasMessageContaining("the config says 604800000");

        // missing topics are created as the config says
        Outputs.create(config("{type: kafka, bootstrap: " + broker.bootstrap() +
            ", topicPrefix: mk, topic: {partitions: 2, retention: 1d, cleanupPolicy: delete, minInsyncReplicas: 1}}"))
            .forEach(o -> o.sink().close());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap())))
        {
            Thread.sleep(500); // a new topic's metadata reaches the broker's cache shortly after its creation
            assertThat(admin.describeTopics(List.of("mk.trades")).allTopicNames().get().get("mk.trades").partitions())
                .hasSize(2);
            final var configs = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "mk.trades"))).all().get().values()
                .iterator().next();
            assertThat(configs.get("retention.ms").value()).isEqualTo("86400000");
            assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "mk.checkpoints"))).all().get().values()
                .iterator().next().get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void badSettingsFailNamingTheKey()
    {
        final String b = "bootstrap: " + broker.bootstrap();
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].bootstrap");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b + ", format: xml}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].format");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b + ", producer: {sasl.mechanism: PLAIN}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].producer.sasl.mechanism");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b + ", producer: {acks: '1'}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].producer.acks");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b + ", topic: {partitions: 0}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].topic.partitions");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b +
            ", security: {protocol: SASL_PLAINTEXT, mechanism: PLAIN, username: u, passwordEnv: TICKWIRE_NO_SUCH_VAR}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].security.passwordEnv")
            .hasMessageContaining("TICKWIRE_NO_SUCH_VAR is not set");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b + ", schemaRegistry: 'ftp://x'}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].schemaRegistry");
        assertThatThrownBy(() -> Outputs.create(config("{type: kafka, " + b + ", colour: red}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0]").hasMessageContaining("colour");
    }

    @Test
    void withASchemaRegistryValuesAreInTheConfluentWireFormat() throws Exception
    {
        // a stand-in for a Confluent-compatible registry (none runs from Maven Central): POST
        // /subjects/{subject}/versions gives an id per distinct schema; GET /schemas/ids/{id} gives it back
        final Map<String, Integer> ids = new HashMap<>();
        final Map<Integer, String> schemas = new HashMap<>();
        final List<String> subjects = new ArrayList<>();
        final HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/subjects/", exchange ->
        {
            final String path = exchange.getRequestURI().getPath();
            final JsonNode body = JSON.readTree(exchange.getRequestBody());
            final String schema = body.get("schema").asText();
            final int id;
            synchronized (ids)
            {
                id = ids.computeIfAbsent(schema, s -> ids.size() + 100);
                schemas.put(id, schema);
                subjects.add(path.substring("/subjects/".length(), path.length() - "/versions".length()));
            }
            final byte[] answer = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 200 : 405, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        registry.start();
        try
        {
            final TickwireConfig config = config("{type: kafka, name: reg, bootstrap: " + broker.bootstrap() +
                ", topicPrefix: rg, schemaRegistry: 'http://127.0.0.1:" + registry.getAddress().getPort() + "'}");
            run(config);
            final Map<Long, JournalExpectations.Expected> expected = JournalExpectations.read(config.journalPath(), false);
            final List<ConsumerRecord<byte[], byte[]>> records = KafkaRead.all(broker.bootstrap(),
                t -> t.startsWith("rg.") && !t.equals("rg.checkpoints"));
            int trades = 0;
            for (final ConsumerRecord<byte[], byte[]> r : records)
            {
                final ByteBuffer value = ByteBuffer.wrap(r.value());
                assertThat(value.get()).as("magic byte").isEqualTo((byte)0);
                final int id = value.getInt();
                final Schema schema = new Schema.Parser().parse(schemas.get(id));
                final GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null));
                final JournalExpectations.Expected e = expected.get((Long)record.get("sequence"));
                assertThat(r.topic()).isEqualTo("rg." + JournalExpectations.kind(e.templateId()));
                if (schema.getName().equals("Trade"))
                {
                    trades++;
                    assertThat(record.get("price").toString()).isEqualTo(JSON.readTree(e.json()).get("price").asText());
                }
            }
            assertThat(records).hasSize(expected.size());
            assertThat(trades).isGreaterThan(100);
            assertThat(Set.copyOf(subjects)).contains("rg.trades-value", "rg.quotes-value", "rg.book-value");
            assertThat(ids.size()).as("one id per schema (Trade, Quote, BookDelta, InstrumentDefinition)")
                .isGreaterThanOrEqualTo(4);
        }
        finally
        {
            registry.stop(0);
        }
    }
}
