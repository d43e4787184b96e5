package dev.tickwire.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every kind of bad config fails fast with a {@link ConfigException} that names the offending key. */
class ConfigLoaderTest
{
    /** Parses and concludes; returns the ConfigException thrown, failing if anything else happens. */
    private static ConfigException failure(final String yaml)
    {
        final Throwable thrown = catchThrowable(() -> ConfigLoader.parse(yaml).conclude());
        assertThat(thrown).as("config %s", yaml).isInstanceOf(ConfigException.class);
        return (ConfigException)thrown;
    }

    private static void assertFailsNaming(final String yaml, final String key)
    {
        final ConfigException ex = failure(yaml);
        assertThat(ex.key()).as("key for %s", yaml).isEqualTo(key);
        assertThat(ex.getMessage()).startsWith("config key '" + key + "': ").contains(key);
    }

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // unknown keys, at the top and nested
        "foo: 1                                                        | foo",
        "dataDirectory: /tmp                                           | dataDirectory",
        "aeron: {chanel: x}                                            | aeron.chanel",
        "engine: {ringsize: 1024}                                      | engine.ringsize",
        "journal: {rollcycle: DAILY}                                   | journal.rollcycle",
        "validation: {priceBand: 5}                                    | validation.priceBand",
        // wrong types
        "engine: {ringSize: abc}                                       | engine.ringSize",
        "aeron: {stream: many}                                         | aeron.stream",
        "aeron: {offerRetries: [1, 2]}                                 | aeron.offerRetries",
        "validation: {priceBandBps: lots}                              | validation.priceBandBps",
        "engine: 5                                                     | engine",
        "sources: {type: synthetic}                                    | sources",
        "engine: {ringSize: null}                                      | engine.ringSize",
        // ring size
        "engine: {ringSize: 1000}                                      | engine.ringSize",
        "engine: {ringSize: 32}                                        | engine.ringSize",
        "engine: {ringSize: 0}                                         | engine.ringSize",
        "engine: {ringSize: -65536}                                    | engine.ringSize",
        // enumerated values
        "engine: {threading: multi}                                    | engine.threading",
        "engine: {threading: Single}                                   | engine.threading",
        "engine: {waitStrategy: spinning}                              | engine.waitStrategy",
        "engine: {adapterIdleStrategy: lazy}                           | engine.adapterIdleStrategy",
        "engine: {adapterIdleStrategy: 'sleeping:forever'}             | engine.adapterIdleStrategy",
        "aeron: {driver: remote}                                       | aeron.driver",
        "aeron: {threading: triple}                                    | aeron.threading",
        // aeron
        "aeron: {channel: 'udp://localhost:40123'}                     | aeron.channel",
        "aeron: {channel: ''}                                          | aeron.channel",
        "aeron: {channel: null}                                        | aeron.channel",
        "aeron: {stream: 0}                                            | aeron.stream",
        "aeron: {offerRetries: -1}                                     | aeron.offerRetries",
        "aeron: {offerRetries: 1001}                                   | aeron.offerRetries",
        "aeron: {termLength: 100k}                                     | aeron.termLength",
        "aeron: {termLength: 32k}                                      | aeron.termLength",
        "aeron: {termLength: 2g}                                       | aeron.termLength",
        "aeron: {termLength: 16mib}                                    | aeron.termLength",
        "aeron: {termLength: -64k}                                     | aeron.termLength",
        "aeron: {dir: ''}                                              | aeron.dir",
        "aeron: {definitionsEvery: often}                              | aeron.definitionsEvery",
        "aeron: {definitionsEvery: -1s}                                | aeron.definitionsEvery",
        "journal: {premap: maybe}                                      | journal.premap",
        "engine: {waitStrategy: napping}                               | engine.waitStrategy",
        "dataDir: ''                                                   | dataDir",
        "dataDir: '   '                                                | dataDir",
        // validation
        "validation: {timeTolerance: 5 parsecs}                        | validation.timeTolerance",
        "validation: {timeTolerance: -5ms}                             | validation.timeTolerance",
        "validation: {timeTolerance: 1.5s}                             | validation.timeTolerance",
        "validation: {maxFuture: soon}                                 | validation.maxFuture",
        "validation: {priceBandBps: -1}                                | validation.priceBandBps",
        "validation: {priceBandBps: 1000001}                           | validation.priceBandBps",
        // at most one busy-spinning thread
        "engine: {waitStrategy: busy-spin, adapterIdleStrategy: busy-spin} | engine.adapterIdleStrategy",
        // sources
        "sources: [{rate: 5}]                                          | sources[0].type",
        "sources: [{type: synthetic}, {file: x.csv}]                   | sources[1].type",
        "sources: [{type: null}]                                       | sources[0].type",
        "sources: [synthetic]                                          | sources[0]",
        "sources: [{type: synthetic}, 7]                               | sources[1]",
        // an empty list entry (found by ConfigFuzzTest: a NullPointerException in the source's checks)
        "sources: [{type: synthetic}, ~]                               | sources[1]",
        "bars: {specs: ['1m', ~]}                                      | bars.specs[1]",
        // the archive's bars
        "archive: {featuresWarmup: a day}                              | archive.featuresWarmup",
        "archive: {featuresWarmup: 32d}                                | archive.featuresWarmup",
        "archive: {featuresWarmup: -1h}                                | archive.featuresWarmup",
    })
    void failsFastNamingTheKey(final String yaml, final String key)
    {
        assertFailsNaming(yaml, key);
    }

    @Test
    void aMessageQuotingTheInputIsCutShort()
    {
        // found by ConfigFuzzTest: the YAML parser quotes the whole value, any size
        final ConfigException ex = failure("'" + "x".repeat(100_000) + "'");
        assertThat(ex.key()).isEqualTo("(root)");
        assertThat(ex.getMessage()).hasSizeLessThan(600).endsWith("... (100196 characters)");
    }

    @Test
    void unknownKeyListsTheKnownKeysOfItsSection()
    {
        final ConfigException ex = failure("aeron: {chanel: x}");
        assertThat(ex.key()).isEqualTo("aeron.chanel");
        assertThat(ex.getMessage()).contains("unknown key")
            .contains("channel", "dir", "driver", "offerRetries", "stream", "termLength", "threading");
    }

    @Test
    void badValuesAreQuotedInTheMessage()
    {
        assertThat(failure("engine: {ringSize: 1000}").getMessage()).contains("1000");
        assertThat(failure("engine: {threading: multi}").getMessage()).contains("'multi'").contains("single")
            .contains("per-stage");
        assertThat(failure("aeron: {channel: 'udp://h:1'}").getMessage()).contains("udp://h:1");
        assertThat(failure("validation: {timeTolerance: 5 parsecs}").getMessage()).contains("5 parsecs");
        assertThat(failure("aeron: {termLength: 100k}").getMessage()).contains("100k");
        assertThat(failure("engine: {ringSize: abc}").getMessage()).contains("abc");
    }

    @Test
    void keyOfADeeperListIsDotted()
    {
        final ConfigException ex = failure("sources:\n  - type: synthetic\n  - {}\n");
        assertThat(ex.key()).isEqualTo("sources[1].type");
    }

    @Test
    void bothThreadsBusySpinningIsRefusedWhateverTheSpellingOfTheAdapterStrategy()
    {
        // IdleStrategies.of accepts the adapter strategy case-insensitively and trimmed, so "BUSY-SPIN"
        // runs a BusySpinIdleStrategy: with a busy-spinning engine that is two spinning threads.
        assertFailsNaming("engine: {waitStrategy: busy-spin, adapterIdleStrategy: BUSY-SPIN}",
            "engine.adapterIdleStrategy");
        assertFailsNaming("engine: {waitStrategy: busy-spin, adapterIdleStrategy: ' busy-spin'}",
            "engine.adapterIdleStrategy");
    }

    @Test
    void oneBusySpinningThreadIsFine()
    {
        assertThat(ConfigLoader.parse("engine: {waitStrategy: busy-spin, adapterIdleStrategy: yielding}")
            .conclude().engine.waitStrategy).isEqualTo(WaitKind.BUSY_SPIN);
        assertThat(ConfigLoader.parse("engine: {waitStrategy: sleeping, adapterIdleStrategy: busy-spin}")
            .conclude().engine.adapterIdleStrategy).isEqualTo("busy-spin");
    }

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "engine: {adapterIdleStrategy: null}       | engine.adapterIdleStrategy",
        "aeron: {termLength: null}                 | aeron.termLength",
        "validation: {timeTolerance: null}         | validation.timeTolerance",
        "validation: {maxFuture: null}             | validation.maxFuture",
        "engine: {threading: null}                 | engine.threading",
        "aeron: {driver: null}                     | aeron.driver",
    })
    void nullValueFailsNamingTheKey(final String yaml, final String key)
    {
        // an explicit null (or a key with no value) must be a ConfigException, not a NullPointerException
        assertFailsNaming(yaml, key);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "engine",
        "aeron",
        "journal",
        "validation",
        "sources",
    })
    void emptySectionEitherKeepsTheDefaultsOrFailsNamingTheSection(final String section)
    {
        // "engine:" with every entry below it commented out is a null section; it must not end in a
        // NullPointerException somewhere in conclude() or later
        final String yaml = section + ":\n#  something: commented out\n";
        final Throwable thrown = catchThrowable(() -> {
            final TickwireConfig config = ConfigLoader.parse(yaml).conclude();
            config.journalPath();
            config.termLengthBytes();
            config.timeToleranceNs();
        });
        if (thrown != null)
        {
            assertThat(thrown).as(yaml).isInstanceOf(ConfigException.class);
            assertThat(((ConfigException)thrown).key()).isEqualTo(section);
        }
    }

    @Test
    void invalidYamlFailsNamingTheFile()
    {
        for (final String yaml : new String[] { "engine:\n  ringSize: 1\n ringSize: 2\n", "\"unterminated", ": :",
            "\tengine: 1" })
        {
            final ConfigException ex = failure(yaml);
            assertThat(ex.key()).as(yaml).isEqualTo("(file)");
            assertThat(ex.getMessage()).as(yaml).startsWith("config key '(file)': not valid YAML").contains("line ");
        }
    }

    @Test
    void invalidYamlInsideASectionFailsNamingTheSectionAndTheLine()
    {
        // Jackson meets the syntax error while reading the section, so the section is the key
        final ConfigException ex = failure("dataDir: /tmp\naeron: {stream: 1");
        assertThat(ex.key()).isEqualTo("aeron");
        assertThat(ex.getMessage()).contains("line 2");
    }

    @Test
    void topLevelThatIsNotAMappingFailsAtTheRoot()
    {
        final ConfigException ex = failure("- just\n- a list\n");
        assertThat(ex.key()).isEqualTo("(root)");
    }

    @Test
    void missingFileFailsNamingTheConfigOption(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("missing.yaml");
        final Throwable thrown = catchThrowable(() -> ConfigLoader.load(missing));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("--config");
        assertThat(thrown.getMessage()).contains("--config").contains("missing.yaml");
    }

    @Test
    void directoryIsNotAConfigFile(@TempDir final Path dir)
    {
        final Throwable thrown = catchThrowable(() -> ConfigLoader.load(dir));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("--config");
    }

    @Test
    void loadReadsAndConcludesTheFile(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("tickwire.yaml"), TickwireConfigTest.FULL_YAML);
        final TickwireConfig config = ConfigLoader.load(file);
        assertThat(config.aeron.stream).isEqualTo(-7);
        assertThat(config.engine.adapterIdleStrategy).isEqualTo("sleeping:2ms");
        assertThat(config.sources).hasSize(2);
    }

    @Test
    void loadConcludesSoABadValueInTheFileFails(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("bad.yaml"), "engine:\n  ringSize: 1000\n");
        final Throwable thrown = catchThrowable(() -> ConfigLoader.load(file));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException)thrown).key()).isEqualTo("engine.ringSize");
    }

    @Test
    void parseAloneDoesNotValidateValues()
    {
        // parse maps, conclude validates: a bad value only fails at conclude
        final TickwireConfig config = ConfigLoader.parse("engine: {ringSize: 1000}");
        assertThat(config.engine.ringSize).isEqualTo(1000);
    }

    @Test
    void configExceptionCarriesKeyAndProblem()
    {
        final ConfigException ex = new ConfigException("aeron.stream", "must not be 0");
        assertThat(ex.key()).isEqualTo("aeron.stream");
        assertThat(ex.getMessage()).isEqualTo("config key 'aeron.stream': must not be 0");
        assertThat(ex).isInstanceOf(IllegalArgumentException.class);
    }
}
