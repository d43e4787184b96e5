package dev.tickwire.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An archive folder as an {@link ObjectStore}. A put copies under the hidden temporary name the
 * archive writer uses, checks the copy's SHA-256, forces it to disk and renames it into place, so a
 * reader (or a kill) never meets half a file; hidden files are not objects.
 */
public final class LocalObjectStore implements ObjectStore
{
    private final Path root;

    public LocalObjectStore(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String location()
    {
        return root.toString();
    }

    @Override
    public Path localFile(final String key)
    {
        final Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root))
        {
            throw new ArchiveException(location() + ": key " + key + " leaves the archive");
        }
        return file;
    }

    @Override
    public List<Entry> list(final String prefix) throws IOException
    {
        final List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return out;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
            {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
            {
                final String key = root.relativize(file).toString().replace('\\', '/');
                if (attrs.isRegularFile() && !hidden(file) && key.startsWith(prefix))
                {
                    out.add(new Entry(key, attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(java.util.Comparator.comparing(Entry::key));
        return out;
    }

    private static boolean hidden(final Path p)
    {
        return p.getFileName().toString().startsWith(".");
    }

    @Override
    public void put(final Path file, final String key, final String sha256) throws IOException
    {
        final Path target = localFile(key);
        Files.createDirectories(target.getParent());
        final Path tmp = ArchiveLayout.temporary(target);
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        final String sum = ArchiveExport.sha256(tmp);
        if (sha256 != null && !sum.equals(sha256))
        {
            Files.deleteIfExists(tmp);
            throw new ArchiveException(location() + ": " + key + " arrived with checksum " + sum + ", expected " +
                sha256);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE))
        {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void get(final String key, final Path file) throws IOException
    {
        final Path source = localFile(key);
        if (!Files.isRegularFile(source))
        {
            throw new NoSuchFileException(source.toString());
        }
        if (file.getParent() != null)
        {
            Files.createDirectories(file.getParent());
        }
        final Path tmp = ArchiveLayout.temporary(file);
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String sha256(final String key) throws IOException
    {
        final Path file = localFile(key);
        return Files.isRegularFile(file) ? ArchiveExport.sha256(file) : null;
    }

    @Override
    public boolean delete(final String key) throws IOException
    {
        return Files.deleteIfExists(localFile(key));
    }

    /** A folder's unfinished puts are its hidden {@code .<name>.tmp} files. */
    @Override
    public int abortUploads(final Instant before) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            return 0;
        }
        final int[] removed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
            {
                final String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") &&
                    attrs.lastModifiedTime().toInstant().isBefore(before))
                {
                    Files.deleteIfExists(file);
                    removed[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return removed[0];
    }

    @Override
    public void close()
    {
    }
}
