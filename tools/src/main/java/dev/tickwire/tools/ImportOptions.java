package dev.tickwire.tools;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every {@code tickwire import …} takes (a picocli mixin). */
final class ImportOptions
{
    @Option(names = "--journal", required = true, description = "Journal directory (created if missing).")
    Path journal;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;
}
