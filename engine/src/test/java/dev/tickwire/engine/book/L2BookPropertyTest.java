package dev.tickwire.engine.book;

import dev.tickwire.wire.Values;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.tickwire.engine.book.L2Book.ASK;
import static dev.tickwire.engine.book.L2Book.BID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link L2Book} with random operation sequences and checks it after every operation against a reference
 * model of two TreeMaps (price -> {size, orders}).
 */
class L2BookPropertyTest
{
    enum Kind
    {
        SET,             // at the generated price
        SET_EXISTING,    // update a level that exists (picked by index), so wide ranges still hit real levels
        DELETE,          // at the generated price, usually absent in the wide range
        DELETE_EXISTING, // delete a level that exists
        CLEAR_SIDE,
        CLEAR
    }

    record Op(Kind kind, int side, long price, long size, int orders, int pick)
    {
    }

    record Level(int side, int index, long price, long size, int orders)
    {
    }

    // ---- properties ----

    @Property(tries = 1000)
    void matchesModelWithManyCollisions(
        @ForAll("narrowOps") final List<Op> ops, @ForAll @IntRange(min = 1, max = 8) final int initialCapacity)
    {
        try (L2Book book = new L2Book(7, initialCapacity))
        {
            runAgainstModel(book, ops);
        }
    }

    @Property(tries = 1000)
    void matchesModelWithWidePrices(
        @ForAll("wideOps") final List<Op> ops, @ForAll @IntRange(min = 1, max = 8) final int initialCapacity)
    {
        try (L2Book book = new L2Book(7, initialCapacity))
        {
            runAgainstModel(book, ops);
        }
    }

    @Property(tries = 200)
    void matchesModelWhileGrowingFarPastInitialCapacity(@ForAll("growthOps") final List<Op> ops)
    {
        try (L2Book book = new L2Book(7, 4))
        {
            runAgainstModel(book, ops);
            // Not vacuous: at least one side must have had to grow several times.
            assertThat(Math.max(book.capacity(BID), book.capacity(ASK))).isGreaterThanOrEqualTo(64);
        }
    }

    @Property(tries = 500)
    void copyFromMakesAnEqualButIndependentBook(
        @ForAll("narrowOps") final List<Op> first,
        @ForAll("wideOps") final List<Op> second,
        @ForAll("narrowOps") final List<Op> afterCopy,
        @ForAll @IntRange(min = 1, max = 8) final int capacityA,
        @ForAll @IntRange(min = 1, max = 8) final int capacityB)
    {
        try (L2Book a = new L2Book(1, capacityA); L2Book b = new L2Book(2, capacityB))
        {
            final Model modelA = new Model();
            final Model modelB = new Model();
            first.forEach(op -> apply(op, a, modelA));
            second.forEach(op -> apply(op, b, modelB));

            assertThat(a.sameLevelsAs(b)).isEqualTo(modelA.sameAs(modelB));
            assertThat(b.sameLevelsAs(a)).isEqualTo(modelA.sameAs(modelB));

            b.copyFrom(a);
            assertThat(b.sameLevelsAs(a)).isTrue();
            assertThat(a.sameLevelsAs(b)).isTrue();
            assertMatches(b, modelA, 0);

            // Further changes to the copy must not leak into the original.
            final Model modelAfter = modelA.copy();
            for (final Op op : afterCopy)
            {
                apply(op, b, modelAfter);
                assertMatches(b, modelAfter, op.price());
            }
            assertMatches(a, modelA, 0);
            assertThat(a.sameLevelsAs(b)).isEqualTo(modelA.sameAs(modelAfter));

            // And copying back is a rollback.
            b.copyFrom(a);
            assertMatches(b, modelA, 0);
        }
    }

    @Property(tries = 500)
    void sameLevelsAsIgnoresInsertionOrderButSeesEveryDifference(
        @ForAll @Size(max = 300) @UniqueElements final List<@LongRange(min = -1_000, max = 1_000) Long> prices,
        @ForAll final long shuffleSeed,
        @ForAll @IntRange(min = 0, max = 3) final int mutation,
        @ForAll @IntRange(min = 0, max = 1) final int side)
    {
        final List<Long> shuffled = new ArrayList<>(prices);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        try (L2Book a = new L2Book(1, 4); L2Book b = new L2Book(1, 4))
        {
            prices.forEach(price -> setBothSides(a, price));
            shuffled.forEach(price -> setBothSides(b, price));
            assertThat(a.sameLevelsAs(b)).isTrue();
            assertThat(b.sameLevelsAs(a)).isTrue();

            final long target = prices.isEmpty() ? 0 : prices.get(Math.floorMod(shuffleSeed, prices.size()));
            switch (mutation)
            {
                case 0 -> b.set(side, target, b.sizeAt(side, target) + 1, b.ordersAt(side, target)); // size (or add)
                case 1 -> b.set(side, target, Math.max(1, b.sizeAt(side, target)), b.ordersAt(side, target) + 1);
                case 2 -> b.set(side, 5_000, 1, 1); // an extra level outside the generated range
                default ->
                {
                    if (!b.delete(side, target))
                    {
                        b.set(side, target, 1, 1);
                    }
                }
            }
            assertThat(a.sameLevelsAs(b)).isFalse();
            assertThat(b.sameLevelsAs(a)).isFalse();
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Op>> narrowOps()
    {
        return ops(Arbitraries.longs().between(100, 130), standardKinds(), 100, 500);
    }

    @Provide
    Arbitrary<List<Op>> wideOps()
    {
        final Arbitrary<Long> prices = Arbitraries.frequencyOf(
            Tuple.of(95, Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L)),
            Tuple.of(5, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE + 1, 0L, -1L, 1L)));
        return ops(prices, standardKinds(), 100, 500);
    }

