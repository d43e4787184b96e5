package dev.tickwire.monitor.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.monitor.Monitor;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus (Debian's package; {@code .ci/run} installs it) scrapes a running engine's
 * {@code metrics.port}, and a PromQL query through its HTTP API returns the live counter values.
 */
class PrometheusScrapeTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesTheEngineAndAQueryReturnsTheCounters() throws Exception
    {
        final Path binary = Path.of("/usr/bin/prometheus");
        assertThat(Files.isExecutable(binary))
            .as("Prometheus is needed for this test: apt-get install --no-install-recommends prometheus (.ci/run does)")
            .isTrue();
        final TickwireConfig config = ConfigLoader.parse(String.join("\n",
            "dataDir: " + dir.resolve("data"),
            "aeron: {dir: " + CommonContext.generateRandomDirName() + "}",
            "metrics: {port: 0}",
            "sources:",
            "  - {type: synthetic, id: 1, name: demo, rate: 0, count: 5000, offGridEvery: 500, startTime: 2026-01-02T14:30:00Z}",
            ""));
        try (Engine engine = Engine.launch(config, Sources.create(config));
             Monitor monitor = Monitor.start(engine, new Secrets(Map.<String, String>of()::get)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            final int webPort = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: 1s}",
                "scrape_configs:",
                "  - job_name: tickwire",
                "    static_configs: [{targets: ['127.0.0.1:" + monitor.metricsPort() + "']}]",
                ""));
            final Process prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + webPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try
            {
                // a feed's accepted messages and the rejects stay put once the finite source is drained
                final long sourceAccepted;
                try (EngineView view = EngineView.open(config.countersPath(), config.journalPath()))
                {
                    sourceAccepted = dev.tickwire.monitor.alert.Sample.take(view, System.currentTimeMillis()).sources().get(0)
                        .count("messages_accepted");
                }
                assertThat(sourceAccepted).isGreaterThan(4_000);
                final JsonNode rejected = query(webPort, "tickwire_ticks_total{verdict=\"rejected\"}");
                assertThat(rejected.path("metric").path("job").asText()).isEqualTo("tickwire");
                assertThat(rejected.path("value").get(1).asLong()).isEqualTo(engine.counters().rejectedTotal().get())
                    .isPositive();
                final JsonNode perSource = query(webPort, "tickwire_source_messages_total{source=\"demo\",verdict=\"accepted\"}");
                assertThat(perSource.path("value").get(1).asLong()).isEqualTo(sourceAccepted);
                assertThat(query(webPort, "tickwire_source_state{source=\"demo\",state=\"done\"}").path("value").get(1)
                    .asInt()).isEqualTo(1);
                assertThat(query(webPort, "sum(tickwire_rejects_total)").path("value").get(1).asLong())
                    .isEqualTo(engine.counters().rejectedTotal().get());
            }
            finally
            {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS))
                {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    /** The first sample of an instant query, polled until Prometheus has scraped (its targets apply on a 5 s tick). */
    private JsonNode query(final int port, final String promQl) throws IOException, InterruptedException
    {
        final HttpClient http = HttpClient.newHttpClient();
        final URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" +
            URLEncoder.encode(promQl, StandardCharsets.UTF_8));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        String last = "(no answer)";
        while (System.nanoTime() < deadline)
        {
            try
            {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
                last = response.body();
                final JsonNode result = JSON.readTree(last).path("data").path("result");
                if (response.statusCode() == 200 && result.size() > 0)
                {
                    return result.get(0);
                }
            }
            catch (final IOException notYet)
            {
                last = notYet.toString(); // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no result for " + promQl + " in 40 s; last answer: " + last + "\nlog:\n" +
            Files.readString(dir.resolve("prometheus.log")));
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
