package dev.tickwire.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.OutputFactory;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.InstrumentCatalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code outputs: [{type: clickhouse, url: http://127.0.0.1:8123, database: tickwire}]}: the journal into
 * ClickHouse tables over its HTTP interface (see {@link ClickHouseOutput}, {@link ClickHouseTables}).
 */
public final class ClickHouseOutputFactory implements OutputFactory
{
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,63}";

    /** The {@code type: clickhouse} section's own keys. */
    public static final class Config
    {
        public String type = "clickhouse";
        /** The HTTP interface, e.g. http://127.0.0.1:8123; no user or password in it. */
        public String url;
        /** Created when missing. */
        public String database = "tickwire";
        /** The user; unset: the server's default user. */
        public String user;
        /** The password from an environment variable or an owner-only file (never in the config). */
        public String passwordEnv;
        public String passwordFile;
        /** Before every table's name, e.g. "es_" for es_trades. */
        public String tablePrefix = "";
        /** The longest a request may take (connect, insert, answer): a stopped server fails a flush, no hang. */
        public String timeout = "10s";
        /** The per-minute tables tickwire_monitor and tickwire_rejects. */
        public boolean monitor = true;
        /** How long a row of the monitor tables covers. */
        public String monitorInterval = "1m";

        URI conclude(final String key)
        {
            if (url == null || url.isBlank())
            {
                throw new ConfigException(key + ".url", "is required: ClickHouse's HTTP interface, e.g. " +
                    "http://127.0.0.1:8123");
            }
            final URI uri;
            try
            {
                uri = new URI(url.strip());
            }
            catch (final URISyntaxException ex)
            {
                throw new ConfigException(key + ".url", "is not a URL (" + ex.getReason() + ")");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null)
            {
                throw new ConfigException(key + ".url", "must be http://host:port or https://host:port");
            }
            if (uri.getRawUserInfo() != null)
            {
                // not echoed: it holds a password
                throw new ConfigException(key + ".url", "must not hold a user or password: use user and " +
                    "passwordEnv or passwordFile");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null ||
                uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
            {
                throw new ConfigException(key + ".url", "must be the server's address only (no path or query), " +
                    "e.g. http://127.0.0.1:8123");
            }
            if (database == null || !database.matches(IDENTIFIER))
            {
                throw new ConfigException(key + ".database", "must be a name of letters, digits and '_'");
            }
            if (tablePrefix == null || !tablePrefix.isEmpty() && !tablePrefix.matches(IDENTIFIER))
            {
                throw new ConfigException(key + ".tablePrefix", "must be empty or letters, digits and '_'");
            }
            if (user != null && (user.isBlank() || user.chars().anyMatch(Character::isISOControl)))
            {
                throw new ConfigException(key + ".user", "must be a user name");
            }
            if (Durations.parseNanos(key + ".timeout", timeout) <= 0)
            {
                throw new ConfigException(key + ".timeout", "must be positive, e.g. 10s");
            }
            if (Durations.parseNanos(key + ".monitorInterval", monitorInterval) < TimeUnit.SECONDS.toNanos(1))
            {
                throw new ConfigException(key + ".monitorInterval", "must be at least 1s");
            }
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        }
    }

    @Override
    public String type()
    {
        return "clickhouse";
    }

    @Override
    public OutputSink create(final String key, final String name, final JsonNode node, final TickwireConfig config)
    {
        return create(key, name, node, config, new Secrets());
    }

    /** As {@link #create(String, String, JsonNode, TickwireConfig)}, with the secrets from {@code secrets} (tests). */
    public OutputSink create(final String key, final String name, final JsonNode node, final TickwireConfig config,
        final Secrets secrets)
    {
        final Config c = ConfigLoader.section(key, node, Config.class);
        final URI url = c.conclude(key);
        final String password = secrets.optional(key, "password", c.passwordEnv, c.passwordFile).orElse(null);
        final ClickHouseHttp http = new ClickHouseHttp(url, c.user, password,
            Duration.ofNanos(Durations.parseNanos(key + ".timeout", c.timeout)));
        final ClickHouseOutput output = new ClickHouseOutput(name, http, c.database, c.tablePrefix,
            InstrumentCatalog.open(config.journalPath()), c.monitor,
            TimeUnit.NANOSECONDS.toMillis(Durations.parseNanos(key + ".monitorInterval", c.monitorInterval)));
        output.prepareIfReachable();
        return output;
    }
}
