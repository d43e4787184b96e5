package dev.tickwire.tools;

import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickwire logs}: the end of the engine's log file, and what it writes next with {@code -f}. */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print the last lines of <dataDir>/logs/tickwire.log, the log file `run` writes (also when it runs "
        + "as a service); with -f, keep printing new lines, across the daily and 50 MB roll-overs, until Ctrl-C.")
final class LogsCommand implements Callable<Integer>
{
    /** How often -f looks for new lines: a person is reading. */
    static final long POLL_MS = 200;

    @ArgGroup(exclusive = true)
    Where where;

    static final class Where
    {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The engine's dataDir (default: ./tickwire-data).")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE", description = "Take the dataDir from this config.")
        Path config;
    }

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written, until Ctrl-C.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
        description = "How many of the last lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--log", paramLabel = "NAME", defaultValue = FileLogs.ENGINE,
        description = "Which log: " + FileLogs.ENGINE + " (the engine, default) or " + FileLogs.SERVE + " (`tickwire serve`).")
    String log;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        if (lines < 0)
        {
            throw new IllegalArgumentException("--lines must not be negative, got " + lines);
        }
        final Path file = FileLogs.file(logsDir(), log);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("no log file at " + file.toAbsolutePath().normalize() +
                " (it is written by `tickwire run`; pass --data-dir or --config if the engine's dataDir is elsewhere)");
        }
        final PrintWriter out = spec.commandLine().getOut();
        try (LogFollower follower = LogFollower.lastLines(file, lines))
        {
            follower.poll(out::println);
            if (!follow)
            {
                follower.flush(out::println);
            }
            out.flush();
            while (follow)
            {
                if (!follower.poll(out::println))
                {
                    Thread.sleep(POLL_MS);
                }
                out.flush();
            }
        }
        catch (final InterruptedException | ClosedByInterruptException ex)
        {
            Thread.currentThread().interrupt(); // a stop request from an embedding thread: end like Ctrl-C
        }
        out.flush();
        return 0;
    }

    private Path logsDir()
    {
        if (where != null && where.config != null)
        {
            return ConfigLoader.load(where.config).logsPath();
        }
        if (where != null && where.dataDir != null)
        {
            return where.dataDir.resolve("logs");
        }
        return new TickwireConfig().logsPath();
    }
}
