package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.adapters.lobster.LobsterHarness.BookAt;
import dev.tickwire.adapters.lobster.LobsterHarness.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small crafted LOBSTER files (2 levels) with every message type, unknown orders, drift and bad rows. */
class LobsterMessageTypesTest
{
    private static final String B1 = "1000000"; // 100.00
    private static final String B2 = "999900";
    private static final String A1 = "1000100";
    private static final String A2 = "1000200";
    private static final String A3 = "1000300";
    private static final String EMPTY_BID = "-9999999999";
    private static final String EMPTY_ASK = "9999999999";
    private static final String NULL = Long.toString(Long.MIN_VALUE);

    @TempDir
    Path dir;

    @Test
    void everyMessageTypeBecomesItsTradeStatusDeltasAndCorrections() throws IOException
    {
        final Path messages = dir.resolve("TEST_2024-03-05_34200000_57600000_message_2.csv");
        final Path orderBook = dir.resolve("TEST_2024-03-05_34200000_57600000_orderbook_2.csv");
        // Rows: AskP1,AskS1,BidP1,BidS1,AskP2,AskS2,BidP2,BidS2, the book after the message on the same line.
        write(messages, orderBook,
            // 1 add buy order 1; before it the book held 4 at B2 and 5, 7 at A1, A2 (orders resting before the file)
            "34200.000000001,1,1,10," + B1 + ",1", row(A1, 5, B1, 10, A2, 7, B2, 4),
            "34200.5,1,2,3," + B1 + ",1", row(A1, 5, B1, 13, A2, 7, B2, 4),           // 2 add behind order 1
            "34201,2,1,4," + B1 + ",1", row(A1, 5, B1, 9, A2, 7, B2, 4),              // 3 partial cancel of 1
            "34202,4,1,6," + B1 + ",1", row(A1, 5, B1, 3, A2, 7, B2, 4),              // 4 visible fill: 1 is gone
            "34203,5,0,50," + A1 + ",-1", row(A1, 5, B1, 3, A2, 7, B2, 4),            // 5 hidden sell order hit
            "34204,3,99,5," + A1 + ",-1", row(A2, 7, B1, 3, A3, 2, B2, 4),            // 6 delete of an unknown order;
            //                                                                           A3 enters the top 2
            "34205,6,-1,100," + A2 + ",-1", row(A2, 7, B1, 3, A3, 2, B2, 4),          // 7 cross trade
            "34206,7,0,0,-1,-1", row(A2, 7, B1, 3, A3, 2, B2, 4),                     // 8 halt
            "34207,7,0,0,0,-1", row(A2, 7, B1, 3, A3, 2, B2, 4),                      // 9 quoting resumes
            "34208,7,0,0,1,-1", row(A2, 7, B1, 3, A3, 2, B2, 4),                      // 10 trading resumes
            "34209,1,3,1," + A1 + ",-1", row(A1, 1, B1, 3, A2, 7, B2, 4),             // 11 add: A3 pushed out
            "34210,1,4,2," + B2 + ",1", row(A1, 1, B1, 3, A2, 7, B2, 8),              // 12 add; LOBSTER says 8
            "34211,5,0,1," + A1 + ",1", row(A1, 1, B2, 8, A2, 7, EMPTY_BID, 0),       // 13 row drops B1 (order 2)
            "34212,3,2,3," + B1 + ",1", row(A1, 1, B2, 8, A2, 7, EMPTY_BID, 0),       // 14 delete of forgotten 2
            "34213,9,0,1," + A1 + ",1", row(A1, 1, B2, 9, A2, 7, EMPTY_BID, 0),       // 15 unknown type
            "34214,1,5,1," + A2 + ",-1", row(A1, 1, B2, 9, A2, 8, EMPTY_BID, 0));     // 16 add; B2 drift fixed

        final Path journal = dir.resolve("journal");
        final LobsterSource source = LobsterHarness.runImport(journal, messages, orderBook, null, null);
        final Read read = LobsterHarness.read(journal);

        assertThat(read.texts()).containsExactly(
            // the seed: row 1 without message 1 (all of it orders the book never saw: n=0)
            "L1 D CLEAR BID 0 x0 n=0 snap",
            "L1 D ADD BID 999900 x4 n=0 snap",
            "L1 D ADD ASK 1000100 x5 n=0 snap",
            "L1 D ADD ASK 1000200 x7 n=0 snap end",
            "L1 D ADD BID 1000000 x10 n=1 end",
            "L2 D MODIFY BID 1000000 x13 n=2 end",
            "L3 D MODIFY BID 1000000 x9 n=2 end",
            "L4 T 1000000 x6 SELL bid=1000000 ask=1000100",
            "L4 D MODIFY BID 1000000 x3 n=1 end",
            "L5 T 1000100 x50 BUY bid=1000000 ask=1000100",
            "L6 D DELETE ASK 1000100 x0 n=0",
            "L6 D ADD ASK 1000300 x2 n=0 corr end",
            "L7 T 1000200 x100 NONE bid=1000000 ask=1000200",
            "L8 S TRADING_HALTED",
            "L9 S QUOTING_RESUMED",
            "L10 S TRADING_RESUMED",
            "L11 D ADD ASK 1000100 x1 n=1",
            "L11 D DELETE ASK 1000300 x0 n=0 corr end",
            "L12 D MODIFY BID 999900 x6 n=1",
            "L12 D MODIFY BID 999900 x8 n=1 corr end",
            "L13 T 1000100 x1 SELL bid=1000000 ask=1000100",
            "L13 D DELETE BID 1000000 x0 n=0 corr end",
            // 14: order 2 was forgotten with its level, which is gone: nothing to do, and the row agrees
            "L15 T 0 x0 NONE bid=" + NULL + " ask=" + NULL + " REJECTED MALFORMED",
            "L16 D MODIFY ASK 1000200 x8 n=1",
            "L16 D MODIFY BID 999900 x9 n=1 corr end");

        // Positions: line << 15 | k, k counting from 0 within each line.
        final Map<Long, Integer> nextK = new HashMap<>();
        read.messages.forEach(m ->
        {
            assertThat(m.k()).as(m.text()).isEqualTo(nextK.getOrDefault(m.line(), 0));
            nextK.put(m.line(), m.k() + 1);
        });
        assertBookEqualsRowAfterEveryMessage(read, orderBook, 16, 15);

        assertThat(source.corrections()).isEqualTo(5);
        assertThat(source.sizesCorrected()).isEqualTo(2);
        assertThat(source.levelsAdded()).isEqualTo(1);
        assertThat(source.levelsDeleted()).isEqualTo(1);
        assertThat(source.levelsBeyondRow()).isEqualTo(1);
        assertThat(source.unknownOrderEvents()).isEqualTo(2);
        assertThat(source.trades()).isEqualTo(4);
        assertThat(source.statuses()).isEqualTo(3);
        assertThat(source.rows()).isEqualTo(16);
        assertThat(source.malformedRows()).isEqualTo(1);
        assertThat(new long[]{ source.messages(1), source.messages(2), source.messages(3), source.messages(4),
            source.messages(5), source.messages(6), source.messages(7) }).containsExactly(5, 1, 2, 1, 2, 1, 3);
    }

