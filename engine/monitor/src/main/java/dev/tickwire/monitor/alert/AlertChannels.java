package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigEnums;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.net.Backoff;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads {@code alerts.channels} (a list of {@code type: webhook} and {@code type: email} entries) into
 * channels. Every entry is checked, and every secret read, before any channel is built: a bad entry fails
 * the whole list naming its key ({@code alerts.channels[1].url}), with no half-built channels left behind.
 */
public final class AlertChannels
{
    public static final String KEY = "alerts.channels";
    /** Used in thread names, counter names and logs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long MIN_TIMEOUT_NS = Duration.ofMillis(1).toNanos();
    private static final long MAX_TIMEOUT_NS = Duration.ofMinutes(10).toNanos();
    private static final long MAX_BACKOFF_NS = Duration.ofHours(1).toNanos();
    private static final int MAX_RETRIES = 100;

    private AlertChannels()
    {
    }

    /** Keys every channel has. */
    static class Entry
    {
        public String type;
        public String name;
        public String timeout;
        public Integer retries = 3;
        public String backoff = "500ms";
        public String backoffCap = "30s";
    }

    static final class WebhookEntry extends Entry
    {
        public String url;
        public String secretEnv;
        public String secretFile;

        WebhookEntry()
        {
            timeout = "5s";
        }
    }

    static final class EmailEntry extends Entry
    {
        public String host;
        public Integer port;
        public String security = "starttls";
        public String username;
        public String passwordEnv;
        public String passwordFile;
        public String from;
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        public List<String> to;
        public String subjectPrefix = "[tickwire]";
        /** For tests and self-signed servers: any certificate, any host name. */
        public boolean trustAll;

        EmailEntry()
        {
            timeout = "10s";
        }
    }

