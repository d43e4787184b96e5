package dev.tickwire.monitor.alert;

import dev.tickwire.engine.config.ConfigEnums;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.net.DeliveryException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends each notice as a plain-text mail over SMTP (Angus Mail). Every network step has a timeout, so a
 * dead server costs at most a few timeouts per attempt, never a thread. Retries follow {@link Backoff},
 * except a 5xx refusal of the sender, a recipient or the message: the server would refuse again.
 * A failed login is retried: servers answer a temporary auth problem (454) and a wrong password (535) alike.
 */
public final class EmailChannel implements AlertChannel
{
    /** {@code security:}: none (plain, port 25), starttls (upgrade required, 587), smtps (TLS from the start, 465). */
    public enum Security
    {
        NONE, STARTTLS, SMTPS;

        public int defaultPort()
        {
            return this == NONE ? 25 : this == STARTTLS ? 587 : 465;
        }

        @Override
        public String toString()
        {
            return ConfigEnums.nameOf(this);
        }
    }

    /**
     * Where and how to send; the password is passed apart, so this record's {@code toString()} holds no secret.
     *
     * @param username      null: no AUTH
     * @param timeout       each of connect, read and write
     * @param trustAll      accept any certificate and host name: for tests and self-signed servers only
     */
    public record Settings(String host, int port, Security security, String username, String from, List<String> to,
                           String subjectPrefix, Duration timeout, boolean trustAll)
    {
        public Settings
        {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
            Objects.requireNonNull(subjectPrefix, "subjectPrefix");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final String name;
    private final Settings settings;
    private final String password;
    private final Backoff backoff;
    private final Session session;
    private final String target;

    /** @param password used only with a username; null without one */
    public EmailChannel(final String name, final Settings settings, final String password, final Backoff backoff)
    {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.password = password;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.session = Session.getInstance(properties(settings)); // own session: the default one is JVM-wide
        this.target = "SMTP " + settings.host() + ":" + settings.port();
    }

    @Override
    public String name()
    {
        return name;
    }

    public Settings settings()
    {
        return settings;
    }

    @Override
    public void send(final Notice notice) throws DeliveryException, InterruptedException
    {
        final MimeMessage message;
        try
        {
            message = message(notice);
        }
        catch (final MessagingException ex)
        {
            throw new DeliveryException(target + ": cannot build the message: " + Backoff.describe(ex), 0, ex);
        }
        backoff.run(target, attempt -> deliver(message), EmailChannel::retryable);
    }

    private void deliver(final MimeMessage message) throws MessagingException
    {
        try (Transport transport = session.getTransport())
        {
            transport.connect(settings.host(), settings.port(), settings.username(),
                settings.username() == null ? null : password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** Not retried: a 5xx refusal of the sender, a recipient or the message (the whole chain is looked at). */
    private static boolean retryable(final Exception ex)
    {
        for (Exception e = ex; e != null; e = e instanceof MessagingException ? ((MessagingException)e).getNextException() : null)
        {
            if (e instanceof AddressException ||
                e instanceof SMTPAddressFailedException && ((SMTPAddressFailedException)e).getReturnCode() / 100 == 5 ||
                e instanceof SMTPSendFailedException && ((SMTPSendFailedException)e).getReturnCode() / 100 == 5)
            {
                return false;
            }
        }
        return true;
    }

    MimeMessage message(final Notice notice) throws MessagingException
    {
        final MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from(), true));
        final InternetAddress[] to = new InternetAddress[settings.to().size()];
        for (int i = 0; i < to.length; i++)
        {
            to[i] = new InternetAddress(settings.to().get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject(settings.subjectPrefix(), notice), StandardCharsets.UTF_8.name());
        message.setText(body(notice), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("X-Tickwire-Rule", oneLine(notice.rule()));
        message.saveChanges(); // one Message-ID for every attempt: a receiver can drop a duplicate
        return message;
    }

    /** e.g. {@code [tickwire] FIRING source-silent:sierra-ES — no ticks for 30s}. */
    static String subject(final String prefix, final Notice notice)
    {
        return oneLine((prefix.isEmpty() ? "" : prefix + " ") + notice.state() + " " + notice.rule() + " — " + notice.summary());
    }

    static String body(final Notice notice)
    {
        return notice.summary() + "\n\n" +
            (notice.detail() == null || notice.detail().isBlank() ? "" : notice.detail().strip() + "\n\n") +
            "rule:  " + notice.rule() + "\n" +
            "state: " + notice.state() + "\n" +
            "host:  " + notice.host() + "\n" +
            "time:  " + Instant.ofEpochMilli(notice.timeMs()) + "\n";
    }

    private static String oneLine(final String text)
    {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }

    static Properties properties(final Settings s)
    {
        final String protocol = s.security() == Security.SMTPS ? "smtps" : "smtp";
        final String p = "mail." + protocol + ".";
        final String timeoutMs = Long.toString(Math.max(1, Math.min(Integer.MAX_VALUE, s.timeout().toMillis())));
        final Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty(p + "host", s.host());
        props.setProperty(p + "port", Integer.toString(s.port()));
        props.setProperty(p + "connectiontimeout", timeoutMs);
        props.setProperty(p + "timeout", timeoutMs);
        props.setProperty(p + "writetimeout", timeoutMs);
        props.setProperty(p + "auth", Boolean.toString(s.username() != null));
        if (s.security() == Security.STARTTLS)
        {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true"); // never fall back to plain text
        }
        if (s.trustAll())
        {
            props.setProperty(p + "ssl.trust", "*");
            props.setProperty(p + "ssl.checkserveridentity", "false");
        }
        else
        {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}
