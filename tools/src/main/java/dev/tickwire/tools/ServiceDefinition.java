package dev.tickwire.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service runs, as whoever: {@code java <jvm options> -jar tickwire.jar run --config <config> --quiet}
 * (no status line: logs go to {@code <dataDir>/logs}). Paths are absolute; {@code envFile} may be null.
 */
record ServiceDefinition(String name, String user, Path workingDir, Path envFile, Path java, List<String> jvmOptions,
    Path jar, Path config)
{
    /** Everything after the java binary. */
    List<String> arguments()
    {
        final List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString(), "--quiet"));
        return arguments;
    }

    /** The whole command line, java first. */
    List<String> command()
    {
        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(arguments());
        return command;
    }
}
