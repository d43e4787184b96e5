package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertChannelsTest
{
    private static final Secrets SECRETS = new Secrets(Map.of(
        "TICKWIRE_WEBHOOK_SECRET", "wh-s3cret", "TICKWIRE_SMTP_PASSWORD", "smtp-s3cret")::get);
    private static final String WEBHOOK = "{type: webhook, name: ops-hook, url: 'https://hooks.example.com/tickwire'";
    private static final String EMAIL = "{type: email, name: ops-mail, host: smtp.example.com, from: tickwire@example.com, " +
        "to: [oncall@example.com]";

    @TempDir
    Path dir;

    private static JsonNode channels(final String yaml)
    {
        final TickwireConfig config = ConfigLoader.parse("alerts:\n  channels:\n" + yaml);
        return config.alerts.get("channels");
    }

    @Test
    void readsTheDocumentedShape() throws Exception
    {
        final List<AlertChannel> list = AlertChannels.parse(channels("""
                - type: webhook
                  name: ops-hook
                  url: https://hooks.example.com/tickwire
                  secretEnv: TICKWIRE_WEBHOOK_SECRET
                  timeout: 5s
                  retries: 5
                  backoff: 500ms
                - type: email
                  name: ops-mail
                  host: smtp.example.com
                  port: 587
                  security: starttls
                  username: alerts@example.com
                  passwordEnv: TICKWIRE_SMTP_PASSWORD
                  from: tickwire@example.com
                  to: [oncall@example.com, desk@example.com]
            """), SECRETS);
        assertThat(list).extracting(AlertChannel::name).containsExactly("ops-hook", "ops-mail");
        assertThat(list.get(0)).isInstanceOf(WebhookChannel.class);
        assertThat(((EmailChannel)list.get(1)).settings()).isEqualTo(new EmailChannel.Settings("smtp.example.com", 587,
            EmailChannel.Security.STARTTLS, "alerts@example.com", "tickwire@example.com",
            List.of("oncall@example.com", "desk@example.com"), "[tickwire]", Duration.ofSeconds(10), false));
        assertThat(((EmailChannel)list.get(1)).settings().toString()).doesNotContain("smtp-s3cret");
        assertThat(AlertChannels.parse(null, SECRETS)).isEmpty();
    }

    @Test
    void emailDefaultsFollowSecurity()
    {
        final EmailChannel smtps = (EmailChannel)AlertChannels.parse(channels("  - " + EMAIL + ", security: smtps, to: a@b.c}\n"),
            SECRETS).get(0);
        assertThat(smtps.settings().port()).isEqualTo(465);
        assertThat(smtps.settings().to()).containsExactly("a@b.c"); // one address without brackets
        assertThat(smtps.settings().username()).isNull();
    }

    @Test
    void webhookFromConfigSignsWithTheSecretItNames() throws Exception
    {
        try (TestReceiver receiver = new TestReceiver(n -> 200))
        {
            final AlertChannel channel = AlertChannels.parse(channels("  - {type: webhook, name: h, url: '" + receiver.url() +
                "', secretEnv: TICKWIRE_WEBHOOK_SECRET}\n"), SECRETS).get(0);
            channel.send(WebhookChannelTest.NOTICE);
            final TestReceiver.Request r = receiver.requests.get(0);
            assertThat(WebhookChannel.verify("wh-s3cret", r.timestamp(), r.body(), r.signature())).isTrue();
        }
    }

    @Test
    void secretFileMustBeOwnerOnly() throws IOException
    {
        final Path file = dir.resolve("webhook.secret");
        Files.writeString(file, "file-s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        final String yaml = "  - " + WEBHOOK + ", secretFile: '" + file + "'}\n";
        assertThatThrownBy(() -> AlertChannels.parse(channels(yaml), SECRETS))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("'alerts.channels[0].secretFile'").hasMessageNotContaining("file-s3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(AlertChannels.parse(channels(yaml), SECRETS)).hasSize(1);
    }

    /** Each bad entry (a YAML flow mapping; @W, @E: a valid webhook, email entry to add to) and the key its error must name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{type: pager, name: p}                                            | alerts.channels[0].type       | 'pager' is not a channel type",
        "{name: p, url: 'http://h/'}                                       | alerts.channels[0].type       | missing",
        "{type: webhook, url: 'http://h/'}                                 | alerts.channels[0].name       | missing",
        "{type: webhook, name: 'bad name', url: 'http://h/'}               | alerts.channels[0].name       | not a valid name",
        "@W, urll: 'http://h/'}                                       | alerts.channels[0].urll       | unknown key",
        "@W, secret: hunter2}                                         | alerts.channels[0].secret     | never written in the config",
        "@W, secretEnv: NOT_SET}                                      | alerts.channels[0].secretEnv  | NOT_SET is not set",
        "@W, secretEnv: TICKWIRE_WEBHOOK_SECRET, secretFile: /x}      | alerts.channels[0].secretEnv  | not both",
        "@W, secretFile: /nonexistent/webhook.secret}                 | alerts.channels[0].secretFile | /nonexistent/webhook.secret does not exist",
        "{type: webhook, name: h}                                          | alerts.channels[0].url        | missing",
        "{type: webhook, name: h, url: 'ftp://h/x'}                        | alerts.channels[0].url        | http:// or https://",
        "{type: webhook, name: h, url: 'http://h/a b'}                     | alerts.channels[0].url        | not a valid URL",
        "{type: webhook, name: h, url: '/just/a/path'}                     | alerts.channels[0].url        | http:// or https://",
        "@W, timeout: soon}                                           | alerts.channels[0].timeout    | not a duration",
        "@W, timeout: 5}                                              | alerts.channels[0].timeout    | with a unit",
        "@W, retries: -1}                                             | alerts.channels[0].retries    | 0..100",
        "@W, retries: many}                                           | alerts.channels[0].retries    | Integer",
        "@W, backoff: 2s, backoffCap: 1s}                             | alerts.channels[0].backoffCap | at least backoff",
        "@E, port: 70000}                                               | alerts.channels[0].port       | 1..65535",
        "@E, port: 0}                                                   | alerts.channels[0].port       | 1..65535",
        "@E, port: smtp}                                                | alerts.channels[0].port       | Integer",
        "@E, security: tls}                                             | alerts.channels[0].security   | 'tls' is not one of none, starttls, smtps",
        "@E, username: u@example.com}                                   | alerts.channels[0].passwordEnv| passwordFile",
        "@E, passwordEnv: TICKWIRE_SMTP_PASSWORD}                       | alerts.channels[0].username   | only used with a username",
        "@E, password: hunter2}                                         | alerts.channels[0].password   | never written in the config",
        "@E, trustAll: maybe}                                           | alerts.channels[0].trustAll   | boolean",
        "{type: email, name: m, from: a@b.c, to: [d@e.f]}                  | alerts.channels[0].host       | missing",
        "{type: email, name: m, host: h, to: [d@e.f]}                      | alerts.channels[0].from       | missing",
        "{type: email, name: m, host: h, from: 'not an address', to: [d@e.f]} | alerts.channels[0].from    | not an email address",
        "{type: email, name: m, host: h, from: a@b.c}                      | alerts.channels[0].to         | missing",
        "{type: email, name: m, host: h, from: a@b.c, to: []}              | alerts.channels[0].to         | missing",
        "{type: email, name: m, host: h, from: a@b.c, to: [d@e.f, 'x y']}  | alerts.channels[0].to[1]      | not an email address",
    })
    void badEntryNamesItsKey(final String entry, final String key, final String problem)
    {
        final String yaml = "  - " + entry.replace("@W", WEBHOOK).replace("@E", EMAIL) + "\n";
        assertThatThrownBy(() -> AlertChannels.parse(channels(yaml), SECRETS))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(problem)
            .hasMessageNotContaining("hunter2")
            .extracting(e -> ((ConfigException)e).key()).isEqualTo(key);
    }

    @Test
    void errorsNameTheEntryTheyAreIn()
    {
        assertThatThrownBy(() -> AlertChannels.parse(channels("  - " + WEBHOOK + "}\n  - {type: webhook, name: b, url: 'mailto:x@y'}\n"),
            SECRETS)).extracting(e -> ((ConfigException)e).key()).isEqualTo("alerts.channels[1].url");
        assertThatThrownBy(() -> AlertChannels.parse(channels("  - " + WEBHOOK + "}\n  - " + EMAIL + ", name: ops-hook}\n"), SECRETS))
            .hasMessageContaining("'ops-hook' is already the name of alerts.channels[0]")
            .extracting(e -> ((ConfigException)e).key()).isEqualTo("alerts.channels[1].name");
        assertThatThrownBy(() -> AlertChannels.parse(channels("    type: webhook\n"), SECRETS))
            .extracting(e -> ((ConfigException)e).key()).isEqualTo("alerts.channels");
        assertThatThrownBy(() -> AlertChannels.parse(channels("  - just-a-string\n"), SECRETS))
            .extracting(e -> ((ConfigException)e).key()).isEqualTo("alerts.channels[0]");
    }
}
