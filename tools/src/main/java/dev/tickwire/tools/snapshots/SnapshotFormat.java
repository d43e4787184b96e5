package dev.tickwire.tools.snapshots;

import dev.tickwire.journal.Instrument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes book snapshots of one instrument in one file format: {@link #begin()} once (a header, if
 * the format has one), then {@link #write} per snapshot. Not thread-safe; reuses one line buffer.
 */
public abstract class SnapshotFormat
{
    /** The formats by their {@code --format} name. */
    public enum Kind
    {
        TARDIS, LOBSTER, JSONL;

        /** Case-insensitive; a clear IllegalArgumentException for anything else. */
        public static Kind parse(final String name)
        {
            if (name != null)
            {
                for (final Kind kind : values())
                {
                    if (kind.name().equalsIgnoreCase(name.trim()))
                    {
                        return kind;
                    }
                }
            }
            throw new IllegalArgumentException("unknown --format '" + name + "'; use tardis, lobster or jsonl");
        }
    }

    protected final Instrument instrument;
    protected final int levels;
    protected final StringBuilder line = new StringBuilder(256);
    private final Writer out;

    protected SnapshotFormat(final Instrument instrument, final int levels, final Writer out)
    {
        this.instrument = instrument;
        this.levels = levels;
        this.out = out;
    }

    public static SnapshotFormat create(final Kind kind, final Instrument instrument, final int levels, final Writer out)
    {
        switch (kind)
        {
            case TARDIS:
                return new TardisFormat(instrument, levels, out);
            case LOBSTER:
                return new LobsterFormat(instrument, levels, out);
            case JSONL:
                return new JsonlFormat(instrument, levels, out);
            default:
                throw new IllegalArgumentException("unknown format " + kind);
        }
    }

    /** Writes what precedes the first snapshot (Tardis: the header row); nothing by default. */
    public void begin()
    {
    }

    /**
     * Writes one snapshot: the top {@code levels} levels of book.
     *
     * @param timestampNs      the snapshot's time: the batch end's event time, or the interval boundary
     * @param localTimestampNs the receive time of the last event applied to the book
     */
    public abstract void write(BookLevels book, long timestampNs, long localTimestampNs);

    /** Ends the current line and hands it to the writer. */
    protected final void endLine()
    {
        line.append('\n');
        try
        {
            out.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshots: " + ex.getMessage(), ex);
        }
        line.setLength(0);
    }

    static String lowerCase(final String text)
    {
        return text.toLowerCase(Locale.ROOT);
    }
}
