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
 * Writes a {@code .scid} file the way Sierra Chart does: records collect in memory and reach the file only on
 * {@link #flush()} (Sierra flushes every few seconds, "Intraday File Flush Time"), so a concurrent reader sees
 * the file grow in steps, and {@link #flushPartial(int)} can leave a partial trailing record on disk.
 * <p>
 * A new or empty file gets a header at once. An existing file must have a valid header; the writer appends
 * after the whole records already there, cutting off a partial trailing record left by an earlier writer, and
 * continues the unique-timestamp counter from the last whole record.
 * <p>
 * Times come in as Unix epoch nanoseconds and are stored as SCDateTimeMS, µs precision (rounded down).
 * {@link #trade} and {@link #quote} keep DateTime strictly increasing with {@link #uniqueMicros}. Prices are
 * passed through untouched. The pending buffer grows (doubling) if the caller writes a lot between flushes;
 * otherwise the record methods do not allocate. Test and demo tool, not thread-safe.
 */
public final class ScidFileWriter implements Closeable
{
    private static final int INITIAL_CAPACITY = 1024 * ScidFormat.RECORD_SIZE;

    private final Path file;
    private final FileChannel channel;
    private final UnsafeBuffer encoder;
    private ByteBuffer pending;
    private int pendingStart;
    private int pendingEnd;
    private long filePosition;
    private long flushedBytes;
    private long lastDateTime = Long.MIN_VALUE;
    private boolean closed;

    public ScidFileWriter(final Path file) throws IOException
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
            ScidFormat.writeHeader(encoder, 0);
            writeFully(0, ScidFormat.HEADER_SIZE, 0);
            filePosition = ScidFormat.HEADER_SIZE;
            return;
        }
        final int headerBytes = readFully(0, (int)Math.min(size, ScidFormat.HEADER_SIZE));
        final String reason = ScidFormat.checkHeader(encoder, 0, headerBytes);
        if (reason != null)
        {
            throw new IOException(file + ": not a .scid file: " + reason);
        }
        final long records = (size - ScidFormat.HEADER_SIZE) / ScidFormat.RECORD_SIZE;
        filePosition = ScidFormat.HEADER_SIZE + records * ScidFormat.RECORD_SIZE;
        if (filePosition < size)
        {
            channel.truncate(filePosition);
        }
        if (records > 0)
        {
            final long lastRecord = filePosition - ScidFormat.RECORD_SIZE;
            if (readFully(lastRecord, ScidFormat.RECORD_SIZE) == ScidFormat.RECORD_SIZE)
            {
                lastDateTime = ScidFormat.dateTime(encoder, 0);
            }
        }
    }

    /** The DateTime for a tick after one stamped {@code previousScDateTimeUs}: never equal, never earlier. */
    public static long uniqueMicros(final long previousScDateTimeUs, final long scDateTimeUs)
    {
        return Math.max(scDateTimeUs, previousScDateTimeUs + 1);
    }

    /**
     * A trade: Open = {@code openMarker}, High = ask, Low = bid, Close = price, NumTrades 1,
     * TotalVolume = volume, and the volume again as AskVolume (aggressor +1, buy), BidVolume (-1, sell) or
     * neither (0, unknown).
     *
     * @param openMarker {@link ScidFormat#SINGLE_TRADE}, {@link ScidFormat#FIRST_SUB_TRADE} or
     *                   {@link ScidFormat#LAST_SUB_TRADE}
     * @throws IllegalArgumentException for another marker or aggressor, or a volume outside [1, 2^32 − 1]
     *                                  (a record with TotalVolume 0 is a bid/ask update: use {@link #quote})
     */
    public void trade(
        final long epochNanos,
        final float price,
        final float bid,
        final float ask,
        final long volume,
        final int aggressor,
        final float openMarker)
    {
        if (!ScidFormat.isTickMarker(openMarker))
        {
            throw new IllegalArgumentException("open " + openMarker + " is not a tick marker");
        }
        if (volume <= 0)
        {
            throw new IllegalArgumentException("volume " + volume + " must be > 0 (use quote() for bid/ask)");
        }
        final long bidVolume;
        final long askVolume;
        switch (aggressor)
        {
            case 1:
                bidVolume = 0;
                askVolume = volume;
                break;
            case -1:
                bidVolume = volume;
                askVolume = 0;
                break;
            case 0:
                bidVolume = 0;
                askVolume = 0;
                break;
            default:
                throw new IllegalArgumentException("aggressor " + aggressor + " is not +1, -1 or 0");
        }
        final long dateTime = uniqueMicros(lastDateTime, ScidFormat.toScDateTime(epochNanos));
        append(dateTime, openMarker, ask, bid, price, 1, volume, bidVolume, askVolume);
        lastDateTime = dateTime;
    }

    /** A bid/ask-only update: Open 0, High = ask, Low = bid, Close 0, NumTrades 1, TotalVolume 0, sizes as volumes. */
    public void quote(final long epochNanos, final float bid, final float ask, final long bidSize, final long askSize)
    {
        final long dateTime = uniqueMicros(lastDateTime, ScidFormat.toScDateTime(epochNanos));
        append(dateTime, ScidFormat.SINGLE_TRADE, ask, bid, 0.0f, 1, 0, bidSize, askSize);
        lastDateTime = dateTime;
    }

    /**
     * An aggregated bar (downloaded history), stamped exactly as given (bars are not made unique). Bid and ask
     * volumes are 0. {@code open} should be an ordinary price, or {@code numTrades > 1}, for a reader to see a bar.
     */
    public void bar(
        final long epochNanos,
        final float open,
        final float high,
        final float low,
        final float close,
        final long numTrades,
        final long volume)
    {
        final long dateTime = ScidFormat.toScDateTime(epochNanos);
        append(dateTime, open, high, low, close, numTrades, volume, 0, 0);
        lastDateTime = Math.max(lastDateTime, dateTime);
    }

    /** Exactly these 40 bytes as the next record (for tests of bad records); the timestamp counter ignores them. */
    public void rawRecord(final byte[] fortyBytes)
    {
        if (fortyBytes.length != ScidFormat.RECORD_SIZE)
        {
            throw new IllegalArgumentException(
                "a record is " + ScidFormat.RECORD_SIZE + " bytes, not " + fortyBytes.length);
        }
        ensureWritable();
        encoder.putBytes(pendingEnd, fortyBytes);
        pendingEnd += ScidFormat.RECORD_SIZE;
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
        return flushedBytes / ScidFormat.RECORD_SIZE;
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

    private void append(
        final long dateTime,
        final float open,
        final float high,
        final float low,
        final float close,
        final long numTrades,
        final long totalVolume,
        final long bidVolume,
        final long askVolume)
    {
        ensureWritable();
        ScidFormat.writeRecord(
            encoder, pendingEnd, dateTime, open, high, low, close, numTrades, totalVolume, bidVolume, askVolume);
        pendingEnd += ScidFormat.RECORD_SIZE;
    }

    /** Room for one more record at {@code pendingEnd}: compacts, then doubles, if needed. */
    private void ensureWritable()
    {
        ensureOpen();
        if (pendingEnd + ScidFormat.RECORD_SIZE <= pending.capacity())
        {
            return;
        }
        final int length = pendingEnd - pendingStart;
        final byte[] from = pending.array();
        if (length + ScidFormat.RECORD_SIZE <= pending.capacity())
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
