package dev.tickwire.tools;

import java.util.List;

/** The text of a systemd service unit that runs the engine (systemd.service(5), systemd.exec(5)). */
final class SystemdUnit
{
    private SystemdUnit()
    {
    }

    static String render(final ServiceDefinition service)
    {
        final StringBuilder unit = new StringBuilder();
        unit.append("# Written by `tickwire service install`; `tickwire service uninstall` removes it.\n");
        unit.append("[Unit]\n");
        unit.append("Description=tickwire market-data engine (").append(value(service.config().toString())).append(")\n");
        unit.append("Wants=network-online.target\n");
        unit.append("After=network-online.target\n");
        unit.append("\n[Service]\n");
        unit.append("Type=simple\n");
        unit.append("User=").append(value(service.user())).append('\n');
        unit.append("WorkingDirectory=").append(value(service.workingDir().toString())).append('\n');
        if (service.envFile() != null)
        {
            unit.append("# Secrets (e.g. alert mail passwords) as KEY=VALUE lines; keep the file readable by root only.\n");
            unit.append("EnvironmentFile=").append(value(service.envFile().toString())).append('\n');
        }
        else
        {
            unit.append("# Secrets (e.g. alert mail passwords): a root-only file of KEY=VALUE lines, added with\n");
            unit.append("# `tickwire service install --env-file FILE`, or by hand: EnvironmentFile=/etc/tickwire/tickwire.env\n");
        }
        unit.append("ExecStart=").append(execLine(service.command())).append('\n');
        unit.append("Restart=always\n");
        unit.append("RestartSec=5\n");
        unit.append("# The JVM exits with 143 on SIGTERM (systemctl stop): a clean stop, not a failure.\n");
        unit.append("SuccessExitStatus=143\n");
        unit.append("\n[Install]\n");
        unit.append("WantedBy=multi-user.target\n");
        return unit.toString();
    }

    /** A command line as ExecStart= reads it: words quoted where needed, specifiers and variables escaped. */
    static String execLine(final List<String> command)
    {
        final StringBuilder line = new StringBuilder();
        for (final String word : command)
        {
            if (line.length() > 0)
            {
                line.append(' ');
            }
            line.append(word(word));
        }
        return line.toString();
    }

    private static String word(final String word)
    {
        final String escaped = value(word).replace("$", "$$");
        final boolean plain = !escaped.isEmpty() && escaped.chars().noneMatch(c ->
            Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == ';');
        return plain ? escaped : "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** systemd expands %-specifiers in most settings: a literal % is %%. */
    private static String value(final String text)
    {
        if (text.indexOf('\n') >= 0)
        {
            throw new IllegalArgumentException("a line break cannot go into a systemd unit: " + text);
        }
        return text.replace("%", "%%");
    }
}