    /**
     * @param channels the {@code alerts.channels} node; null or missing = no channels
     * @throws ConfigException naming the key of the first bad value
     */
    public static List<AlertChannel> parse(final JsonNode channels, final Secrets secrets)
    {
        if (channels == null || channels.isNull() || channels.isMissingNode())
        {
            return List.of();
        }
        require(channels.isArray(), KEY, "must be a list of channels, each with a type (webhook or email)");
        final List<Supplier<AlertChannel>> builders = new ArrayList<>();
        final Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < channels.size(); i++)
        {
            final String key = KEY + "[" + i + "]";
            final JsonNode node = channels.get(i);
            require(node.isObject(), key, "must be a mapping with a type (webhook or email)");
            refuseLiteralSecrets(key, node);
            final JsonNode type = node.get("type");
            require(type != null && type.isTextual(), key + ".type", "missing: webhook or email");
            final Supplier<AlertChannel> builder;
            final String name;
            switch (type.asText())
            {
                case "webhook":
                {
                    final WebhookEntry e = ConfigLoader.section(key, node, WebhookEntry.class);
                    name = name(key, e, names, i);
                    builder = webhook(key, e, secrets);
                    break;
                }
                case "email":
                {
                    final EmailEntry e = ConfigLoader.section(key, node, EmailEntry.class);
                    name = name(key, e, names, i);
                    builder = email(key, e, secrets);
                    break;
                }
                default:
                    throw new ConfigException(key + ".type", "'" + type.asText() + "' is not a channel type: webhook or email");
            }
            names.put(name, i);
            builders.add(builder);
        }
        final List<AlertChannel> built = new ArrayList<>();
        builders.forEach(b -> built.add(b.get()));
        return List.copyOf(built);
    }

    /** {@code secret: ...} or {@code password: ...} would be a secret in the config: say what to write instead. */
    private static void refuseLiteralSecrets(final String key, final JsonNode node)
    {
        for (final String field : new String[] {"secret", "password"})
        {
            require(!node.has(field), key + "." + field, "a secret is never written in the config: use " + field +
                "Env (an environment variable's name) or " + field + "File (an owner-only file)");
        }
    }

    private static String name(final String key, final Entry e, final Map<String, Integer> names, final int i)
    {
        require(e.name != null, key + ".name", "missing: each channel needs a name (for logs and counters)");
        require(NAME.matcher(e.name).matches(), key + ".name", "'" + e.name +
            "' is not a valid name: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        final Integer other = names.get(e.name);
        require(other == null, key + ".name", "'" + e.name + "' is already the name of " + KEY + "[" + other + "]");
        return e.name;
    }

    private static Supplier<AlertChannel> webhook(final String key, final WebhookEntry e, final Secrets secrets)
    {
        final URI url = url(key + ".url", e.url);
        final Duration timeout = timeout(key, e);
        final Backoff backoff = backoff(key, e);
        final String secret = secrets.optional(key, "secret", e.secretEnv, e.secretFile).orElse(null);
        return () -> new WebhookChannel(e.name, url, secret, timeout, backoff);
    }

    private static Supplier<AlertChannel> email(final String key, final EmailEntry e, final Secrets secrets)
    {
        require(e.host != null && !e.host.isBlank(), key + ".host", "missing: the SMTP server's host name");
        final EmailChannel.Security security = ConfigEnums.parse(key + ".security", e.security, EmailChannel.Security.class);
        final int port = e.port == null ? security.defaultPort() : e.port;
        require(port >= 1 && port <= 65535, key + ".port", "must be a TCP port 1..65535, got " + port);
        require(e.username == null || !e.username.isBlank(), key + ".username", "must not be empty (leave it out for no login)");
        require(e.username != null || e.passwordEnv == null && e.passwordFile == null, key + ".username",
            "missing: a password is only used with a username");
        final String password = e.username == null ? null : secrets.required(key, "password", e.passwordEnv, e.passwordFile);
        address(key + ".from", e.from);
        require(e.to != null && !e.to.isEmpty(), key + ".to", "missing: a list of one or more addresses");
        for (int j = 0; j < e.to.size(); j++)
        {
            address(key + ".to[" + j + "]", e.to.get(j));
        }
        require(e.subjectPrefix != null, key + ".subjectPrefix", "must not be null (write \"\" for none)");
        if (security == EmailChannel.Security.NONE && e.username != null)
        {
            LoggerFactory.getLogger(AlertChannels.class).warn("{}: security none sends the password for {} unencrypted",
                key, e.username);
        }
        final EmailChannel.Settings settings = new EmailChannel.Settings(e.host, port, security, e.username, e.from,
            e.to, e.subjectPrefix, timeout(key, e), e.trustAll);
        final Backoff backoff = backoff(key, e);
        return () -> new EmailChannel(e.name, settings, password, backoff);
    }

    /** http(s) with a host; the URL itself is not quoted back (chat webhooks carry a token in it). */
    private static URI url(final String key, final String text)
    {
        require(text != null && !text.isBlank(), key, "missing: the receiver's http:// or https:// URL");
        final URI url;
        try
        {
            url = new URI(text.strip());
        }
        catch (final URISyntaxException ex)
        {
            throw new ConfigException(key, "not a valid URL: " + ex.getReason() + " at index " + ex.getIndex());
        }
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        require(scheme.equals("http") || scheme.equals("https"), key,
            "must be an http:// or https:// URL" + (scheme.isEmpty() ? "" : ", not " + scheme + "://"));
        require(url.getHost() != null, key, "has no host");
        return url;
    }

    private static void address(final String key, final String text)
    {
        require(text != null && !text.isBlank(), key, "missing: an email address");
        try
        {
            new InternetAddress(text, true).validate();
        }
        catch (final AddressException ex)
        {
            throw new ConfigException(key, "'" + text + "' is not an email address: " + ex.getMessage());
        }
    }

    private static Duration timeout(final String key, final Entry e)
    {
        final long ns = Durations.parseNanos(key + ".timeout", e.timeout);
        require(ns >= MIN_TIMEOUT_NS && ns <= MAX_TIMEOUT_NS, key + ".timeout",
            "must be 1ms..10m with a unit, e.g. 5s, got '" + e.timeout + "'");
        return Duration.ofNanos(ns);
    }

    private static Backoff backoff(final String key, final Entry e)
    {
        require(e.retries != null && e.retries >= 0 && e.retries <= MAX_RETRIES, key + ".retries",
            "must be 0.." + MAX_RETRIES + " (attempts after the first), got " + e.retries);
        final long base = Durations.parseNanos(key + ".backoff", e.backoff);
        require(base <= MAX_BACKOFF_NS, key + ".backoff", "must be at most 1h, got '" + e.backoff + "'");
        final long cap = Durations.parseNanos(key + ".backoffCap", e.backoffCap);
        require(cap >= base && cap <= MAX_BACKOFF_NS, key + ".backoffCap",
            "must be at least backoff (" + e.backoff + ") and at most 1h, got '" + e.backoffCap + "'");
        return new Backoff(base, cap, e.retries);
    }

    private static void require(final boolean condition, final String key, final String problem)
    {
        if (!condition)
        {
            throw new ConfigException(key, problem);
        }
    }
}
