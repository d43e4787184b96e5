package dev.tickwire.tools.daily;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code daily} section: defaults, and every bad key failing with its name (the chain's order included). */
class DailyConfigTest
{
    private static final String BASE = "dataDir: /data/tw\narchive: {dir: /data/archive}\ndaily:\n" +
        "  exchange: binance-futures\n  symbols: [btcusdt, 'ETH/USDT']\n  dataTypes: [trades, incremental_book_L2]\n";

    private static DailyConfig parse(final String yaml)
    {
        return DailyConfig.parse(ConfigLoader.parse(yaml).conclude());
    }

    private static void fails(final String yaml, final String key, final String text)
    {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
            .satisfies(ex -> assertThat(((ConfigException)ex).key()).isEqualTo(key)).hasMessageContaining(text);
    }

    @Test
    void defaultsMakeTheFullChainWithPathsUnderTheDataDir()
    {
        final DailyConfig d = parse(BASE);
        assertThat(d.steps).extracting(DailyStep::name)
            .containsExactly("instruments", "download", "import", "gaps", "bars", "archive", "verify");
        assertThat(d.symbols).as("dataset symbols, as the API takes them").containsExactly("BTCUSDT", "ETH-USDT");
        assertThat(d.cache).isEqualTo(Path.of("/data/tw/tardis"));
        assertThat(d.journal).isEqualTo(Path.of("/data/tw/journal"));
        assertThat(d.stateDir).isEqualTo(Path.of("/data/tw/daily"));
        assertThat(d.barsOut).isEqualTo(Path.of("/data/tw/bars"));
        assertThat(d.datasetsUrl).isEqualTo("https://datasets.tardis.dev");
        assertThat(d.section.attempts).isEqualTo(10);
        assertThat(d.barsWarmupNs).as("archive.featuresWarmup").isEqualTo(86_400_000_000_000L);
        assertThat(d.instrument("BTCUSDT")).isEqualTo("binance-futures:BTCUSDT");
        final DailyConfig other = parse(BASE + "  baseUrl: http://127.0.0.1:1234\n  journal: /h/journal\n" +
            "  steps: [download, import, backup]\n  backup: {to: /backups}\n");
        assertThat(other.datasetsUrl).as("a stand-in serves both").isEqualTo("http://127.0.0.1:1234");
        assertThat(other.journal).isEqualTo(Path.of("/h/journal"));
        assertThat(other.steps).extracting(DailyStep::name).containsExactly("download", "import", "backup");
    }

    @Test
    void aMissingSectionOrAnUnknownKeyIsNamed()
    {
        assertThatThrownBy(() -> DailyConfig.parse(new TickwireConfig().conclude())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("config key 'daily': is missing");
        fails(BASE + "  symbol: [X]\n", "daily.symbol", "unknown key");
        fails(BASE + "  gaps: {maxSilense: 5m}\n", "daily.gaps.maxSilense", "unknown key");
        fails("daily:\n  symbols: [A]\n  dataTypes: [trades]\n", "daily.exchange", "is required");
        fails("daily:\n  exchange: x\n  dataTypes: [trades]\n", "daily.symbols", "at least one");
        fails("daily:\n  exchange: x\n  symbols: [A]\n", "daily.dataTypes", "at least one");
        fails(BASE.replace("trades,", "'trades/x',"), "daily.dataTypes[0]", "not a Tardis data type");
    }

    @Test
    void theChainIsCheckedNamingTheStep()
    {
        fails(BASE + "  steps: [download, import, archiv]\n", "daily.steps[2]", "unknown step 'archiv'");
        fails(BASE + "  steps: [download, import, download]\n", "daily.steps[2]", "already daily.steps[0]");
        fails(BASE + "  steps: [download, gaps, import]\n", "daily.steps[1]",
            "'gaps' needs 'import' before it, but 'import' is daily.steps[2]; in order: [download, import, gaps]");
        fails(BASE + "  steps: [verify, archive]\n", "daily.steps[0]", "'verify' needs 'archive'");
        fails(BASE + "  steps: []\n", "daily.steps", "at least one step");
        // a needed step may be left out: the folder can be filled by another client
        assertThat(parse(BASE + "  steps: [import, archive, verify]\n").steps).hasSize(3);
        fails(BASE.replace("archive: {dir: /data/archive}\n", ""), "daily.archive",
            "is needed by daily.steps[5] (archive)");
        fails(BASE + "  steps: [import, backup]\n", "daily.backup.to", "is needed by daily.steps[1] (backup)");
        final TickwireConfig config = ConfigLoader.parse(BASE).conclude();
        assertThat(DailyConfig.parse(config, List.of("archive", "verify"), "--steps").steps).hasSize(2);
        assertThatThrownBy(() -> DailyConfig.parse(config, List.of("verify", "gap"), "--steps"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("config key '--steps[1]': unknown step 'gap'");
    }

    @Test
    void aConfigThatAlsoRunsAnEngineGivesTheChainItsOwnJournalAndArchive()
    {
        final String schedule = "schedule: {jobs: [{name: d, cron: '0 8 * * *', run: 'daily --config x.yaml'}]}\n";
        fails(schedule + BASE, "daily.journal", "is the journal `tickwire run` writes with this config " +
            "(/data/tw/journal, for its scheduler)");
        fails(schedule + BASE + "  journal: /data/tw/history\n", "daily.archive", "is archive.dir by default");
        final DailyConfig own = parse(schedule + BASE + "  journal: /data/tw/history\n  archive: /data/history-archive\n");
        assertThat(own.journal).isEqualTo(Path.of("/data/tw/history"));
        assertThat(own.archive).isEqualTo("/data/history-archive");
        assertThat(parse(BASE).archive).as("a config only the chain uses: archive.dir").isEqualTo("/data/archive");
        assertThat(parse(schedule + BASE + "  journal: /h\n  steps: [download, import]\n").steps).hasSize(2);
    }

    @Test
    void settingsOutOfRangeAreNamed()
    {
        fails(BASE + "  concurrency: 0\n", "daily.concurrency", "must be 1..64");
        fails(BASE + "  attempts: 0\n", "daily.attempts", "must be 1..100");
        fails(BASE + "  retryDelay: 5s\n  maxRetryDelay: 1s\n", "daily.maxRetryDelay", "at least retryDelay");
        fails(BASE + "  retryDelay: soon\n", "daily.retryDelay", "not a duration");
        fails(BASE + "  baseUrl: ftp://x\n", "daily.baseUrl", "http(s) URL");
        fails(BASE + "  gaps: {calendar: NYSE}\n", "daily.gaps.calendar", "unknown calendar 'NYSE'");
        fails(BASE + "  gaps: {failOver: -1}\n", "daily.gaps.failOver", "0 or more");
        fails(BASE + "  bars: {specs: [1m, 'ticks:x']}\n", "daily.bars.specs[1]", "");
        fails(BASE + "  bars: {depth: 51}\n", "daily.bars.depth", "1..50");
        fails(BASE + "  apiKeyEnv: A\n  apiKeyFile: /k\n", "daily.apiKeyEnv", "not both");
        fails(BASE + "  lookback: 0\n", "daily.lookback", "1..366");
    }
}
