package dev.tickwire.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.util.List;

/** Runs an external command (systemctl, schtasks) with its output copied to ours; tests put a fake in its place. */
@FunctionalInterface
interface Processes
{
    /** Exit code of a command that could not be started at all (as a shell reports it). */
    int NOT_FOUND = 127;

    /** Runs {@code command} to its end; its stdout and stderr go to {@code out}; returns its exit code. */
    int run(List<String> command, PrintWriter out);

    Processes SYSTEM = (command, out) ->
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            out.println("cannot run " + command.get(0) + ": " + ex.getMessage());
            out.flush();
            return NOT_FOUND;
        }
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream())))
        {
            String line;
            while ((line = output.readLine()) != null)
            {
                out.println(line);
            }
        }
        catch (final IOException ex)
        {
            out.println(command.get(0) + ": " + ex.getMessage());
        }
        out.flush();
        try
        {
            return process.waitFor();
        }
        catch (final InterruptedException ex)
        {
            process.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    };
}
