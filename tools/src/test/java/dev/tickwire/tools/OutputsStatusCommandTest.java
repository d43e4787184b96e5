package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.pipeline.Pipelines;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire outputs status} (and its alias {@code sinks status}) against a real engine: one output healthy, one failing. */
class OutputsStatusCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void showsLagThroughputAndTheLastError() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path brokenDir = dir.resolve("broken");
        final Path configFile = dir.resolve("tickwire.yaml");
        Files.writeString(configFile, String.join("\n",
            "dataDir: " + data,
            "aeron: {dir: " + CommonContext.generateRandomDirName() + "}",
            "sources:",
            "  - {type: synthetic, id: 1, name: demo, rate: 0, count: 5000, startTime: 2026-01-02T14:30:00Z}",
            "outputs:",
            "  - {type: jsonl, name: lines, dir: " + dir.resolve("lines") + ", flushEvery: 500}",
            "pipelines:",
            "  - {id: broken, output: {type: jsonl, dir: " + brokenDir + "}}",
            ""));
        final TickwireConfig config = ConfigLoader.load(configFile);
        final Pipelines.Wiring wiring = Pipelines.wire(config);
        // the folder goes away after the output checked it: a file takes its place, as a full or lost disk would
        Files.delete(brokenDir);
        Files.writeString(brokenDir, "a file where a folder should be");
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(wiring.adapters())
            .outputs(wiring.outputs())))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            engine.awaitDrained(10, TimeUnit.SECONDS);
            Thread.sleep(2_500); // the tailers refresh their gauges once a second

            final CliTest.Result result = CliTest.run("sinks", "status", "--config", configFile.toString(), "--json",
                "--interval", "200ms");
            assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
            final JsonNode rows = JSON.readTree(result.out());
            assertThat(rows).hasSize(2);
            final JsonNode broken = rows.get(1); // in name order
            assertThat(broken.path("output").asText()).isEqualTo("pipeline-broken");
            assertThat(broken.path("failing").asBoolean()).isTrue();
            assertThat(broken.path("errors").asLong()).isPositive();
            assertThat(broken.path("lag_messages").asLong()).isGreaterThan(4_000);
            assertThat(broken.path("last_error").asText()).contains(brokenDir.toString());
            final JsonNode lines = rows.get(0);
            assertThat(lines.path("output").asText()).isEqualTo("lines");
            assertThat(lines.path("failing").asBoolean()).isFalse();
            assertThat(lines.path("lag_messages").asLong()).as("at most the heartbeats of the last second").isBetween(0L, 3L);
            assertThat(lines.path("lag_seconds").asDouble()).isZero();
            assertThat(lines.path("flushed_seq").asLong()).isGreaterThan(5_000);
            assertThat(lines.path("errors").asLong()).isZero();
            assertThat(lines.path("last_error").isNull()).isTrue();
        }
        // no engine (a copy of the journal without the counters file): from the checkpoints
        final Path copy = dir.resolve("copy");
        try (var files = Files.walk(data.resolve("journal")))
        {
            for (final Path from : files.toList())
            {
                final Path to = copy.resolve("journal").resolve(data.resolve("journal").relativize(from).toString());
                if (Files.isDirectory(from))
                {
                    Files.createDirectories(to);
                }
                else
                {
                    Files.copy(from, to);
                }
            }
        }
        final CliTest.Result stopped = CliTest.run("outputs", "status", "--data-dir", copy.toString());
        assertThat(stopped.out()).as(stopped.err()).containsPattern("lines +ok +- +0 +0.0 +\\d+ +- +-")
            .containsPattern("pipeline-broken +ok +- +\\d+ +- +-1 +- +\\S+ UncheckedIOException");
        assertThat(CliTest.run("outputs", "status", "--data-dir", dir.resolve("nowhere").toString()).exitCode()).isEqualTo(2);
    }
}
