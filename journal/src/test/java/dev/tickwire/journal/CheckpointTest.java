package dev.tickwire.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointTest
{
    @TempDir
    Path dir;

    @Test
    void emptyJournalHasNoSequenceAndNoCheckpoints()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            assertThat(journal.lastSequence()).isEqualTo(-1);
            assertThat(journal.lastCheckpoint(1)).isNull();
            assertThat(journal.lastCheckpoints(List.of(1, 2))).isEmpty();
        }
    }

    @Test
    void findsEachSourcesLastExcerptAcrossCycles()
    {
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        final SampleMessages m = new SampleMessages();
        final long source3Index;
        final long source2RejectedIndex;
        final long source1LastIndex;
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock))
        {
            try (JournalWriter writer = journal.writer())
            {
                // cycle 0: source 3 appears only here, at the start
                source3Index = writer.append(m.buffer, 0, m.instrument(0, 3, 30, 1_000));
                long sequence = 1;
                for (int cycle = 0; cycle < 3; cycle++)
                {
                    for (int i = 0; i < 50; i++, sequence++)
                    {
                        writer.append(m.buffer, 0, m.trade(sequence, 1, 100 + sequence, 2_000 + sequence, true));
                        writer.append(m.buffer, 0, m.quote(sequence, 2, 200 + sequence, 2_000 + sequence));
                    }
                    clock.advanceMillis(1_000);
                }
                // source 2's last record is rejected: it still moved the source position
                source2RejectedIndex = writer.append(m.buffer, 0, m.trade(sequence, 2, 999, 9_999_999, false));
                sequence++;
                source1LastIndex = writer.append(m.buffer, 0, m.status(sequence, 1, 1_000, 10_000));
            }
            final long last = journal.lastSequence();
            assertThat(last).isEqualTo(152);

            assertThat(journal.lastCheckpoint(1)).isEqualTo(new Checkpoint(1, 1_000, 152, 10_000, source1LastIndex));
            assertThat(journal.lastCheckpoint(2)).isEqualTo(new Checkpoint(2, 999, 151, 9_999_999, source2RejectedIndex));
            assertThat(journal.lastCheckpoint(3)).isEqualTo(new Checkpoint(3, 30, 0, 1_000, source3Index));
            assertThat(journal.lastCheckpointScanLength()).isEqualTo(303); // source 3 is the very first of 303 excerpts

            assertThat(journal.lastCheckpoint(9)).isNull();
            assertThat(journal.lastCheckpointScanLength()).isEqualTo(303); // a missing source scans to the start

            final Map<Integer, Checkpoint> some = journal.lastCheckpoints(List.of(1, 2));
            assertThat(some).containsOnlyKeys(1, 2);
            assertThat(some.get(1).sourcePosition()).isEqualTo(1_000);
            assertThat(some.get(2).sourcePosition()).isEqualTo(999);
            assertThat(journal.lastCheckpointScanLength()).isEqualTo(2); // stopped as soon as both were found

            final Map<Integer, Checkpoint> all = journal.lastCheckpoints(List.of(1, 2, 3, 9));
            assertThat(all).containsOnlyKeys(1, 2, 3);
            assertThat(all.get(3).index()).isEqualTo(source3Index);
            assertThat(all.get(2).sequence()).isEqualTo(151);
            assertThat(all.get(1).eventTimeNs()).isEqualTo(10_000);
        }
    }

    @Test
    void aReopenedJournalKeepsItsCheckpoints()
    {
        final SampleMessages m = new SampleMessages();
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            writer.append(m.buffer, 0, m.trade(0, 4, 40, 1, true));
            writer.append(m.buffer, 0, m.trade(1, 5, 50, 2, true));
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            assertThat(journal.lastSequence()).isEqualTo(1);
            assertThat(journal.lastCheckpoint(4).sourcePosition()).isEqualTo(40);
            assertThat(journal.lastCheckpoint(5).sourcePosition()).isEqualTo(50);
        }
    }
}
