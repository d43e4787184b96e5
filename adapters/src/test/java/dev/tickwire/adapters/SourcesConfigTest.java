package dev.tickwire.adapters;

import dev.tickwire.engine.adapter.Sources;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every source type's section fails fast naming the key, as the engine's own keys do. */
class SourcesConfigTest
{
    @TempDir
    Path dir;

    @org.junit.jupiter.api.Test
    void aSierraContractWithALargeInstrumentIdKeepsToSierraSourceIds() throws Exception
    {
        // a journal that also holds thousands of Tardis instruments: the contract is instrument 4,500
        final TickwireConfig config = ConfigLoader.parse(
            "sources: [{type: sierra, folder: /x, contracts: [{symbol: ZNH7_FUT_CBOT, tickSize: '0.015625'}]}]");
        config.dataDir = dir.toString();
        final StringBuilder tsv = new StringBuilder("id\tsymbol\tvenue\tpriceExponent\tsizeExponent\ttickSize\n");
        for (int i = 1; i < 4500; i++)
        {
            tsv.append(i).append("\tderibit:OPT-").append(i).append("\tderibit\t-4\t-1\t5\n");
        }
        final Path journal = config.conclude().journalPath();
        java.nio.file.Files.createDirectories(journal);
        java.nio.file.Files.writeString(journal.resolve(dev.tickwire.journal.InstrumentCatalog.FILE_NAME), tsv);
        final java.util.List<dev.tickwire.engine.adapter.FeedAdapter> adapters = Sources.create(config);
        assertThat(dev.tickwire.journal.InstrumentCatalog.open(journal).bySymbol("ZNH7_FUT_CBOT").orElseThrow().id())
            .isEqualTo(4500);
        // before the source catalog: 1000 + 2 × 4500 = 10000 and 10001, ids of the Tardis range
        assertThat(adapters).extracting(dev.tickwire.engine.adapter.FeedAdapter::sourceId)
            .allMatch(dev.tickwire.journal.SourceKind.SIERRA::contains).doesNotHaveDuplicates().hasSize(2);
    }

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "sources: [{type: sierra, folder: /x, contracts: [~]}]                       | sources[0].contracts[0]",
        "sources: [{type: sierra, folder: /x, contracts: [{symbol: ES}]}]           | sources[0].contracts[0].tickSize",
        "sources: [{type: sierra, contracts: [{symbol: ES, tickSize: '0.25'}]}]     | sources[0].folder",
        "sources: [{type: sierra, folder: /x, contracts: [{symbol: ES, tickSize: '0.25', sizeMultiplier: '1e30'}]}] | sources[0].contracts[0]",
        "sources: [{type: sierra, folder: /x, pollInterval: 0ms, contracts: [{symbol: ES, tickSize: '0.25'}]}] | sources[0].pollInterval",
        "sources: [{type: sierra, folder: /x, pollInterval: ~, contracts: [{symbol: ES, tickSize: '0.25'}]}] | sources[0].pollInterval",
        "sources: [{type: synthetic, instruments: [~]}]                             | sources[0].instruments[0]",
        "sources: [{type: synthetic, mix: {trades: 0, quotes: 0, depth: 0}}]        | sources[0].mix",
        "sources: [{type: synthetic, id: 0}]                                         | sources[0].id",
        "sources: [{type: synthetic, depthLevels: 1001}]                             | sources[0].depthLevels",
    })
    void aBadSourceFailsNamingTheKey(final String yaml, final String key)
    {
        final TickwireConfig config = ConfigLoader.parse(yaml);
        config.dataDir = dir.toString();
        assertThatThrownBy(() -> Sources.create(config.conclude())).isInstanceOf(ConfigException.class)
            .satisfies(ex -> org.assertj.core.api.Assertions.assertThat(((ConfigException)ex).key()).isEqualTo(key));
    }
}
