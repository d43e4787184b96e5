package dev.tickwire.tools;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The options every {@code tickwire import …} takes (a picocli mixin). */
final class ImportOptions
{
    @Option(names = "--journal", required = true, description = "Journal directory (created if missing).")
    Path journal;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Mixin
    ShardOptions sharding = new ShardOptions();

    /** This host's files of the import (all of them without --shard); a sharded import says what it takes and skips. */
    List<Path> take(final List<Path> files, final Function<String, ShardKey> keyOf)
    {
        return sharding.take(files, f -> f.getFileName().toString(), keyOf, "file(s)", System.out);
    }

    /** True, and said, when a sharded import has no file of its own: there is nothing to do, and that is success. */
    boolean nothingTaken(final List<Path> taken)
    {
        if (sharding.sharded() && taken.isEmpty())
        {
            System.out.println("nothing to import: every file is another shard's");
            return true;
        }
        return false;
    }
}
