package dev.tickwire.tools;

import picocli.CommandLine.Command;

/** {@code tickwire import <source> FILE...}: history into a journal. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import history files into a journal.",
    subcommands = {ImportSierraCommand.class, ImportBinanceCommand.class, ImportTardisCommand.class, ImportLobsterCommand.class})
final class ImportCommand
{
}
