package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code engine.threading}: how the ring's stages are run. */
public enum EngineThreading
{
    /** One thread runs every stage in order: right for 2 cores. */
    SINGLE,
    /** A thread per stage, for bigger machines. */
    PER_STAGE;

    @JsonValue
    @Override
    public String toString()
    {
        return ConfigEnums.nameOf(this);
    }
}
