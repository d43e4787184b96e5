package dev.tickwire.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ClickHouse's HTTP interface through the JDK's {@link HttpClient}, no client library: the official Java
 * clients misbehave against the 18.16 server Debian ships (silent empty reads), while a plain POST of
 * SQL or of RowBinary rows works on every version. Credentials go in the {@code X-ClickHouse-User} /
 * {@code X-ClickHouse-Key} headers (never the URL, so no log line or error can carry them); every call
 * has a bounded timeout so a stopped server fails a flush instead of hanging the output.
 */
public final class ClickHouseHttp
{
    /** The longest part of a server's error body kept in an exception message. */
    private static final int MAX_ERROR_CHARS = 600;

    private final URI base;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param base     e.g. http://127.0.0.1:8123 (no credentials in it)
     * @param user     the user, or null for the server's default
     * @param password the password, or null
     * @param timeout  the longest a request (connect, send, answer) may take
     */
    public ClickHouseHttp(final URI base, final String user, final String password, final Duration timeout)
    {
        this.base = base;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Runs a statement or query; returns the answer's body (e.g. TabSeparated rows). */
    public String query(final String sql) throws IOException
    {
        return send(null, HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8), sql);
    }

    /**
     * Posts {@code length} bytes of rows for {@code insert} ("INSERT INTO t (a, b) FORMAT RowBinary"), the
     * SQL in the URL and the rows as the body, under {@code queryId} (shows in system.query_log).
     */
    public void insert(final String insert, final String queryId, final byte[] rows, final int offset, final int length)
        throws IOException
    {
        send("query=" + URLEncoder.encode(insert, StandardCharsets.UTF_8) + "&query_id=" +
            URLEncoder.encode(queryId, StandardCharsets.UTF_8),
            HttpRequest.BodyPublishers.ofByteArray(rows, offset, length), insert);
    }

    /** The server's {@code /ping}: true when it answers "Ok.". */
    public boolean ping()
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/ping"))
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().startsWith("Ok.");
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String send(final String queryString, final HttpRequest.BodyPublisher body, final String what)
        throws IOException
    {
        final URI uri = base.resolve(queryString == null ? "/" : "/?" + queryString);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(body);
        if (user != null)
        {
            request.header("X-ClickHouse-User", user);
        }
        if (password != null)
        {
            request.header("X-ClickHouse-Key", password);
        }
        final HttpResponse<String> response;
        try
        {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + brief(what), ex);
        }
        catch (final IOException ex)
        {
            // the JDK's messages name host and port at most; the base URL never holds credentials
            throw new IOException("ClickHouse at " + base + " unreachable (" + ex.getClass().getSimpleName() +
                (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ") for " + brief(what), ex);
        }
        if (response.statusCode() != 200)
        {
            throw new ClickHouseException(response.statusCode(), brief(what), response.body());
        }
        return response.body();
    }

    /** The SQL's first line, short: enough to say which statement failed. */
    private static String brief(final String sql)
    {
        final String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** The server refused a statement: its HTTP status and the "Code: N, e.displayText() = …" body. */
    public static final class ClickHouseException extends IOException
    {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final int code;

        ClickHouseException(final int status, final String what, final String body)
        {
            super("ClickHouse refused " + what + ": HTTP " + status + ": " + trim(body));
            this.status = status;
            this.code = errorCode(body);
        }

        /** A wrong user or password, or no right to do it: waiting will not help. */
        public boolean denied()
        {
            // 192 unknown user, 193 wrong password, 194 password required, 195 IP not allowed,
            // 497 access denied, 516 authentication failed (newer servers)
            return status == 401 || status == 403 || code == 192 || code == 193 || code == 194 || code == 195 ||
                code == 497 || code == 516;
        }

        /** ClickHouse's error code ("Code: 60" is an unknown table), or -1. */
        public int code()
        {
            return code;
        }

        private static String trim(final String body)
        {
            final String text = body == null ? "" : body.strip();
            return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
        }

        private static int errorCode(final String body)
        {
            final java.util.regex.Matcher m = java.util.regex.Pattern.compile("Code: (\\d+)").matcher(
                body == null ? "" : body);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }
}
