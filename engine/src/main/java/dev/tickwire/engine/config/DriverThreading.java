package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.aeron.driver.ThreadingMode;

/** {@code aeron.threading}: the embedded media driver's threads. */
public enum DriverThreading
{
    /** One thread (the default: 2 cores). */
    SHARED(ThreadingMode.SHARED),
    /** Two: the conductor, and sender + receiver. */
    SHARED_NETWORK(ThreadingMode.SHARED_NETWORK),
    /** Three: conductor, sender, receiver. */
    DEDICATED(ThreadingMode.DEDICATED);

    private final ThreadingMode mode;

    DriverThreading(final ThreadingMode mode)
    {
        this.mode = mode;
    }

    public ThreadingMode mode()
    {
        return mode;
    }

    @JsonValue
    @Override
    public String toString()
    {
        return ConfigEnums.nameOf(this);
    }
}
