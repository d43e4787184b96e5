package dev.tickwire.adapters.outputs;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pipelines as a user writes them in the config: a filter, volume bars, an output; bad ones fail naming the key. */
class PipelinesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TickwireConfig config(final String pipelines)
    {
        return ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: synthetic, id: 1, rate: 0, count: 30000, seed: 11, startTime: "2026-01-02T14:30:00Z"}
            pipelines:
            %s
            """.formatted(dir.resolve("data"), pipelines.indent(2))).conclude();
    }

    @Test
    void volumeBarsOfOneSymbolAndTheTradesOfAnother() throws Exception
    {
        final TickwireConfig config = config("""
            - id: es-volume
              input: {source: 0}
              filter: {symbols: ["ES*"], types: [trade]}
              transform: {bars: "volume:150"}
              output: {type: jsonl, dir: %s, flushEvery: 50}
            - id: nq-trades
              input: journal
              filter: {symbols: [NQZ6], types: [trade]}
              output: {type: jsonl, dir: %s}
            """.formatted(dir.resolve("bars"), dir.resolve("trades")));
        final Pipelines.Wiring wiring = Pipelines.wire(config);
        assertThat(wiring.outputs()).extracting(o -> o.name()).containsExactly("pipeline-es-volume", "pipeline-nq-trades");
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(wiring.adapters())
            .outputs(wiring.outputs())))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // the outputs read on their own threads; closing flushes the rest
        }

        final List<String> expectedBars = new ArrayList<>();
        long esTrades = 0;
        long nqTrades = 0;
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
        {
            JournalBars.run(journal, "ESZ6", BarSpec.parse("volume:150"), false, Values.NONE, Long.MAX_VALUE,
                bar -> expectedBars.add(row(BarRow.of(bar))));
            for (final var trade : dev.tickwire.engine.query.JournalQueries.timeAndSales(journal,
                dev.tickwire.engine.query.JournalQueries.instrument(journal, "NQZ6"), Long.MIN_VALUE + 1, Long.MAX_VALUE,
                1_000_000))
            {
                nqTrades += trade.sequence() > 0 ? 1 : 0;
            }
            esTrades = dev.tickwire.engine.query.JournalQueries.timeAndSales(journal,
                dev.tickwire.engine.query.JournalQueries.instrument(journal, "ESZ6"), Long.MIN_VALUE + 1, Long.MAX_VALUE,
                1_000_000).size();
        }
        final List<JsonNode> bars = lines(dir.resolve("bars"));
        assertThat(expectedBars).hasSizeGreaterThan(50);
        assertThat(bars).allSatisfy(b ->
        {
            assertThat(b.path("type").asText()).isEqualTo("bar");
            assertThat(b.path("symbol").asText()).isEqualTo("ESZ6");
            assertThat(b.path("kind").asText()).isEqualTo("volume");
        });
        assertThat(bars.stream().map(PipelinesTest::row).toList()).as("the engine's volume bars of ESZ6, each once")
            .isEqualTo(expectedBars);
        final List<JsonNode> trades = lines(dir.resolve("trades"));
        assertThat(trades).allSatisfy(t ->
        {
            assertThat(t.path("type").asText()).isEqualTo("trade");
            assertThat(t.path("symbol").asText()).isEqualTo("NQZ6");
            assertThat(t.path("verdict").asText()).isEqualTo("accepted");
        });
        assertThat(trades).hasSize((int)nqTrades);
        assertThat(esTrades).isGreaterThan(1000);
    }

    private static String row(final BarRow b)
    {
        return b.startNs() + " " + b.endNs() + " " + b.open() + " " + b.high() + " " + b.low() + " " + b.close() + " " +
            b.volume() + " " + b.trades() + " " + b.vwap();
    }

    private static String row(final JsonNode b)
    {
        return b.path("start_ns").asLong() + " " + b.path("end_ns").asLong() + " " + b.path("open").asText() + " " +
            b.path("high").asText() + " " + b.path("low").asText() + " " + b.path("close").asText() + " " +
            b.path("volume").asText() + " " + b.path("trades").asLong() + " " + b.path("vwap").asText();
    }

    private static List<JsonNode> lines(final Path folder) throws IOException
    {
        final List<JsonNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder).sorted())
        {
            for (final Path file : files.toList())
            {
                for (final String line : Files.readAllLines(file))
                {
                    nodes.add(JSON.readTree(line));
                }
            }
        }
        return nodes;
    }

    @Test
    void aBadPipelineFailsNamingItsKey()
    {
        final String out = "output: {type: jsonl, dir: " + dir.resolve("o") + "}";
        assertThatThrownBy(() -> Pipelines.wire(config("- {input: journal, " + out + "}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].id");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, input: {source: 3}, " + out + "}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].input.source");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, filter: {types: [trades]}, " + out + "}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].filter.types")
            .hasMessageContaining("trades");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, transform: {bars: \"volume:-1\"}, " + out + "}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].transform.bars");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, input: journal}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].output");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, output: {type: parquet}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].output.type");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, ouput: {type: jsonl}}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].ouput");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, input: {type: synthetic, id: 1}, " + out + "}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[0].input")
            .hasMessageContaining("used twice");
        assertThatThrownBy(() -> Pipelines.wire(config("- {id: a, " + out + "}\n- {id: a, " + out + "}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pipelines[1].id");
    }
}