    @Test
    void aBadFirstRowDelaysTheSeedAndAShortOrderBookFileRejectsTheRest() throws IOException
    {
        final Path messages = dir.resolve("m.csv");
        final Path orderBook = dir.resolve("b.csv");
        write(messages, orderBook,
            "34200,1,1,10," + B1 + ",1", A1 + ",5," + B1 + ",10," + A2 + ",7",         // 6 fields: not 2 levels
            "34201,1,2,5," + B1 + ",1", row(A1, 5, B1, 15, A2, 7, B2, 4));
        Files.writeString(messages, "34202,3,2,5," + B1 + ",1\n", StandardOpenOption.APPEND);

        final Path journal = dir.resolve("journal");
        final LobsterSource source = LobsterHarness.runImport(journal, messages, orderBook, "TEST", "2024-03-05");
        final Read read = LobsterHarness.read(journal);

        assertThat(read.texts()).containsExactly(
            "L1 T 0 x0 NONE bid=" + NULL + " ask=" + NULL + " REJECTED MALFORMED",
            "L2 D CLEAR BID 0 x0 n=0 snap",
            "L2 D ADD BID 1000000 x10 n=0 snap",
            "L2 D ADD BID 999900 x4 n=0 snap",
            "L2 D ADD ASK 1000100 x5 n=0 snap",
            "L2 D ADD ASK 1000200 x7 n=0 snap end",
            "L2 D MODIFY BID 1000000 x15 n=1 end",
            "L3 T 0 x0 NONE bid=" + NULL + " ask=" + NULL + " REJECTED MALFORMED");
        assertThat(source.malformedRows()).isEqualTo(2);
        assertThat(source.corrections()).isZero();
    }

