package dev.tickwire.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The archive's day manifests, oldest day first. */
final class Manifests
{
    private Manifests()
    {
    }

    static List<DayManifest> all(final ArchiveLayout layout) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        if (Files.isDirectory(layout.manifests()))
        {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(layout.manifests(), "*.json"))
            {
                s.forEach(files::add);
            }
        }
        files.sort(null);
        final List<DayManifest> out = new ArrayList<>();
        for (final Path f : files)
        {
            if (!f.getFileName().toString().startsWith("."))
            {
                out.add(DayManifest.read(f));
            }
        }
        return out;
    }
}
