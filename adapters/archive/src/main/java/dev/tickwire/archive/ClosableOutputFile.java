package dev.tickwire.archive;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file parquet writes to, whose stream we can close ourselves: when a write fails (disk
 * full) parquet's writer throws from close() without closing its stream, and the open handle would
 * keep the file (and its disk) busy until the process ends.
 */
final class ClosableOutputFile implements OutputFile
{
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private OutputStream stream;

    ClosableOutputFile(final Path path)
    {
        this.path = path;
    }

    @Override
    public PositionOutputStream create(final long blockSizeHint) throws IOException
    {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(final long blockSizeHint) throws IOException
    {
        return open(StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(final StandardOpenOption mode) throws IOException
    {
        stream = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, mode,
            StandardOpenOption.WRITE), BUFFER);
        final OutputStream out = stream;
        return new PositionOutputStream()
        {
            private long position;

            @Override
            public long getPos()
            {
                return position;
            }

            @Override
            public void write(final int b) throws IOException
            {
                out.write(b);
                position++;
            }

            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException
            {
                out.write(b, off, len);
                position += len;
            }

            @Override
            public void flush() throws IOException
            {
                out.flush();
            }

            @Override
            public void close() throws IOException
            {
                out.close();
            }
        };
    }

    @Override
    public boolean supportsBlockSize()
    {
        return false;
    }

    @Override
    public long defaultBlockSize()
    {
        return -1;
    }

    @Override
    public String getPath()
    {
        return path.toString();
    }

    /** Closes the file whatever state the writer left it in (its buffered bytes may be lost: it is discarded). */
    void closeQuietly()
    {
        if (stream != null)
        {
            try
            {
                stream.close();
            }
            catch (final IOException ignored)
            {
                // the disk refused the last bytes: the file is being discarded anyway
            }
        }
    }
}
