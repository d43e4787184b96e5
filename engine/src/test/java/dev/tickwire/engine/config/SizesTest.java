package dev.tickwire.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest
{
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "65536   | 65536",
        "64k     | 65536",
        "64K     | 65536",
        "16m     | 16777216",
        "16M     | 16777216",
        "1g      | 1073741824",
        "2g      | 2147483648",
        "0       | 0",
        "'  8k ' | 8192",
        "64 k    | 65536",
        "16mb    | 16777216",
        "10GB    | 10737418240",
        "1t      | 1099511627776",
    })
    void parses(final String text, final long bytes)
    {
        assertThat(Sizes.parseBytes("aeron.termLength", text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "", "k", "b", "16bb", "1.5m", "64kk", "99999999999999999999", "9999999t" })
    void rejectsNonSizesNamingTheKey(final String text)
    {
        final Throwable thrown = catchThrowable(() -> Sizes.parseBytes("aeron.termLength", text));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("aeron.termLength");
        assertThat(thrown.getMessage()).contains("aeron.termLength").contains("'" + text + "'");
    }

    @Test
    void sizeOverflowingALongFailsInsteadOfWrapping()
    {
        // (2^44 + 1) MiB = 2^64 + 2^20 bytes wraps to exactly 1m: it must not pass as a valid term length
        final Throwable thrown = catchThrowable(() -> Sizes.parseBytes("aeron.termLength", "17592186044417m"));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("aeron.termLength");
    }
}
