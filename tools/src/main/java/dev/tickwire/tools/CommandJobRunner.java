package dev.tickwire.tools;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.monitor.schedule.JobRunner;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;

/**
 * Runs a scheduled job's tickwire command in this process, as the command line would (same parsing, same exit
 * codes). Only the commands that do batch work can be scheduled; a bad option fails at start, naming the key.
 */
final class CommandJobRunner implements JobRunner
{
    static final Set<String> SCHEDULABLE = Set.of("daily", "batch", "backup", "verify", "archive", "export", "import",
        "sources", "download", "instruments", "gaps");

    @Override
    public void check(final List<String> command, final String key)
    {
        if (!SCHEDULABLE.contains(command.get(0)))
        {
            throw new ConfigException(key, "'" + command.get(0) + "' cannot be scheduled; use one of " +
                SCHEDULABLE.stream().sorted().toList());
        }
        final CommandLine cli = TickwireCli.commandLine();
        if (!cli.getSubcommands().containsKey(command.get(0)))
        {
            throw new ConfigException(key, "'" + command.get(0) + "' is not a command of this tickwire");
        }
        try
        {
            cli.parseArgs(command.toArray(new String[0]));
        }
        catch (final CommandLine.ParameterException ex)
        {
            throw new ConfigException(key, ex.getMessage());
        }
    }

    @Override
    public int run(final List<String> command)
    {
        return TickwireCli.commandLine().execute(command.toArray(new String[0]));
    }
}
