package dev.tickwire.adapters.sierra;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
public final class DepthFileWriter implements Closeable
{
    private static final int INITIAL_CAPACITY = 2048 * DepthFormat.RECORD_SIZE;

    private final Path file;
    private final FileChannel channel;
    private final UnsafeBuffer encoder;
    private ByteBuffer pending;
    private int pendingStart;
    private int pendingEnd;
    private long filePosition;
    private long flushedBytes;
    private boolean closed;

    public DepthFileWriter(final Path file) throws IOException
    {
        this.file = file;
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        pending = ByteBuffer.allocate(INITIAL_CAPACITY);
        encoder = new UnsafeBuffer(pending);
        channel = FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try
        {
            open();
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private void open() throws IOException
    {
        final long size = channel.size();
        if (size == 0)
        {
            DepthFormat.writeHeader(encoder, 0);
            writeFully(0, DepthFormat.HEADER_SIZE, 0);
            filePosition = DepthFormat.HEADER_SIZE;
            return;
        }
        final int headerBytes = readFully(0, (int)Math.min(size, DepthFormat.HEADER_SIZE));
        final String reason = DepthFormat.checkHeader(encoder, 0, headerBytes);
        if (reason != null)
        {
            throw new IOException(file + ": not a .depth file: " + reason);
        }
        final long records = (size - DepthFormat.HEADER_SIZE) / DepthFormat.RECORD_SIZE;
        filePosition = DepthFormat.HEADER_SIZE + records * DepthFormat.RECORD_SIZE;
        if (filePosition < size)
        {
            channel.truncate(filePosition);
        }
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
        ensureWritable();
        DepthFormat.writeRecord(
            encoder, pendingEnd, ScidFormat.toScDateTime(epochNanos), command, flags, numOrders, price, quantity);
        pendingEnd += DepthFormat.RECORD_SIZE;
    }

    /** CLEAR_BOOK with flags, order count, price and quantity 0: the start of a full snapshot. */
    public void clearBook(final long epochNanos)
    {
        record(epochNanos, DepthFormat.CLEAR_BOOK, 0, 0, 0.0f, 0);
    }

    /** Exactly these 24 bytes as the next record (for tests of bad records). */
    public void rawRecord(final byte[] twentyFourBytes)
    {
        if (twentyFourBytes.length != DepthFormat.RECORD_SIZE)
        {
            throw new IllegalArgumentException(
                "a record is " + DepthFormat.RECORD_SIZE + " bytes, not " + twentyFourBytes.length);
        }
        ensureWritable();
        encoder.putBytes(pendingEnd, twentyFourBytes);
        pendingEnd += DepthFormat.RECORD_SIZE;
    }

    /** Writes all pending bytes to the file (no fsync: like Sierra, readers see the page cache). */
    public void flush() throws IOException
    {
        ensureOpen();
        write(pendingEnd - pendingStart);
    }

    /** Writes only the first {@code bytes} of the pending data, leaving the rest pending. */
    public void flushPartial(final int bytes) throws IOException
    {
        ensureOpen();
        if (bytes < 0 || bytes > pendingEnd - pendingStart)
        {
            throw new IllegalArgumentException(
                "cannot flush " + bytes + " bytes, " + (pendingEnd - pendingStart) + " pending");
        }
        write(bytes);
    }

    /** Whole records this writer has flushed to the file (records already in a reopened file not counted). */
    public long recordsWritten()
    {
        return flushedBytes / DepthFormat.RECORD_SIZE;
    }

    /** Bytes written by the record methods and not yet flushed. */
    public int pendingBytes()
    {
        return pendingEnd - pendingStart;
    }

    public Path file()
    {
        return file;
    }

    /** Flushes, then closes the file. Idempotent. */
    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            write(pendingEnd - pendingStart);
        }
        finally
        {
            channel.close();
        }
    }

    // ---------------------------------------------------------------- internals

    /** Room for one more record at {@code pendingEnd}: compacts, then doubles, if needed. */
    private void ensureWritable()
    {
        ensureOpen();
        if (pendingEnd + DepthFormat.RECORD_SIZE <= pending.capacity())
        {
            return;
        }
        final int length = pendingEnd - pendingStart;
        final byte[] from = pending.array();
        if (length + DepthFormat.RECORD_SIZE <= pending.capacity())
        {
            System.arraycopy(from, pendingStart, from, 0, length);
        }
        else
        {
            final ByteBuffer grown = ByteBuffer.allocate(pending.capacity() * 2);
            System.arraycopy(from, pendingStart, grown.array(), 0, length);
            pending = grown;
            encoder.wrap(pending);
        }
        pendingStart = 0;
        pendingEnd = length;
    }

    private void write(final int bytes) throws IOException
    {
        writeFully(pendingStart, bytes, filePosition);
        filePosition += bytes;
        flushedBytes += bytes;
        pendingStart += bytes;
        if (pendingStart == pendingEnd)
        {
            pendingStart = 0;
            pendingEnd = 0;
        }
    }

    private void writeFully(final int from, final int bytes, final long position) throws IOException
    {
        pending.limit(from + bytes).position(from);
        long at = position;
        while (pending.hasRemaining())
        {
            at += channel.write(pending, at);
        }
        pending.clear();
    }

    /** Reads up to {@code bytes} from {@code position} into the start of the (empty) pending buffer. */
    private int readFully(final long position, final int bytes) throws IOException
    {
        pending.limit(bytes).position(0);
        long at = position;
        while (pending.hasRemaining())
        {
            final int read = channel.read(pending, at);
            if (read < 0)
            {
                break;
            }
            at += read;
        }
        final int total = pending.position();
        pending.clear();
        return total;
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(file + ": writer is closed");
        }
    }
}
