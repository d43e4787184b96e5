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
public final class TailerCheckpoint
{
    private final Path file;

    public TailerCheckpoint(final Path journalDir, final String name)
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
    public long load()
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

    /** The engine sequence flushed through, or {@link Values#NONE}. */
    public long sequence()
    {
        return value(file, "sequence=");
    }

    /** The journal watermark at the last flushed message, or {@link Values#NONE}. */
    public long watermarkNs()
    {
        return value(file, "watermark=");
    }

    void store(final long index, final long sequence, final long watermarkNs)
    {
        AtomicFiles.write(file, "index=" + index + "\nsequence=" + sequence + "\nwatermark=" + watermarkNs + "\n");
    }

    /**
     * The output's last failure, for {@code tickwire outputs status}: {@code <name>.error} beside the checkpoint,
     * its time and one line (no secrets: outputs never put them in exception messages).
     */
    void storeError(final String message)
    {
        AtomicFiles.write(errorFile(file), java.time.Instant.now() + " " + message.replace('\n', ' ') + "\n");
    }

    /** The last failure of the output whose checkpoint is {@code checkpointFile}: "time message", or null. */
    public static String lastError(final Path checkpointFile)
    {
        final java.util.List<String> lines = AtomicFiles.lines(errorFile(checkpointFile));
        return lines.isEmpty() ? null : lines.get(0);
    }

    private static Path errorFile(final Path checkpointFile)
    {
        final String name = checkpointFile.getFileName().toString();
        return checkpointFile.resolveSibling(name.substring(0, name.length() - ".checkpoint".length()) + ".error");
    }

    public Path file()
    {
        return file;
    }
}
