package dev.tickwire.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TickwireConfigTest
{
    @Test
    void defaultsConclude()
    {
        final TickwireConfig config = new TickwireConfig();
        assertThat(config.conclude()).isSameAs(config);

        assertThat(config.dataDir).isEqualTo("./tickwire-data");
        assertThat(config.journal.dir).isNull();
        assertThat(config.journal.rollCycle).isEqualTo("FAST_HOURLY");
        assertThat(config.journal.premap).isTrue();
        assertThat(config.engine.ringSize).isEqualTo(65_536);
        assertThat(config.engine.threading).isEqualTo(EngineThreading.SINGLE);
        assertThat(config.engine.waitStrategy).isEqualTo(WaitKind.PARKING);
        assertThat(config.engine.adapterIdleStrategy).isEqualTo("backoff");
        assertThat(config.aeron.driver).isEqualTo(DriverMode.EMBEDDED);
        assertThat(config.aeron.dir).isEqualTo(dev.tickwire.client.TickwireAeron.defaultDirectory()).endsWith("-tickwire");
        assertThat(config.aeron.threading).isEqualTo(DriverThreading.SHARED);
        assertThat(config.aeron.channel).isEqualTo("aeron:ipc");
        assertThat(config.aeron.stream).isEqualTo(1001);
        assertThat(config.aeron.offerRetries).isEqualTo(3);
        assertThat(config.aeron.termLength).isEqualTo("16m");
        assertThat(config.validation.timeTolerance).isEqualTo("0ms");
        assertThat(config.validation.maxFuture).isEqualTo("24h");
        assertThat(config.validation.priceBandBps).isEqualTo(2000);
        assertThat(config.sources).isEmpty();

        // derived values
        assertThat(config.dataPath()).isEqualTo(Path.of("./tickwire-data"));
        assertThat(config.journalPath()).isEqualTo(Path.of("./tickwire-data", "journal"));
        assertThat(config.countersPath()).isEqualTo(Path.of("./tickwire-data", "counters.dat"));
        assertThat(config.singleThreaded()).isTrue();
        assertThat(config.embeddedDriver()).isTrue();
        assertThat(config.driverThreading()).isEqualTo(ThreadingMode.SHARED);
        assertThat(config.termLengthBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.timeToleranceNs()).isZero();
        assertThat(config.maxFutureNs()).isEqualTo(24L * 3600 * 1_000_000_000L);
    }

    @Test
    void emptyAndNullDocumentsGiveTheDefaults()
    {
        for (final String yaml : new String[] { "~", "null", "{}" })
        {
            final TickwireConfig config = ConfigLoader.parse(yaml).conclude();
            assertThat(config.engine.ringSize).as(yaml).isEqualTo(65_536);
            assertThat(config.aeron.channel).as(yaml).isEqualTo("aeron:ipc");
        }
    }

    @Test
    void fileWithOnlyCommentsGivesTheDefaults()
    {
        // ConfigLoader.parse maps an empty document to the defaults; a config file whose every line is
        // commented out (or that is empty) is such a document.
        assertThat(ConfigLoader.parse("# everything at its default\n").conclude().aeron.stream).isEqualTo(1001);
        assertThat(ConfigLoader.parse("").conclude().aeron.stream).isEqualTo(1001);
    }

    static final String FULL_YAML = String.join("\n",
        "dataDir: /var/lib/tickwire",
        "journal:",
        "  dir: /mnt/fast/journal",
        "  premap: false",
        "  rollCycle: FAST_DAILY",
        "engine:",
        "  ringSize: 1024",
        "  threading: per-stage",
        "  waitStrategy: busy-spin",
        "  adapterIdleStrategy: sleeping:2ms",
        "aeron:",
        "  driver: external",
        "  dir: /dev/shm/aeron-prod",
        "  threading: shared-network",
        "  channel: aeron:udp?endpoint=224.0.1.1:40456|interface=10.0.0.2",
        "  stream: -7",
        "  offerRetries: 1000",
        "  termLength: 64k",
        "validation:",
        "  timeTolerance: 250us",
        "  maxFuture: 2m",
        "  priceBandBps: 1000000",
        "sources:",
        "  - type: synthetic",
        "    rate: 50000",
        "    instruments: [ESZ6, NQZ6]",
        "  - type: csv",
        "    file: /data/ticks.csv",
        "");

    @Test
    void fullYamlParsesEveryKey()
    {
        final TickwireConfig config = ConfigLoader.parse(FULL_YAML).conclude();

        assertThat(config.dataDir).isEqualTo("/var/lib/tickwire");
        assertThat(config.journal.dir).isEqualTo("/mnt/fast/journal");
        assertThat(config.journal.rollCycle).isEqualTo("FAST_DAILY");
        assertThat(config.journal.premap).isFalse();
        assertThat(config.engine.ringSize).isEqualTo(1024);
        assertThat(config.engine.threading).isEqualTo(EngineThreading.PER_STAGE);
        assertThat(config.engine.waitStrategy).isEqualTo(WaitKind.BUSY_SPIN);
        assertThat(config.engine.adapterIdleStrategy).isEqualTo("sleeping:2ms");
        assertThat(config.aeron.driver).isEqualTo(DriverMode.EXTERNAL);
        assertThat(config.aeron.dir).isEqualTo("/dev/shm/aeron-prod");
        assertThat(config.aeron.threading).isEqualTo(DriverThreading.SHARED_NETWORK);
        assertThat(config.aeron.channel).isEqualTo("aeron:udp?endpoint=224.0.1.1:40456|interface=10.0.0.2");
        assertThat(config.aeron.stream).isEqualTo(-7);
        assertThat(config.aeron.offerRetries).isEqualTo(1000);
        assertThat(config.aeron.termLength).isEqualTo("64k");
        assertThat(config.validation.timeTolerance).isEqualTo("250us");
        assertThat(config.validation.maxFuture).isEqualTo("2m");
        assertThat(config.validation.priceBandBps).isEqualTo(1_000_000);

        assertThat(config.sources).hasSize(2);
        final JsonNode synthetic = config.sources.get(0);
        assertThat(synthetic.get("type").asText()).isEqualTo("synthetic");
        assertThat(synthetic.get("rate").asInt()).isEqualTo(50_000);
        assertThat(synthetic.get("instruments").get(1).asText()).isEqualTo("NQZ6");
        assertThat(config.sources.get(1).get("type").asText()).isEqualTo("csv");
        assertThat(config.sources.get(1).get("file").asText()).isEqualTo("/data/ticks.csv");

        assertThat(config.journalPath()).isEqualTo(Path.of("/mnt/fast/journal"));
        assertThat(config.countersPath()).isEqualTo(Path.of("/var/lib/tickwire/counters.dat"));
        assertThat(config.singleThreaded()).isFalse();
        assertThat(config.embeddedDriver()).isFalse();
        assertThat(config.driverThreading()).isEqualTo(ThreadingMode.SHARED_NETWORK);
        assertThat(config.termLengthBytes()).isEqualTo(65_536);
        assertThat(config.timeToleranceNs()).isEqualTo(250_000L);
        assertThat(config.maxFutureNs()).isEqualTo(120_000_000_000L);
    }

    @Test
    void partialYamlKeepsTheOtherDefaults()
    {
        final TickwireConfig config = ConfigLoader.parse("aeron:\n  stream: 2002\nengine: {ringSize: 128}\n").conclude();
        assertThat(config.aeron.stream).isEqualTo(2002);
        assertThat(config.aeron.channel).isEqualTo("aeron:ipc");
        assertThat(config.aeron.termLength).isEqualTo("16m");
        assertThat(config.engine.ringSize).isEqualTo(128);
        assertThat(config.engine.threading).isEqualTo(EngineThreading.SINGLE);
        assertThat(config.dataDir).isEqualTo("./tickwire-data");
    }

    @Test
    void dedicatedDriverThreading()
    {
        final TickwireConfig config = ConfigLoader.parse("aeron: {threading: dedicated}").conclude();
        assertThat(config.driverThreading()).isEqualTo(ThreadingMode.DEDICATED);
    }

    @Test
    void boundaryValuesAreAccepted()
    {
        final TickwireConfig config = ConfigLoader.parse(String.join("\n",
            "engine: {ringSize: 64}",
            "aeron: {offerRetries: 0, termLength: 1g, stream: 2147483647}",
            "validation: {priceBandBps: 0, timeTolerance: '0', maxFuture: 0s}")).conclude();
        assertThat(config.engine.ringSize).isEqualTo(64);
        assertThat(config.aeron.offerRetries).isZero();
        assertThat(config.termLengthBytes()).isEqualTo(1 << 30);
        assertThat(config.aeron.stream).isEqualTo(Integer.MAX_VALUE);
        assertThat(config.validation.priceBandBps).isZero();
        assertThat(config.timeToleranceNs()).isZero();
        assertThat(config.maxFutureNs()).isZero();
    }

    @Test
    void systemPropertyOverridesTheDefault()
    {
        final String key = "tickwire.aeron.stream";
        final String previous = System.getProperty(key);
        try
        {
            System.setProperty(key, "4242");
            final TickwireConfig config = new TickwireConfig();
            assertThat(config.aeron.stream).isEqualTo(4242);
            assertThat(config.conclude().aeron.stream).isEqualTo(4242);
            // only a default: the file still wins
            assertThat(ConfigLoader.parse("aeron: {stream: 7}").aeron.stream).isEqualTo(7);
            // and a file that does not mention it keeps the property's value
            assertThat(ConfigLoader.parse("aeron: {channel: 'aeron:ipc'}").aeron.stream).isEqualTo(4242);
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty(key);
            }
            else
            {
                System.setProperty(key, previous);
            }
        }
        assertThat(new TickwireConfig().aeron.stream).isEqualTo(previous == null ? 1001 : Integer.parseInt(previous));
    }

    @Test
    void systemPropertiesOverrideStringDefaults()
    {
        final String channelKey = "tickwire.aeron.channel";
        final String dataKey = "tickwire.dataDir";
        final String previousChannel = System.getProperty(channelKey);
        final String previousData = System.getProperty(dataKey);
        try
        {
            System.setProperty(channelKey, "aeron:udp?endpoint=localhost:40123");
            System.setProperty(dataKey, "/tmp/tw-override");
            final TickwireConfig config = new TickwireConfig().conclude();
            assertThat(config.aeron.channel).isEqualTo("aeron:udp?endpoint=localhost:40123");
            assertThat(config.journalPath()).isEqualTo(Path.of("/tmp/tw-override/journal"));
        }
        finally
        {
            restore(channelKey, previousChannel);
            restore(dataKey, previousData);
        }
    }

    private static void restore(final String key, final String previous)
    {
        if (previous == null)
        {
            System.clearProperty(key);
        }
        else
        {
            System.setProperty(key, previous);
        }
    }
}
