package dev.tickwire.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tickwire service}: run the engine as a systemd service (Linux) or a scheduled task (Windows). */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = {
        "Run the engine as a service: a systemd unit on Linux (started at boot, restarted 5 s after it stops), a Task "
            + "Scheduler task on Windows (started when you log on, beside Sierra Chart; restarted a minute after it "
            + "fails). It runs `tickwire run --config FILE --quiet`; its logs go to <dataDir>/logs (`tickwire logs -f`)."},
    subcommands = {ServiceInstallCommand.class, ServiceUninstallCommand.class, ServiceStatusCommand.class})
final class ServiceCommand implements Callable<Integer>
{
    /** Runs systemctl and schtasks; tests pass a fake. */
    final Processes processes;

    @Spec
    CommandSpec spec;

    ServiceCommand()
    {
        this(Processes.SYSTEM);
    }

    ServiceCommand(final Processes processes)
    {
        this.processes = processes;
    }

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
