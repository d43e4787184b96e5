package dev.tickwire.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

/** Runs the steps of an install or uninstall in order; at the first failure, says what is left to type by hand. */
final class ServiceSteps
{
    private ServiceSteps()
    {
    }

    /** 0 when every step succeeded, else 1 after naming the failed step and printing it and the ones after it. */
    static int run(final List<ServiceStep> steps, final Processes processes, final String runAs,
        final PrintWriter out, final PrintWriter err)
    {
        for (int i = 0; i < steps.size(); i++)
        {
            final ServiceStep step = steps.get(i);
            out.println("> " + step.shown());
            out.flush();
            final int code = step.removes() != null ? remove(step, err) : processes.run(step.command(), out);
            if (code != 0 && step.optional())
            {
                out.println("(exit " + code + ", not needed: going on)");
            }
            else if (code != 0)
            {
                err.println("tickwire: `" + step.shown() + "` failed" + (step.removes() != null ? "" : " (exit " + code + ")") +
                    ". To finish, run these yourself, " + runAs + ":");
                for (final ServiceStep left : steps.subList(i, steps.size()))
                {
                    err.println("  " + left.shown());
                }
                err.flush();
                return 1;
            }
        }
        return 0;
    }

    private static int remove(final ServiceStep step, final PrintWriter err)
    {
        try
        {
            Files.deleteIfExists(step.removes());
            return 0;
        }
        catch (final IOException ex)
        {
            err.println("tickwire: cannot remove " + step.removes() + ": " + ex);
            return 1;
        }
    }
}
