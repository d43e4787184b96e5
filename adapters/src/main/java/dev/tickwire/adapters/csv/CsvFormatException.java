package dev.tickwire.adapters.csv;

/** A line that does not parse; the importer reports it with the file and line number, counts it and goes on. */
public final class CsvFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CsvFormatException(final String message)
    {
        super(message, null, false, false); // no stack trace: bad lines can be many
    }
}
