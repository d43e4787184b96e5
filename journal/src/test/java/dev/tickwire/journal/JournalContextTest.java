package dev.tickwire.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalContextTest
{
    @TempDir
    Path dir;

    @Test
    void defaultsToFastHourly()
    {
        final Journal.Context ctx = new Journal.Context().dir(dir).conclude();
        assertThat(ctx.rollCycle()).isEqualTo("FAST_HOURLY");
        assertThat(ctx.resolvedRollCycle()).isEqualTo(RollCycles.FAST_HOURLY);
        assertThat(ctx.readOnly()).isFalse();
    }

    @Test
    void acceptsNamesFromAllThreeRollCycleEnums()
    {
        assertThat(new Journal.Context().dir(dir).rollCycle("FAST_DAILY").conclude().resolvedRollCycle())
            .isEqualTo(RollCycles.FAST_DAILY);
        assertThat(new Journal.Context().dir(dir).rollCycle("LARGE_HOURLY").conclude().resolvedRollCycle())
            .isEqualTo(LargeRollCycles.LARGE_HOURLY);
        assertThat(new Journal.Context().dir(dir).rollCycle("TEST_SECONDLY").conclude().resolvedRollCycle())
            .isEqualTo(TestRollCycles.TEST_SECONDLY);
    }

    @Test
    void rejectsAnUnknownRollCycleNamingItAndTheValidOnes()
    {
        assertThatThrownBy(() -> new Journal.Context().dir(dir).rollCycle("HOURLYISH").conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("HOURLYISH")
            .hasMessageContaining("FAST_HOURLY")
            .hasMessageContaining("LARGE_DAILY")
            .hasMessageContaining("TEST_SECONDLY");
    }

    @Test
    void requiresADirectoryAndAnExistingOneWhenReadOnly()
    {
        assertThatThrownBy(() -> new Journal.Context().conclude()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("dir");
        assertThatThrownBy(() -> Journal.open(new Journal.Context().dir(dir.resolve("missing")).readOnly(true)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
    }

    @Test
    void aReadOnlyJournalHasNoWriter()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            assertThat(journal.dir()).isEqualTo(dir);
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            assertThatThrownBy(journal::writer).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
            assertThat(journal.lastSequence()).isEqualTo(-1);
        }
    }
}
