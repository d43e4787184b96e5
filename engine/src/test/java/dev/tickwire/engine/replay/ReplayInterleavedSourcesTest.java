package dev.tickwire.engine.replay;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instrument fed by two sources, as Sierra Chart's .scid (trades) and .depth (book) files are:
 * a source's chunk can be journaled after later events of the other. The book at T must still hold
 * every delta up to T, however the two interleave.
 */
class ReplayInterleavedSourcesTest
{
    @TempDir
    Path dir;

    @Test
    void bookAtTimeWaitsForALaggingDepthSource()
    {
        final long s = 1_000_000_000L;
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            journal.instruments().register("ESZ25_FUT_CME", "CME", -2, 0, 25);
            final JournalWriter writer = journal.writer();
            final MessageWriter encode = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            // the trades file was flushed first: trades from 10 s to 20 s
            for (int i = 0; i <= 10; i++)
            {
                writer.append(buffer, 0, encode.trade(buffer, 0, 1002, i + 1, 1, (10 + i) * s, 0, 500_000, 1, Side.BUY,
                    i, 499_975, 500_000));
            }
            // then the depth file: a snapshot at 5 s, a change at 12 s and one at 18 s
            int pos = 0;
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1003, ++pos, 1, 5 * s, 0, BookAction.CLEAR, BookSide.BID, 0, 0, 0,
                DeltaFlagBits.SNAPSHOT));
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1003, ++pos, 1, 5 * s, 0, BookAction.ADD, BookSide.BID, 499_975, 10, 1,
                DeltaFlagBits.SNAPSHOT));
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1003, ++pos, 1, 5 * s, 0, BookAction.ADD, BookSide.ASK, 500_000, 20, 2,
                DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH));
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1003, ++pos, 1, 12 * s, 0, BookAction.MODIFY, BookSide.BID, 499_975, 33, 3,
                DeltaFlagBits.END_OF_BATCH));
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1003, ++pos, 1, 18 * s, 0, BookAction.MODIFY, BookSide.BID, 499_975, 44, 4,
                DeltaFlagBits.END_OF_BATCH));
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            final var es = JournalQueries.instrument(journal, "ESZ25_FUT_CME");
            assertThat(size(JournalQueries.orderBook(journal, es, 4 * s, 5))).isEqualTo("none");
            assertThat(size(JournalQueries.orderBook(journal, es, 11 * s, 5))).isEqualTo("10");
            assertThat(size(JournalQueries.orderBook(journal, es, 12 * s, 5))).isEqualTo("33");
            assertThat(size(JournalQueries.orderBook(journal, es, 15 * s, 5))).isEqualTo("33");
            assertThat(size(JournalQueries.orderBook(journal, es, 30 * s, 5))).isEqualTo("44");
            assertThat(JournalQueries.timeAndSales(journal, es, 12 * s, 14 * s, 100)).hasSize(3);
        }
    }

    private static String size(final MarketQueries.BookSnapshot book)
    {
        return book.bids().isEmpty() ? "none" : book.bids().get(0).size();
    }
}
