package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.lobster.LobsterHarness.BookAt;
import dev.tickwire.adapters.lobster.LobsterHarness.Journaled;
import dev.tickwire.adapters.lobster.LobsterHarness.Read;
import dev.tickwire.wire.MessageTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real LOBSTER sample (AAPL, NASDAQ, 2012-06-21, 10 levels, the first 500 events; see the README beside it)
 * through a real engine into a journal, and the journal checked against LOBSTER's own order book file.
 */
class LobsterSampleTest
{
    private static final Path MESSAGES = resource("AAPL_2012-06-21_34200000_57600000_message_10.part1.csv");
    private static final Path ORDER_BOOK = resource("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv");
    private static final int ROWS = 500;

    @TempDir
    Path dir;

    @Test
    void afterEveryMessageTheBookRebuiltFromTheJournalEqualsLobstersRow()
    {
        final Path journal = dir.resolve("journal");
        final LobsterSource source = LobsterHarness.runImport(journal, MESSAGES, ORDER_BOOK, null, null);
        final Read read = LobsterHarness.read(journal);
        final List<List<String>> rows = LobsterHarness.orderBookRows(ORDER_BOOK);
        assertThat(rows).hasSize(ROWS);

        assertThat(read.messages).isNotEmpty().allSatisfy(m -> assertThat(m.accepted()).as(m.text()).isTrue());
        assertThat(read.messages).hasSize((int)source.journaled());

        // The last consistent book of each message line, then every row compared (a message without deltas, such
        // as a hidden execution, leaves the book as it was, and so does LOBSTER's row).
        final Map<Long, List<String>> bookAfterLine = new HashMap<>();
        for (final BookAt book : read.books)
        {
            bookAfterLine.put(book.line(), book.levels());
        }
        List<String> book = null;
        for (long line = 1; line <= ROWS; line++)
        {
            book = bookAfterLine.getOrDefault(line, book);
            assertThat(book).as("book after message %d", line).isEqualTo(rows.get((int)line - 1));
            assertThat(rows.get((int)line - 1)).as("row %d has both sides' 10 levels", line).hasSize(20);
        }

        // A message's deltas are one batch: the last delta of each line, and only it, ends the batch (line 1 has
        // two: the seed snapshot, then the message).
        final Map<Long, List<Journaled>> deltasByLine = new HashMap<>();
        for (final Journaled m : read.messages)
        {
            if (m.template() == MessageTypes.BOOK_DELTA)
            {
                deltasByLine.computeIfAbsent(m.line(), l -> new ArrayList<>()).add(m);
            }
        }
        deltasByLine.forEach((line, deltas) ->
        {
            final long ends = deltas.stream().filter(d -> d.text().endsWith(" end")).count();
            assertThat(ends).as("batches of line %d", line).isEqualTo(line == 1 ? 2 : 1);
            assertThat(deltas.get(deltas.size() - 1).text()).endsWith(" end");
        });
        assertThat(read.messages.get(0).text()).as("the seed starts with a CLEAR").isEqualTo("L1 D CLEAR BID 0 x0 n=0 snap");
    }

    /**
     * 296 corrections, all of them the edge of the 10-level window, none a disagreement inside it:
     * <ul>
     *   <li>153 levels pushed beyond the 10th: an add inside the window moves the 10th level out, LOBSTER stops
     *   showing it, so the book deletes it;</li>
     *   <li>143 levels entering from below: a delete or execution empties a level inside the window, the 11th level
     *   moves up into the row, and the book has never seen its orders, so it adds it.</li>
     * </ul>
     * No size correction and no level deleted inside the window: within the top 10 the messages and the rows agree
     * exactly, including the 9 cancels and fills of orders that rested before the file (taken from the levels'
     * unknown volume).
     */
    @Test
    void correctionsAreTheEdgesOfTheTenLevelWindow()
    {
        final Path journal = dir.resolve("journal");
        final LobsterSource source = LobsterHarness.runImport(journal, MESSAGES, ORDER_BOOK, null, null);
        final Read read = LobsterHarness.read(journal);

        assertThat(source.corrections()).isEqualTo(296);
        assertThat(source.levelsBeyondRow()).isEqualTo(153);
        assertThat(source.levelsAdded()).isEqualTo(143);
        assertThat(source.sizesCorrected()).isZero();
        assertThat(source.levelsDeleted()).isZero();
        assertThat(read.messages.stream().filter(m -> m.text().contains(" corr")).count()).isEqualTo(296);
        assertThat(read.messages.stream().filter(m -> m.text().contains(" corr") && m.text().contains(" DELETE ")).count())
            .isEqualTo(153);
        assertThat(read.messages.stream().filter(m -> m.text().contains(" corr") && m.text().contains(" ADD ")).count())
            .isEqualTo(143);

        assertThat(source.unknownOrderEvents()).isEqualTo(9);
        // Deltas: the seed (a CLEAR and 19 levels: row 1 without message 1's add, which made its own level),
        // one per add, delete and visible execution (each changes its level), and the corrections.
        assertThat(source.deltas()).isEqualTo(20 + 242 + 170 + 63 + 296);
        assertThat(source.journaled()).isEqualTo(source.deltas() + 88);
        assertThat(new long[]{ source.messages(1), source.messages(2), source.messages(3), source.messages(4),
            source.messages(5), source.messages(6), source.messages(7) }).containsExactly(242, 0, 170, 63, 25, 0, 0);
    }

