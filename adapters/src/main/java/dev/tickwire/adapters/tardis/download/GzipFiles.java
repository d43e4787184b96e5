package dev.tickwire.adapters.tardis.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** What a downloaded day file holds: a whole gzip stream (the datasets API's only integrity check), empty or not. */
final class GzipFiles
{
    private static final int BUFFER = 1 << 16;

    private GzipFiles()
    {
    }

    static boolean isGzip(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * Bytes of CSV text in the file, read to the end: a gzip file cut short or corrupt throws. A plain
     * (not gzip) file counts its size: a server may decode what it sends.
     *
     * @throws IOException a gzip stream that is not whole (EOFException, ZipException)
     */
    static long contentBytes(final Path file) throws IOException
    {
        if (!isGzip(file))
        {
            return Files.size(file);
        }
        long n = 0;
        final byte[] buffer = new byte[BUFFER];
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER), BUFFER))
        {
            for (int r; (r = in.read(buffer)) >= 0; )
            {
                n += r;
            }
        }
        return n;
    }

    /** Whether the file holds no CSV text (an empty gzip: a day without data), reading only its first bytes. */
    static boolean isEmpty(final Path file) throws IOException
    {
        if (Files.size(file) == 0)
        {
            return true;
        }
        if (!isGzip(file))
        {
            return false;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file)))
        {
            return in.read() < 0;
        }
    }
}
