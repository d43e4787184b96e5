package dev.tickwire.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeekToTimeTest
{
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void findsTheSameExcerptAsALinearScanAcrossCycles()
    {
        final SetTimeProvider clock = new SetTimeProvider(START_MS * 1_000_000L);
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock))
        {
            append(journal, clock, 7, 40, new Random(1));
            final Reference ref = Reference.read(journal);
            assertThat(ref.cycles()).isEqualTo(7);

            final TreeSet<Long> targets = new TreeSet<>();
            targets.add(Long.MIN_VALUE);
            targets.add(Long.MAX_VALUE);
            for (final long wm : ref.watermarks)
            {
                targets.add(wm);         // exact hits, including runs that straddle a roll
                if (wm != Long.MIN_VALUE)
                {
                    targets.add(wm - 1); // just before: between events
                    targets.add(wm + 1); // just after
                }
            }
            try (JournalReader reader = journal.reader())
            {
                for (final long target : targets)
                {
                    assertSeek(reader, ref, target);
                }
            }
        }
    }

    @Test
    void watermarkRunsThatStraddleACycleBoundaryResolveToTheirFirstExcerpt()
    {
        final SetTimeProvider clock = new SetTimeProvider(START_MS * 1_000_000L);
        final SampleMessages m = new SampleMessages();
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock); JournalWriter writer = journal.writer())
        {
            // cycle 0: market event at 100, then heartbeats (watermark stays 100)
            final long first100 = writer.append(m.buffer, 0, m.trade(0, 1, 0, 100, true));
            writer.append(m.buffer, 0, m.status(1, 1, 1, 500));
            clock.advanceMillis(1_000);
            // cycle 1: more of watermark 100, then 200
            writer.append(m.buffer, 0, m.status(2, 1, 2, 600));
            final long first200 = writer.append(m.buffer, 0, m.quote(3, 1, 3, 200));
            clock.advanceMillis(3_000); // skip two cycles: no files for them
            // cycle 4: a lagging source (50 < 200) then 300
            final long lagging = writer.append(m.buffer, 0, m.quote(4, 2, 4, 50));
            final long first300 = writer.append(m.buffer, 0, m.bookDelta(5, 2, 5, 300));

            try (JournalReader reader = journal.reader())
            {
                assertThat(seekIndex(reader, 100)).isEqualTo(first100);
                assertThat(seekIndex(reader, 101)).isEqualTo(first200);
                assertThat(seekIndex(reader, 200)).isEqualTo(first200);
                assertThat(seekIndex(reader, 201)).isEqualTo(first300);
                assertThat(seekIndex(reader, 50)).isEqualTo(first100); // watermark, not event time, decides
                assertThat(lagging).isLessThan(first300);
                assertThat(reader.seekToTime(301)).isFalse();
                assertThat(reader.poll((b, o, l, i, w) -> { }, 10)).isZero();
                writer.append(m.buffer, 0, m.trade(6, 1, 6, 400, true)); // positioned at the end: sees new data
                assertThat(reader.poll((b, o, l, i, w) -> assertThat(w).isEqualTo(400), 10)).isEqualTo(1);
            }
        }
    }

    @Test
    void emptyJournalHasNothingToSeek()
    {
        try (Journal journal = JournalTestSupport.open(dir); JournalReader reader = journal.reader())
        {
            assertThat(reader.seekToTime(Long.MIN_VALUE)).isFalse();
            assertThat(reader.poll((b, o, l, i, w) -> { }, 10)).isZero();
        }
    }

    @ParameterizedTest(name = "{0} cycles of {1}")
    @CsvSource({"1, 100000", "4, 25000"})
    void isABinarySearchOverAHundredThousandExcerpts(final int cycles, final int perCycle)
    {
        final int n = cycles * perCycle;
        final SetTimeProvider clock = new SetTimeProvider(START_MS * 1_000_000L);
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock))
        {
            append(journal, clock, cycles, perCycle, new Random(2));
            final Reference ref = Reference.read(journal);
            assertThat(ref.size()).isEqualTo(n);
            assertThat(ref.cycles()).isEqualTo(cycles);

            final int log2n = 64 - Long.numberOfLeadingZeros(n - 1); // ceil(log2(n)) = 17
            final int bound = 2 * log2n + cycles;
            final Random random = new Random(3);
            final long lo = ref.watermarks[0];
            final long hi = ref.watermarks[n - 1];
            int maxProbes = 0;
            try (JournalReader reader = journal.reader())
            {
                for (int i = 0; i < 300; i++)
                {
                    final long target = i < 200 ? lo - 1 + Math.floorMod(random.nextLong(), hi - lo + 3)
                        : ref.watermarks[perCycle * (i % cycles)]; // first excerpt of a cycle
                    assertSeek(reader, ref, target);
                    maxProbes = Math.max(maxProbes, reader.lastSeekProbes());
                    assertThat(reader.lastSeekProbes()).as("probes seeking %d", target).isLessThanOrEqualTo(bound);
                }
            }
            // It did search (a linear scan would need up to n reads), and logarithmically.
            assertThat(maxProbes).isBetween(log2n - 2, bound);
        }
    }

    @Test
    void skipsAnEmptyCycleFileInTheMiddle()
    {
        final SetTimeProvider clock = new SetTimeProvider(START_MS * 1_000_000L);
        final SampleMessages m = new SampleMessages();
        // A copy failure rolls back the first excerpt of a cycle, leaving that cycle's file empty.
        final UnsafeBuffer failing = new UnsafeBuffer(new byte[512])
        {
            @Override
            public byte[] byteArray()
            {
                throw new IllegalStateException("injected");
            }
        };
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock); JournalWriter writer = journal.writer())
        {
            writer.append(m.buffer, 0, m.trade(0, 1, 0, 100, true));
            writer.append(m.buffer, 0, m.trade(1, 1, 1, 150, true));
            clock.advanceMillis(1_000);
            final int length = m.trade(2, 1, 2, 170, true);
            failing.putBytes(0, m.buffer, 0, length);
            assertThatThrownBy(() -> writer.append(failing, 0, length)).hasMessageContaining("injected");
            clock.advanceMillis(1_000);
            final long at200 = writer.append(m.buffer, 0, m.trade(3, 1, 3, 200, true));
            final long at300 = writer.append(m.buffer, 0, m.trade(4, 1, 4, 300, true));
            assertThat(dir.toFile().list((d, name) -> name.endsWith(".cq4"))).hasSize(3);

            try (JournalReader reader = journal.reader())
            {
                assertThat(seekIndex(reader, 151)).isEqualTo(at200);
                assertThat(seekIndex(reader, 200)).isEqualTo(at200);
                assertThat(seekIndex(reader, 250)).isEqualTo(at300);
                assertThat(seekIndex(reader, 150)).isEqualTo(TestRollCycles.TEST_SECONDLY.toIndex(
                    TestRollCycles.TEST_SECONDLY.toCycle(at200) - 2, 1));
                assertThat(reader.seekToTime(301)).isFalse();
            }
        }
    }

    /** Appends `cycles` cycles of `perCycle` messages from two interleaved sources with jittery times. */
    private static void append(final Journal journal, final SetTimeProvider clock, final int cycles, final int perCycle,
        final Random random)
    {
        final SampleMessages m = new SampleMessages();
        long sequence = 0;
        long clockNs = 1_000_000_000L;
        try (JournalWriter writer = journal.writer())
        {
            for (int c = 0; c < cycles; c++)
            {
                for (int j = 0; j < perCycle; j++)
                {
                    clockNs += random.nextInt(3); // equal times happen, so watermark runs do too
                    final int kind = random.nextInt(10);
                    final int length;
                    if (kind < 4)
                    {
                        length = m.trade(sequence, 1, sequence, clockNs, true);
                    }
                    else if (kind < 8)
                    {
                        length = m.quote(sequence, 2, sequence, clockNs - random.nextInt(20)); // lagging source
                    }
                    else if (kind == 8)
                    {
                        length = m.trade(sequence, 2, sequence, clockNs + 1_000_000_000L, false); // rejected outlier
                    }
                    else
                    {
                        length = m.status(sequence, 3, sequence, clockNs + 5);
                    }
                    writer.append(m.buffer, 0, length);
                    sequence++;
                }
                clock.advanceMillis(1_000);
            }
        }
    }

    private static void assertSeek(final JournalReader reader, final Reference ref, final long target)
    {
        final int expected = ref.firstAtOrAfter(target);
        final boolean found = reader.seekToTime(target);
        final long[] got = {-1};
        final int read = reader.poll((buffer, offset, length, index, watermarkNs) -> got[0] = index, 1);
        if (expected < 0)
        {
            assertThat(found).as("seek %d", target).isFalse();
            assertThat(read).as("seek %d", target).isZero();
        }
        else
        {
            assertThat(found).as("seek %d", target).isTrue();
            assertThat(got[0]).as("seek %d", target).isEqualTo(ref.indexes[expected]);
        }
    }

    private static long seekIndex(final JournalReader reader, final long target)
    {
        assertThat(reader.seekToTime(target)).isTrue();
        final long[] got = {-1};
        assertThat(reader.poll((buffer, offset, length, index, watermarkNs) -> got[0] = index, 1)).isEqualTo(1);
        return got[0];
    }

    /** Every excerpt's index and watermark, read linearly: the answer key. */
    private static final class Reference
    {
        final long[] indexes;
        final long[] watermarks;

        private Reference(final List<long[]> rows)
        {
            indexes = new long[rows.size()];
            watermarks = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++)
            {
                indexes[i] = rows.get(i)[0];
                watermarks[i] = rows.get(i)[1];
            }
        }

        static Reference read(final Journal journal)
        {
            final List<long[]> rows = new ArrayList<>();
            try (JournalReader reader = journal.reader())
            {
                while (reader.poll((buffer, offset, length, index, wm) -> rows.add(new long[] {index, wm}), 1_000) > 0)
                {
                    // drain
                }
            }
            final Reference ref = new Reference(rows);
            for (int i = 1; i < ref.size(); i++)
            {
                assertThat(ref.watermarks[i]).isGreaterThanOrEqualTo(ref.watermarks[i - 1]);
            }
            return ref;
        }

        int size()
        {
            return indexes.length;
        }

        int cycles()
        {
            int cycles = 0;
            long previous = -1;
            for (final long index : indexes)
            {
                final long cycle = TestRollCycles.TEST_SECONDLY.toCycle(index);
                if (cycle != previous)
                {
                    cycles++;
                    previous = cycle;
                }
            }
            return cycles;
        }

        /** Linear scan: position of the first excerpt whose watermark is at or after target, -1 if none. */
        int firstAtOrAfter(final long target)
        {
            for (int i = 0; i < watermarks.length; i++)
            {
                if (watermarks[i] >= target)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
