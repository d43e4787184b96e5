package dev.tickwire.adapters.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code jsonl} output end to end, configured as a user writes it: every journaled message once,
 * in order, across a restart, a lost checkpoint and a half-written last line.
 */
class JsonLinesOutputTest
{
    @TempDir
    Path dir;

    private TickwireConfig config(final long count, final long seed)
    {
        final TickwireConfig config = ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: synthetic, id: 1, rate: 0, count: %d, seed: %d, startTime: "2026-01-02T14:30:00Z"}
            outputs:
              - {type: jsonl, name: lines, dir: %s, flushEvery: 500}
            """.formatted(dir.resolve("data"), count, seed, dir.resolve("out")));
        return config.conclude();
    }

    private void run(final TickwireConfig config) throws InterruptedException
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
            Thread.sleep(100); // the output reads on its own thread; what it has not read comes at the next start
        }
    }

    private List<Long> sequences() throws IOException
    {
        final ObjectMapper json = new ObjectMapper();
        final List<Long> seqs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("out")))
        {
            for (final Path file : files.sorted().toList())
            {
                assertThat(file.getFileName().toString()).isEqualTo("lines-2026-01-02.jsonl");
                for (final String line : Files.readAllLines(file))
                {
                    final JsonNode node = json.readTree(line);
                    seqs.add(node.get("seq").asLong());
                }
            }
        }
        return seqs;
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> list = new ArrayList<>();
        for (long i = from; i <= to; i++)
        {
            list.add(i);
        }
        return list;
    }

    @Test
    void everyJournaledMessageOnceInOrderAcrossRestartsALostCheckpointAndAHalfLine() throws Exception
    {
        run(config(5_000, 7));
        run(config(5_000, 7)); // restarted: the feed is at its end; each run journals the 2 definitions again
        assertThat(sequences()).isEqualTo(range(0, 5_003)); // 2 definitions, 5,000 records, 2 definitions

        // the checkpoint is lost and the last line was half written when the machine died
        Files.delete(dir.resolve("data").resolve("journal").resolve("outputs").resolve("lines.checkpoint"));
        Files.writeString(dir.resolve("out").resolve("lines-2026-01-02.jsonl"), "{\"seq\":5004,\"type\":\"tra",
            StandardOpenOption.APPEND);
        run(config(6_000, 7)); // 2 definitions and 1,000 more records
        assertThat(sequences()).isEqualTo(range(0, 6_005));
    }

    @Test
    void aBadOutputFailsNamingItsKey()
    {
        assertThatThrownBy(() -> Outputs.create(ConfigLoader.parse("outputs: [{type: parquet}]")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].type").hasMessageContaining("known: jsonl");
        assertThatThrownBy(() -> Outputs.create(ConfigLoader.parse("dataDir: " + dir + "\noutputs: [{type: jsonl}]")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].dir");
        assertThatThrownBy(() -> Outputs.create(ConfigLoader.parse("dataDir: " + dir +
            "\noutputs: [{type: jsonl, dir: a}, {type: jsonl, dir: b}]")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[1].name");
        assertThatThrownBy(() -> Outputs.create(ConfigLoader.parse("dataDir: " + dir +
            "\noutputs: [{type: jsonl, dir: a, flushEvery: 0}]")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].flushEvery");
        assertThatThrownBy(() -> Outputs.create(ConfigLoader.parse("dataDir: " + dir +
            "\noutputs: [{type: jsonl, dir: a, format: xml}]")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].format").hasMessageContaining("unknown key");
    }
}
