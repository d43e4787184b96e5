package dev.tickwire.monitor.alert;

/**
 * One message about one alert, as every channel sends it.
 *
 * @param rule    the rule's name, e.g. "source-silent:sierra-ES" (stable: a receiver can group by it)
 * @param state   what happened to the alert
 * @param summary one line for a subject or a chat message
 * @param detail  the values behind it, a few lines
 * @param timeMs  when it was evaluated, epoch ms
 * @param host    the machine the engine runs on
 */
public record Notice(String rule, State state, String summary, String detail, long timeMs, String host)
{
    /** FIRING once when an alert starts, REMINDER at the re-notify interval while it lasts, RESOLVED once. */
    public enum State
    {
        FIRING, REMINDER, RESOLVED
    }

    /** This machine's name, as notices (and the daily chain's state) name it; "localhost" if it cannot be told. */
    public static String localHost()
    {
        try
        {
            return java.net.InetAddress.getLocalHost().getHostName();
        }
        catch (final java.io.IOException ex)
        {
            return "localhost";
        }
    }
}
