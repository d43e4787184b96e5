package dev.tickwire.engine.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The UDP channels and the Aeron Archive's keys: read from YAML, checked naming the key. */
class AcrossHostsConfigTest
{
    @Test
    void theArchiveSectionIsReadAndRecordingAUdpChannelMakesTheSpyConnectIt()
    {
        final TickwireConfig config = ConfigLoader.parse("""
            dataDir: /srv/tw
            aeron:
              channel: "aeron:udp?control=10.0.0.1:40457|control-mode=dynamic|fc=tagged,g:100"
            archive:
              aeron:
                record: true
                controlChannel: "aeron:udp?endpoint=10.0.0.1:8010"
                keep: 3
            """).conclude();
        assertThat(config.recording()).isTrue();
        assertThat(config.archive.aeron.mode).isEqualTo(DriverMode.EMBEDDED);
        assertThat(config.archive.aeron.keep).isEqualTo(3);
        assertThat(config.archive.aeron.bars).isTrue();
        assertThat(config.aeronArchivePath()).isEqualTo(Path.of("/srv/tw/aeron-archive"));
        // recorded locally: the archive's spy alone keeps the publication connected, so nothing is lost unrecorded
        final io.aeron.ChannelUri published = io.aeron.ChannelUri.parse(config.publishedChannel(config.aeron.channel));
        assertThat(published.get("ssc")).isEqualTo("true");
        assertThat(published.get("control")).isEqualTo("10.0.0.1:40457");
        assertThat(published.get("control-mode")).isEqualTo("dynamic");
        assertThat(published.get("fc")).isEqualTo("tagged,g:100");
        assertThat(config.publishedChannel("aeron:ipc")).isEqualTo("aeron:ipc");
    }

    @Test
    void offByDefaultAndTheChannelIsThenUntouched()
    {
        final TickwireConfig config = ConfigLoader.parse("aeron: {channel: \"aeron:udp?endpoint=10.0.0.2:40456\"}")
            .conclude();
        assertThat(config.recording()).isFalse();
        assertThat(config.publishedChannel(config.aeron.channel)).isEqualTo("aeron:udp?endpoint=10.0.0.2:40456");
    }

    @Test
    void badSettingsFailNamingTheirKey()
    {
        assertThatThrownBy(() -> ConfigLoader.parse("aeron: {channel: \"aeron:udp?endpoint=h:1|fc=fastest\"}")
            .conclude()).isInstanceOf(ConfigException.class).hasMessageContaining("aeron.channel")
            .hasMessageContaining("fc must be min, max or tagged");
        assertThatThrownBy(() -> ConfigLoader.parse("aeron: {channel: \"aeron:udp?control-mode=dynamic\"}")
            .conclude()).isInstanceOf(ConfigException.class).hasMessageContaining("aeron.channel")
            .hasMessageContaining("control=");
        assertThatThrownBy(() -> ConfigLoader.parse("archive: {aeron: {record: true, controlChannel: \"aeron:ipc\"}}")
            .conclude()).isInstanceOf(ConfigException.class).hasMessageContaining("archive.aeron.controlChannel");
        assertThatThrownBy(() -> ConfigLoader.parse("archive: {aeron: {mode: sideways}}").conclude())
            .isInstanceOf(ConfigException.class).hasMessageContaining("archive.aeron.mode");
        assertThatThrownBy(() -> ConfigLoader.parse("archive: {aeron: {keep: -1}}").conclude())
            .isInstanceOf(ConfigException.class).hasMessageContaining("archive.aeron.keep");
        assertThatThrownBy(() -> ConfigLoader.parse(
            "archive: {aeron: {recordChannel: \"aeron:udp?endpoint=h:1\"}}").conclude())
            .isInstanceOf(ConfigException.class).hasMessageContaining("archive.aeron.recordChannel");
        assertThatThrownBy(() -> ConfigLoader.parse(
            "aeron: {driver: external}\narchive: {aeron: {record: true}}").conclude())
            .isInstanceOf(ConfigException.class).hasMessageContaining("archive.aeron.mode");
        assertThatThrownBy(() -> ConfigLoader.parse("archive: {aeron: {recrod: true}}"))
            .hasMessageContaining("recrod");
    }
}
