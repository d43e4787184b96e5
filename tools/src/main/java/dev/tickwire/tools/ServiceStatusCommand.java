package dev.tickwire.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire service status}: the manager's own report, and its exit code. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the service's state: `systemctl status <name>.service` (exit 0 running, 3 stopped, 4 not "
        + "installed) or `schtasks /Query /TN <name> /V /FO LIST`; their output and exit code are passed through.")
final class ServiceStatusCommand implements Callable<Integer>
{
    @Mixin
    ServiceOptions options;

    @ParentCommand
    ServiceCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final ServiceManager manager = options.manager();
        final List<String> command = manager.status(manager.serviceName(options.name()));
        if (options.dryRun)
        {
            spec.commandLine().getOut().println(ServiceStep.run(command.toArray(String[]::new)).shown());
            return 0;
        }
        return parent.processes.run(command, spec.commandLine().getOut());
    }
}
