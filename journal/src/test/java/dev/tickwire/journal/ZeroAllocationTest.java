package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ZeroAllocationTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;
    /**
     * Slack for constant costs, not per-message ones: on JDK 17 each measured batch shows about
     * 0.8 KB whether it appends, reads or polls an empty journal (the measuring call itself), and
     * the first batch after warm-up up to about 2 KB. 100_000 messages at even 1 byte each would be 100 KB.
     */
    private static final long SLACK_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void appendAndPollAllocateNothingPerMessage()
    {
        // A fixed clock keeps everything in one cycle: a roll maps a new file, which allocates by design.
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        final SampleMessages m = new SampleMessages();
        final SampleMessages direct = new SampleMessages(new UnsafeBuffer(BufferUtil.allocateDirectAligned(512, 64)));
        final SumHandler handler = new SumHandler();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).timeProvider(clock));
            JournalWriter writer = journal.writer();
            JournalReader reader = journal.reader())
        {
            appendAndRead(writer, reader, m, direct, handler, 0, WARM_UP);

            final long before = allocatedBytes();
            final long appended = appendAll(writer, m, direct, WARM_UP, MEASURED);
            final long afterAppend = allocatedBytes();
            final long read = readAll(reader, handler, MEASURED);
            final long afterRead = allocatedBytes();
            long idlePolls = 0;
            for (int i = 0; i < MEASURED; i++)
            {
                idlePolls += reader.poll(handler, 256); // a reader spinning at the end of the journal
            }
            final long afterIdle = allocatedBytes();

            assertThat(appended).isEqualTo(MEASURED);
            assertThat(read).isEqualTo(MEASURED);
            assertThat(handler.lastSequence).isEqualTo(WARM_UP + MEASURED - 1L);
            assertThat(afterAppend - before).as("bytes allocated by %d appends", MEASURED).isLessThan(SLACK_BYTES);
            assertThat(afterRead - afterAppend).as("bytes allocated by %d reads", MEASURED).isLessThan(SLACK_BYTES);
            assertThat(idlePolls).isZero();
            assertThat(afterIdle - afterRead).as("bytes allocated by %d empty polls", MEASURED).isLessThan(SLACK_BYTES);
        }
    }

    private static void appendAndRead(final JournalWriter writer, final JournalReader reader, final SampleMessages m,
        final SampleMessages direct, final SumHandler handler, final long from, final int count)
    {
        appendAll(writer, m, direct, from, count);
        assertThat(readAll(reader, handler, count)).isEqualTo(count);
    }

    /** Alternates heap and direct source buffers: the writer copies each a different way. */
    private static long appendAll(final JournalWriter writer, final SampleMessages heap, final SampleMessages direct,
        final long from, final int count)
    {
        long appended = 0;
        for (long s = from; s < from + count; s++)
        {
            if ((s & 1) == 0)
            {
                writer.append(heap.buffer, 0, heap.trade(s, 1, s, 1_000 + s, true));
            }
            else
            {
                writer.append(direct.buffer, 0, direct.quote(s, 2, s, 1_000 + s));
            }
            appended++;
        }
        return appended;
    }

    private static long readAll(final JournalReader reader, final SumHandler handler, final int count)
    {
        long read = 0;
        while (read < count)
        {
            final int n = reader.poll(handler, 256);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return read;
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** A handler that touches the data (so nothing is optimised away) without allocating. */
    private static final class SumHandler implements JournalHandler
    {
        long lastSequence = -1;
        long checksum;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
            final long watermarkNs)
        {
            lastSequence = Envelope.sequence(buffer, offset);
            checksum += length + watermarkNs + index + buffer.getLong(offset + length - Long.BYTES);
        }
    }
}
