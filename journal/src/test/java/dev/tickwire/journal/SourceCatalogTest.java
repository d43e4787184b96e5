package dev.tickwire.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SourceCatalogTest
{
    @TempDir
    Path dir;

    @Test
    void aNewSourceKeepsTheIdEarlierBuildsGaveItWhereThatIsFreeAndInItsRange()
    {
        final SourceCatalog sources = InstrumentCatalog.open(dir).sources();
        assertThat(sources.register(SourceKind.SIERRA, "sierra:ES:scid", 1002)).isEqualTo(1002);
        assertThat(sources.register(SourceKind.SIERRA, "sierra:ES:depth", 1003)).isEqualTo(1003);
        assertThat(sources.register(SourceKind.SIERRA, "sierra:ES:scid", 9999)).as("a known key keeps its id").isEqualTo(1002);
        // reopened: the file keeps them
        final SourceCatalog reopened = InstrumentCatalog.open(dir).sources();
        assertThat(reopened.register(SourceKind.SIERRA, "sierra:ES:depth", 0)).isEqualTo(1003);
        assertThat(reopened.keyOf(1002)).contains("sierra:ES:scid");
    }

    @Test
    void anIdPastTheKindsRangeOrTakenGetsTheLowestFreeOneOfTheRangeNeverAnotherKinds()
    {
        final SourceCatalog sources = InstrumentCatalog.open(dir).sources();
        // what the old formula gave a Sierra contract of instrument id 4,500: 1000 + 2 × 4500 = 10000, a Tardis id
        assertThat(sources.register(SourceKind.SIERRA, "sierra:ZNH7:scid", 10_000)).isEqualTo(1000);
        assertThat(sources.register(SourceKind.TARDIS, "tardis:trades:deribit:BTC-PERPETUAL", 10_000)).isEqualTo(10_000);
        assertThat(sources.register(SourceKind.SIERRA, "sierra:ZNH7:depth", 1000)).as("taken").isEqualTo(1001);
    }

    @Test
    void aFullRangeSpillsIntoTheSharedOne()
    {
        final SourceCatalog sources = InstrumentCatalog.open(dir).sources();
        for (int id = SourceKind.LOBSTER.first; id <= SourceKind.LOBSTER.last; id++)
        {
            sources.register(SourceKind.LOBSTER, "lobster:S" + id, id);
        }
        assertThat(sources.register(SourceKind.LOBSTER, "lobster:ONE_MORE", 0)).isEqualTo(SourceKind.SHARED.first);
    }
}
