package dev.tickwire.engine.book;

import dev.tickwire.wire.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static dev.tickwire.engine.book.L2Book.ASK;
import static dev.tickwire.engine.book.L2Book.BID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class L3BookTest
{
    private final L3Book book = new L3Book(9, 4, 2);

    @AfterEach
    void close()
    {
        book.close();
    }

    @Test
    void ordersQueueFirstInFirstOutAndKeepTheirPlaceWhenReduced()
    {
        assertThat(book.add(11, BID, 100, 5)).isEqualTo(L3Book.LEVEL_ADDED);
        assertThat(book.add(12, BID, 100, 7)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.add(13, BID, 100, 1)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.add(14, BID, 99, 2)).isEqualTo(L3Book.LEVEL_ADDED);

        assertThat(queue(BID, 100)).containsExactly("11x5", "12x7", "13x1");
        assertThat(book.queuePosition(13)).isEqualTo(2);
        assertThat(book.sizeAhead(13)).isEqualTo(12);

        // A partial cancel keeps the order's place; a fill of the front order takes it away.
        assertThat(book.reduce(12, 3)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.lastLevelSize()).isEqualTo(10);
        assertThat(book.lastLevelOrders()).isEqualTo(3);
        assertThat(queue(BID, 100)).containsExactly("11x5", "12x4", "13x1");
        assertThat(book.execute(11, 5)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(queue(BID, 100)).containsExactly("12x4", "13x1");
        assertThat(book.queuePosition(13)).isEqualTo(1);
        // A re-added id goes to the back.
        assertThat(book.add(11, BID, 100, 8)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(queue(BID, 100)).containsExactly("12x4", "13x1", "11x8");
        assertThat(book.remove(13)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(queue(BID, 100)).containsExactly("12x4", "11x8");

        assertThat(book.l2().sizeAt(BID, 100)).isEqualTo(12);
        assertThat(book.l2().ordersAt(BID, 100)).isEqualTo(2);
        assertThat(book.l2().bestBidPrice()).isEqualTo(100);
        assertThat(book.orderCount()).isEqualTo(3);
        book.checkInvariants();
    }

    @Test
    void reductionsReportTheLevelForAnL2Delta()
    {
        book.add(1, ASK, 200, 10);
        book.add(2, ASK, 201, 4);

        assertThat(book.execute(1, 25)).as("more than the order holds: takes what is there").isEqualTo(L3Book.LEVEL_DELETED);
        assertThat(book.lastSide()).isEqualTo(ASK);
        assertThat(book.lastPrice()).isEqualTo(200);
        assertThat(book.lastLevelSize()).isZero();
        assertThat(book.lastLevelOrders()).isZero();
        assertThat(book.lastVolume()).isEqualTo(10);
        assertThat(book.l2().bestAskPrice()).isEqualTo(201);
        assertThat(book.contains(1)).isFalse();

        assertThat(book.reduce(1, 1)).as("an order the book does not know").isEqualTo(L3Book.UNCHANGED);
        assertThat(book.remove(77)).isEqualTo(L3Book.UNCHANGED);
        assertThat(book.reduce(2, 0)).isEqualTo(L3Book.UNCHANGED);
        assertThat(book.add(2, BID, 150, 3)).as("a duplicate id: the book keeps its order").isEqualTo(L3Book.UNCHANGED);
        assertThat(book.orderPrice(2)).isEqualTo(201);
        assertThat(book.l2().depth(BID)).isZero();
        book.checkInvariants();
    }

    @Test
    void unknownVolumeComesFromSnapshotsAndLeavesThroughUnknownOrdersOnly()
    {
        // A level seen in a snapshot: 100 shares of orders the book never saw, then an order it sees.
        assertThat(book.setLevel(BID, 500, 100)).isEqualTo(L3Book.LEVEL_ADDED);
        assertThat(book.add(1, BID, 500, 30)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.l2().sizeAt(BID, 500)).isEqualTo(130);
        assertThat(book.l2().ordersAt(BID, 500)).as("known orders only").isEqualTo(1);
        assertThat(book.knownSize(BID, 500)).isEqualTo(30);
        assertThat(book.unknownSize(BID, 500)).isEqualTo(100);

        // A cancel of an unknown order takes unknown volume, never the known order's.
        assertThat(book.reduceUnknown(BID, 500, 60)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.lastLevelSize()).isEqualTo(70);
        assertThat(book.reduceUnknown(BID, 500, 60)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.lastVolume()).as("only 40 unknown were left").isEqualTo(40);
        assertThat(book.l2().sizeAt(BID, 500)).isEqualTo(30);
        assertThat(book.reduceUnknown(BID, 500, 5)).isEqualTo(L3Book.UNCHANGED);
        assertThat(book.reduceUnknown(BID, 499, 5)).as("no such level").isEqualTo(L3Book.UNCHANGED);

        // A level of unknown volume only disappears when it reaches 0.
        book.setLevel(ASK, 510, 8);
        assertThat(book.reduceUnknown(ASK, 510, 3)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.reduceUnknown(ASK, 510, 9)).isEqualTo(L3Book.LEVEL_DELETED);
        assertThat(book.l2().depth(ASK)).isZero();
        book.checkInvariants();
    }

    @Test
    void aCorrectionBelowTheKnownOrdersForgetsThem()
    {
        book.add(1, ASK, 300, 10);
        book.add(2, ASK, 300, 20);

        assertThat(book.setLevel(ASK, 300, 35)).as("above: the rest is unknown").isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.unknownSize(ASK, 300)).isEqualTo(5);
        assertThat(book.lastVolume()).isEqualTo(5);
        assertThat(book.setLevel(ASK, 300, 35)).as("already right").isEqualTo(L3Book.UNCHANGED);

        assertThat(book.setLevel(ASK, 300, 25)).isEqualTo(L3Book.LEVEL_MODIFIED);
        assertThat(book.lastForgottenOrders()).isEqualTo(2);
        assertThat(book.lastVolume()).isEqualTo(-10);
        assertThat(book.contains(1)).isFalse();
        assertThat(book.contains(2)).isFalse();
        assertThat(book.unknownSize(ASK, 300)).isEqualTo(25);
        assertThat(book.l2().ordersAt(ASK, 300)).isZero();
        assertThat(queue(ASK, 300)).isEmpty();

        book.add(3, ASK, 300, 1);
        assertThat(book.setLevel(ASK, 300, 0)).isEqualTo(L3Book.LEVEL_DELETED);
        assertThat(book.lastForgottenOrders()).isEqualTo(1);
        assertThat(book.orderCount()).isZero();
        assertThat(book.setLevel(ASK, 300, 0)).isEqualTo(L3Book.UNCHANGED);
        book.checkInvariants();
    }

    @Test
    void clearEmptiesEverythingAndTheBookIsReusable()
    {
        for (int i = 0; i < 100; i++)
        {
            book.add(i, i % 2, 1000 + i % 7, 1 + i);
        }
        book.setLevel(BID, 5, 5);
        book.clear();
        assertThat(book.orderCount()).isZero();
        assertThat(book.l2().depth(BID)).isZero();
        assertThat(book.l2().depth(ASK)).isZero();
        assertThat(book.contains(5)).isFalse();
        assertThat(book.forEachOrder(BID, 1000, (p, id, s) -> { })).isZero();
        book.checkInvariants();

        book.add(5, ASK, 1000, 3);
        assertThat(queue(ASK, 1000)).containsExactly("5x3");
        book.checkInvariants();
    }

    @Test
    void growsFarPastItsInitialCapacityWithoutLosingOrders()
    {
        final int n = 50_000;
        for (int i = 0; i < n; i++)
        {
            // sequential ids, as venues assign them; 500 levels per side
            book.add(1_000_000L + i, i & 1, 10_000 + (i >> 1) % 500 * 100, 1 + i % 13);
        }
        assertThat(book.orderCount()).isEqualTo(n);
        assertThat(book.orderCapacity()).isGreaterThanOrEqualTo(n);
        assertThat(book.orderIndexCapacity()).isGreaterThan(n * 10 / 7);
        assertThat(book.l2().depth(BID)).isEqualTo(500);
        assertThat(book.l2().depth(ASK)).isEqualTo(500);
        book.checkInvariants();
        for (int i = 0; i < n; i += 2)
        {
            assertThat(book.remove(1_000_000L + i)).isNotEqualTo(L3Book.UNCHANGED);
        }
        assertThat(book.orderCount()).isEqualTo(n / 2);
        assertThat(book.l2().depth(BID)).isZero();
        assertThat(book.queuePosition(1_000_000L + 1)).isZero();
        assertThat(book.queuePosition(1_000_000L + 1001)).isEqualTo(1);
        book.checkInvariants();
    }

    @Test
    void rejectsWhatCannotBeAnOrderOrALevel()
    {
        assertThatThrownBy(() -> book.add(1, 2, 100, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.add(1, BID, 100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.add(1, BID, Values.NONE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.setLevel(ASK, 100, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.reduceUnknown(-1, 100, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(book.orderCount()).isZero();
        book.checkInvariants();
    }

    @Test
    void steadyStateOperationsAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        final long threadId = Thread.currentThread().getId();
        final CountingConsumer consumer = new CountingConsumer();

        // Warm-up: grows every buffer to the working set's size and lets the JIT compile the paths.
        for (int round = 0; round < 20; round++)
        {
            runMixedOperations(book, consumer, 100_000, round + 1);
        }
        final int orderCapacity = book.orderCapacity();
        final int indexCapacity = book.orderIndexCapacity();
        threads.getThreadAllocatedBytes(threadId);

        consumer.count = 0;
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long ordersSum = runMixedOperations(book, consumer, 100_000, 4242);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(allocated).as("bytes allocated by 100k operations").isLessThan(1024);
        // Not vacuous: the operations ran against a book with many orders, and queues were walked.
        assertThat(ordersSum / 100_000).as("average orders in the book").isGreaterThan(1000);
        assertThat(consumer.count).isGreaterThan(10_000);
        assertThat(book.orderCapacity()).isEqualTo(orderCapacity);
        assertThat(book.orderIndexCapacity()).isEqualTo(indexCapacity);
        book.checkInvariants();
    }

    /** Adds, reductions, removals, unknown reductions, corrections and queue walks, driven by an inline LCG. */
    private static long runMixedOperations(final L3Book book, final OrderConsumer consumer, final int count, final long seed)
    {
        long state = seed;
        long ordersSum = 0;
        for (int i = 0; i < count; i++)
        {
            state = state * 6364136223846793005L + 1442695040888963407L;
            final int random = (int)(state >>> 33);
            final int side = random & 1;
            final long price = 10_000 + ((random >>> 1) % 200) * 100;
            final long id = (random >>> 9) % 4000;
            final int kind = (random >>> 23) % 20;
            if (kind < 8)
            {
                book.add(id, side, price, 1 + (random & 0xFF));
            }
            else if (kind < 11)
            {
                book.reduce(id, 1 + (random & 0x3F));
            }
            else if (kind < 14)
            {
                book.remove(id);
            }
            else if (kind < 15)
            {
                book.execute(id, 1 + (random & 0x7F));
            }
            else if (kind < 17)
            {
                book.reduceUnknown(side, price, 1 + (random & 0x3F));
            }
            else if (kind < 18)
            {
                book.setLevel(side, price, book.l2().sizeAt(side, price) + (random & 0x7));
            }
            else
            {
                book.forEachOrder(side, price, consumer);
                book.queuePosition(id);
            }
            ordersSum += book.orderCount();
        }
        return ordersSum;
    }

    private static final class CountingConsumer implements OrderConsumer
    {
        long count;

        @Override
        public void order(final int position, final long orderId, final long size)
        {
            count++;
        }
    }

    private List<String> queue(final int side, final long price)
    {
        final List<String> orders = new ArrayList<>();
        book.forEachOrder(side, price, (position, id, size) -> orders.add(id + "x" + size));
        return orders;
    }
}
