package dev.tickwire.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tickwire sources}: the polled REST sources (Binance futures, Deribit): their status, a poll, a dry run. */
@Command(name = "sources", mixinStandardHelpOptions = true,
    description = "The polled REST sources (binance-futures-rest, deribit-rest): each stream's polls, circuit and "
        + "counts; a one-shot poll or a dry run.",
    subcommands = {SourcesStatusCommand.class, SourcesPollCommand.class})
final class SourcesCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
