package dev.tickwire.engine.bars;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code bars} section of the config. */
class BarsConfigTest
{
    @Test
    void noBarsByDefault()
    {
        final TickwireConfig config = new TickwireConfig().conclude();
        assertThat(config.bars.specs).isEmpty();
        assertThat(config.barSpecs()).isEmpty();
        assertThat(config.bars.origin).isEqualTo("00:00");
        assertThat(config.bars.emitEmpty).isFalse();
        assertThat(config.bars.stream).isEqualTo(1003);
        assertThat(config.barsChannel()).isEqualTo("aeron:ipc"); // the market-data channel
    }

    @Test
    void aFullSection()
    {
        final TickwireConfig config = ConfigLoader.parse(String.join("\n",
            "aeron: {channel: 'aeron:udp?endpoint=localhost:40123'}",
            "bars:",
            "  specs: [\"1m\", \"5m\", \"ticks:100\", \"volume:50\", \"value:1000000\"]",
            "  origin: \"13:30\"",
            "  emitEmpty: true",
            "  stream: 2003")).conclude();
        assertThat(config.barSpecs()).extracting(BarSpec::text).containsExactly("1m", "5m", "ticks:100", "volume:50", "value:1000000");
        assertThat(config.barSpecs().get(0).originNs()).isEqualTo(BarSpec.parseOrigin("13:30"));
        assertThat(config.bars.emitEmpty).isTrue();
        assertThat(config.bars.stream).isEqualTo(2003);
        assertThat(config.barsChannel()).isEqualTo("aeron:udp?endpoint=localhost:40123");
        assertThat(ConfigLoader.parse("bars:\n  channel: 'aeron:ipc'\n").conclude().barsChannel()).isEqualTo("aeron:ipc");
        assertThat(ConfigLoader.parse("bars:\n").conclude().barSpecs()).isEmpty();
    }

    @Test
    void badValuesNameTheirKey()
    {
        assertKey("bars: {specs: [\"1m\", \"ticks:0\"]}", "bars.specs[1]", "at least 1 trade");
        assertKey("bars: {specs: [\"1m\", \"60s\"]}", "bars.specs[1]", "same bars as bars.specs[0]");
        assertKey("bars: {specs: [\"1m\"], origin: \"25:00\"}", "bars.origin", "time of day");
        assertKey("bars: {stream: 1001}", "bars.stream", "must differ from aeron.stream (1001)");
        assertKey("bars: {stream: 0}", "bars.stream", "must not be 0");
        assertKey("bars: {channel: \"udp://x\"}", "bars.channel", "Aeron channel");
        assertKey("bars: {spec: [\"1m\"]}", "bars.spec", "unknown key");
        // the same stream is fine on another channel
        assertThat(ConfigLoader.parse("bars: {stream: 1001, channel: 'aeron:udp?endpoint=localhost:40124'}").conclude()
            .bars.stream).isEqualTo(1001);
    }

    private static void assertKey(final String yaml, final String key, final String problem)
    {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml).conclude())
            .as(yaml)
            .isInstanceOfSatisfying(ConfigException.class, ex -> assertThat(ex.key()).isEqualTo(key))
            .hasMessageContaining(problem);
    }
}
