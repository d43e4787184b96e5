package dev.tickwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Small files beside the journal (its catalogs) that readers in other processes must see whole: written
 * to a temp file, forced to disk, then renamed over the old one, so a reader sees the old or the new
 * content, never half of one.
 */
public final class AtomicFiles
{
    private AtomicFiles()
    {
    }

    /** Replaces {@code file} with {@code text} (UTF-8) atomically. */
    public static void write(final Path file, final String text)
    {
        Path temp = null;
        try
        {
            temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE))
            {
                final ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true); // the rename must not expose a file whose content is not on disk
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** The file's lines, or none if it does not exist. */
    public static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private static void deleteQuietly(final Path temp)
    {
        if (temp != null)
        {
            try
            {
                Files.deleteIfExists(temp);
            }
            catch (final IOException ignored)
            {
                // the original error is the one worth reporting
            }
        }
    }
}
