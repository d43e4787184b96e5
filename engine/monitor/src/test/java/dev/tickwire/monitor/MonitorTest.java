package dev.tickwire.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.monitor.alert.TestReceiver;
import dev.tickwire.monitor.alert.WebhookChannel;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import io.aeron.CommonContext;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running engine with its monitor, all real: rejects make the rejects rule fire, a signed webhook and
 * an email arrive at servers on loopback, the alert is journaled as a status and counted, and /metrics
 * shows the engine's counters with the values the counters file holds.
 */
class MonitorTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anAlertReachesWebhookAndMailIsJournaledAndCountedAndMetricsAreServed() throws Exception
    {
        final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        mail.setUser("alerts", "alerts", "s3cret-pass");
        try (TestReceiver hook = new TestReceiver(n -> 200))
        {
            final TickwireConfig config = ConfigLoader.parse(String.join("\n",
                "dataDir: " + dir.resolve("data"),
                "aeron:",
                "  dir: " + CommonContext.generateRandomDirName(),
                "metrics:",
                "  port: 0",
                "alerts:",
                "  checkEvery: 200ms",
                "  rules:",
                "    - type: rejects",
                "      above: 2",
                "  channels:",
                "    - type: webhook",
                "      name: ops-hook",
                "      url: " + hook.url(),
                "      secretEnv: HOOK_SECRET",
                "    - type: email",
                "      name: ops-mail",
                "      host: 127.0.0.1",
                "      port: " + mail.getSmtp().getPort(),
                "      security: none",
                "      username: alerts",
                "      passwordEnv: SMTP_PASSWORD",
                "      from: tickwire@example.com",
                "      to: [oncall@example.com]",
                "sources:",
                "  - type: synthetic",
                "    id: 1",
                "    name: demo",
                "    rate: 0",
                "    count: 20000",
                "    offGridEvery: 100",
                "    startTime: 2026-01-02T14:30:00Z",
                ""));
            final Secrets secrets = new Secrets(Map.of("HOOK_SECRET", "hook-key", "SMTP_PASSWORD", "s3cret-pass")::get);
            final String metrics;
            final long rejected;
            final long accepted;
            final long acceptedBefore;
            try (Engine engine = Engine.launch(config, Sources.create(config));
                 Monitor monitor = Monitor.start(engine, secrets))
            {
                await(() -> engine.adaptersDone() && engine.awaitDrained(1, TimeUnit.SECONDS));
                rejected = engine.counters().rejectedTotal().get();
                assertThat(rejected).as("every 100th trade off the tick grid").isGreaterThan(2);
                await(() -> hook.requests.size() >= 1 && mail.getReceivedMessages().length >= 1);
                assertThat(engine.counters().alertsFired().get()).isEqualTo(1);
                assertThat(engine.counters().alertsFiring().get()).isEqualTo(1);
                assertThat(engine.counters().alertNotices().get()).isEqualTo(1);

                acceptedBefore = engine.counters().accepted().get();
                final HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + monitor.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).isEqualTo(200);
                metrics = scrape.body();
                accepted = engine.counters().accepted().get();
            }

            // the webhook: the notice as JSON, signed with the secret from the environment
            final TestReceiver.Request request = hook.requests.get(0);
            assertThat(WebhookChannel.verify("hook-key", request.timestamp(), request.body(), request.signature())).isTrue();
            final JsonNode notice = JSON.readTree(request.body());
            assertThat(notice.path("rule").asText()).isEqualTo("rejects");
            assertThat(notice.path("state").asText()).isEqualTo("firing");
            assertThat(notice.path("summary").asText()).matches("\\d+ rejects in the last 60 s \\(alert above 2\\)");
            // the mail: subject and body name the rule and what happened
            final MimeMessage message = mail.getReceivedMessages()[0];
            assertThat(message.getSubject()).startsWith("[tickwire] FIRING rejects — ").contains("rejects in the last 60 s");
            assertThat((String)message.getContent()).contains("rule:  rejects").contains("state: FIRING");

            // metrics: the counters file's values under Prometheus names (only heartbeats are accepted after drain)
            assertThat(metrics).contains("tickwire_ticks_total{verdict=\"rejected\"} " + rejected + ".0");
            assertThat(metric(metrics, "tickwire_ticks_total{verdict=\"accepted\"}")).isBetween((double)acceptedBefore,
                (double)accepted).isGreaterThan(19_000.0);
            assertThat(metrics).contains("tickwire_rejects_total{reason=\"price_off_tick\"} " + rejected + ".0");
            assertThat(metrics).contains("tickwire_source_state{source=\"demo\",state=\"done\"} 1.0");
            assertThat(metrics).contains("tickwire_source_messages_total{source=\"demo\",verdict=\"rejected\"} " + rejected + ".0");
            assertThat(metrics).contains("tickwire_alerts_fired_total 1.0").contains("tickwire_up 1.0");
            assertThat(metric(metrics, "tickwire_journal_free_bytes")).isPositive();
            assertThat(metrics).contains("jvm_memory_used_bytes{area=\"heap\"}").contains("jvm_threads_current");
        }
        finally
        {
            mail.stop();
        }

        // the alert is in the journal: an ALERT_FIRING status of the engine's own source, valued with the rule's place
        final List<long[]> alerts = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir.resolve("data").resolve("journal")));
             JournalReader reader = journal.reader())
        {
            final SourceStatusDecoder status = new SourceStatusDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                if (dev.tickwire.wire.Envelope.templateId(buffer, offset) == MessageTypes.STATUS)
                {
                    status.wrapAndApplyHeader(buffer, offset, header);
                    if (status.status() == StatusCode.ALERT_FIRING)
                    {
                        alerts.add(new long[] {status.sourceId(), status.value()});
                    }
                }
            }, 1000) > 0)
            {
                // all of it
            }
        }
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsExactly(MessageTypes.ENGINE_SOURCE_ID, 0);
        assertThat(Files.readString(dir.resolve("data").resolve("alerts.json"), StandardCharsets.UTF_8))
            .contains("\"rule\" : \"rejects\"");
    }

    private static double metric(final String text, final String series)
    {
        for (final String line : text.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in\n" + text);
    }

    private static void await(final BooleanSupplier done) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertThat(done.getAsBoolean()).as("in time").isTrue();
    }
}
