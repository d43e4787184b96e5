package dev.tickwire.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing {@code service install/uninstall} does: a command to run, or a file to remove (done here,
 * shown as the command that would do it), so a user can be told exactly what to type when a step fails.
 * An optional step may fail (stopping what is not running) without stopping the ones after it.
 */
record ServiceStep(List<String> command, Path removes, boolean optional)
{
    static ServiceStep run(final String... command)
    {
        return new ServiceStep(List.of(command), null, false);
    }

    static ServiceStep tryRun(final String... command)
    {
        return new ServiceStep(List.of(command), null, true);
    }

    /** Removes {@code file}; {@code shownAs} is the shell's command for it (rm, del). */
    static ServiceStep remove(final Path file, final String shownAs)
    {
        return new ServiceStep(List.of(shownAs, file.toString()), file, false);
    }

    /** The step as a line to type into a shell. */
    String shown()
    {
        final StringBuilder line = new StringBuilder();
        for (final String word : command)
        {
            if (line.length() > 0)
            {
                line.append(' ');
            }
            line.append(word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "\"" + word + "\"" : word);
        }
        return line.toString();
    }
}
