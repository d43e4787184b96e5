package dev.tickwire.tools;

import picocli.CommandLine.Option;

import java.util.regex.Pattern;

/** The options every {@code service} subcommand takes: which service, on which platform, for real or not. */
final class ServiceOptions
{
    /** Characters systemd allows in a unit name, which Task Scheduler takes too. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]+");

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "tickwire",
        description = "The service's name: the systemd unit <name>.service, or the scheduled task <name> (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--platform", paramLabel = "linux|windows",
        description = "linux (systemd) or windows (Task Scheduler); default: this machine's.")
    String platform;

    @Option(names = "--dry-run",
        description = "Change nothing: print the file it would write (on stdout) and the commands it would run.")
    boolean dryRun;

    String name()
    {
        if (!NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("--name '" + name + "': use letters, digits and _ . @ - only");
        }
        return name;
    }

    ServiceManager manager()
    {
        final String os = System.getProperty("os.name", "");
        final String chosen = platform != null ? platform : os.startsWith("Windows") ? "windows" : os.startsWith("Linux") ? "linux" : "";
        switch (chosen)
        {
            case "linux":
                return new SystemdService();
            case "windows":
                return new ScheduledTask();
            case "":
                throw new IllegalArgumentException("no service manager known for " + os + ": pass --platform linux " +
                    "(systemd) or --platform windows (Task Scheduler) with --dry-run to see the file");
            default:
                throw new IllegalArgumentException("--platform '" + platform + "': use linux or windows");
        }
    }
}
