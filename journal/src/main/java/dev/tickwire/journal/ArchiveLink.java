package dev.tickwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a journal's archive is, as its {@value Journal.Context#ARCHIVE_LINK} file says: the first
 * line is the location (a folder, or a bucket such as {@code s3://bucket/prefix}); for a bucket the
 * following {@code name=value} lines say how to reach it and where its local cache is. Never a
 * secret: credentials are named (an environment variable, an owner-only file), not written.
 */
public record ArchiveLink(String location, Map<String, String> settings)
{
    public ArchiveLink
    {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A folder archive. */
    public static ArchiveLink folder(final Path dir)
    {
        return new ArchiveLink(dir.toAbsolutePath().normalize().toString(), Map.of());
    }

    /** True for "s3://..." and other URI locations, false for a folder (a Windows drive letter is a folder). */
    public static boolean isRemote(final String location)
    {
        final int colon = location.indexOf("://");
        return colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    public boolean remote()
    {
        return isRemote(location);
    }

    /** The folder of a folder archive. */
    public Path dir()
    {
        if (remote())
        {
            throw new IllegalStateException(location + " is not a folder");
        }
        return Path.of(location);
    }

    /**
     * The link of a journal: null without one, or when it names a folder that does not exist (a
     * bucket is not checked here: its reader says when it cannot be reached).
     */
    public static ArchiveLink read(final Path journalDir)
    {
        final Path file = journalDir.resolve(Journal.Context.ARCHIVE_LINK);
        try
        {
            if (!Files.isRegularFile(file))
            {
                return null;
            }
            final String[] lines = Files.readString(file).split("\n");
            final String location = lines[0].trim();
            final Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++)
            {
                final String line = lines[i].trim();
                final int eq = line.indexOf('=');
                if (eq > 0)
                {
                    settings.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            if (location.isEmpty() || !isRemote(location) && !Files.isDirectory(Path.of(location)))
            {
                return null;
            }
            return new ArchiveLink(location, settings);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Writes the link (unchanged if it already says this). */
    public void write(final Path journalDir)
    {
        final Path file = journalDir.resolve(Journal.Context.ARCHIVE_LINK);
        final StringBuilder text = new StringBuilder(location).append('\n');
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try
        {
            if (!Files.exists(file) || !Files.readString(file).equals(text.toString()))
            {
                final Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.writeString(tmp, text);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public String toString()
    {
        return location;
    }
}
