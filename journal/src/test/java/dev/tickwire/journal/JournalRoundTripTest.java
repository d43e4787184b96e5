package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRoundTripTest
{
    @TempDir
    Path dir;

    @Test
    void readsBackTheSameBytesInOrderWithIncreasingIndexes()
    {
        final int n = 2_000;
        final List<byte[]> written = new ArrayList<>();
        final List<Long> writtenIndexes = new ArrayList<>();
        final List<byte[]> read = new ArrayList<>();
        final List<Long> readIndexes = new ArrayList<>();

        // Heap and direct source buffers take different copy paths in the writer.
        final SampleMessages heap = new SampleMessages();
        final SampleMessages direct = new SampleMessages(new UnsafeBuffer(BufferUtil.allocateDirectAligned(512, 64)));

        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            for (int i = 0; i < n; i++)
            {
                final SampleMessages m = i % 2 == 0 ? heap : direct;
                final long time = 1_000_000L * i;
                final int length;
                switch (i % 5)
                {
                    case 0: length = m.trade(i, 1, i, time, true); break;
                    case 1: length = m.quote(i, 2, i, time); break;
                    case 2: length = m.bookDelta(i, 1, i, time); break;
                    case 3: length = m.instrument(i, 3, i, time); break;
                    default: length = m.status(i, 2, i, time); break;
                }
                final byte[] bytes = new byte[length];
                m.buffer.getBytes(0, bytes);
                written.add(bytes);
                writtenIndexes.add(writer.append(m.buffer, 0, length));
            }

            try (JournalReader reader = journal.reader())
            {
                int got;
                do
                {
                    got = reader.poll((buffer, offset, length, index, watermarkNs) ->
                    {
                        final byte[] bytes = new byte[length];
                        buffer.getBytes(offset, bytes);
                        read.add(bytes);
                        readIndexes.add(index);
                    }, 100);
                    assertThat(got).isBetween(0, 100);
                }
                while (got > 0);
            }
            assertThat(journal.lastSequence()).isEqualTo(n - 1);
        }

        assertThat(read).hasSize(n);
        for (int i = 0; i < n; i++)
        {
            assertThat(read.get(i)).as("message %d", i).isEqualTo(written.get(i));
        }
        assertThat(readIndexes).isEqualTo(writtenIndexes);
        assertThat(readIndexes).isSorted().doesNotHaveDuplicates();
        final UnsafeBuffer first = new UnsafeBuffer(read.get(0));
        assertThat(Envelope.templateId(first, 0)).isEqualTo(MessageTypes.TRADE);
        assertThat(Envelope.templateId(new UnsafeBuffer(read.get(3)), 0)).isEqualTo(MessageTypes.INSTRUMENT);
    }

    @Test
    void messageAtAnOffsetInALargerBufferIsCopiedExactly()
    {
        final UnsafeBuffer big = new UnsafeBuffer(new byte[1024]);
        final SampleMessages at0 = new SampleMessages();
        final int length = at0.trade(42, 9, 4242, 123_456_789L, true);
        big.putBytes(100, at0.buffer, 0, length);
        big.setMemory(0, 100, (byte)0x55);
        big.setMemory(100 + length, 1024 - 100 - length, (byte)0x66);

        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer();
            JournalReader reader = journal.reader())
        {
            final long index = writer.append(big, 100, length);
            final byte[] copy = new byte[length];
            final long[] seen = new long[2];
            assertThat(reader.poll((buffer, offset, len, idx, watermarkNs) ->
            {
                assertThat(len).isEqualTo(length);
                buffer.getBytes(offset, copy);
                seen[0] = idx;
                seen[1] = watermarkNs;
            }, 10)).isEqualTo(1);
            final byte[] expected = new byte[length];
            at0.buffer.getBytes(0, expected);
            assertThat(copy).isEqualTo(expected);
            assertThat(seen[0]).isEqualTo(index);
            assertThat(seen[1]).isEqualTo(123_456_789L);
            assertThat(reader.poll((b, o, l, i, w) -> { }, 10)).isZero();
        }
    }

    @Test
    void pollHonoursTheLimitAndMoveToIndexRepositions()
    {
        final SampleMessages m = new SampleMessages();
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer();
            JournalReader reader = journal.reader())
        {
            final long[] indexes = new long[10];
            for (int i = 0; i < 10; i++)
            {
                indexes[i] = writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000 + i, true));
            }
            final List<Long> sequences = new ArrayList<>();
            final JournalHandler collect = (buffer, offset, length, index, wm) -> sequences.add(Envelope.sequence(buffer, offset));

            assertThat(reader.poll(collect, 3)).isEqualTo(3);
            assertThat(sequences).containsExactly(0L, 1L, 2L);
            assertThat(reader.index()).isEqualTo(indexes[3]);

            assertThat(reader.moveToIndex(indexes[7])).isTrue();
            assertThat(reader.poll(collect, 100)).isEqualTo(3);
            assertThat(sequences).containsExactly(0L, 1L, 2L, 7L, 8L, 9L);

            reader.toStart();
            assertThat(reader.index()).isEqualTo(indexes[0]);
            sequences.clear();
            assertThat(reader.poll(collect, 1)).isEqualTo(1);
            assertThat(sequences).containsExactly(0L);

            reader.toEnd();
            assertThat(reader.poll(collect, 100)).isZero();
            writer.append(m.buffer, 0, m.trade(10, 1, 10, 2_000, true));
            assertThat(reader.poll(collect, 100)).isEqualTo(1);
            assertThat(sequences).containsExactly(0L, 10L);
        }
    }

    @Test
    void rejectsMessagesShorterThanAnEnvelope()
    {
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            assertThatThrownBy(() -> writer.append(new UnsafeBuffer(new byte[64]), 0, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 bytes");
            assertThat(journal.lastSequence()).isEqualTo(-1);
        }
    }

    @Test
    void oneWriterAtATime()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            final JournalWriter writer = journal.writer();
            assertThatThrownBy(journal::writer).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has a writer");
            writer.close();
            try (JournalWriter again = journal.writer())
            {
                assertThat(again).isNotSameAs(writer);
            }
        }
    }
}
