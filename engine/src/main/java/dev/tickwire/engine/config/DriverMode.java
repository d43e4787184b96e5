package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code aeron.driver}: whether the engine runs its own Aeron media driver. */
public enum DriverMode
{
    /** Launch a media driver in the engine's process. */
    EMBEDDED,
    /** Use the driver already running at {@code aeron.dir}. */
    EXTERNAL;

    @JsonValue
    @Override
    public String toString()
    {
        return ConfigEnums.nameOf(this);
    }
}
