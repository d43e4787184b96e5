package dev.tickwire.tools;

import picocli.CommandLine.Command;

/** {@code tickwire download <vendor> …}: history files from a vendor's API into a local folder. */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = "Download history files from a vendor's API into a local folder (and import them).",
    subcommands = {DownloadTardisCommand.class})
final class DownloadCommand
{
}
