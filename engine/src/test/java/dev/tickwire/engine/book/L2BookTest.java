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

class L2BookTest
{
    private final L2Book book = new L2Book(42, 8);

    @AfterEach
    void closeBook()
    {
        book.close();
    }

    @Test
    void emptyBookHasNoBestAndNoLevels()
    {
        assertThat(book.instrumentId()).isEqualTo(42);
        for (final int side : new int[]{ BID, ASK })
        {
            assertThat(book.bestPrice(side)).isEqualTo(Values.NONE);
            assertThat(book.bestSize(side)).isZero();
            assertThat(book.bestOrders(side)).isZero();
            assertThat(book.depth(side)).isZero();
            assertThat(book.contains(side, 100)).isFalse();
            assertThat(book.sizeAt(side, 100)).isZero();
            assertThat(book.ordersAt(side, 100)).isZero();
            assertThat(book.delete(side, 100)).isFalse();
            assertThat(book.forEachLevel(side, 10, (s, i, p, q, o) -> { throw new AssertionError("no levels"); }))
                .isZero();
        }
        assertThat(book.bestBidPrice()).isEqualTo(Values.NONE);
        assertThat(book.bestAskPrice()).isEqualTo(Values.NONE);
        assertThat(book.isCrossed()).isFalse();
    }

    @Test
    void bestBidIsHighestAndBestAskIsLowest()
    {
        book.set(BID, 100, 5, 1);
        book.set(BID, 102, 6, 2);
        book.set(BID, 101, 7, 3);
        book.set(ASK, 105, 8, 4);
        book.set(ASK, 103, 9, 5);
        book.set(ASK, 104, 10, 6);

        assertThat(book.bestBidPrice()).isEqualTo(102);
        assertThat(book.bestSize(BID)).isEqualTo(6);
        assertThat(book.bestOrders(BID)).isEqualTo(2);
        assertThat(book.bestAskPrice()).isEqualTo(103);
        assertThat(book.bestPrice(ASK)).isEqualTo(103);
        assertThat(book.bestSize(ASK)).isEqualTo(9);
        assertThat(book.bestOrders(ASK)).isEqualTo(5);
        assertThat(book.depth(BID)).isEqualTo(3);
        assertThat(book.depth(ASK)).isEqualTo(3);
        assertThat(book.sizeAt(BID, 101)).isEqualTo(7);
        assertThat(book.ordersAt(ASK, 104)).isEqualTo(6);
        // Sides are independent: a bid price is not an ask level.
        assertThat(book.contains(ASK, 100)).isFalse();
    }

    @Test
    void setReplacesAnExistingLevel()
    {
        book.set(BID, 100, 5, 1);
        book.set(BID, 100, 50, 9);

        assertThat(book.depth(BID)).isEqualTo(1);
        assertThat(book.bestSize(BID)).isEqualTo(50);
        assertThat(book.bestOrders(BID)).isEqualTo(9);
    }

    @Test
    void setWithZeroOrNegativeSizeRemovesTheLevel()
    {
        book.set(ASK, 100, 5, 1);
        book.set(ASK, 101, 5, 1);
        book.set(ASK, 102, 5, 1);

        book.set(ASK, 100, 0, 0);
        assertThat(book.contains(ASK, 100)).isFalse();
        assertThat(book.bestAskPrice()).isEqualTo(101);

        book.set(ASK, 102, -3, 1);
        assertThat(book.contains(ASK, 102)).isFalse();
        assertThat(book.depth(ASK)).isEqualTo(1);

        // Removing a level that is not there is a no-op, not an error.
        book.set(ASK, 999, 0, 0);
        assertThat(book.depth(ASK)).isEqualTo(1);
    }

    @Test
    void deletingTheBestPromotesTheNextLevel()
    {
        book.set(BID, 100, 1, 1);
        book.set(BID, 99, 2, 2);
        book.set(BID, 98, 3, 3);
        book.set(ASK, 101, 4, 4);
        book.set(ASK, 102, 5, 5);

        assertThat(book.delete(BID, 100)).isTrue();
        assertThat(book.bestBidPrice()).isEqualTo(99);
        assertThat(book.bestSize(BID)).isEqualTo(2);
        assertThat(book.bestOrders(BID)).isEqualTo(2);

        assertThat(book.delete(ASK, 101)).isTrue();
        assertThat(book.bestAskPrice()).isEqualTo(102);
        assertThat(book.bestSize(ASK)).isEqualTo(5);

        assertThat(book.delete(ASK, 101)).isFalse();
        assertThat(book.delete(ASK, 102)).isTrue();
        assertThat(book.bestAskPrice()).isEqualTo(Values.NONE);
        assertThat(book.depth(ASK)).isZero();
    }

