package dev.tickwire.tools;

import java.util.List;

/**
 * A Windows Task Scheduler task (schema 1.2, Windows Vista and later) that starts the engine when the user
 * logs on, beside Sierra Chart, and starts it again when it fails.
 */
final class TaskSchedulerXml
{
    static final String NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task";
    /** A minute between restarts, as often as the schema allows: Count is an unsignedByte (1..255). */
    static final String RESTART_INTERVAL = "PT1M";
    static final int RESTART_COUNT = 255;

    private TaskSchedulerXml()
    {
    }

    static String render(final ServiceDefinition service)
    {
        final String user = escape(service.user());
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" +
            "<Task version=\"1.2\" xmlns=\"" + NAMESPACE + "\">\n" +
            "  <RegistrationInfo>\n" +
            "    <Description>tickwire market-data engine (" + escape(service.config().toString()) + "); " +
            "written by `tickwire service install`</Description>\n" +
            "  </RegistrationInfo>\n" +
            "  <Triggers>\n" +
            "    <LogonTrigger>\n" +
            "      <Enabled>true</Enabled>\n" +
            "      <UserId>" + user + "</UserId>\n" +
            "    </LogonTrigger>\n" +
            "  </Triggers>\n" +
            "  <Principals>\n" +
            "    <Principal id=\"Author\">\n" +
            "      <UserId>" + user + "</UserId>\n" +
            "      <LogonType>InteractiveToken</LogonType>\n" +
            "      <RunLevel>LeastPrivilege</RunLevel>\n" +
            "    </Principal>\n" +
            "  </Principals>\n" +
            // in the order the schema declares them
            "  <Settings>\n" +
            "    <AllowStartOnDemand>true</AllowStartOnDemand>\n" +
            "    <RestartOnFailure>\n" +
            "      <Interval>" + RESTART_INTERVAL + "</Interval>\n" +
            "      <Count>" + RESTART_COUNT + "</Count>\n" +
            "    </RestartOnFailure>\n" +
            "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n" +
            "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n" +
            "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n" +
            "    <AllowHardTerminate>true</AllowHardTerminate>\n" +
            "    <StartWhenAvailable>true</StartWhenAvailable>\n" +
            "    <Enabled>true</Enabled>\n" +
            "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\n" +
            // the default, 7, runs the process below normal priority: 5 is normal, like Sierra Chart's
            "    <Priority>5</Priority>\n" +
            "  </Settings>\n" +
            "  <Actions Context=\"Author\">\n" +
            "    <Exec>\n" +
            // quoted when it has spaces (C:\Program Files\...), as the Task Scheduler window writes it
            "      <Command>" + escape(quote(service.java().toString())) + "</Command>\n" +
            "      <Arguments>" + escape(commandLine(service.arguments())) + "</Arguments>\n" +
            "      <WorkingDirectory>" + escape(service.workingDir().toString()) + "</WorkingDirectory>\n" +
            "    </Exec>\n" +
            "  </Actions>\n" +
            "</Task>\n";
    }

    /** Arguments as one Windows command line, quoted so that the C runtime splits them back the same. */
    static String commandLine(final List<String> arguments)
    {
        final StringBuilder line = new StringBuilder();
        for (final String argument : arguments)
        {
            if (line.length() > 0)
            {
                line.append(' ');
            }
            line.append(quote(argument));
        }
        return line.toString();
    }

    static String quote(final String argument)
    {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"'))
        {
            return argument;
        }
        final StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (final char c : argument.toCharArray())
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            // backslashes are literal unless they come before a quote: then each is doubled
            quoted.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
