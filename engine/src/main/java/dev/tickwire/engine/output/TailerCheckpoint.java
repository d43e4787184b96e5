package dev.tickwire.engine.output;

import dev.tickwire.journal.AtomicFiles;
import dev.tickwire.wire.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        final List<String> lines = AtomicFiles.lines(file);
        for (final String line : lines)
        {
            if (line.startsWith("index="))
            {
                return Long.parseLong(line.substring("index=".length()).trim());
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
