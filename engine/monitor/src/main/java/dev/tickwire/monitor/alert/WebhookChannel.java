package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.net.DeliveryException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each notice as JSON to a URL. With a secret, every attempt carries {@value #TIMESTAMP_HEADER} (epoch
 * seconds) and {@value #SIGNATURE_HEADER} = {@code sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}, so a
 * receiver can check who sent it ({@link #verify}) and reject old timestamps (replays). Retries connection
 * errors, timeouts, 5xx and 429; any other status is the receiver refusing the request, and would be again.
 *
 * <p>Messages name the URL as scheme://host:port only: chat webhooks carry their token in the path.
 */
public final class WebhookChannel implements AlertChannel
{
    public static final String SIGNATURE_HEADER = "X-Tickwire-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tickwire-Timestamp";
    private static final String SIGNATURE_PREFIX = "sha256=";
    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI url;
    private final String target;
    private final byte[] secret;
    private final Duration timeout;
    private final Backoff backoff;
    private final HttpClient http;

    /** A receiver's answer other than 2xx. */
    private static final class StatusException extends IOException
    {
        private static final long serialVersionUID = 1L;
        final int status;

        StatusException(final int status)
        {
            super("HTTP " + status);
            this.status = status;
        }
    }

    /**
     * @param url     an http or https URL
     * @param secret  the signing key, or null for unsigned requests
     * @param timeout per attempt: connecting, then until the response's status line
     */
    public WebhookChannel(final String name, final URI url, final String secret, final Duration timeout, final Backoff backoff)
    {
        this.name = Objects.requireNonNull(name, "name");
        this.url = Objects.requireNonNull(url, "url");
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null)
        {
            throw new IllegalArgumentException("a webhook URL must be http:// or https:// with a host");
        }
        this.target = "POST " + scheme + "://" + url.getHost() + ":" + (url.getPort() >= 0 ? url.getPort() :
            scheme.equals("https") ? 443 : 80);
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        // HTTP/1.1: one small POST gains nothing from HTTP/2, and h2c upgrade attempts confuse simple receivers
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void send(final Notice notice) throws DeliveryException, InterruptedException
    {
        final byte[] body = body(notice);
        backoff.run(target, attempt -> post(body), WebhookChannel::retryable);
    }

    private void post(final byte[] body) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "tickwire")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null)
        {
            // signed per attempt: a retry after a long backoff carries a fresh timestamp
            final String timestamp = Long.toString(Instant.now().getEpochSecond());
            request.header(TIMESTAMP_HEADER, timestamp).header(SIGNATURE_HEADER, sign(secret, timestamp, body));
        }
        final HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2)
        {
            throw new StatusException(response.statusCode());
        }
    }

    private static boolean retryable(final Exception ex)
    {
        if (ex instanceof StatusException)
        {
            final int status = ((StatusException)ex).status;
            return status >= 500 || status == 429;
        }
        return ex instanceof IOException; // connection refused or reset, timeouts
    }

    /** The JSON a receiver gets: source, rule, state (lower case), summary, detail, time (ISO-8601 UTC), time_ms, host. */
    static byte[] body(final Notice notice)
    {
        final ObjectNode json = JSON.createObjectNode()
            .put("source", "tickwire")
            .put("rule", notice.rule())
            .put("state", notice.state().name().toLowerCase(Locale.ROOT))
            .put("summary", notice.summary())
            .put("detail", notice.detail())
            .put("time", Instant.ofEpochMilli(notice.timeMs()).toString())
            .put("time_ms", notice.timeMs())
            .put("host", notice.host());
        try
        {
            return JSON.writeValueAsBytes(json);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write a notice as JSON", ex);
        }
    }

    /**
     * Whether {@code header} (the {@value #SIGNATURE_HEADER} value) is the signature of {@code timestamp}
     * and {@code body} under {@code secret}; compared in constant time. A receiver should also reject a
     * {@code timestamp} far from its own clock (a replay).
     */
    public static boolean verify(final String secret, final String timestamp, final byte[] body, final String header)
    {
        if (secret == null || secret.isEmpty() || timestamp == null || body == null || header == null || !header.startsWith(SIGNATURE_PREFIX))
        {
            return false;
        }
        final byte[] presented;
        try
        {
            presented = HexFormat.of().parseHex(header.substring(SIGNATURE_PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body), presented);
    }

    /** {@code sha256=<hex>} of HMAC-SHA256(secret, "<timestamp>.<body>"). */
    static String sign(final byte[] secret, final String timestamp, final byte[] body)
    {
        return SIGNATURE_PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    private static byte[] hmac(final byte[] secret, final String timestamp, final byte[] body)
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte)'.');
            return mac.doFinal(body);
        }
        catch (final NoSuchAlgorithmException | InvalidKeyException ex)
        {
            throw new IllegalStateException(HMAC + " is not available", ex); // every JDK has it; no key in the message
        }
    }
}
