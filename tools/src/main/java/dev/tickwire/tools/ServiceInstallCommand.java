package dev.tickwire.tools;

import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire service install}: write the unit (task) that runs the engine with a config, then register and start it. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {
        "Install the engine as a service running `tickwire run --config FILE --quiet` with this jar and this java.",
        "Linux: writes /etc/systemd/system/<name>.service (Restart=always) and runs `systemctl daemon-reload` and "
            + "`systemctl enable --now <name>.service` (as root: sudo).",
        "Windows: writes <name>.xml (a task started at log on, restarted on failure) and runs "
            + "`schtasks /Create /TN <name> /XML <file> /F` and `schtasks /Run /TN <name>`.",
        "The config is read and checked first; nothing is written when it has an error."})
final class ServiceInstallCommand implements Callable<Integer>
{
    @Mixin
    ServiceOptions options;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The engine's YAML config.")
    Path config;

    @Option(names = "--unit-dir", paramLabel = "DIR",
        description = "Where to write the unit file (task XML): default /etc/systemd/system on Linux, the installation on Windows.")
    Path unitDir;

    @Option(names = "--user", paramLabel = "USER", description = "Who the engine runs as (default: you; under sudo, the user who ran sudo).")
    String user;

    @Option(names = "--env-file", paramLabel = "FILE",
        description = "Linux: a root-only file of KEY=VALUE lines (secrets) the service gets as its environment.")
    Path envFile;

    @Option(names = "--working-dir", paramLabel = "DIR",
        description = "The service's working directory, which relative paths in the config start from "
            + "(default: the installation, where ./tickwire is).")
    Path workingDir;

    @Option(names = "--jar", paramLabel = "FILE", description = "The runnable jar (default: this one, tools/target/tickwire.jar).")
    Path jar;

    @ParentCommand
    ServiceCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final ServiceManager manager = options.manager();
        // load() checks every key (conclude()): a bad config fails here, naming the key, before anything is written
        final TickwireConfig loaded = ConfigLoader.load(config);
        final ServiceDefinition service = define(manager);
        final Path file = manager.file(unitDir != null ? unitDir.toAbsolutePath().normalize() : manager.defaultDir(), options.name());
        final String text = manager.render(service);
        final List<ServiceStep> steps = manager.install(service.name(), file);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final boolean jarBuilt = Files.isRegularFile(service.jar());
        if (options.dryRun)
        {
            // the file alone on stdout, so `--dry-run > tickwire.service` is the unit
            out.print(text);
            out.flush();
            err.println("dry run: would write " + file + " and run");
            steps.forEach(step -> err.println("  " + step.shown()));
            if (!jarBuilt)
            {
                err.println("note: no runnable jar at " + service.jar() + " yet: build it first (./tickwire --version builds it)");
            }
            err.flush();
            return 0;
        }
        if (!jarBuilt)
        {
            throw new IllegalStateException("no runnable jar at " + service.jar() + ": build it first (./tickwire --version builds it)");
        }
        write(file, manager.encode(text));
        out.println("wrote " + file);
        final int code = ServiceSteps.run(steps, parent.processes, manager.runAs(), out, err);
        if (code == 0)
        {
            final Path logs = service.workingDir().resolve(loaded.logsPath()).normalize();
            out.println("installed " + service.name() + "; its logs: " + FileLogs.file(logs, FileLogs.ENGINE) +
                " (tickwire logs -f --data-dir " + service.workingDir().resolve(loaded.dataPath()).normalize() + ")");
        }
        return code;
    }

    private ServiceDefinition define(final ServiceManager manager)
    {
        final Path runnable = (jar != null ? jar : JarLaunch.runningJar()).toAbsolutePath().normalize();
        final Path env = envFile == null ? null : envFile.toAbsolutePath().normalize();
        if (env != null && manager.windows())
        {
            throw new IllegalArgumentException("--env-file is for systemd; on Windows, set the variables for the user " +
                "(System Properties, Environment Variables)");
        }
        if (env != null && !Files.isRegularFile(env))
        {
            throw new IllegalArgumentException("--env-file: no such file: " + env);
        }
        final Path work = (workingDir != null ? workingDir : JarLaunch.installDir(runnable)).toAbsolutePath().normalize();
        return new ServiceDefinition(manager.serviceName(options.name()), user != null ? user : invokingUser(manager.windows()),
            work, env, JarLaunch.java(manager.windows()), JarLaunch.jvmOptions(runnable), runnable,
            config.toAbsolutePath().normalize());
    }

    /** The user who asked: under sudo that is SUDO_USER, not root; on Windows DOMAIN\\user, as Task Scheduler names users. */
    private static String invokingUser(final boolean windows)
    {
        final String name = System.getProperty("user.name");
        if (windows)
        {
            final String domain = System.getenv("USERDOMAIN");
            return domain == null || domain.isBlank() ? name : domain + "\\" + name;
        }
        final String sudoUser = System.getenv("SUDO_USER");
        return sudoUser == null || sudoUser.isBlank() ? name : sudoUser;
    }

    private static void write(final Path file, final byte[] content)
    {
        try
        {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        catch (final AccessDeniedException ex)
        {
            throw new IllegalStateException("cannot write " + file + ": permission denied; run it as root (sudo), or " +
                "with --dry-run to see the file and install it by hand");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write " + file + ": " + ex);
        }
    }
}
