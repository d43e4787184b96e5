package dev.tickwire.monitor.alert;

/**
 * Where notices go (a webhook, an email). {@link #send} may block and retry; callers hand notices to a
 * {@link ChannelDispatcher}, never call it from a thread that must not wait.
 */
public interface AlertChannel extends AutoCloseable
{
    /** The channel's name from the config, for status and counters (never a secret). */
    String name();

    /** Delivers one notice, retrying as the channel is configured; throws when it finally gives up. */
    void send(Notice notice) throws Exception;

    @Override
    default void close()
    {
    }
}
