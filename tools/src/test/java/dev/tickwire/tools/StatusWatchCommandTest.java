package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire status} and {@code tickwire watch} against a real engine's counters file: healthy,
 * alerts firing, hung; the watcher's webhook on loopback gets the engine-down alert.
 */
class StatusWatchCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusAndWatchTellHealthyFiringAndHung() throws Exception
    {
        final List<String> posted = new CopyOnWriteArrayList<>();
        final HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange ->
        {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        final Path data = dir.resolve("data");
        final Path configFile = dir.resolve("tickwire.yaml");
        Files.writeString(configFile, String.join("\n",
            "dataDir: " + data,
            "aeron: {dir: " + CommonContext.generateRandomDirName() + "}",
            "heartbeat: {every: 100ms}",
            "alerts:",
            "  rules:",
            "    - {type: engineDown, after: 1s}",
            "  channels:",
            "    - {type: webhook, name: ops, url: 'http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook'}",
            "sources:",
            "  - {type: synthetic, id: 1, name: demo, rate: 0, count: 3000, startTime: 2026-01-02T14:30:00Z}",
            ""));
        final TickwireConfig config = ConfigLoader.load(configFile);
        try
        {
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(engine.adaptersDone() && engine.counters().heartbeats().get() > 0) && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                engine.awaitDrained(10, TimeUnit.SECONDS);

                final long acceptedBefore = engine.counters().accepted().get(); // heartbeats go on counting
                final long appendsBefore = engine.counters().journalAppends().get();
                final CliTest.Result healthy = CliTest.run("status", "--config", configFile.toString(), "--json",
                    "--interval", "200ms");
                assertThat(healthy.exitCode()).as(healthy.out() + healthy.err()).isZero();
                final JsonNode status = JSON.readTree(healthy.out());
                assertThat(status.path("state").asText()).isEqualTo("running");
                assertThat(status.path("healthy").asBoolean()).isTrue();
                assertThat(status.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
                assertThat(status.path("ticks").path("accepted").asLong())
                    .isBetween(acceptedBefore, engine.counters().accepted().get());
                assertThat(status.path("sources").get(0).path("name").asText()).isEqualTo("demo");
                assertThat(status.path("sources").get(0).path("state").asText()).isEqualTo("done");
                assertThat(status.path("sources").get(0).path("accepted").asLong()).isGreaterThan(2_900);
                assertThat(status.path("journal").path("appends").asLong())
                    .isBetween(appendsBefore, engine.counters().journalAppends().get());

                assertThat(CliTest.run("watch", "--config", configFile.toString(), "--once").exitCode())
                    .as("the engine is up").isZero();

                // what the engine's alert thread writes when a rule fires
                Files.writeString(data.resolve("alerts.json"),
                    "{\"firing\": [{\"rule\": \"freeDisk\", \"summary\": \"journal disk: 0.5 GB free\"}]}");
                final CliTest.Result firing = CliTest.run("status", "--config", configFile.toString(), "--interval", "0");
                assertThat(firing.exitCode()).isEqualTo(1);
                assertThat(firing.out()).contains("alerts   1 firing").contains("freeDisk: journal disk: 0.5 GB free")
                    .contains("engine   running (pid " + ProcessHandle.current().pid() + ")")
                    .containsPattern("demo +done +last event 2026-01-02T14:");
            }
            // the engine is closed: no more heartbeats (this JVM, its pid, lives on: the heartbeat tells)
            Thread.sleep(1_200);
            final CliTest.Result hung = CliTest.run("status", "--data-dir", data.toString(), "--stale", "1s");
            assertThat(hung.exitCode()).isEqualTo(3);
            assertThat(hung.out()).startsWith("engine   hung (pid ");

            final CliTest.Result down = CliTest.run("watch", "--config", configFile.toString(), "--once");
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(posted).hasSize(1);
            final JsonNode notice = JSON.readTree(posted.get(0));
            assertThat(notice.path("rule").asText()).isEqualTo("engineDown");
            assertThat(notice.path("state").asText()).isEqualTo("firing");
            assertThat(notice.path("summary").asText()).startsWith("the engine runs but its heartbeat stopped");

            assertThat(CliTest.run("status", "--data-dir", dir.resolve("nowhere").toString()).exitCode())
                .as("no engine ever ran there").isEqualTo(2);
        }
        finally
        {
            receiver.stop(0);
        }
    }
}
