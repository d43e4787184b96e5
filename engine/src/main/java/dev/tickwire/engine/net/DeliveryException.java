package dev.tickwire.engine.net;

/** A delivery to a peer (an alert channel, a sink) gave up: retries exhausted, or a failure retrying cannot fix. */
public final class DeliveryException extends Exception
{
    private static final long serialVersionUID = 1L;
    private final int attempts;

    public DeliveryException(final String message, final int attempts, final Throwable cause)
    {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many attempts were made, the first included. */
    public int attempts()
    {
        return attempts;
    }
}
