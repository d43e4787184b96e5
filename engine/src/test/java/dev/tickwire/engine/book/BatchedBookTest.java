package dev.tickwire.engine.book;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for undoing a batch, used by the validator's shadow books and by point-in-time queries. */
class BatchedBookTest
{
    private static final int ID = 1;
    private static final long T = 1_800_000_000_000_000_000L;

    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();

    @TempDir
    Path dir;

    private BookDeltaDecoder delta(final BookAction action, final BookSide side, final long price, final long size,
        final int flags)
    {
        writer.bookDelta(buffer, 0, 1, 1, ID, T, T, action, side, price, size, 1, flags);
        header.wrap(buffer, 0);
        return delta.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private static L2Book book(final long[][] bids, final long[][] asks)
    {
        final L2Book book = new L2Book(ID, 16);
        for (final long[] level : bids)
        {
            book.set(L2Book.BID, level[0], level[1], 1);
        }
        for (final long[] level : asks)
        {
            book.set(L2Book.ASK, level[0], level[1], 1);
        }
        return book;
    }

    @Test
    void aBatchWithChangesBeforeItsClearRollsBackToTheBookItBeganFrom()
    {
        final L2Book expected = book(new long[][] {{100, 5}, {99, 7}}, new long[][] {{101, 3}});
        final BatchedBook batched = new BatchedBook(book(new long[][] {{100, 5}, {99, 7}}, new long[][] {{101, 3}}));
        batched.apply(delta(BookAction.MODIFY, BookSide.BID, 100, 9, 0));   // before the CLEAR
        batched.apply(delta(BookAction.DELETE, BookSide.ASK, 101, 0, 0));
        batched.apply(delta(BookAction.CLEAR, BookSide.BID, 0, 0, DeltaFlagBits.SNAPSHOT));
        batched.apply(delta(BookAction.ADD, BookSide.BID, 90, 1, DeltaFlagBits.SNAPSHOT));
        assertThat(batched.inBatch()).isTrue();
        batched.rollBack();
        // the copy taken at the CLEAR had the MODIFY and DELETE in it: Replay's old copy rolled back to that
        assertThat(batched.book().sameLevelsAs(expected)).isTrue();
        assertThat(batched.book().sizeAt(L2Book.BID, 100)).isEqualTo(5);
    }

    @Test
    void aBatchWithoutClearRollsBackLevelByLevelAndACommittedOneStays()
    {
        final BatchedBook batched = new BatchedBook(book(new long[][] {{100, 5}}, new long[][] {{101, 3}}));
        batched.apply(delta(BookAction.MODIFY, BookSide.BID, 100, 9, 0));
        batched.apply(delta(BookAction.ADD, BookSide.ASK, 102, 4, DeltaFlagBits.END_OF_BATCH));
        batched.commit();
        batched.rollBack(); // nothing open: nothing undone
        assertThat(batched.book().sizeAt(L2Book.BID, 100)).isEqualTo(9);
        batched.apply(delta(BookAction.MODIFY, BookSide.BID, 100, 1, 0));
        batched.apply(delta(BookAction.MODIFY, BookSide.BID, 100, 2, 0)); // a level changed twice: back to its oldest
        batched.apply(delta(BookAction.DELETE, BookSide.ASK, 101, 0, 0));
        batched.rollBack();
        assertThat(batched.book().sameLevelsAs(book(new long[][] {{100, 9}}, new long[][] {{101, 3}, {102, 4}}))).isTrue();
    }

    @Test
    void aPointInTimeBookLeavesOutABatchOpenAtThatMomentEvenWithChangesBeforeItsClear()
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final int id = journal.instruments().register("ESZ6", "CME", 0, 0, 1).id();
            final JournalWriter out = journal.writer();
            long position = 0;
            final Object[][] deltas = {
                {T, BookAction.CLEAR, BookSide.BID, 0L, 0L, DeltaFlagBits.SNAPSHOT},
                {T, BookAction.ADD, BookSide.BID, 100L, 5L, DeltaFlagBits.SNAPSHOT},
                {T, BookAction.ADD, BookSide.ASK, 101L, 3L, DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH},
                // the batch open at T + 2: a change, then a new snapshot that has not ended by then
                {T + 1, BookAction.MODIFY, BookSide.BID, 100L, 9L, 0},
                {T + 1, BookAction.CLEAR, BookSide.BID, 0L, 0L, DeltaFlagBits.SNAPSHOT},
                {T + 1, BookAction.ADD, BookSide.BID, 90L, 1L, DeltaFlagBits.SNAPSHOT},
                {T + 5, BookAction.ADD, BookSide.ASK, 95L, 1L, DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH},
            };
            for (final Object[] d : deltas)
            {
                final int length = writer.bookDelta(buffer, 0, 1, ++position, id, (long)d[0], (long)d[0], (BookAction)d[1],
                    (BookSide)d[2], (long)d[3], (long)d[4], 1, (int)d[5]);
                out.append(buffer, 0, length);
            }
        }
        try (JournalQueries queries = JournalQueries.open(journalDir))
        {
            final MarketQueries.BookSnapshot atOpenBatch = queries.orderBook("ESZ6", T + 2, 10);
            assertThat(atOpenBatch.bids()).extracting(MarketQueries.Level::price, MarketQueries.Level::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("100", "5"));
            assertThat(atOpenBatch.asks()).extracting(MarketQueries.Level::price).containsExactly("101");
            final MarketQueries.BookSnapshot after = queries.orderBook("ESZ6", T + 5, 10);
            assertThat(after.bids()).extracting(MarketQueries.Level::price).containsExactly("90");
            assertThat(after.asks()).extracting(MarketQueries.Level::price).containsExactly("95");
        }
    }
}
