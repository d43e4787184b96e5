package dev.tickwire.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ScratchQuirksTest
{
    @TempDir
    Path dir;

    static int count(SingleChronicleQueue q)
    {
        int n = 0;
        try (ExcerptTailer t = q.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = t.readingDocument())
                {
                    if (!dc.isPresent()) break;
                    n++;
                }
            }
        }
        return n;
    }

    void run(String name, boolean normalise, boolean reopen, boolean partial)
    {
        final Path d = dir.resolve(name);
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(d.toFile()).rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(clock).build())
        {
            ExcerptAppender a = q.createAppender();
            try (DocumentContext dc = a.writingDocument()) { dc.wire().bytes().writeLong(1); }
            clock.advanceMillis(1000);
            try (DocumentContext dc = a.writingDocument()) { if (partial) dc.wire().bytes().writeLong(5); dc.rollbackOnClose(); }
            clock.advanceMillis(1000);
            if (reopen) { a.close(); a = q.createAppender(); }
            try (DocumentContext dc = a.writingDocument()) { dc.wire().bytes().writeLong(2); }
            if (normalise) a.normaliseEOFs();
            System.out.println("Q " + name + " count " + count(q) + " excerptsInCycle(1700000001)=" + q.createTailer().excerptsInCycle(1700000001));
            a.close();
        }
    }

    void viaJournal(String name, boolean withReader, boolean pollMid)
    {
        final Path d = dir.resolve(name);
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        final TestMessages m = new TestMessages();
        try (Journal journal = JournalTestSupport.openSecondly(d, clock); JournalWriter writer = journal.writer())
        {
            JournalReader reader = withReader ? journal.reader() : null;
            writer.append(m.buffer, 0, m.trade(0, 1, 0, 100, true));
            clock.advanceMillis(1000);
            try { writer.append(m.buffer, 0, 600); } catch (Exception e) { }
            clock.advanceMillis(1000);
            writer.append(m.buffer, 0, m.trade(2, 1, 2, 200, true));
            if (pollMid) { int[] k = {0}; reader.poll((b, o, l, i, w) -> k[0]++, 1); System.out.println("Q " + name + " mid read " + k[0]); reader.poll((b, o, l, i, w) -> k[0]++, 5); System.out.println("Q " + name + " mid read " + k[0] + " idx " + Long.toHexString(reader.index())); }
            int[] n = {0};
            try (JournalReader r = journal.reader()) { while (r.poll((b, o, l, i, w) -> n[0]++, 10) > 0) { } }
            System.out.println("Q " + name + " count " + n[0]);
            if (reader != null) reader.close();
        }
    }

    @Test
    void quirks()
    {
        viaJournal("journalNoReader", false, false);
        viaJournal("journalReader", true, false);
        viaJournal("journalReaderPolled", true, true);
        run("plain", false, false, false);
        run("partial", false, false, true);
        run("partialNormalise", true, false, true);
        run("partialReopen", false, true, true);
    }
}
