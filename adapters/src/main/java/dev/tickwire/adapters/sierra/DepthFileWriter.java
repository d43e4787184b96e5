package dev.tickwire.adapters.sierra;


import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one {@code .depth} file the way Sierra Chart does: records collect in memory and reach the file only
 * on {@link #flush()}; {@link #flushPartial(int)} can leave a partial trailing record on disk.
 * <p>
 * A new or empty file gets a header at once (missing parent directories are created). An existing file must
 * have a valid header; the writer appends after the whole records already there, cutting off a partial
 * trailing record left by an earlier writer.
 * <p>
 * Times come in as Unix epoch nanoseconds and are stored as SCDateTimeMS, µs precision (rounded down), as
 * given: depth records are not made unique. Prices are passed through untouched. The pending buffer grows
 * (doubling) if the caller writes a lot between flushes; otherwise the record methods do not allocate.
 * Test and demo tool, not thread-safe. One writer per file: rolling over at the UTC day boundary is the
 * caller's business ({@link DepthFormat#fileName}).
 */
public final class DepthFileWriter extends RecordFileWriter
{
    public DepthFileWriter(final Path file) throws IOException
    {
        super(file, DepthFormat.HEADER_SIZE, DepthFormat.RECORD_SIZE, 2048,
            b -> DepthFormat.writeHeader(b, 0), DepthFormat::checkHeader, ".depth");
    }

    /**
     * One record.
     *
     * @param command {@link DepthFormat#NO_COMMAND} … {@link DepthFormat#DELETE_ASK_LEVEL}
     * @param flags   u8, e.g. {@link DepthFormat#FLAG_END_OF_BATCH}
     * @throws IllegalArgumentException for an undefined command or a field that does not fit its type
     */
    public void record(
        final long epochNanos,
        final int command,
        final int flags,
        final int numOrders,
        final float price,
        final long quantity)
    {
        if (command < DepthFormat.NO_COMMAND || command > DepthFormat.MAX_COMMAND)
        {
            throw new IllegalArgumentException("command " + command + " is not defined (use rawRecord)");
        }
        DepthFormat.writeRecord(
            encoder(), reserve(), ScidFormat.toScDateTime(epochNanos), command, flags, numOrders, price, quantity);
        commit();
    }

    /** CLEAR_BOOK with flags, order count, price and quantity 0: the start of a full snapshot. */
    public void clearBook(final long epochNanos)
    {
        record(epochNanos, DepthFormat.CLEAR_BOOK, 0, 0, 0.0f, 0);
    }
}
