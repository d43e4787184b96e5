package dev.tickwire.adapters.rest;

/**
 * A poll that found nothing usable: the request failed after its retries, the answer was not the JSON the endpoint
 * gives, or the API's circuit is open. The message names the source's stream, the URL (without its query) and
 * the reason, never a header.
 */
final class PollFailure extends Exception
{
    private static final long serialVersionUID = 1L;

    enum Kind
    {
        /** The request failed: an HTTP status or an I/O error, after its retries. */
        REQUEST,
        /** A 2xx answer that is not what the endpoint gives. */
        MALFORMED,
        /** Not sent: the circuit is open. */
        CIRCUIT_OPEN
    }

    private final Kind kind;

    PollFailure(final Kind kind, final String message, final Throwable cause)
    {
        super(message, cause, false, false);
        this.kind = kind;
    }

    Kind kind()
    {
        return kind;
    }
}