    @Test
    void aSecondDayOfTheSameInstrumentIsRefusedAndTheSameDayResumes() throws IOException
    {
        final Path day1Messages = dir.resolve("TEST_2024-03-05_34200000_57600000_message_2.csv");
        final Path day1Book = dir.resolve("TEST_2024-03-05_34200000_57600000_orderbook_2.csv");
        write(day1Messages, day1Book, "34200,1,1,10," + B1 + ",1", row(A1, 5, B1, 10, A2, 7, B2, 4));
        final Path journal = dir.resolve("journal");
        LobsterHarness.runImport(journal, day1Messages, day1Book, null, null);

        final Path day2Messages = dir.resolve("TEST_2024-03-06_34200000_57600000_message_2.csv");
        final Path day2Book = dir.resolve("TEST_2024-03-06_34200000_57600000_orderbook_2.csv");
        write(day2Messages, day2Book,
            "34200,1,1,10," + B1 + ",1", row(A1, 5, B1, 10, A2, 7, B2, 4),
            "34201,1,2,10," + B1 + ",1", row(A1, 5, B1, 20, A2, 7, B2, 4));
        assertThatThrownBy(() -> new LobsterImport(day2Messages, day2Book, null, null, null, null, journal))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("already holds LOBSTER data of TEST for 2024-03-05");

        // the same day, grown by a message: only the new message is journaled
        write(day1Messages, day1Book,
            "34200,1,1,10," + B1 + ",1", row(A1, 5, B1, 10, A2, 7, B2, 4),
            "34201,1,2,10," + B1 + ",1", row(A1, 5, B1, 20, A2, 7, B2, 4));
        final LobsterSource again = LobsterHarness.runImport(journal, day1Messages, day1Book, null, null);
        assertThat(again.journaled()).isEqualTo(1);
        assertThat(LobsterHarness.read(journal).texts()).endsWith("L1 D ADD BID 1000000 x10 n=1 end",
            "L2 D MODIFY BID 1000000 x20 n=2 end");
    }

    @Test
    void fileNamesMustBeAPairInTheRightOrder() throws IOException
    {
        final Path messages = dir.resolve("TEST_2024-03-05_34200000_57600000_message_2.csv");
        final Path orderBook = dir.resolve("TEST_2024-03-05_34200000_57600000_orderbook_2.csv");
        final Path other = dir.resolve("OTHER_2024-03-05_34200000_57600000_orderbook_2.csv");
        final Path unnamed = dir.resolve("book.csv");
        write(messages, orderBook, "34200,1,1,10," + B1 + ",1", row(A1, 5, B1, 10, A2, 7, B2, 4));
        Files.copy(orderBook, other);
        Files.copy(orderBook, unnamed);
        final Path journal = dir.resolve("journal");

        assertThatThrownBy(() -> new LobsterImport(orderBook, messages, null, null, null, null, journal))
            .hasMessageContaining("message file first");
        assertThatThrownBy(() -> new LobsterImport(messages, other, null, null, null, null, journal))
            .hasMessageContaining("not a pair");
        assertThatThrownBy(() -> new LobsterImport(unnamed, unnamed, null, null, null, null, journal))
            .hasMessageContaining("--symbol");
        assertThatThrownBy(() -> new LobsterImport(unnamed, unnamed, "X", null, null, null, journal))
            .hasMessageContaining("--date");
        assertThatThrownBy(() -> new LobsterImport(messages, orderBook, null, null, null, "0.00001", journal))
            .hasMessageContaining("--tick-size");
        assertThatThrownBy(() -> new LobsterImport(messages, dir.resolve("missing.csv"), null, null, null, null, journal))
            .hasMessageContaining("no such file");

        final LobsterImport named = new LobsterImport(messages, unnamed, null, "XNAS", null, "0.05", journal);
        assertThat(named.symbol()).isEqualTo("TEST");
        assertThat(named.date()).hasToString("2024-03-05");
        assertThat(named.tickSize()).isEqualTo(500);
        assertThat(named.source().sourceId()).isEqualTo(dev.tickwire.journal.SourceKind.LOBSTER.first + 1);
    }