    @Test
    void visibleAndHiddenExecutionsAreTradesAgainstTheRestingOrdersSide()
    {
        final Path journal = dir.resolve("journal");
        final LobsterSource source = LobsterHarness.runImport(journal, MESSAGES, ORDER_BOOK, null, null);
        final Read read = LobsterHarness.read(journal);
        final List<String> messages = LobsterHarness.lines(MESSAGES);
        final List<String> orderBook = LobsterHarness.lines(ORDER_BOOK);

        final Map<Long, List<String>> tradesByLine = new HashMap<>();
        read.messages.stream().filter(m -> m.template() == MessageTypes.TRADE)
            .forEach(m -> tradesByLine.computeIfAbsent(m.line(), l -> new ArrayList<>()).add(m.text()));
        int executions = 0;
        for (int line = 1; line <= ROWS; line++)
        {
            final String[] f = messages.get(line - 1).split(",");
            final int type = Integer.parseInt(f[1]);
            if (type != 4 && type != 5)
            {
                assertThat(tradesByLine.get((long)line)).as("trades of message %d", line).isNull();
                continue;
            }
            executions++;
            // Direction 1: a resting buy order was hit, the aggressor sold; the best bid and ask are LOBSTER's row
            // before the message.
            final String aggressor = f[5].equals("1") ? "SELL" : "BUY";
            final String[] before = orderBook.get(line - 2).split(",");
            assertThat(tradesByLine.get((long)line)).as("trade of message %d", line).containsExactly(
                "L" + line + " T " + f[4] + " x" + f[3] + " " + aggressor + " bid=" + before[2] + " ask=" + before[0]);
        }
        assertThat(executions).isEqualTo(88);
        assertThat(source.trades()).isEqualTo(88);

        // Spelled out: message 36 fills 40 of a sell order (Direction -1) at 585.74 resting before the file
        // (unknown volume), message 38 fills 1 of buy order 3647217 at 585.73.
        assertThat(tradesByLine.get(36L)).containsExactly("L36 T 5857400 x40 BUY bid=5857300 ask=5857400");
        assertThat(tradesByLine.get(38L)).containsExactly("L38 T 5857300 x1 SELL bid=5857300 ask=5857500");
        assertThat(tradesByLine.get(46L)).as("hidden").containsExactly("L46 T 5857900 x100 BUY bid=5857300 ask=5858000");
    }

    @Test
    void timesAreTheExactNanosecondsOfNewYorkTime()
    {
        final Path journal = dir.resolve("journal");
        LobsterHarness.runImport(journal, MESSAGES, ORDER_BOOK, null, null);
        final Read read = LobsterHarness.read(journal);

        final long first = nanos(OffsetDateTime.parse("2012-06-21T09:30:00.004241176-04:00").toInstant());
        assertThat(read.messages.get(0).eventTimeNs()).isEqualTo(first);
        assertThat(read.messages.get(0).line()).isEqualTo(1);

        // Every message carries its own line's time, worked out independently here through BigDecimal and java.time.
        final List<String> messages = LobsterHarness.lines(MESSAGES);
        final ZoneId newYork = ZoneId.of("America/New_York");
        for (final Journaled m : read.messages)
        {
            final BigDecimal seconds = new BigDecimal(messages.get((int)m.line() - 1).split(",")[0]);
            final Instant expected = LocalDate.parse("2012-06-21").atStartOfDay()
                .plusNanos(seconds.movePointRight(9).longValueExact()).atZone(newYork).toInstant();
            assertThat(m.eventTimeNs()).as(m.text()).isEqualTo(nanos(expected));
        }
        assertThat(read.messages.get(read.messages.size() - 1).eventTimeNs())
            .isEqualTo(nanos(OffsetDateTime.parse("2012-06-21T09:30:15.204460371-04:00").toInstant()));
    }

    @Test
    void importingTheSameFilesAgainAddsNothing()
    {
        final Path journal = dir.resolve("journal");
        final LobsterSource first = LobsterHarness.runImport(journal, MESSAGES, ORDER_BOOK, null, null);
        final int journaled = LobsterHarness.read(journal).messages.size();
        assertThat(journaled).isEqualTo((int)first.journaled()).isGreaterThan(500);

        final LobsterSource again = LobsterHarness.runImport(journal, MESSAGES, ORDER_BOOK, null, null);
        assertThat(again.journaled()).isZero();
        assertThat(again.messages(1)).as("both files were read again to rebuild the book").isEqualTo(242);
        assertThat(LobsterHarness.read(journal).messages).hasSize(journaled);
    }

    private static long nanos(final Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static Path resource(final String name)
    {
        try
        {
            return Path.of(LobsterSampleTest.class.getResource("/lobster/" + name).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
