package dev.tickwire.s3;

import java.io.IOException;

/** A request to a bucket failed for good; the message names the location, never a credential. */
public final class S3StoreException extends IOException
{
    private static final long serialVersionUID = 1L;
    private final int status;

    S3StoreException(final String message, final int status, final Throwable cause)
    {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the server answered, 0 when none (I/O). */
    public int status()
    {
        return status;
    }
}
