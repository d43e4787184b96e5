package dev.tickwire.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * Reads a log file that grows, whole lines at a time, and keeps up when it is rolled over: when the
 * path names another file (inode, or creation time where there is none) or the file shrank, the rest
 * of the old file is read, then the new one from its start. NIO channels share delete on Windows, so
 * holding the file open never stops the logger from renaming it.
 */
final class LogFollower implements AutoCloseable
{
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private FileChannel channel;
    private Object identity;
    private long position;

    private LogFollower(final Path path) throws IOException
    {
        this.path = path;
        open();
    }

    /** A follower positioned at the start of the file's last {@code lines} lines. */
    static LogFollower lastLines(final Path path, final int lines) throws IOException
    {
        final LogFollower follower = new LogFollower(path);
        follower.position = startOfLastLines(follower.channel, lines);
        return follower;
    }

    /** Hands each complete line written since the last call to {@code sink}; false when there was none. */
    boolean poll(final Consumer<String> sink) throws IOException
    {
        if (readNew(sink))
        {
            return true;
        }
        if (!rolled())
        {
            return false;
        }
        readNew(sink); // what was written to the old file just before it was renamed
        flush(sink);
        channel.close();
        open();
        position = 0;
        readNew(sink);
        return true;
    }

    /** Hands over an unfinished last line (no newline yet): the end of a one-off tail. */
    void flush(final Consumer<String> sink)
    {
        if (partial.size() > 0)
        {
            sink.accept(decode(partial.toByteArray(), partial.size()));
            partial.reset();
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }

    private void open() throws IOException
    {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        identity = identity(Files.readAttributes(path, BasicFileAttributes.class));
    }

    private boolean rolled() throws IOException
    {
        final BasicFileAttributes now;
        try
        {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        }
        catch (final NoSuchFileException ex)
        {
            return false; // renamed, the new file not created yet: keep the old one until it is
        }
        return !identity(now).equals(identity) || now.size() < position;
    }

    private static Object identity(final BasicFileAttributes attributes)
    {
        return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
    }

    private boolean readNew(final Consumer<String> sink) throws IOException
    {
        boolean any = false;
        int read;
        while ((read = channel.read(buffer.clear(), position)) > 0)
        {
            position += read;
            final byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (bytes[i] == '\n')
                {
                    partial.write(bytes, start, i - start);
                    sink.accept(decode(partial.toByteArray(), partial.size()));
                    partial.reset();
                    start = i + 1;
                    any = true;
                }
            }
            partial.write(bytes, start, read - start);
        }
        return any;
    }

    private static String decode(final byte[] line, final int length)
    {
        final int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    /** Where the last {@code lines} lines start; a final newline ends the last line, it starts none. */
    static long startOfLastLines(final FileChannel channel, final int lines) throws IOException
    {
        final long size = channel.size();
        if (lines == 0)
        {
            return size;
        }
        final ByteBuffer chunk = ByteBuffer.allocate(8192);
        int newlines = 0;
        long from = size;
        while (from > 0)
        {
            final int length = (int)Math.min(chunk.capacity(), from);
            from -= length;
            chunk.clear().limit(length);
            while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) > 0)
            {
                // read the whole chunk
            }
            for (int i = length - 1; i >= 0; i--)
            {
                if (chunk.get(i) == '\n' && from + i != size - 1 && ++newlines == lines)
                {
                    return from + i + 1;
                }
            }
        }
        return 0;
    }
}
