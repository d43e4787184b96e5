package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire subscribe --from start} on a host of its own (its own media driver) replays the engine's Aeron
 * Archive recording and goes on live, every message once in order; {@code tickwire recordings} lists the
 * recording.
 */
class SubscribeFromCommandTest
{
    @TempDir
    Path dir;

    @Test
    void subscribeFromTheRecordingStartThenLiveAndListTheRecordings() throws Exception
    {
        final int livePort = freePort();
        final int controlPort = freePort();
        final String archive = "aeron:udp?endpoint=localhost:" + controlPort;
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.aeron.dir = CommonContext.generateRandomDirName();
        config.aeron.channel = "aeron:udp?control=localhost:" + livePort + "|control-mode=dynamic";
        config.archive.aeron.record = true;
        config.archive.aeron.controlChannel = archive;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("rate", 5_000);
        config.sources.add(source);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            while (engine.counters().published().get() < 5_000)
            {
                Thread.sleep(10);
            }
            final long before = engine.counters().published().get();
            final CliTest.Result result = CliTest.run("subscribe", "--embedded-driver", "--from", "start",
                "--channel", "aeron:udp?endpoint=localhost:0|control=localhost:" + livePort, "--archive", archive,
                "--duration", "10s"); // long enough to catch up and go on live

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).contains("live: caught up after");
            final String[] lines = result.out().strip().split("\n");
            assertThat(lines.length).as("the history, then live").isGreaterThan((int)before + 5_000);
            final ObjectMapper json = new ObjectMapper();
            long last = -1;
            int definitions = 0;
            for (final String line : lines)
            {
                final JsonNode node = json.readTree(line);
                if (node.get("type").asText().equals("instrument"))
                {
                    definitions++;
                    continue;
                }
                assertThat(node.get("seq").asLong()).as("in order, once").isEqualTo(last < 0 ? node.get("seq").asLong()
                    : last + 1);
                last = node.get("seq").asLong();
            }
            assertThat(definitions).isEqualTo(2);

            final CliTest.Result listed = CliTest.run("recordings", "--embedded-driver", "--archive", archive);
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("active").contains(" 1001 ");
            assertThat(listed.err()).contains("1 recording(s)");
        }
    }

    private static int freePort() throws java.io.IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
