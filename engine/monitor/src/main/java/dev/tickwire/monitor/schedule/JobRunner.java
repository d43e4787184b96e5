package dev.tickwire.monitor.schedule;

import java.util.List;

/** Runs a job's command line (the tools module runs tickwire's own commands in-process). */
public interface JobRunner
{
    /**
     * Checks a command line at config time.
     *
     * @throws dev.tickwire.engine.config.ConfigException naming {@code key} if the command cannot be scheduled
     */
    void check(List<String> command, String key);

    /** Runs it to the end on the calling thread; the exit code (0: success). */
    int run(List<String> command) throws Exception;
}
