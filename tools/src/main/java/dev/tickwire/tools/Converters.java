package dev.tickwire.tools;

import dev.tickwire.engine.config.Durations;
import dev.tickwire.wire.Timestamps;
import picocli.CommandLine;

/** picocli converters for times and durations. */
final class Converters
{
    private Converters()
    {
    }

    /** ISO-8601 or epoch nanoseconds. */
    static final class Time implements CommandLine.ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            try
            {
                return Timestamps.parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }

    /** 500ms, 20s, 5m, 1h: returned in nanoseconds. */
    static final class Duration implements CommandLine.ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            try
            {
                return Durations.parseNanos("duration", value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 20s, 5m)");
            }
        }
    }
}
