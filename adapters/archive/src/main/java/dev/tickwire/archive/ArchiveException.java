package dev.tickwire.archive;

/** The archive could not be written or read; the message names the day or file and the reason. */
public final class ArchiveException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ArchiveException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    public ArchiveException(final String message)
    {
        super(message);
    }
}
