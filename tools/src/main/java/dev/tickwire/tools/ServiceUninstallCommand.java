package dev.tickwire.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire service uninstall}: stop the service, unregister it, remove its file. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = "Stop and remove the service: `systemctl disable --now`, the unit file, `systemctl daemon-reload`; "
        + "on Windows `schtasks /End` and `/Delete`, and the task's XML file. The journal and the logs stay.")
final class ServiceUninstallCommand implements Callable<Integer>
{
    @Mixin
    ServiceOptions options;

    @Option(names = "--unit-dir", paramLabel = "DIR",
        description = "Where the unit file (task XML) is: default /etc/systemd/system on Linux, the installation on Windows.")
    Path unitDir;

    @ParentCommand
    ServiceCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final ServiceManager manager = options.manager();
        final Path file = manager.file(unitDir != null ? unitDir.toAbsolutePath().normalize() : manager.defaultDir(), options.name());
        final List<ServiceStep> steps = manager.uninstall(manager.serviceName(options.name()), file);
        final PrintWriter out = spec.commandLine().getOut();
        if (options.dryRun)
        {
            out.println("dry run: would run");
            steps.forEach(step -> out.println("  " + step.shown()));
            return 0;
        }
        final int code = ServiceSteps.run(steps, parent.processes, manager.runAs(), out, spec.commandLine().getErr());
        if (code == 0)
        {
            out.println("removed " + manager.serviceName(options.name()));
        }
        return code;
    }
}
