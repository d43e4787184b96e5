package dev.tickwire.tools;

import picocli.CommandLine.Command;

/** {@code tickwire instruments <vendor> …}: a vendor's instrument definitions by day, and what data is missing. */
@Command(name = "instruments", mixinStandardHelpOptions = true,
    description = "Instrument definitions by day from a vendor's metadata, kept beside a journal; what data is missing.",
    subcommands = {InstrumentsTardisCommand.class})
final class InstrumentsCommand
{
}
