package dev.tickwire.adapters.http;

import java.io.IOException;

/**
 * A request {@link HttpFetcher} gave up on: a status retrying cannot fix (401, 403, 404, …), or retries
 * exhausted. The message names the method, the URL without its query (a signed request's signature, an
 * API key in a query string never shows) and the status or I/O error; headers (a bearer key) are never
 * part of it.
 */
public final class HttpFetchException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int attempts;
    private final boolean retried;
    private final String body;

    HttpFetchException(
        final String message, final int status, final int attempts, final boolean retried, final String body,
        final Throwable cause)
    {
        super(message, cause);
        this.status = status;
        this.attempts = attempts;
        this.retried = retried;
        this.body = body;
    }

    /** The last HTTP status, or 0 when the last attempt got no response (connection refused, cut, timeout). */
    public int status()
    {
        return status;
    }

    /** Attempts made, the first included. */
    public int attempts()
    {
        return attempts;
    }

    /** True when the failure was retryable and the attempts ran out; false when it was not retried. */
    public boolean retried()
    {
        return retried;
    }

    /** The start of the last error response's body (the server's reason), or "" when there was none. */
    public String body()
    {
        return body;
    }
}
