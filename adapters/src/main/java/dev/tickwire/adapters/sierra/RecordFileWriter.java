package dev.tickwire.adapters.sierra;

import dev.tickwire.wire.Values;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Writes a file of a fixed header and fixed-size records the way Sierra Chart does: records collect
 * in memory and reach the file only on {@link #flush()}; {@link #flushPartial(int)} can leave a
 * partial trailing record on disk. What {@link ScidFileWriter} and {@link DepthFileWriter} share.
 * <p>
 * A new or empty file gets a header at once (missing parent directories are created). An existing
 * file must have a valid header; the writer appends after the whole records already there, cutting
 * off a partial trailing record left by an earlier writer. The pending buffer grows (doubling) if
 * the caller writes a lot between flushes; otherwise writing a record does not allocate. Test and
 * demo tool, not thread-safe.
 */
public abstract class RecordFileWriter implements Closeable
{
    private final Path file;
    private final int headerSize;
    private final int recordSize;
    private final FileChannel channel;
    private final UnsafeBuffer encoder;
    private ByteBuffer pending;
    private int pendingStart;
    private int pendingEnd;
    private long filePosition;
    private long flushedBytes;
    private long lastDateTimeOnOpen = Values.NONE;
    private boolean closed;

    RecordFileWriter(
        final Path file, final int headerSize, final int recordSize, final int initialRecords,
        final Consumer<MutableDirectBuffer> writeHeader, final RecordFile.HeaderCheck headerCheck, final String kind)
        throws IOException
    {
        this.file = file;
        this.headerSize = headerSize;
        this.recordSize = recordSize;
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        pending = ByteBuffer.allocate(initialRecords * recordSize);
        encoder = new UnsafeBuffer(pending);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try
        {
            open(writeHeader, headerCheck, kind);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private void open(final Consumer<MutableDirectBuffer> writeHeader, final RecordFile.HeaderCheck headerCheck,
        final String kind) throws IOException
    {
        final long size = channel.size();
        if (size == 0)
        {
            writeHeader.accept(encoder);
            writeFully(0, headerSize, 0);
            filePosition = headerSize;
            return;
        }
        final int headerBytes = readFully(0, (int)Math.min(size, headerSize));
        final String reason = headerCheck.check(encoder, 0, headerBytes);
        if (reason != null)
        {
            throw new IOException(file + ": not a " + kind + " file: " + reason);
        }
        final long records = (size - headerSize) / recordSize;
        filePosition = headerSize + records * recordSize;
        if (filePosition < size)
        {
            channel.truncate(filePosition);
        }
        if (records > 0 && readFully(filePosition - recordSize, recordSize) == recordSize)
        {
            lastDateTimeOnOpen = encoder.getLong(0, ByteOrder.LITTLE_ENDIAN); // both formats start with the DateTime
        }
    }

    /** DateTime of the last whole record of the file when the writer opened it (Values.NONE if none). */
    long lastDateTimeOnOpen()
    {
        return lastDateTimeOnOpen;
    }

    /** Exactly these bytes as the next record (for tests of bad records). */
    public void rawRecord(final byte[] record)
    {
        if (record.length != recordSize)
        {
            throw new IllegalArgumentException("a record is " + recordSize + " bytes, not " + record.length);
        }
        encoder.putBytes(reserve(), record);
        commit();
    }

    /** Room for one record: returns where to encode it in {@link #encoder()}; then {@link #commit()}. */
    int reserve()
    {
        ensureOpen();
        if (pendingEnd + recordSize > pending.capacity())
        {
            final int length = pendingEnd - pendingStart;
            final byte[] from = pending.array();
            if (length + recordSize <= pending.capacity())
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
        return pendingEnd;
    }

    MutableDirectBuffer encoder()
    {
        return encoder;
    }

    void commit()
    {
        pendingEnd += recordSize;
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
            throw new IllegalArgumentException("cannot flush " + bytes + " bytes, " + (pendingEnd - pendingStart) + " pending");
        }
        write(bytes);
    }

    /** Whole records this writer has flushed to the file (records already in a reopened file not counted). */
    public long recordsWritten()
    {
        return flushedBytes / recordSize;
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
