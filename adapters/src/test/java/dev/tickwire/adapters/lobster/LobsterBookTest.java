package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.L3Book;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LobsterBook} on its own, over the real sample: L2 equals each row, L3 adds up, nothing allocates. */
class LobsterBookTest
{
    private static final int ROWS = 500;

    private final long[][] messages = new long[ROWS][];
    private final LobsterBookRow[] rows = new LobsterBookRow[ROWS];

    LobsterBookTest() throws URISyntaxException
    {
        final Path dir = Path.of(LobsterBookTest.class.getResource("/lobster/README.md").toURI()).getParent();
        try (CsvLines m = new CsvLines(dir.resolve("AAPL_2012-06-21_34200000_57600000_message_10.part1.csv"));
             CsvLines b = new CsvLines(dir.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv")))
        {
            for (int i = 0; i < ROWS; i++)
            {
                assertThat(m.next() && b.next()).isTrue();
                // type, order id, size, price, side
                messages[i] = new long[]{ m.longValue(1), m.longValue(2), m.longValue(3), m.longValue(4),
                    m.longValue(5) == 1 ? L2Book.BID : L2Book.ASK };
                rows[i] = new LobsterBookRow(10);
                rows[i].parse(b);
            }
        }
    }

    @Test
    void theBookEqualsEveryRowAndItsLevelsAreKnownOrdersPlusUnknownVolume()
    {
        try (LobsterBook book = new LobsterBook(1))
        {
            seed(book);
            for (int i = 0; i < ROWS; i++)
            {
                step(book, i);
                assertThat(LobsterHarness.levels(book.l2())).as("after message %d", i + 1).isEqualTo(expected(rows[i]));
                assertLevelsAddUp(book.l3());
            }
            assertThat(book.unknownOrderEvents()).isEqualTo(9);
            assertThat(book.unmatchedEvents()).as("every unknown order found unknown volume at its price").isZero();
            assertThat(book.duplicateAdds()).isZero();
            // Orders whose level was pushed out of the top 10 are forgotten; the rest are still known.
            assertThat(book.forgottenOrders()).isPositive();
            assertThat(book.l3().orderCount()).isPositive();
        }
    }

    @Test
    void replayingTheSampleAllocatesNothingOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        final long threadId = Thread.currentThread().getId();
        try (LobsterBook book = new LobsterBook(1))
        {
            for (int pass = 0; pass < 200; pass++)
            {
                seed(book);
                for (int i = 0; i < ROWS; i++)
                {
                    step(book, i);
                }
            }
            threads.getThreadAllocatedBytes(threadId);
            final long before = threads.getThreadAllocatedBytes(threadId);
            long staged = 0;
            for (int pass = 0; pass < 20; pass++)
            {
                seed(book);
                for (int i = 0; i < ROWS; i++)
                {
                    step(book, i);
                    staged += book.batch().size();
                }
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertThat(allocated).as("bytes allocated by 10,000 messages").isLessThan(1024);
            assertThat(staged).isGreaterThan(20 * ROWS / 2);
        }
    }

    private void seed(final LobsterBook book)
    {
        final long[] m = messages[0];
        book.seed(rows[0], (int)m[0], (int)m[4], m[3], m[2]);
    }

    private void step(final LobsterBook book, final int i)
    {
        final long[] m = messages[i];
        book.apply((int)m[0], m[1], m[2], m[3], (int)m[4]);
        book.reconcile(rows[i]);
    }

    private static List<String> expected(final LobsterBookRow row)
    {
        final List<String> levels = new ArrayList<>();
        for (int side = L2Book.BID; side <= L2Book.ASK; side++)
        {
            for (int i = 0; i < row.count(side); i++)
            {
                levels.add((side == L2Book.BID ? "B " : "A ") + row.price(side, i) + " x" + row.size(side, i));
            }
        }
        return levels;
    }

    private static void assertLevelsAddUp(final L3Book l3)
    {
        for (int side = L2Book.BID; side <= L2Book.ASK; side++)
        {
            l3.l2().forEachLevel(side, Integer.MAX_VALUE, (s, index, price, size, orders) ->
            {
                final long[] known = new long[2];
                l3.forEachOrder(s, price, (position, id, orderSize) ->
                {
                    known[0]++;
                    known[1] += orderSize;
                });
                assertThat(orders).isEqualTo(known[0]);
                assertThat(l3.knownSize(s, price)).isEqualTo(known[1]);
                assertThat(size).isEqualTo(known[1] + l3.unknownSize(s, price));
            });
        }
    }
}
