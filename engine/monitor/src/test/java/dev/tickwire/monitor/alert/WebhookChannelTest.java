package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.net.DeliveryException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookChannelTest
{
    static final String SECRET = "hook-s3cret";
    static final Notice NOTICE = new Notice("source-silent:sierra-ES", Notice.State.FIRING,
        "no ticks from sierra-ES for 30s", "last tick 2026-12-04T19:50:47Z\nlag 30.4s", 1_796_413_877_123L, "md-1");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    static Backoff fast(final int retries)
    {
        return new Backoff(TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(20), retries);
    }

    @Test
    void postsSignedJson() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 204))
        {
            final long before = System.currentTimeMillis() / 1000;
            new WebhookChannel("ops-hook", receiver.url(), SECRET, TIMEOUT, fast(0)).send(NOTICE);

            assertThat(receiver.requests).hasSize(1);
            final TestReceiver.Request r = receiver.requests.get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).isEqualTo("application/json");
            final JsonNode json = new ObjectMapper().readTree(r.body());
            assertThat(json.get("source").asText()).isEqualTo("tickwire");
            assertThat(json.get("rule").asText()).isEqualTo("source-silent:sierra-ES");
            assertThat(json.get("state").asText()).isEqualTo("firing");
            assertThat(json.get("summary").asText()).isEqualTo("no ticks from sierra-ES for 30s");
            assertThat(json.get("detail").asText()).isEqualTo("last tick 2026-12-04T19:50:47Z\nlag 30.4s");
            assertThat(json.get("time").asText()).isEqualTo("2026-12-04T19:51:17.123Z");
            assertThat(json.get("time_ms").asLong()).isEqualTo(1_796_413_877_123L);
            assertThat(json.get("host").asText()).isEqualTo("md-1");

            assertThat(Long.parseLong(r.timestamp())).isBetween(before, System.currentTimeMillis() / 1000);
            assertThat(r.signature()).matches("sha256=[0-9a-f]{64}");
            assertThat(WebhookChannel.verify(SECRET, r.timestamp(), r.body(), r.signature())).isTrue();
        }
    }

    @Test
    void tamperedBodyTimestampOrSecretFailsVerify() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 200))
        {
            new WebhookChannel("ops-hook", receiver.url(), SECRET, TIMEOUT, fast(0)).send(NOTICE);
            final TestReceiver.Request r = receiver.requests.get(0);
            final byte[] tampered = new String(r.body(), StandardCharsets.UTF_8)
                .replace("\"firing\"", "\"resolved\"").getBytes(StandardCharsets.UTF_8);

            assertThat(WebhookChannel.verify(SECRET, r.timestamp(), tampered, r.signature())).isFalse();
            assertThat(WebhookChannel.verify(SECRET, Long.toString(Long.parseLong(r.timestamp()) + 1), r.body(),
                r.signature())).isFalse();
            assertThat(WebhookChannel.verify("other-secret", r.timestamp(), r.body(), r.signature())).isFalse();
            assertThat(WebhookChannel.verify(SECRET, r.timestamp(), r.body(), "sha256=zz")).isFalse();
            assertThat(WebhookChannel.verify(SECRET, r.timestamp(), r.body(), null)).isFalse();
            assertThat(WebhookChannel.verify(SECRET, r.timestamp(), r.body(), r.signature().toUpperCase().replace("SHA256", "sha256")))
                .isTrue();
        }
    }

    @Test
    void withoutSecretNoSignatureHeaders() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 200))
        {
            new WebhookChannel("ops-hook", receiver.url(), null, TIMEOUT, fast(0)).send(NOTICE);
            assertThat(receiver.requests).singleElement().satisfies(r ->
            {
                assertThat(r.signature()).isNull();
                assertThat(r.timestamp()).isNull();
            });
        }
    }

    @Test
    void serverErrorsAreRetriedEachAttemptSigned() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> n <= 2 ? 500 : 200))
        {
            new WebhookChannel("ops-hook", receiver.url(), SECRET, TIMEOUT, fast(5)).send(NOTICE);
            assertThat(receiver.requests).hasSize(3);
            assertThat(receiver.requests).allSatisfy(r ->
                assertThat(WebhookChannel.verify(SECRET, r.timestamp(), r.body(), r.signature())).isTrue());
        }
        try (TestReceiver receiver = new TestReceiver(n -> n == 1 ? 429 : 200))
        {
            new WebhookChannel("ops-hook", receiver.url(), SECRET, TIMEOUT, fast(5)).send(NOTICE);
            assertThat(receiver.requests).hasSize(2);
        }
    }

    @Test
    void clientErrorIsNotRetried() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 400))
        {
            final WebhookChannel channel = new WebhookChannel("ops-hook", receiver.url(), SECRET, TIMEOUT, fast(5));
            assertThatThrownBy(() -> channel.send(NOTICE))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("POST http://127.0.0.1:" + receiver.url().getPort() + ": StatusException: HTTP 400 (not retried)")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining("secret-token")
                .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(1);
            assertThat(receiver.requests).hasSize(1);
        }
    }

    @Test
    void persistentServerErrorGivesUpAfterRetries() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 503))
        {
            final WebhookChannel channel = new WebhookChannel("ops-hook", receiver.url(), SECRET, TIMEOUT, fast(2));
            assertThatThrownBy(() -> channel.send(NOTICE))
                .hasMessageEndingWith("HTTP 503 (gave up after 3 attempts)")
                .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(3);
            assertThat(receiver.requests).hasSize(3);
        }
    }

    @Test
    void connectionRefusedIsRetried() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final WebhookChannel channel = new WebhookChannel("ops-hook", URI.create("http://127.0.0.1:" + port + "/hook"),
            SECRET, TIMEOUT, fast(2));
        assertThatThrownBy(() -> channel.send(NOTICE))
            .isInstanceOf(DeliveryException.class)
            .hasMessageContaining("ConnectException")
            .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(3);
    }

    @Test
    void slowReceiverTimesOutPerAttempt() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        try (TestReceiver receiver = new TestReceiver(n -> 200, n -> release.await(10, TimeUnit.SECONDS)))
        {
            final WebhookChannel channel = new WebhookChannel("ops-hook", receiver.url(), SECRET, Duration.ofMillis(200), fast(1));
            final long start = System.nanoTime();
            assertThatThrownBy(() -> channel.send(NOTICE))
                .isInstanceOf(DeliveryException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class)
                .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
            assertThat(receiver.requests).hasSize(2);
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void onlyHttpUrls()
    {
        assertThatThrownBy(() -> new WebhookChannel("x", URI.create("ftp://h/x"), null, TIMEOUT, fast(0)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
