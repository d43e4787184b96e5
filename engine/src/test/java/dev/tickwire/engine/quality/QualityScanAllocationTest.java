package dev.tickwire.engine.quality;

import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static dev.tickwire.engine.quality.QualityJournal.SECOND;
import static dev.tickwire.engine.quality.QualityJournal.chicago;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal may be large: the scan must cost nothing per message. The same scan over a small and a
 * large journal (same instruments, same gaps) allocates the same, give or take a constant slack.
 */
class QualityScanAllocationTest
{
    private static final int SMALL = 2_000;
    private static final int LARGE = 202_000;
    /** 200,000 more messages at even 1 byte each would be 200 KB. */
    private static final long SLACK_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void scanningAllocatesNothingPerMessage()
    {
        try (QualityJournal small = new QualityJournal(dir.resolve("small"));
            QualityJournal large = new QualityJournal(dir.resolve("large")))
        {
            fill(small, SMALL);
            fill(large, LARGE);
            for (int i = 0; i < 3; i++)
            {
                scan(small); // warm-up: JIT, Chronicle's per-reader structures
                scan(large);
            }
            final long smallBytes = allocated(small);
            final long largeBytes = allocated(large);
            final QualityReport report = scan(large);
            assertThat(report.messagesRead()).isEqualTo(LARGE + 2);
            assertThat(report.instrument("ESZ26").gapCount()).isEqualTo(1);
            assertThat(report.instrument("ESZ26").crossedMoments()).isEqualTo(LARGE / 100);
            assertThat(largeBytes - smallBytes).as("bytes allocated by %d more messages (%d vs %d)",
                LARGE - SMALL, largeBytes, smallBytes).isLessThan(SLACK_BYTES);
        }
    }

    /** Trades, quotes, deltas and rejects of two instruments, a tick per second on a CME weekday, one 10-minute silence. */
    private static void fill(final QualityJournal j, final int messages)
    {
        final int es = j.instrument("ESZ26");
        final int nq = j.instrument("NQZ26");
        long t = chicago("2026-11-16T00:00");
        j.trade(es, t);
        t += 10 * 60 * SECOND;
        for (int i = 0; i < messages; i++)
        {
            final int id = (i & 1) == 0 ? es : nq;
            switch (i % 100)
            {
                case 0: j.rejectedQuote(es, t, RejectReason.CROSSED_BOOK); break;
                case 7: j.rejectedTrade(id, t - SECOND, RejectReason.TIME_BACKWARDS); break;
                case 9: j.delta(id, t, DeltaFlagBits.END_OF_BATCH); break;
                default: tradeOrQuote(j, id, t, (i & 2) == 0); break;
            }
            t += i % 3 == 0 ? SECOND : 0;
        }
        j.status(es, t);
    }

    private static void tradeOrQuote(final QualityJournal j, final int id, final long t, final boolean trade)
    {
        if (trade)
        {
            j.trade(id, t);
        }
        else
        {
            j.quote(id, t);
        }
    }

    private static QualityReport scan(final QualityJournal j)
    {
        return new QualityScan(j.journal).calendar(CmeGlobexCalendar.INSTANCE).maxSilenceNs(5 * 60 * SECOND).run();
    }

    private static long allocated(final QualityJournal j)
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        scan(j);
        return threads.getThreadAllocatedBytes(threadId) - before;
    }
}
