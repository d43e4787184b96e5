package dev.tickwire.kafka;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Secrets;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code security:} section a Kafka source or output shares: protocol, SASL mechanism, user name and the
 * password through {@link Secrets} ({@code passwordEnv} / {@code passwordFile}, never in the config). Kafka
 * treats {@code sasl.jaas.config} as a password: its own logs print it as [hidden].
 */
public final class KafkaSecurity
{
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
        "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
        "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
        "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    public String protocol = "PLAINTEXT";
    public String mechanism;
    public String username;
    public String passwordEnv;
    public String passwordFile;
    /** A trust store for SSL (a path), optional. */
    public String truststore;

    /** Checks the section and adds its client properties to {@code props}. */
    void apply(final String key, final Map<String, Object> props, final Secrets secrets)
    {
        final String p = protocol == null ? "" : protocol.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(p))
        {
            throw new ConfigException(key + ".protocol", "must be one of " + PROTOCOLS + ", got '" + protocol + "'");
        }
        props.put("security.protocol", p);
        if (truststore != null)
        {
            props.put("ssl.truststore.location", truststore);
        }
        if (!p.startsWith("SASL"))
        {
            if (mechanism != null || username != null || passwordEnv != null || passwordFile != null)
            {
                throw new ConfigException(key + ".mechanism", "SASL settings need protocol SASL_PLAINTEXT or SASL_SSL");
            }
            return;
        }
        final String m = mechanism == null ? "" : mechanism.toUpperCase(Locale.ROOT);
        final String module = LOGIN_MODULES.get(m);
        if (module == null)
        {
            throw new ConfigException(key + ".mechanism", "must be one of " + LOGIN_MODULES.keySet() + ", got '" +
                mechanism + "'");
        }
        if (username == null || username.isBlank() || username.contains("\""))
        {
            throw new ConfigException(key + ".username", "is required for SASL (no double quotes)");
        }
        final String password = secrets.required(key, "password", passwordEnv, passwordFile);
        props.put("sasl.mechanism", m);
        props.put("sasl.jaas.config", module + " required username=\"" + username + "\" password=\"" +
            password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
    }

    /** Whether a user's extra client property belongs to this section (it must be set here, not there). */
    static boolean isSecurityProperty(final String name)
    {
        return name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.");
    }
}
