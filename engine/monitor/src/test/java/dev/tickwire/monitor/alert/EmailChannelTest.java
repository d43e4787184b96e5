package dev.tickwire.monitor.alert;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.net.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailChannelTest
{
    private static final String USER = "alerts@example.com";
    private static final String PASSWORD = "smtp-pa55word";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Notice NOTICE = WebhookChannelTest.NOTICE;

    private static EmailChannel.Settings settings(final int port, final EmailChannel.Security security, final String username,
                                                  final Duration timeout, final boolean trustAll)
    {
        return new EmailChannel.Settings("127.0.0.1", port, security, username, "tickwire@example.com",
            List.of("oncall@example.com", "desk@example.com"), "[tickwire]", timeout, trustAll);
    }

    @Test
    void plainWithAuthDelivers() throws Exception
    {
        final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        try
        {
            mail.start();
            mail.setUser(USER, USER, PASSWORD);
            final String password = new Secrets(java.util.Map.of("TICKWIRE_SMTP_PASSWORD", PASSWORD)::get)
                .required("alerts.channels[0]", "password", "TICKWIRE_SMTP_PASSWORD", null);
            new EmailChannel("ops-mail", settings(mail.getSmtp().getPort(), EmailChannel.Security.NONE, USER, TIMEOUT, false),
                password, WebhookChannelTest.fast(0)).send(NOTICE);

            assertThat(mail.waitForIncomingEmail(5_000, 2)).isTrue(); // one copy per recipient mailbox
            final MimeMessage m = mail.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("[tickwire] FIRING source-silent:sierra-ES — no ticks from sierra-ES for 30s");
            assertThat(m.getFrom()).extracting(Object::toString).containsExactly("tickwire@example.com");
            assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("oncall@example.com", "desk@example.com");
            assertThat(m.getHeader("X-Tickwire-Rule", null)).isEqualTo("source-silent:sierra-ES");
            // SMTP does not keep a body's last line break (it merges into the end-of-data marker)
            final String body = ((String)m.getContent()).replace("\r\n", "\n") + "\n";
            assertThat(body).isEqualTo("no ticks from sierra-ES for 30s\n\n" +
                "last tick 2026-12-04T19:50:47Z\nlag 30.4s\n\n" +
                "rule:  source-silent:sierra-ES\n" +
                "state: FIRING\n" +
                "host:  md-1\n" +
                "time:  2026-12-04T19:51:17.123Z\n");
        }
        finally
        {
            mail.stop();
        }
    }

    @Test
    void smtpsWithTrustAllDelivers() throws Exception
    {
        final GreenMail mail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        try
        {
            mail.start();
            mail.setUser(USER, USER, PASSWORD);
            final EmailChannel.Settings s = settings(mail.getSmtps().getPort(), EmailChannel.Security.SMTPS, USER, TIMEOUT, true);
            new EmailChannel("ops-mail", s, PASSWORD, WebhookChannelTest.fast(0)).send(NOTICE);

            assertThat(mail.waitForIncomingEmail(5_000, 2)).isTrue();
            assertThat(mail.getReceivedMessages()[0].getSubject()).startsWith("[tickwire] FIRING source-silent:sierra-ES");
        }
        finally
        {
            mail.stop();
        }
    }

    @Test
    void smtpsWithoutTrustAllRefusesTheSelfSignedCertificate() throws Exception
    {
        final GreenMail mail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        try
        {
            mail.start();
            final EmailChannel.Settings s = settings(mail.getSmtps().getPort(), EmailChannel.Security.SMTPS, null, TIMEOUT, false);
            assertThatThrownBy(() -> new EmailChannel("ops-mail", s, null, WebhookChannelTest.fast(0)).send(NOTICE))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("unable to find valid certification path");
            assertThat(mail.getReceivedMessages()).isEmpty();
        }
        finally
        {
            mail.stop();
        }
    }

    @Test
    void starttlsNeverFallsBackToPlainText() throws Exception
    {
        final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort()); // offers no STARTTLS
        try
        {
            mail.start();
            mail.setUser(USER, USER, PASSWORD);
            final EmailChannel.Settings s = settings(mail.getSmtp().getPort(), EmailChannel.Security.STARTTLS, USER, TIMEOUT, true);
            assertThatThrownBy(() -> new EmailChannel("ops-mail", s, PASSWORD, WebhookChannelTest.fast(0)).send(NOTICE))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("STARTTLS").hasMessageNotContaining(PASSWORD);
            assertThat(mail.getReceivedMessages()).isEmpty();
        }
        finally
        {
            mail.stop();
        }
    }

    @Test
    void wrongPasswordFailsAfterRetriesWithoutShowingIt() throws Exception
    {
        final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        try
        {
            mail.start();
            mail.setUser(USER, USER, PASSWORD);
            final String wrong = "wrong-pa55word";
            final EmailChannel channel = new EmailChannel("ops-mail",
                settings(mail.getSmtp().getPort(), EmailChannel.Security.NONE, USER, TIMEOUT, false), wrong, WebhookChannelTest.fast(2));
            final String plainAuth = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + wrong).getBytes(StandardCharsets.UTF_8));
            final String loginAuth = Base64.getEncoder().encodeToString(wrong.getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> channel.send(NOTICE))
                .isInstanceOf(DeliveryException.class)
                .hasCauseInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("gave up after 3 attempts")
                .hasMessageNotContaining(wrong).hasMessageNotContaining(plainAuth).hasMessageNotContaining(loginAuth)
                .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(3);
            assertThat(mail.getReceivedMessages()).isEmpty();
        }
        finally
        {
            mail.stop();
        }
    }

    @Test
    void closedPortFailsWithinTimeoutAndRetries() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Duration timeout = Duration.ofMillis(500);
        final EmailChannel channel = new EmailChannel("ops-mail", settings(port, EmailChannel.Security.NONE, null, timeout, false),
            null, WebhookChannelTest.fast(2));
        final long start = System.nanoTime();
        assertThatThrownBy(() -> channel.send(NOTICE))
            .isInstanceOf(DeliveryException.class)
            .hasMessageContaining("SMTP 127.0.0.1:" + port)
            .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(3);
        // 3 attempts of at most one timeout each, plus 2 backoffs of at most 20 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.multipliedBy(3).plusMillis(40));
    }

    @Test
    void silentServerCannotHangTheSender() throws Exception
    {
        // accepts connections (the kernel's backlog does) but never says a word: the read timeout ends each attempt
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()))
        {
            final Duration timeout = Duration.ofMillis(300);
            final EmailChannel channel = new EmailChannel("ops-mail",
                settings(silent.getLocalPort(), EmailChannel.Security.NONE, null, timeout, false), null, WebhookChannelTest.fast(1));
            final long start = System.nanoTime();
            assertThatThrownBy(() -> channel.send(NOTICE))
                .isInstanceOf(DeliveryException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class)
                .extracting(e -> ((DeliveryException)e).attempts()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(timeout.multipliedBy(2), Duration.ofSeconds(3));
        }
    }
}
