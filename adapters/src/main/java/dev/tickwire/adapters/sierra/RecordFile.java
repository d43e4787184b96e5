package dev.tickwire.adapters.sierra;

import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A file of a fixed header and fixed-size records that another program appends to: the tailing
 * mechanics shared by .scid and .depth. Opened for reading only, which on Windows shares the file
 * with Sierra Chart's writer. Only whole records are ever read; a partial trailing record waits.
 * A file that shrinks, whose header changes, or that is replaced by another file is "rewritten".
 */
final class RecordFile implements AutoCloseable
{
    /** What {@link #refresh()} found. */
    enum State
    {
        MISSING, BAD_HEADER, REWRITTEN, READY
    }

    @FunctionalInterface
    interface HeaderCheck
    {
        /** @return null if valid, else the reason */
        String check(DirectBuffer buffer, int offset, int available);
    }

    private final Path path;
    private final int headerSize;
    private final int recordSize;
    private final HeaderCheck headerCheck;
    private final ByteBuffer header;
    private final UnsafeBuffer headerView;
    private final byte[] acceptedHeader;
    private final ByteBuffer timeProbe = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
    private FileChannel channel;
    private Object fileKey;
    private long nextReplaceCheckNs;
    /** A new file took the name since the version last accepted. */
    private boolean replacedSinceAccept;
    private boolean hasAcceptedHeader;
    private long size;
    private long acceptedSize;
    private String problem;

    RecordFile(final Path path, final int headerSize, final int recordSize, final HeaderCheck headerCheck)
    {
        this.path = path;
        this.headerSize = headerSize;
        this.recordSize = recordSize;
        this.headerCheck = headerCheck;
        this.header = ByteBuffer.allocateDirect(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        this.headerView = new UnsafeBuffer(header);
        this.acceptedHeader = new byte[headerSize];
    }

    Path path()
    {
        return path;
    }

    /** Opens the file if needed and checks its header and size. Allocation-free when nothing changed. */
    State refresh()
    {
        try
        {
            if (channel == null)
            {
                if (!Files.isRegularFile(path))
                {
                    problem = Files.isDirectory(path.getParent()) ? "file not found" : "folder not found: " + path.getParent();
                    return State.MISSING;
                }
                channel = FileChannel.open(path, StandardOpenOption.READ);
                fileKey = fileKey();
            }
            else if (replacedNow())
            {
                reopen(); // read the new file, whatever state the old one was in
                replacedSinceAccept = true;
            }
            size = channel.size();
            header.clear();
            final int read = size >= headerSize ? channel.read(header, 0) : (int)Math.max(0, size);
            if (size < headerSize)
            {
                if (size == 0)
                {
                    problem = "empty file (waiting for its header)";
                    return State.BAD_HEADER;
                }
                problem = headerCheck.check(headerView, 0, (int)size);
                return State.BAD_HEADER;
            }
            problem = read < headerSize ? "short header" : headerCheck.check(headerView, 0, headerSize);
            if (problem != null)
            {
                return State.BAD_HEADER;
            }
            if (hasAcceptedHeader && (size < acceptedSize || !sameHeader() || replacedSinceAccept))
            {
                problem = replacedSinceAccept ? "file replaced" :
                    size < acceptedSize ? "file shrank from " + acceptedSize + " to " + size + " bytes" : "header changed";
                return State.REWRITTEN;
            }
            accept();
            return State.READY;
        }
        catch (final NoSuchFileException ex)
        {
            close();
            problem = "file not found";
            return State.MISSING;
        }
        catch (final IOException ex)
        {
            close();
            problem = ex.toString();
            return State.MISSING;
        }
    }

    /** Takes the file as it is now as the version being read (after a rewrite has been handled). */
    void accept()
    {
        replacedSinceAccept = false;
        header.clear();
        for (int i = 0; i < headerSize; i++)
        {
            acceptedHeader[i] = header.get(i);
        }
        hasAcceptedHeader = true;
        acceptedSize = size;
    }

    /** Whole records in the file. */
    long records()
    {
        return size < headerSize ? 0 : (size - headerSize) / recordSize;
    }

    /** Bytes of an incomplete record after the last whole one. */
    long partialBytes()
    {
        return size < headerSize ? 0 : (size - headerSize) % recordSize;
    }

    /** The reason of the last MISSING, BAD_HEADER or REWRITTEN. */
    String problem()
    {
        return problem;
    }

    long byteOffset(final long recordIndex)
    {
        return headerSize + recordIndex * recordSize;
    }

    /** Reads up to {@code max} whole records from {@code index} into {@code dst} (cleared); returns how many. */
    int read(final long index, final int max, final ByteBuffer dst) throws IOException
    {
        final long available = Math.min(max, records() - index);
        if (available <= 0)
        {
            return 0;
        }
        dst.clear().limit((int)(available * recordSize));
        long position = byteOffset(index);
        while (dst.hasRemaining())
        {
            final int n = channel.read(dst, position);
            if (n < 0)
            {
                break; // truncated under us: the next refresh sees it
            }
            position += n;
        }
        return dst.position() / recordSize;
    }

    /** The first 8 bytes (the DateTime) of a record, or Values.NONE if it cannot be read. */
    long dateTime(final long index) throws IOException
    {
        timeProbe.clear();
        if (index < 0 || index >= records() || channel.read(timeProbe, byteOffset(index)) < 8)
        {
            return Values.NONE;
        }
        return timeProbe.getLong(0);
    }

    /**
     * The index of the first record whose DateTime is after {@code scDateTime}, by binary search
     * (Sierra Chart writes records in time order).
     */
    long firstAfter(final long scDateTime) throws IOException
    {
        long lo = 0;
        long hi = records();
        while (lo < hi)
        {
            final long mid = (lo + hi) >>> 1;
            if (dateTime(mid) <= scDateTime)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public void close()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing a read-only channel: nothing to lose
            }
            channel = null;
        }
    }

    private boolean sameHeader()
    {
        for (int i = 0; i < headerSize; i++)
        {
            if (acceptedHeader[i] != header.get(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A new file under the same name (on file systems that can tell: inode on Linux and macOS).
     * Looked at once a second: reading attributes allocates, and a replaced file is rare.
     */
    private boolean replacedNow()
    {
        final long nowNs = System.nanoTime();
        if (nowNs < nextReplaceCheckNs)
        {
            return false;
        }
        nextReplaceCheckNs = nowNs + 1_000_000_000L;
        final Object now = fileKey();
        return now != null && fileKey != null && !Objects.equals(now, fileKey);
    }

    private void reopen() throws IOException
    {
        close();
        channel = FileChannel.open(path, StandardOpenOption.READ); // gone meanwhile: the caller reports MISSING
        fileKey = fileKey();
    }

    private Object fileKey()
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    @Override
    public String toString()
    {
        return path + " (" + size + " bytes: " + records() + " records + " + partialBytes() + ")";
    }
}
