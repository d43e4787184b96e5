package dev.tickwire.adapters.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The checks every importer makes of its arguments, one rule each. */
public final class ImportFiles
{
    /** Decimals a fixed-point value may have, and the largest exponent: a long holds 18 digits. */
    public static final int MAX_EXPONENT = 18;

    private ImportFiles()
    {
    }

    /** The file's size in bytes (for progress), or 0 if it vanished meanwhile (reported when it is read). */
    public static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /** Sum of {@link #size}. */
    public static long size(final List<Path> files)
    {
        long bytes = 0;
        for (final Path file : files)
        {
            bytes += size(file);
        }
        return bytes;
    }

    /**
     * Every file exists and is a regular file.
     *
     * @throws IllegalArgumentException naming the first that is not
     */
    public static void requireFiles(final List<Path> files)
    {
        for (final Path file : files)
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException(file + ": no such file");
            }
        }
    }

    /**
     * The paths with each folder replaced by the files in it (not below it) whose names end with one of
     * {@code suffixes} (case-insensitive), by name; hidden files (a download in progress is written as
     * {@code .name.tmp}) are left out. Other paths are kept as given.
     *
     * @throws IllegalArgumentException naming a folder that holds no such file
     */
    public static List<Path> expandFolders(final List<Path> paths, final String... suffixes)
    {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths)
        {
            if (!Files.isDirectory(path))
            {
                files.add(path);
                continue;
            }
            try (Stream<Path> entries = Files.list(path))
            {
                final List<Path> found = entries.filter(Files::isRegularFile).filter(f -> matches(f, suffixes)).sorted()
                    .toList();
                if (found.isEmpty())
                {
                    throw new IllegalArgumentException(
                        path + ": a folder without " + String.join(" or ", suffixes) + " files");
                }
                files.addAll(found);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot list " + path, ex);
            }
        }
        return files;
    }

    private static boolean matches(final Path file, final String... suffixes)
    {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("."))
        {
            return false;
        }
        for (final String suffix : suffixes)
        {
            if (name.endsWith(suffix))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * An exponent given on the command line: value = mantissa × 10^exponent, so -18..18.
     *
     * @throws IllegalArgumentException naming the option
     */
    public static void checkExponent(final String option, final Integer exponent)
    {
        if (exponent != null && (exponent < -MAX_EXPONENT || exponent > MAX_EXPONENT))
        {
            throw new IllegalArgumentException(option + " must be between -" + MAX_EXPONENT + " and " + MAX_EXPONENT +
                " (value = mantissa × 10^exponent, e.g. -8 for 8 decimals), got " + exponent);
        }
    }
}
