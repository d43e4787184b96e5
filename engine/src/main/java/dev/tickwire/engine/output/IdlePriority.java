package dev.tickwire.engine.output;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Puts the calling thread in Linux's idle scheduling class (SCHED_IDLE), so it runs only on CPU no
 * other thread wants: Java's thread priorities are ignored on Linux. For bulk work beside the engine
 * (the archiver) on a 2-core machine: measured, an archiver exporting at normal priority took the
 * engine's tick → subscriber p99 from 3 to 8 ms (docs/performance.md). Falls back to nice 19; does
 * nothing where neither is available.
 */
public final class IdlePriority
{
    private static final Logger LOG = LoggerFactory.getLogger(IdlePriority.class);

    private IdlePriority()
    {
    }

    /** @return how the thread was lowered ("SCHED_IDLE", "nice 19"), or null if it could not be */
    public static String applyToCurrentThread(final String role)
    {
        final Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self))
        {
            return null;
        }
        try
        {
            final String link = Files.readSymbolicLink(self).toString(); // "<pid>/task/<tid>"
            final String tid = link.substring(link.lastIndexOf('/') + 1);
            final String how = run("chrt", "--idle", "-p", "0", tid) ? "SCHED_IDLE" : run("renice", "-n", "19", "-p", tid) ?
                "nice 19" : null;
            LOG.debug("{} thread {}: {}", role, tid, how == null ? "could not lower its priority" : how);
            return how;
        }
        catch (final Exception ex)
        {
            LOG.debug("{}: could not lower the thread's priority: {}", role, ex.toString());
            return null;
        }
    }

    private static boolean run(final String... command)
    {
        try
        {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
