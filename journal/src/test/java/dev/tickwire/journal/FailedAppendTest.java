package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailedAppendTest
{
    @TempDir
    Path dir;

    @Test
    void aBufferTooShortForTheLengthFailsBeforeAnythingIsWritten()
    {
        final SampleMessages m = new SampleMessages();
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            writer.append(m.buffer, 0, m.trade(0, 1, 0, 100, true));
            assertThatThrownBy(() -> writer.append(m.buffer, 0, 600)).isInstanceOf(IndexOutOfBoundsException.class);
            writer.append(m.buffer, 0, m.trade(1, 1, 1, 200, true));
            assertThat(sequences(journal)).containsExactly(0L, 1L);
            assertThat(writer.watermarkNs()).isEqualTo(200);
        }
    }

    /**
     * A failure inside the excerpt (here injected while copying) rolls it back. When that excerpt
     * was the first of a new cycle, Chronicle 2026.4 leaves the cycle without its end marker and
     * tailers stop there; the writer repairs it on its next roll.
     */
    @Test
    void aFailureInsideTheExcerptRollsBackAndReadersCarryOnAcrossTheRoll()
    {
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        final SampleMessages m = new SampleMessages();
        final UnsafeBuffer failing = new UnsafeBuffer(new byte[512])
        {
            @Override
            public byte[] byteArray()
            {
                throw new IllegalStateException("injected copy failure");
            }
        };
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock); JournalWriter writer = journal.writer();
            JournalReader live = journal.reader())
        {
            writer.append(m.buffer, 0, m.trade(0, 1, 0, 100, true));
            writer.append(m.buffer, 0, m.trade(1, 1, 1, 110, true));
            clock.advanceMillis(1_000);

            final int length = m.trade(2, 1, 2, 999, true);
            failing.putBytes(0, m.buffer, 0, length);
            assertThatThrownBy(() -> writer.append(failing, 0, length)).hasMessageContaining("injected");
            assertThat(writer.watermarkNs()).isEqualTo(110); // the failed message did not count
            assertThat(journal.lastSequence()).isEqualTo(1); // the empty newest cycle is looked past
            assertThat(journal.lastWatermarkNs()).isEqualTo(110);
            assertThat(journal.lastCheckpoint(1).sourcePosition()).isEqualTo(1);

            clock.advanceMillis(1_000);
            writer.append(m.buffer, 0, m.trade(3, 1, 3, 300, true));
            clock.advanceMillis(1_000);
            writer.append(m.buffer, 0, m.trade(4, 1, 4, 400, true));

            assertThat(sequences(journal)).containsExactly(0L, 1L, 3L, 4L);
            final List<Long> followed = new ArrayList<>();
            while (live.poll((buffer, offset, len, index, wm) -> followed.add(Envelope.sequence(buffer, offset)), 10) > 0)
            {
                // drain
            }
            assertThat(followed).containsExactly(0L, 1L, 3L, 4L);
            assertThat(journal.lastSequence()).isEqualTo(4);
        }
    }

    private static List<Long> sequences(final Journal journal)
    {
        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, wm) -> sequences.add(Envelope.sequence(buffer, offset)), 10) > 0)
            {
                // drain
            }
        }
        return sequences;
    }
}
