package dev.tickwire.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tickwire outputs} (or {@code sinks}): the outputs and pipelines fed from the journal. */
@Command(name = "outputs", aliases = "sinks", mixinStandardHelpOptions = true,
    description = "The outputs (sinks) and pipelines the engine feeds from its journal: Kafka, ClickHouse, JSON lines, ...",
    subcommands = OutputsStatusCommand.class)
final class OutputsCommand implements Callable<Integer>
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