    @Test
    void deletingANodeWithTwoChildrenKeepsTheCachedBest()
    {
        // 10 becomes the root with 5 and 20 below it; deleting it moves 20 (the best bid) into the root's place.
        book.set(BID, 10, 1, 1);
        book.set(BID, 5, 2, 2);
        book.set(BID, 20, 3, 3);

        assertThat(book.delete(BID, 10)).isTrue();
        book.levels(BID).checkInvariants();
        assertThat(book.bestBidPrice()).isEqualTo(20);
        assertThat(book.bestSize(BID)).isEqualTo(3);

        assertThat(book.delete(BID, 20)).isTrue();
        assertThat(book.bestBidPrice()).isEqualTo(5);
        assertThat(book.bestSize(BID)).isEqualTo(2);
    }

    @Test
    void crossedWhenBestBidReachesBestAsk()
    {
        book.set(BID, 100, 1, 1);
        assertThat(book.isCrossed()).as("one side empty").isFalse();

        book.set(ASK, 101, 1, 1);
        assertThat(book.isCrossed()).as("bid below ask").isFalse();

        book.set(ASK, 100, 1, 1);
        assertThat(book.isCrossed()).as("locked: bid == ask is not crossed").isFalse();
        assertThat(book.isLocked()).as("locked: bid == ask").isTrue();

        book.delete(ASK, 100);
        book.set(BID, 102, 1, 1);
        assertThat(book.isCrossed()).as("bid above ask").isTrue();

        book.clearSide(ASK);
        assertThat(book.isCrossed()).as("ask side cleared").isFalse();
    }

    @Test
    void forEachLevelVisitsBestFirstAndStopsAtMaxLevels()
    {
        for (long price = 90; price <= 99; price++)
        {
            book.set(BID, price, price * 10, (int)price - 89);
            book.set(ASK, price + 10, price * 100, 1);
        }
        final List<long[]> seen = new ArrayList<>();
        final LevelConsumer collect = (side, index, price, size, orders) ->
            seen.add(new long[]{ side, index, price, size, orders });

        assertThat(book.forEachLevel(BID, 3, collect)).isEqualTo(3);
        assertThat(seen).containsExactly(
            new long[]{ BID, 0, 99, 990, 10 },
            new long[]{ BID, 1, 98, 980, 9 },
            new long[]{ BID, 2, 97, 970, 8 });

        seen.clear();
        assertThat(book.forEachLevel(ASK, 2, collect)).isEqualTo(2);
        assertThat(seen).containsExactly(
            new long[]{ ASK, 0, 100, 9000, 1 },
            new long[]{ ASK, 1, 101, 9100, 1 });

        seen.clear();
        assertThat(book.forEachLevel(ASK, 100, collect)).isEqualTo(10);
        assertThat(seen).extracting(level -> level[2])
            .containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L);

        seen.clear();
        assertThat(book.forEachLevel(BID, 0, collect)).isZero();
        assertThat(book.forEachLevel(BID, -1, collect)).isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    void clearSideLeavesTheOtherSideAndClearEmptiesBoth()
    {
        book.set(BID, 100, 1, 1);
        book.set(BID, 99, 1, 1);
        book.set(ASK, 101, 2, 2);

        book.clearSide(BID);
        assertThat(book.depth(BID)).isZero();
        assertThat(book.bestBidPrice()).isEqualTo(Values.NONE);
        assertThat(book.contains(BID, 99)).isFalse();
        assertThat(book.bestAskPrice()).isEqualTo(101);
        assertThat(book.depth(ASK)).isEqualTo(1);

        // A cleared side is fully usable again.
        book.set(BID, 50, 3, 3);
        assertThat(book.bestBidPrice()).isEqualTo(50);

        book.clear();
        assertThat(book.depth(BID)).isZero();
        assertThat(book.depth(ASK)).isZero();
        assertThat(book.bestAskPrice()).isEqualTo(Values.NONE);
    }

    @Test
    void growsByDoublingPastTheInitialCapacity()
    {
        try (L2Book small = new L2Book(1, 1))
        {
            for (int i = 0; i < 1000; i++)
            {
                small.set(ASK, 1000 - i, i + 1, i);
            }
            assertThat(small.depth(ASK)).isEqualTo(1000);
            assertThat(small.capacity(ASK)).isEqualTo(1024);
            assertThat(small.capacity(BID)).isEqualTo(1);
            assertThat(small.bestAskPrice()).isEqualTo(1);
            assertThat(small.sizeAt(ASK, 500)).isEqualTo(501);
            small.levels(ASK).checkInvariants();
        }
    }

    @Test
    void extremePricesAreOrderedWithoutOverflow()
    {
        book.set(BID, Long.MAX_VALUE, 1, 1);
        book.set(BID, Long.MIN_VALUE + 1, 2, 2);
        book.set(BID, 0, 3, 3);
        book.set(ASK, Long.MAX_VALUE, 1, 1);
        book.set(ASK, Long.MIN_VALUE + 1, 2, 2);

        assertThat(book.bestBidPrice()).isEqualTo(Long.MAX_VALUE);
        assertThat(book.bestAskPrice()).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(book.isCrossed()).isTrue();
        book.levels(BID).checkInvariants();
    }

