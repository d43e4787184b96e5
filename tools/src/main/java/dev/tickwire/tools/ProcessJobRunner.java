package dev.tickwire.tools;

import dev.tickwire.monitor.schedule.JobRunner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tickwire command in a child JVM of the same build (same java, flags and classpath), its output in a log
 * file of its own: parallel jobs keep their output apart, and one job's crash or memory cannot take the others down.
 */
final class ProcessJobRunner implements JobRunner
{
    private final CommandJobRunner checks = new CommandJobRunner();
    private final Path logFile;
    private final long timeoutMs;

    /**
     * @param logFile   where the job's stdout and stderr go (appended: a retry follows the attempt before)
     * @param timeoutMs a run still going after this is killed (0: no limit)
     */
    ProcessJobRunner(final Path logFile, final long timeoutMs)
    {
        this.logFile = logFile;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void check(final List<String> command, final String key)
    {
        checks.check(command, key);
    }

    /** @return the child's exit code; 124 if it timed out (as timeout(1) does) */
    @Override
    public int run(final List<String> command) throws IOException, InterruptedException
    {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        final Process process = new ProcessBuilder(commandLine(command)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try
        {
            if (timeoutMs > 0 && !process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor();
                Files.writeString(logFile, "tickwire batch: killed after " + timeoutMs / 1000 + " s (timeout)\n",
                    java.nio.file.StandardOpenOption.APPEND);
                return 124;
            }
            return process.waitFor();
        }
        finally
        {
            process.destroyForcibly(); // an interrupted batch leaves no job behind
        }
    }

    /** java, this JVM's flags (the add-opens Chronicle needs), its classpath, the CLI and the command. */
    static List<String> commandLine(final List<String> command)
    {
        final List<String> line = new ArrayList<>();
        line.add(JarLaunch.java(false).toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("-XX:") && !arg.contains("Debug"))
            {
                line.add(arg);
            }
        }
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(TickwireCli.class.getName());
        line.addAll(command);
        return line;
    }
}