    @Test
    void orderBookRowsAreCheckedFieldByField(@TempDir final Path files) throws IOException
    {
        final Path file = files.resolve("rows.csv");
        Files.writeString(file, String.join("\n",
            row(A1, 5, B1, 10),                                  // 1 level where the file name says 2
            row(A1, 5, B1, 10, EMPTY_ASK, 0, EMPTY_BID, 0),      // padding: fine
            row(EMPTY_ASK, 0, B1, 10, A2, 7, EMPTY_BID, 0),      // a level after padding
            row(A2, 5, B1, 10, A1, 7, B2, 4),                    // asks not ascending
            row(A1, 5, B2, 10, A2, 7, B1, 4),                    // bids not descending
            row(A1, 0, B1, 10, A2, 7, B2, 4),                    // size 0 at a real price
            row(A1, 5, B1, 10, A2, 7, B2, "x")) + "\n");
        final LobsterBookRow parsed = new LobsterBookRow(2);
        final List<String> problems = new ArrayList<>();
        try (CsvLines lines = new CsvLines(file))
        {
            while (lines.next())
            {
                try
                {
                    parsed.parse(lines);
                    problems.add("ok: asks " + parsed.count(1) + ", bids " + parsed.count(0) + ", full " + parsed.full(0));
                }
                catch (final CsvFormatException ex)
                {
                    problems.add(ex.getMessage());
                }
            }
        }
        assertThat(problems).containsExactly(
            "an order book row of 1 levels where the file has 2",
            "ok: asks 1, bids 1, full false",
            "ask level 2 follows an empty level",
            "ask level 2 price 1000100 is not worse than level 1",
            "bid level 2 price 1000000 is not worse than level 1",
            "ask level 1: price 1000100 size 0",
            "field 8 is not a whole number: 'x'");
    }

    static void assertBookEqualsRowAfterEveryMessage(final Read read, final Path orderBook, final int rows,
        final int malformedLine)
    {
        final List<List<String>> expected = LobsterHarness.orderBookRows(orderBook);
        final Map<Long, List<String>> bookAfterLine = new HashMap<>();
        for (final BookAt book : read.books)
        {
            bookAfterLine.put(book.line(), book.levels());
        }
        List<String> book = null;
        for (long line = 1; line <= rows; line++)
        {
            book = bookAfterLine.getOrDefault(line, book);
            if (line != malformedLine) // a rejected row changes nothing; the next row's corrections catch up
            {
                assertThat(book).as("book after message %d", line).isEqualTo(expected.get((int)line - 1));
            }
        }
    }

    private static String row(final Object... values)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Object v : values)
        {
            sb.append(sb.length() > 0 ? "," : "").append(v);
        }
        return sb.toString();
    }

    /** Alternating message line, order book line. */
    private static void write(final Path messages, final Path orderBook, final String... pairs) throws IOException
    {
        final StringBuilder m = new StringBuilder();
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2)
        {
            m.append(pairs[i]).append('\n');
            b.append(pairs[i + 1]).append('\n');
        }
        Files.writeString(messages, m);
        Files.writeString(orderBook, b);
    }
}
