package dev.tickwire.engine.book;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BookRestoreTest
{
    private static final int END = 2; // DeltaFlagBits.END_OF_BATCH

    @TempDir
    Path dir;

    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private JournalWriter journalWriter;
    private long position;
    private long time = 1_000_000_000L;

    @Test
    void eachBookIsRebuiltFromItsLastClearWithEveryAcceptedDeltaAfterIt()
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            final int es = journal.instruments().register("ES", "CME", -2, 0, 25).id();
            final int nq = journal.instruments().register("NQ", "CME", -2, 0, 25).id();
            final int cl = journal.instruments().register("CL", "NYMEX", -2, 0, 1).id(); // trades only
            journalWriter = journal.writer();

            delta(es, BookAction.CLEAR, BookSide.BID, 0, 0, 0);
            delta(es, BookAction.ADD, BookSide.BID, 500000, 9, END);          // before ES's last CLEAR: gone
            delta(nq, BookAction.CLEAR, BookSide.BID, 0, 0, 0);
            delta(nq, BookAction.ADD, BookSide.BID, 2000000, 1, 0);
            delta(nq, BookAction.ADD, BookSide.ASK, 2000025, 2, END);
            delta(es, BookAction.CLEAR, BookSide.BID, 0, 0, 0);
            delta(es, BookAction.ADD, BookSide.BID, 500000, 10, 0);
            delta(es, BookAction.ADD, BookSide.ASK, 500050, 5, END);
            trade(cl);
            rejected(es, BookAction.ADD, BookSide.ASK, 499000, 1);             // rejected: never applied
            delta(nq, BookAction.MODIFY, BookSide.ASK, 2000025, 7, END);
            delta(es, BookAction.DELETE, BookSide.ASK, 500050, 0, 0);
            delta(es, BookAction.ADD, BookSide.ASK, 500025, 6, END);
            journalWriter.close();

            try (BookRestore restore = BookRestore.fromJournal(journal, Long.MAX_VALUE)) // the whole journal
            {
                assertThat(restore.books().keySet()).containsExactlyInAnyOrder(es, nq);
                assertThat(levels(restore.books().get(es))).containsExactly(
                    Map.entry("A 500025", "6"), Map.entry("B 500000", "10"));
                assertThat(levels(restore.books().get(nq))).containsExactly(
                    Map.entry("A 2000025", "7"), Map.entry("B 2000000", "1"));
                assertThat(restore.lastEventTimeNs(es)).isEqualTo(time);
                assertThat(restore.applied()).as("ES from its second CLEAR: 5; NQ: 4").isEqualTo(9);
                assertThat(restore.scanned()).isEqualTo(13);
                assertThat(restore.lastEventTimeNs(cl)).as("trades only: no book").isZero();
            }
            // the last 6 µs of event time: from NQ's ADD at +5 µs on, after NQ's CLEAR, before ES's second
            try (BookRestore restore = BookRestore.fromJournal(journal, 6_000))
            {
                assertThat(restore.books().keySet()).as("NQ's CLEAR is before the window").containsExactly(es);
                assertThat(levels(restore.books().get(es))).containsExactly(
                    Map.entry("A 500025", "6"), Map.entry("B 500000", "10"));
                assertThat(restore.scanned()).isEqualTo(9);
                assertThat(restore.applied()).isEqualTo(5);
            }
        }
    }

    @Test
    void anEmptyJournalRestoresNothing()
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir));
             BookRestore restore = BookRestore.fromJournal(journal, 1_000_000))
        {
            assertThat(restore.books()).isEmpty();
            assertThat(restore.scanned()).isZero();
        }
    }

    private void delta(final int id, final BookAction action, final BookSide side, final long price, final long size,
        final int flags)
    {
        time += 1_000;
        final int length = writer.bookDelta(buffer, 0, 1, ++position, id, time, time, action, side, price, size,
            size > 0 ? 1 : 0, flags);
        journalWriter.append(buffer, 0, length);
    }

    private void rejected(final int id, final BookAction action, final BookSide side, final long price, final long size)
    {
        final int length = writer.bookDelta(buffer, 0, 1, ++position, id, time, time, action, side, price, size, 1, END);
        Envelope.reject(buffer, 0, RejectReason.CROSSED_BOOK);
        journalWriter.append(buffer, 0, length);
    }

    private void trade(final int id)
    {
        final int length = writer.trade(buffer, 0, 2, ++position, id, time, time, 8000, 1, Side.BUY, 1, 7999, 8001);
        journalWriter.append(buffer, 0, length);
    }

    private static Map<String, String> levels(final L2Book book)
    {
        final Map<String, String> levels = new TreeMap<>();
        book.forEachLevel(L2Book.BID, 100, (side, i, price, size, orders) -> levels.put("B " + price, Long.toString(size)));
        book.forEachLevel(L2Book.ASK, 100, (side, i, price, size, orders) -> levels.put("A " + price, Long.toString(size)));
        return levels;
    }
}
