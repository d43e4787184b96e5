package dev.tickwire.tools;

import dev.tickwire.engine.bars.BarSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The options {@code tickwire export} and {@code tickwire archive} share (a picocli mixin). */
final class ArchiveOptions
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--archive", defaultValue = "./tickwire-data/archive",
        description = "The archive: a directory or s3://bucket/prefix (default: ${DEFAULT-VALUE}).")
    String location;

    @Mixin
    BucketOptions bucket;

    @Option(names = "--bars", split = ",", defaultValue = "1m",
        description = "Bar specs archived as bars_<spec> (default: ${DEFAULT-VALUE}; none: no bars).")
    List<String> bars;

    /** The journal directory, checked to exist. */
    Path journal()
    {
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir + " (pass --journal DIR)");
        }
        return journalDir;
    }

    /** The bucket archive named by --archive, or null for a directory. */
    dev.tickwire.archive.BucketArchive openBucket()
    {
        return bucket.open(location, journalDir);
    }

    Path archiveDir()
    {
        return Path.of(location);
    }

    List<BarSpec> barSpecs()
    {
        return bars.equals(List.of("none")) ? List.of() : bars.stream().map(BarSpec::parse).toList();
    }
}