    @Provide
    Arbitrary<List<Op>> growthOps()
    {
        final Arbitrary<Kind> kinds = Arbitraries.frequency(
            Tuple.of(70, Kind.SET),
            Tuple.of(10, Kind.SET_EXISTING),
            Tuple.of(5, Kind.DELETE),
            Tuple.of(15, Kind.DELETE_EXISTING));
        return ops(Arbitraries.longs().between(-1_000_000, 1_000_000), kinds, 500, 1500);
    }

    private static Arbitrary<Kind> standardKinds()
    {
        return Arbitraries.frequency(
            Tuple.of(45, Kind.SET),
            Tuple.of(15, Kind.SET_EXISTING),
            Tuple.of(12, Kind.DELETE),
            Tuple.of(25, Kind.DELETE_EXISTING),
            Tuple.of(2, Kind.CLEAR_SIDE),
            Tuple.of(1, Kind.CLEAR));
    }

    private static Arbitrary<List<Op>> ops(
        final Arbitrary<Long> prices, final Arbitrary<Kind> kinds, final int minSize, final int maxSize)
    {
        final Arbitrary<Long> sizes = Arbitraries.frequencyOf(
            Tuple.of(85, Arbitraries.longs().between(1, 1_000_000_000L)),
            Tuple.of(15, Arbitraries.longs().between(-5, 0))); // size <= 0 removes
        return Combinators.combine(
                kinds,
                Arbitraries.of(BID, ASK),
                prices,
                sizes,
                Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(0, Integer.MAX_VALUE))
            .as(Op::new)
            .list().ofMinSize(minSize).ofMaxSize(maxSize)
            .withSizeDistribution(RandomDistribution.uniform()); // the default favours lengths near minSize
    }

    // ---- model and checks ----

