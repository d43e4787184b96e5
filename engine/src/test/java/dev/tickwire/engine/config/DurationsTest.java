package dev.tickwire.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest
{
    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource(delimiter = '|', value = {
        "250us        | 250000",
        "250µs        | 250000",
        "500ms        | 500000000",
        "5s           | 5000000000",
        "2m           | 120000000000",
        "24h          | 86400000000000",
        "1d           | 86400000000000",
        "7d           | 604800000000000",
        "1500         | 1500",
        "1500ns       | 1500",
        "0            | 0",
        "0ms          | 0",
        "'  5s  '     | 5000000000",
        "5 s          | 5000000000",
        "106751d      | 9223286400000000000",
        "9223372036854775807 | 9223372036854775807",
    })
    void parses(final String text, final long nanos)
    {
        assertThat(Durations.parseNanos("some.key", text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = { "5 parsecs", "", "ms", "-5ms", "1.5s", "5sec", "5S", "5 m s", "PT5S", "5min" })
    void rejectsNonDurationsNamingTheKey(final String text)
    {
        final Throwable thrown = catchThrowable(() -> Durations.parseNanos("validation.timeTolerance", text));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("validation.timeTolerance");
        assertThat(thrown.getMessage()).contains("validation.timeTolerance").contains("'" + text + "'");
    }

    @Test
    void numberTooLongForALongFailsNamingTheKey()
    {
        // matches the duration pattern but overflows Long.parseLong: must still be a ConfigException
        final Throwable thrown = catchThrowable(() -> Durations.parseNanos("validation.maxFuture", "99999999999999999999"));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("validation.maxFuture");
    }

    @Test
    void durationOverflowingNanosFailsInsteadOfWrapping()
    {
        // 213504d x 86 400 s x 1e9 exceeds Long.MAX_VALUE and wraps around to about 25 minutes
        final Throwable thrown = catchThrowable(() -> Durations.parseNanos("validation.maxFuture", "213504d"));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("validation.maxFuture");
    }
}
