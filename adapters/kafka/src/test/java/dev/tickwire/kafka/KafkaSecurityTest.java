package dev.tickwire.kafka;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Secrets;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code security:} section: SASL settings from a password in the environment, and errors that name keys, not secrets. */
class KafkaSecurityTest
{
    private static KafkaSecurity sasl(final String mechanism)
    {
        final KafkaSecurity s = new KafkaSecurity();
        s.protocol = "SASL_PLAINTEXT";
        s.mechanism = mechanism;
        s.username = "ticks";
        s.passwordEnv = "KAFKA_PASSWORD";
        return s;
    }

    @Test
    void saslPlainAndScramGetTheirLoginModuleWithThePasswordFromTheEnvironment()
    {
        final Secrets secrets = new Secrets(Map.of("KAFKA_PASSWORD", "pa\"ss")::get);
        final Map<String, Object> props = new HashMap<>();
        sasl("PLAIN").apply("outputs[0].security", props, secrets);
        assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "PLAIN")
            .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required " +
                "username=\"ticks\" password=\"pa\\\"ss\";");
        props.clear();
        sasl("scram-sha-512").apply("outputs[0].security", props, secrets);
        assertThat((String)props.get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(props).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void badSecurityFailsNamingTheKeyNeverTheSecret()
    {
        final Secrets secrets = new Secrets(Map.of("KAFKA_PASSWORD", "s3cret-value")::get);
        assertThatThrownBy(() -> sasl("GSSAPI").apply("outputs[0].security", new HashMap<>(), secrets))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].security.mechanism")
            .hasMessageNotContaining("s3cret-value");
        final KafkaSecurity noUser = sasl("PLAIN");
        noUser.username = null;
        assertThatThrownBy(() -> noUser.apply("outputs[0].security", new HashMap<>(), secrets))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].security.username");
        final KafkaSecurity noPassword = sasl("PLAIN");
        noPassword.passwordEnv = null;
        assertThatThrownBy(() -> noPassword.apply("outputs[0].security", new HashMap<>(), secrets))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].security.passwordEnv");
        final KafkaSecurity plaintextWithUser = sasl("PLAIN");
        plaintextWithUser.protocol = "PLAINTEXT";
        assertThatThrownBy(() -> plaintextWithUser.apply("sources[1].security", new HashMap<>(), secrets))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources[1].security.mechanism");
        final KafkaSecurity badProtocol = new KafkaSecurity();
        badProtocol.protocol = "TLS";
        assertThatThrownBy(() -> badProtocol.apply("outputs[0].security", new HashMap<>(), secrets))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].security.protocol");
    }
}
