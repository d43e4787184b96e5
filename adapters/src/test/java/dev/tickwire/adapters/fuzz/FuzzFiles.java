package dev.tickwire.adapters.fuzz;

import dev.tickwire.journal.InstrumentCatalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a fuzzer's bytes into an input file the way broken files happen: byte 0 says whether the body
 * is gzip-compressed (bit 0) and whether the file is cut short (bit 1, at the fraction of its length
 * given by bytes 1-2); the rest is the file's text. Each input gets a fresh directory (its own
 * instrument catalog) under one temp dir per JVM.
 */
final class FuzzFiles
{
    private static final Path ROOT;
    private static final AtomicLong RUN = new AtomicLong();

    static
    {
        try
        {
            final Path shm = Path.of("/dev/shm");
            ROOT = Files.createTempDirectory(Files.isDirectory(shm) && Files.isWritable(shm) ? shm :
                Path.of(System.getProperty("java.io.tmpdir")), "tickwire-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(ROOT)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    final Path dir;

    private FuzzFiles(final Path dir)
    {
        this.dir = dir;
    }

    /** A fresh directory for one input (the previous one is removed). */
    static FuzzFiles next()
    {
        final long n = RUN.incrementAndGet();
        delete(ROOT.resolve("run" + (n - 1)));
        try
        {
            return new FuzzFiles(Files.createDirectories(ROOT.resolve("run" + n)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    InstrumentCatalog catalog()
    {
        return InstrumentCatalog.open(dir.resolve("journal"));
    }

    /** Writes the input as {@code name}: mode byte, optional cut fraction, then the body. */
    Path write(final String name, final byte[] input)
    {
        if (input.length == 0)
        {
            return write(name, new byte[0], false, -1);
        }
        final int mode = input[0];
        final boolean gzip = (mode & 1) != 0;
        final boolean cut = (mode & 2) != 0 && input.length >= 3;
        final int fraction = cut ? ((input[1] & 0xff) << 8 | (input[2] & 0xff)) : -1;
        final byte[] body = Arrays.copyOfRange(input, cut ? 3 : 1, input.length);
        return write(name, body, gzip, fraction);
    }

    /** Writes {@code body}, gzip-compressed if asked, cut at {@code fraction}/65536 of its length if ≥ 0. */
    Path write(final String name, final byte[] body, final boolean gzip, final int fraction)
    {
        try
        {
            byte[] bytes = body;
            if (gzip)
            {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream z = new GZIPOutputStream(out))
                {
                    z.write(body);
                }
                bytes = out.toByteArray();
            }
            if (fraction >= 0)
            {
                bytes = Arrays.copyOf(bytes, (int)((long)bytes.length * fraction / 65536));
            }
            return Files.write(dir.resolve(name), bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void delete(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(path))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
