package dev.tickwire.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How this build of tickwire is started from outside a shell: which java, which JVM flags, which jar. */
final class JarLaunch
{
    static final String JAR = "tickwire.jar";
    /** Written by the build beside the jar (tools/target); the launchers pass it as {@code @jvm.options}. */
    static final String JVM_OPTIONS = "jvm.options";

    private JarLaunch()
    {
    }

    /** The java of the running JVM: the one tickwire is known to work with. javaw.exe opens no console window. */
    static Path java(final boolean windows)
    {
        return Path.of(System.getProperty("java.home"), "bin", windows ? "javaw.exe" : "java");
    }

    /** The jar this code runs from; run from the build's classes (tests, an IDE), the jar the build makes beside them. */
    static Path runningJar()
    {
        final Path location;
        try
        {
            location = Path.of(JarLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException("cannot tell where tickwire runs from: " + ex.getMessage());
        }
        return Files.isRegularFile(location) ? location : location.resolveSibling(JAR);
    }

    /**
     * The flags of {@code jvm.options} beside the jar; none when it is not there (a jar copied alone): the
     * jar's manifest carries the same Add-Opens/Add-Exports, and {@code -jar} applies them.
     */
    static List<String> jvmOptions(final Path jar)
    {
        final Path file = jar.resolveSibling(JVM_OPTIONS);
        final List<String> options = new ArrayList<>();
        if (!Files.isRegularFile(file))
        {
            return options;
        }
        try
        {
            for (final String line : Files.readAllLines(file))
            {
                if (!line.isBlank() && !line.strip().startsWith("#"))
                {
                    options.addAll(List.of(line.strip().split("\\s+")));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        return options;
    }

    /** Where tickwire is installed: the repository root for the build's jar (tools/target), else the jar's folder. */
    static Path installDir(final Path jar)
    {
        final Path folder = jar.toAbsolutePath().normalize().getParent();
        return folder.endsWith(Path.of("tools", "target")) ? folder.getParent().getParent() : folder;
    }
}
