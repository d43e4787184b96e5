package dev.tickwire.engine.output;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tailer's contract with a sink: journal order, checkpoint only after a flush, again from it after a failure. */
class JournalTailerTest
{
    private static final long T = 1_800_000_000_000_000_000L;

    @TempDir
    Path dir;

    private Journal journal;
    private JournalWriter out;
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16)), new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 14)));
    private long now;
    private long sequence;

    /** Records the engine sequences it receives; fails while {@code failing}. */
    private static final class Recording implements OutputSink
    {
        final List<Long> received = new ArrayList<>();
        final List<Long> flushed = new ArrayList<>();
        boolean failing;
        int flushes;
        boolean closed;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
            final long watermarkNs)
        {
            received.add(Envelope.sequence(buffer, offset));
        }

        @Override
        public void flush() throws Exception
        {
            if (failing)
            {
                throw new java.io.IOException("broker unreachable");
            }
            flushes++;
            flushed.clear();
            flushed.addAll(received);
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }

    @BeforeEach
    void openJournal()
    {
        journal = Journal.open(new Journal.Context().dir(dir.resolve("journal")));
        out = journal.writer();
    }

    @AfterEach
    void closeJournal()
    {
        journal.close();
    }

    private void append(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            final int length = writer.trade(buffer, 0, 1, sequence + 1, 1, T + sequence, T + sequence, 500, 1, Side.BUY,
                sequence, 0, 0);
            Envelope.sequence(buffer, 0, ++sequence);
            out.append(buffer, 0, length);
        }
    }

    private JournalTailer tailer(final Recording sink, final long flushEvery)
    {
        final AtomicCounter delivered = counters.newCounter("delivered");
        final AtomicCounter errors = counters.newCounter("errors");
        return new JournalTailer(journal, "test", sink, flushEvery, 1_000_000_000L, delivered, errors, () -> now);
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> list = new ArrayList<>();
        for (long i = from; i <= to; i++)
        {
            list.add(i);
        }
        return list;
    }

    @Test
    void deliversInJournalOrderAndCheckpointsOnlyWhatWasFlushed()
    {
        append(2_500);
        final Recording sink = new Recording();
        final JournalTailer tailer = tailer(sink, 1_000);
        tailer.onStart();
        while (tailer.doWork() > 0)
        {
            now += 1_000;
        }
        assertThat(sink.received).isEqualTo(range(1, 2_500));
        assertThat(sink.flushes).as("the reads come 4096 at a time: one flush for the first 2,500").isEqualTo(1);
        tailer.onClose(); // a clean stop flushes the rest
        assertThat(sink.closed).isTrue();
        assertThat(sink.flushes).isEqualTo(1);

        // restarted: nothing again, then only the new
        append(10);
        final Recording next = new Recording();
        final JournalTailer again = tailer(next, 1_000);
        again.onStart();
        while (again.doWork() > 0)
        {
            now += 1_000;
        }
        assertThat(next.received).isEqualTo(range(2_501, 2_510));
    }

    @Test
    void afterACrashWhatCameAfterTheLastFlushComesAgain()
    {
        append(100);
        final Recording sink = new Recording();
        final JournalTailer tailer = tailer(sink, 1_000_000);
        tailer.onStart();
        tailer.doWork();
        now += 2_000_000_000L; // the flush interval passed
        append(50);
        tailer.doWork();
        assertThat(sink.flushed).isEqualTo(range(1, 150));
        append(30);
        tailer.doWork(); // delivered, not flushed: then the process dies (no onClose)

        final Recording afterCrash = new Recording();
        final JournalTailer restarted = tailer(afterCrash, 1_000_000);
        restarted.onStart();
        restarted.doWork();
        assertThat(afterCrash.received).as("at least once: the unflushed 30 again").isEqualTo(range(151, 180));
    }

    @Test
    void aFailingSinkBacksOffThenGetsEverythingSinceItsCheckpointAgain()
    {
        append(20);
        final Recording sink = new Recording();
        final JournalTailer tailer = tailer(sink, 10);
        tailer.onStart();
        tailer.doWork();
        assertThat(sink.flushed).isEqualTo(range(1, 20));
        sink.failing = true;
        append(20);
        tailer.doWork(); // delivers 21..40, the flush fails: back off, rewind to after 20
        assertThat(sink.received).isEqualTo(range(1, 40));
        assertThat(tailer.doWork()).as("backing off").isZero();
        now += 50_000_000L;
        assertThat(tailer.doWork()).as("still backing off (100 ms)").isZero();
        sink.failing = false;
        now += 100_000_000L;
        sink.received.clear();
        tailer.doWork();
        assertThat(sink.received).as("again from the checkpoint").isEqualTo(range(21, 40));
        assertThat(sink.flushed).containsSubsequence(21L, 40L);
    }
}