    /** The reference: bids keyed high-to-low, asks low-to-high, so firstEntry() is the best on both. */
    static final class Model
    {
        final TreeMap<Long, long[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, long[]> asks = new TreeMap<>();

        TreeMap<Long, long[]> side(final int side)
        {
            return side == BID ? bids : asks;
        }

        Model copy()
        {
            final Model copy = new Model();
            bids.forEach((price, level) -> copy.bids.put(price, level.clone()));
            asks.forEach((price, level) -> copy.asks.put(price, level.clone()));
            return copy;
        }

        boolean sameAs(final Model other)
        {
            return sameEntries(bids, other.bids) && sameEntries(asks, other.asks);
        }

        private static boolean sameEntries(final TreeMap<Long, long[]> a, final TreeMap<Long, long[]> b)
        {
            if (a.size() != b.size())
            {
                return false;
            }
            final Iterator<Map.Entry<Long, long[]>> ia = a.entrySet().iterator();
            final Iterator<Map.Entry<Long, long[]>> ib = b.entrySet().iterator();
            while (ia.hasNext())
            {
                final Map.Entry<Long, long[]> ea = ia.next();
                final Map.Entry<Long, long[]> eb = ib.next();
                if (!ea.getKey().equals(eb.getKey()) || !Arrays.equals(ea.getValue(), eb.getValue()))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private static void runAgainstModel(final L2Book book, final List<Op> ops)
    {
        final Model model = new Model();
        assertMatches(book, model, 0);
        for (final Op op : ops)
        {
            apply(op, book, model);
            assertMatches(book, model, op.price());
        }
    }

    private static void apply(final Op op, final L2Book book, final Model model)
    {
        final TreeMap<Long, long[]> levels = model.side(op.side());
        switch (op.kind())
        {
            case SET -> set(book, levels, op.side(), op.price(), op.size(), op.orders());
            case SET_EXISTING -> set(book, levels, op.side(), pick(levels, op), op.size(), op.orders());
            case DELETE, DELETE_EXISTING ->
            {
                final long price = op.kind() == Kind.DELETE ? op.price() : pick(levels, op);
                final boolean existed = levels.remove(price) != null;
                assertThat(book.delete(op.side(), price)).as("delete(%d, %d)", op.side(), price).isEqualTo(existed);
            }
            case CLEAR_SIDE ->
            {
                levels.clear();
                book.clearSide(op.side());
            }
            case CLEAR ->
            {
                model.bids.clear();
                model.asks.clear();
                book.clear();
            }
        }
    }

    private static void set(
        final L2Book book, final TreeMap<Long, long[]> levels, final int side, final long price, final long size,
        final int orders)
    {
        if (size <= 0)
        {
            levels.remove(price);
        }
        else
        {
            levels.put(price, new long[]{ size, orders });
        }
        book.set(side, price, size, orders);
    }

    /** An existing level chosen by op.pick, or op.price when the side is empty. */
    private static long pick(final TreeMap<Long, long[]> levels, final Op op)
    {
        if (levels.isEmpty())
        {
            return op.price();
        }
        final Iterator<Long> prices = levels.keySet().iterator();
        for (int i = op.pick() % levels.size(); i > 0; i--)
        {
            prices.next();
        }
        return prices.next();
    }

    private static void assertMatches(final L2Book book, final Model model, final long probePrice)
    {
        for (final int side : new int[]{ BID, ASK })
        {
            final TreeMap<Long, long[]> levels = model.side(side);
            book.levels(side).checkInvariants();
            assertThat(book.depth(side)).as("depth(%d)", side).isEqualTo(levels.size());

            if (levels.isEmpty())
            {
                assertThat(book.bestPrice(side)).isEqualTo(Values.NONE);
                assertThat(book.bestSize(side)).isZero();
                assertThat(book.bestOrders(side)).isZero();
            }
            else
            {
                final Map.Entry<Long, long[]> best = levels.firstEntry();
                assertThat(book.bestPrice(side)).as("bestPrice(%d)", side).isEqualTo(best.getKey());
                assertThat(book.bestSize(side)).as("bestSize(%d)", side).isEqualTo(best.getValue()[0]);
                assertThat(book.bestOrders(side)).as("bestOrders(%d)", side).isEqualTo((int)best.getValue()[1]);
            }

            final List<Level> expected = new ArrayList<>();
            for (final Map.Entry<Long, long[]> e : levels.entrySet())
            {
                expected.add(new Level(side, expected.size(), e.getKey(), e.getValue()[0], (int)e.getValue()[1]));
            }
            final List<Level> all = new ArrayList<>();
            final int visited = book.forEachLevel(side, Integer.MAX_VALUE, collectInto(all));
            assertThat(all).as("levels(%d)", side).isEqualTo(expected);
            assertThat(visited).isEqualTo(expected.size());

            // A partial walk is a prefix of the full one.
            final int maxLevels = (int)Math.floorMod(probePrice, (long)expected.size() + 2);
            final List<Level> prefix = new ArrayList<>();
            final int visitedPrefix = book.forEachLevel(side, maxLevels, collectInto(prefix));
            final int expectedCount = Math.min(maxLevels, expected.size());
            assertThat(visitedPrefix).isEqualTo(expectedCount);
            assertThat(prefix).isEqualTo(expected.subList(0, expectedCount));

            for (final long price : new long[]{ probePrice - 1, probePrice, probePrice + 1 })
            {
                final long[] level = levels.get(price);
                if (price == Values.NONE)
                {
                    continue;
                }
                assertThat(book.contains(side, price)).as("contains(%d, %d)", side, price).isEqualTo(level != null);
                assertThat(book.sizeAt(side, price)).as("sizeAt(%d, %d)", side, price)
                    .isEqualTo(level == null ? 0 : level[0]);
                assertThat(book.ordersAt(side, price)).as("ordersAt(%d, %d)", side, price)
                    .isEqualTo(level == null ? 0 : (int)level[1]);
            }
        }

        final boolean crossed = !model.bids.isEmpty() && !model.asks.isEmpty() &&
            model.bids.firstKey() > model.asks.firstKey();
        final boolean locked = !model.bids.isEmpty() && !model.asks.isEmpty() &&
            model.bids.firstKey().longValue() == model.asks.firstKey().longValue();
        assertThat(book.isCrossed()).as("isCrossed").isEqualTo(crossed);
        assertThat(book.isLocked()).as("isLocked").isEqualTo(locked);
        assertThat(book.bestBidPrice()).isEqualTo(book.bestPrice(BID));
        assertThat(book.bestAskPrice()).isEqualTo(book.bestPrice(ASK));
    }

    private static LevelConsumer collectInto(final List<Level> out)
    {
        return (side, index, price, size, orders) -> out.add(new Level(side, index, price, size, orders));
    }

    private static void setBothSides(final L2Book book, final long price)
    {
        book.set(BID, price, Math.abs(price) + 1, (int)(price & 7));
        book.set(ASK, price, Math.abs(price) + 2, (int)(price & 3));
    }
}
