package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.pipeline.Pipelines;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed design's pipeline in tickwire's terms, against a real broker: option trades in from a topic, volume
 * bars of the options out to another topic (the underlying's trades on the same topic are filtered out).
 */
class KafkaPipelineTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPTIONS = List.of("SPY261218C600", "SPY261218P590");
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

    private TickwireConfig config()
    {
        return ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            pipelines:
              - id: option-volume-bars
                input: {type: kafka, id: 70, name: opra, bootstrap: %s, topic: options.trades, format: json,
                        fields: {symbol: sym, price: px, size: qty, time: ts, side: side}, timeFormat: ns,
                        priceExponent: -2, sizeExponent: 0, tickSize: "0.01"}
                filter: {symbols: ["SPY2*"], types: [trade]}
                transform: {bars: "volume:50"}
                output: {type: kafka, bootstrap: %s, topicPrefix: options.bars, format: json, flushEvery: 20}
            """.formatted(dir.resolve("data"), broker.bootstrap(), broker.bootstrap())).conclude();
    }

    @Test
    void optionTradesInVolumeBarsOut() throws Exception
    {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap())))
        {
            admin.createTopics(List.of(new NewTopic("options.trades", 1, (short)1))).all().get();
        }
        final Random random = new Random(3);
        final long t0 = 1_764_000_000_000_000_000L; // 2025-11-24: not in the future (validation)
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(),
            "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName())))
        {
            for (int i = 0; i < 1_500; i++)
            {
                final String sym = i % 5 == 4 ? "SPY" : OPTIONS.get(random.nextInt(2));
                final String record = "{\"sym\":\"" + sym + "\",\"px\":\"" + (sym.equals("SPY") ? 600 : 5) + "." +
                    (10 + random.nextInt(80)) + "\",\"qty\":" + (1 + random.nextInt(6)) + ",\"ts\":" + (t0 + i * 1_000_000L) +
                    ",\"side\":\"" + (random.nextBoolean() ? "buy" : "sell") + "\"}";
                producer.send(new ProducerRecord<>("options.trades", 0, null, record.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        final TickwireConfig config = config();
        final Pipelines.Wiring wiring = Pipelines.wire(config);
        final List<String> expected = new ArrayList<>();
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(wiring.adapters())
            .outputs(wiring.outputs())))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (engine.counters().accepted().get() < 1_500 && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertThat(engine.counters().accepted().get()).as("trades journaled").isGreaterThanOrEqualTo(1_500);
            try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
            {
                for (final String option : OPTIONS)
                {
                    JournalBars.run(journal, option, BarSpec.parse("volume:50"), false, Values.NONE, Long.MAX_VALUE,
                        bar -> expected.add(option + " " + row(BarRow.of(bar))));
                }
            }
            assertThat(expected).hasSizeGreaterThan(30);
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bars().size() < expected.size() && System.nanoTime() < until)
            {
                Thread.sleep(200);
            }
        }
        final List<String> bars = bars();
        assertThat(bars).as("the engine's volume bars of each option, once each, none of the underlying")
            .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The bars topic as a read_committed consumer sees it. */
    private static List<String> bars() throws Exception
    {
        final List<String> rows = new ArrayList<>();
        for (final ConsumerRecord<byte[], byte[]> r : KafkaRead.all(broker.bootstrap(), "options.bars.bars"::equals))
        {
            final JsonNode b = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(b.path("symbol").asText());
            rows.add(b.path("symbol").asText() + " " + b.path("start_ns").asLong() + " " + b.path("end_ns").asLong() + " " +
                b.path("open").asText() + " " + b.path("high").asText() + " " + b.path("low").asText() + " " +
                b.path("close").asText() + " " + b.path("volume").asText() + " " + b.path("trades").asLong());
        }
        return rows;
    }

    private static String row(final BarRow b)
    {
        return b.startNs() + " " + b.endNs() + " " + b.open() + " " + b.high() + " " + b.low() + " " + b.close() + " " +
            b.volume() + " " + b.trades();
    }

    @Test
    void aPipelineInputFailsNamingItsKey()
    {
        final String head = "dataDir: " + dir + "\npipelines:\n  - {id: p, output: {type: jsonl, dir: " + dir + "}, ";
        assertThatThrownBy(() -> Pipelines.wire(ConfigLoader.parse(head + "input: {type: kafka, id: 5, bootstrap: x, " +
            "topic: t, format: xml}}"))).isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].input.format");
    }
}