    @Test
    void copyFromRollsBackAndSameLevelsAsComparesContentNotShape()
    {
        book.set(BID, 100, 1, 1);
        book.set(BID, 99, 2, 2);
        book.set(ASK, 101, 3, 3);
        try (L2Book snapshot = new L2Book(42, 1))
        {
            snapshot.copyFrom(book);
            assertThat(snapshot.sameLevelsAs(book)).isTrue();

            book.set(BID, 100, 7, 7);
            book.delete(ASK, 101);
            book.set(ASK, 105, 1, 1);
            assertThat(snapshot.sameLevelsAs(book)).isFalse();
            assertThat(snapshot.bestSize(BID)).as("snapshot is independent").isEqualTo(1);

            book.copyFrom(snapshot);
            assertThat(book.sameLevelsAs(snapshot)).isTrue();
            assertThat(book.bestSize(BID)).isEqualTo(1);
            assertThat(book.bestAskPrice()).isEqualTo(101);
            assertThat(book.contains(ASK, 105)).isFalse();
        }

        // Same levels inserted in a different order: different tree shape, still equal.
        try (L2Book other = new L2Book(7, 2))
        {
            other.set(ASK, 101, 3, 3);
            other.set(BID, 99, 2, 2);
            other.set(BID, 100, 1, 1);
            assertThat(other.sameLevelsAs(book)).isTrue();

            other.set(BID, 99, 2, 3);
            assertThat(other.sameLevelsAs(book)).as("orders differ").isFalse();
            other.set(BID, 99, 3, 2);
            assertThat(other.sameLevelsAs(book)).as("size differs").isFalse();
        }
    }

    @Test
    void rejectsInvalidArguments()
    {
        assertThatThrownBy(() -> book.set(2, 100, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.bestPrice(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.set(BID, Values.NONE, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new L2Book(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedBookReadsEmptyAndRejectsNewLevels()
    {
        book.set(BID, 100, 1, 1);
        book.close();
        book.close();

        assertThat(book.bestBidPrice()).isEqualTo(Values.NONE);
        assertThat(book.depth(BID)).isZero();
        assertThat(book.delete(BID, 100)).isFalse();
        assertThatThrownBy(() -> book.set(BID, 100, 1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void steadyStateOperationsAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        final long threadId = Thread.currentThread().getId();

        // Pre-grow both sides past the working set below (prices 0..1999), then empty them; capacity is kept.
        for (int price = 0; price < 4096; price++)
        {
            book.set(BID, price, 1, 1);
            book.set(ASK, price, 1, 1);
        }
        book.clear();
        final int bidCapacity = book.capacity(BID);
        final int askCapacity = book.capacity(ASK);
        final SummingConsumer consumer = new SummingConsumer();

        for (int round = 0; round < 20; round++)
        {
            runMixedOperations(book, consumer, 100_000, round + 1);
        }
        threads.getThreadAllocatedBytes(threadId);

        consumer.sum = 0;
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long depthSum = runMixedOperations(book, consumer, 100_000, 12345);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(allocated).as("bytes allocated by 100k operations").isLessThan(1024);
        // Guard against a vacuous pass: the operations really ran, against a non-trivial book.
        assertThat(consumer.sum).isNotZero();
        assertThat(depthSum / 100_000).as("average depth").isGreaterThan(100);
        assertThat(book.capacity(BID)).isEqualTo(bidCapacity);
        assertThat(book.capacity(ASK)).isEqualTo(askCapacity);
    }

    /** Mixed set/delete/forEachLevel driven by an inline LCG so the loop itself allocates nothing. */
    private static long runMixedOperations(
        final L2Book book, final LevelConsumer consumer, final int count, final long seed)
    {
        long state = seed;
        long depthSum = 0;
        for (int i = 0; i < count; i++)
        {
            state = state * 6364136223846793005L + 1442695040888963407L;
            final int random = (int)(state >>> 33);
            final int side = random & 1;
            final long price = (random >>> 1) % 2000;
            final int kind = (random >>> 12) % 10;
            if (kind < 6)
            {
                book.set(side, price, 1 + (random & 0xFF), kind);
            }
            else if (kind < 8)
            {
                book.delete(side, price);
            }
            else
            {
                book.forEachLevel(side, 10, consumer);
            }
            depthSum += book.depth(side);
        }
        return depthSum;
    }

    /** A reusable consumer: no capturing lambda, no per-call allocation. */
    private static final class SummingConsumer implements LevelConsumer
    {
        long sum;

        @Override
        public void level(final int side, final int index, final long price, final long size, final int orders)
        {
            sum += price + size + orders + index + side;
        }
    }
}
