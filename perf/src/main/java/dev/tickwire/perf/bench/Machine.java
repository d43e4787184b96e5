package dev.tickwire.perf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU, cores and JDK of this machine, for the report. */
final class Machine
{
    private Machine()
    {
    }

    static String describe()
    {
        return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK " +
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " +
            System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    private static String cpu()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // not Linux: the architecture below says enough
        }
        return "unknown CPU";
    }
}
