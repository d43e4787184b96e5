package dev.tickwire.adapters.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text as {@code tickwire.yaml}, through everything a start does with it before reading data: the
 * YAML, every engine key's check ({@code conclude()}) and every source's ({@link Sources}).
 * Bad configuration must fail fast with a {@link ConfigException} naming the key; any other exception
 * (a NullPointerException, a NumberFormatException, an overflow) is a finding. Paths in the text are
 * replaced by the input's own directory so the fuzzer never writes elsewhere.
 */
class ConfigFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void anyTextAsTheConfig(final byte[] input)
    {
        final FuzzFiles files = FuzzFiles.next();
        final String yaml = new String(input, StandardCharsets.UTF_8);
        try
        {
            final TickwireConfig config = ConfigLoader.parse(yaml);
            config.dataDir = files.dir.toString();
            config.journal.dir = files.dir.resolve("journal").toString();
            config.conclude();
            Sources.create(config);
        }
        catch (final ConfigException ex)
        {
            assertThat(ex.key()).as("the key named").isNotEmpty(); // may be " ": a key the user wrote
            assertThat(ex.getMessage().length()).as("message length").isLessThan(4_000);
        }
    }
}
