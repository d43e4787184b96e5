package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire subscribe} prints what the running engine publishes. */
class SubscribeCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsLiveMessagesAsJson() throws Exception
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.aeron.dir = CommonContext.generateRandomDirName();
        config.aeron.stream = 4242;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("rate", 5_000);
        config.sources.add(source);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            final CompletableFuture<CliTest.Result> subscribe = CompletableFuture.supplyAsync(() -> CliTest.run(
                "subscribe", "--aeron-dir", config.aeron.dir, "--stream", "4242", "--count", "10000",
                "--journal", config.journalPath().toString(), "--duration", "20s"));
            final CliTest.Result result = subscribe.get(30, TimeUnit.SECONDS);
            assertThat(result.exitCode()).isZero();
            final String[] lines = result.out().strip().split("\n");
            // 2 s of ticks: the engine offers its definitions again when a subscriber connects and every second
            // after, but it learns of the connection from the driver, which can take longer than a few ticks
            assertThat(lines).hasSize(10_000);
            final ObjectMapper json = new ObjectMapper();
            long last = -1;
            int definitions = 0;
            int heartbeats = 0;
            for (final String line : lines)
            {
                final JsonNode node = json.readTree(line);
                if (node.path("source").asInt() == dev.tickwire.wire.MessageTypes.ENGINE_SOURCE_ID)
                {
                    assertThat(node.get("status").asText()).isEqualTo("heartbeat"); // the engine's own, once a second
                    heartbeats++;
                    continue;
                }
                assertThat(node.get("symbol").asText()).isIn("ESZ6", "NQZ6");
                assertThat(node.get("verdict").asText()).isEqualTo("accepted");
                if (node.get("type").asText().equals("instrument"))
                {
                    definitions++; // repeated for late joiners, so it comes with its own (earlier) journal seq
                    continue;
                }
                assertThat(node.get("seq").asLong()).isGreaterThan(last);
                last = node.get("seq").asLong();
            }
            // the subscriber joined after the engine had defined ESZ6 and NQZ6: it learns each once, within a second
            assertThat(definitions).as("definitions among the first lines:\n%s\nstderr: %s",
                String.join("\n", java.util.Arrays.copyOf(lines, 4)), result.err()).isEqualTo(2);
            assertThat(heartbeats).as("10,000 ticks at 5,000/s take 2 s").isBetween(1, 3);
        }
    }
}
