package dev.tickwire.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code tickwire} command line. */
@Command(
    name = "tickwire",
    mixinStandardHelpOptions = true,
    versionProvider = TickwireCli.Version.class,
    description = "Low-latency market-data engine: adapters → Disruptor → Chronicle journal → off-heap books → Aeron.",
    subcommands = {
        RunCommand.class,
        DumpCommand.class,
        ImportCommand.class,
        DownloadCommand.class,
        InstrumentsCommand.class,
        ReplayCommand.class,
        BookCommand.class,
        TasCommand.class,
        ReferenceCommand.class,
        SnapshotsCommand.class,
        BarsCommand.class,
        SubscribeCommand.class,
        RecordingsCommand.class,
        StatCommand.class,
        StatusCommand.class,
        OutputsCommand.class,
        SourcesCommand.class,
        WatchCommand.class,
        ServeCommand.class,
        ServiceCommand.class,
        LogsCommand.class,
        KeysCommand.class,
        GapsCommand.class,
        ExportCommand.class,
        ArchiveCommand.class,
        MergeCatalogCommand.class,
        SqlCommand.class,
        VerifyCommand.class,
        BackupCommand.class,
        CheckpointsCommand.class,
        ScheduleCommand.class,
        BatchCommand.class,
        DailyCommand.class,
        CommandLine.HelpCommand.class
    })
public final class TickwireCli
{
    public static void main(final String[] args)
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine()
    {
        return commandLine(CommandLine.defaultFactory());
    }

    /** With a factory of its own, a test puts fakes (e.g. for systemctl) into the commands it creates. */
    static CommandLine commandLine(final CommandLine.IFactory factory)
    {
        final CommandLine cli = new CommandLine(new TickwireCli(), factory);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            // A bad config, a missing file, a bad time: one clear line, not a stack trace.
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ||
                ex instanceof java.io.UncheckedIOException)
            {
                commandLine.getErr().println("tickwire: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = TickwireCli.class.getPackage().getImplementationVersion();
            return new String[] {"tickwire " + (version == null ? "dev" : version)};
        }
    }
}
