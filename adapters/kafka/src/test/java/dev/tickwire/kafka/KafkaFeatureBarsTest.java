package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.bars.BarFeed;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.pipeline.Pipelines;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageDispatcher;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bars with their features through a pipeline into Kafka, against a real broker: a consumer reads every feature
 * column of every bar, as the dump's JSON and as Avro with the shipped Bar schema, and each equals the live bar
 * stage's value for the same journal (null where the feature is not defined or not warmed up).
 */
class KafkaFeatureBarsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "tick:20";
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

    /** A bar the engine's code builds from the journal: its instrument, exponents and features. */
    private record Expected(String symbol, int pe, int se, FeatureBar features)
    {
    }

    @Test
    void aConsumerReadsEveryFeatureOfEveryBarAsJsonAndAsAvro() throws Exception
    {
        final TickwireConfig config = ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: synthetic, id: 1, rate: 0, count: 24000, seed: 5, startTime: "2026-01-02T14:30:00Z"}
            pipelines:
              - {id: bars-json, transform: {bars: "%s"},
                 output: {type: kafka, bootstrap: %s, topicPrefix: fj, format: json, flushEvery: 300}}
              - {id: bars-avro, transform: {bars: "%s"},
                 output: {type: kafka, bootstrap: %s, topicPrefix: fa, format: avro, flushEvery: 300}}
            """.formatted(dir.resolve("data"), SPEC, broker.bootstrap(), SPEC, broker.bootstrap())).conclude();
        final Map<String, Expected> expected;
        final Pipelines.Wiring wiring = Pipelines.wire(config);
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(wiring.adapters())
            .outputs(wiring.outputs())))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            expected = liveBars(config.journalPath());
            assertThat(expected.size()).isGreaterThan(100);
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((count("fj.bars") < expected.size() || count("fa.bars") < expected.size()) &&
                System.nanoTime() < until)
            {
                Thread.sleep(200);
            }
        }

        int nonNull = 0;
        final List<ConsumerRecord<byte[], byte[]>> json = KafkaRead.all(broker.bootstrap(), "fj.bars"::equals);
        assertThat(json).hasSize(expected.size());
        for (final ConsumerRecord<byte[], byte[]> r : json)
        {
            final JsonNode bar = JSON.readTree(r.value());
            final Expected e = expected.get(bar.path("symbol").asText() + "@" + bar.path("start_ns").asLong());
            assertThat(e).as("a bar the engine built: %s", bar).isNotNull();
            for (final FeatureColumn c : FeatureColumn.values())
            {
                final JsonNode v = bar.get(c.columnName());
                final String as = c.columnName() + " of " + bar;
                if (e.features().isNull(c))
                {
                    assertThat(v).as(as).isNull(); // a null feature is absent, as every null field of the dump
                    continue;
                }
                assertThat(v).as("%s; the engine's: %s", as, e.features().toString(e.pe(), e.se())).isNotNull();
                if (c.type().isDouble())
                {
                    assertThat(v.doubleValue()).as(as).isEqualTo(e.features().doubleValue(c));
                    nonNull++;
                }
                else if (c.type().isFixedPoint())
                {
                    assertThat(v.asText()).as(as).isEqualTo(FixedPoint.toDecimalString(e.features().longValue(c),
                        c.type().exponent(e.pe(), e.se())));
                }
                else
                {
                    assertThat(v.asLong()).as(as).isEqualTo(e.features().longValue(c));
                }
            }
        }

        final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), null);
        AvroSchemas.shipped().values().forEach(decoder::addSchema);
        final List<ConsumerRecord<byte[], byte[]>> avro = KafkaRead.all(broker.bootstrap(), "fa.bars"::equals);
        assertThat(avro).hasSize(expected.size());
        for (final ConsumerRecord<byte[], byte[]> r : avro)
        {
            final GenericRecord bar = decoder.decode(r.value());
            assertThat(bar.getSchema().getName()).isEqualTo("Bar");
            final String symbol = bar.get("symbol").toString();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(symbol);
            final Expected e = expected.get(symbol + "@" + bar.get("startNs"));
            assertThat(e).as("a bar the engine built: %s", bar).isNotNull();
            for (final FeatureColumn c : FeatureColumn.values())
            {
                final String field = camel(c.columnName());
                final Object v = bar.get(field);
                final String as = field + " of " + bar;
                assertThat(bar.getSchema().getField(field).getProp(AvroSchemas.FEATURE)).isEqualTo(c.columnName());
                if (e.features().isNull(c))
                {
                    assertThat(v).as(as).isNull();
                }
                else if (c.type().isDouble())
                {
                    assertThat((Double)v).as(as).isEqualTo(e.features().doubleValue(c));
                }
                else if (c.type().isFixedPoint())
                {
                    assertThat(v.toString()).as(as).isEqualTo(FixedPoint.toDecimalString(e.features().longValue(c),
                        c.type().exponent(e.pe(), e.se())));
                }
                else
                {
                    assertThat((Long)v).as(as).isEqualTo(e.features().longValue(c));
                }
            }
            if (!e.features().isNull(FeatureColumn.MID_CLOSE))
            {
                // a mid is exact at the price exponent − 1: (bid + ask) / 2 of a -2 price has three decimals
                assertThat(bar.get("midClose").toString()).matches("\\d+\\.\\d{3}");
            }
        }
        assertThat(nonNull).as("warmed-up doubles (rolling means, RSI, MACD, the book's averages)")
            .isGreaterThan(3_000);
    }

    /** The live bar stage's bars of the journal, in its order: every accepted message to a {@link BarFeed}. */
    private static Map<String, Expected> liveBars(final Path journalDir)
    {
        final Map<String, Expected> bars = new LinkedHashMap<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            final BarFeed feed = new BarFeed(List.of(BarSpec.parse(SPEC)), false, b ->
            {
                final FeatureBar copy = new FeatureBar();
                copy.copyFrom(b.features());
                final String symbol = journal.instruments().byId(b.instrumentId()).orElseThrow().symbol();
                bars.put(symbol + "@" + b.startNs(), new Expected(symbol, b.priceExponent(), b.sizeExponent(), copy));
            }, 5, null);
            final MessageDispatcher dispatcher = new MessageDispatcher();
            while (reader.poll((buffer, offset, length, index, wm) ->
            {
                if (Envelope.isAccepted(buffer, offset))
                {
                    dispatcher.dispatch(buffer, offset, feed);
                }
            }, 1000) > 0)
            {
                // to the end
            }
        }
        return bars;
    }

    private static int count(final String topic)
    {
        return KafkaRead.all(broker.bootstrap(), topic::equals).size();
    }

    private static String camel(final String snake)
    {
        final StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (final char ch : snake.toCharArray())
        {
            if (ch == '_')
            {
                up = true;
                continue;
            }
            sb.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return sb.toString();
    }
}
