package dev.tickwire.engine.output;

import dev.tickwire.journal.AtomicFiles;
import dev.tickwire.wire.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An output's durable place in the journal: the index of the last message its sink flushed, in
 * {@code <journal>/outputs/<name>.checkpoint}, replaced atomically, so a crash leaves the old or the new
 * value, never half of one.
 */
final class TailerCheckpoint
{
    private final Path file;

    TailerCheckpoint(final Path journalDir, final String name)
    {
        final Path dir = journalDir.resolve("outputs");
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + dir, ex);
        }
        this.file = dir.resolve(name + ".checkpoint");
    }

    /** The last flushed index, or {@link Values#NONE}}. */
    long load()
    {
        return value(file, "index=");
    }

    /**
     * The lowest engine sequence every output of a journal has flushed, or {@link Long#MAX_VALUE}
     * when it has no output: what retention may delete up to. An output that flushed nothing yet
     * holds everything back.
     */
    static long lowestFlushedSequence(final Path journalDir) throws IOException
    {
        final Path dir = journalDir.resolve("outputs");
        long lowest = Long.MAX_VALUE;
        if (Files.isDirectory(dir))
        {
            try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.checkpoint"))
            {
                for (final Path f : files)
                {
                    final long sequence = value(f, "sequence=");
                    lowest = Math.min(lowest, sequence == Values.NONE ? -1 : sequence);
                }
            }
        }
        return lowest;
    }

    private static long value(final Path file, final String key)
    {
        for (final String line : AtomicFiles.lines(file))
        {
            if (line.startsWith(key))
            {
                return Long.parseLong(line.substring(key.length()).trim());
            }
        }
        return Values.NONE;
    }

    void store(final long index, final long sequence)
    {
        AtomicFiles.write(file, "index=" + index + "\nsequence=" + sequence + "\n");
    }

    Path file()
    {
        return file;
    }
}
