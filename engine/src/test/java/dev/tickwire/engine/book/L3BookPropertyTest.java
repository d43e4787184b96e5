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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tickwire.engine.book.L2Book.ASK;
import static dev.tickwire.engine.book.L2Book.BID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link L3Book} with random operation sequences (known and unknown ids, duplicate adds, over-sized
 * reductions, corrections above and below the known orders, clears) and checks it after every operation against a
 * reference model: a HashMap of orders, and per side a TreeMap of levels each holding a LinkedHashMap FIFO of its
 * orders plus the level's unknown volume.
 */
class L3BookPropertyTest
{
    enum Kind
    {
        ADD,              // generated id: usually new, sometimes a duplicate
        REDUCE,           // generated id: sometimes unknown
        REDUCE_EXISTING,  // an order that exists (picked by index)
        EXECUTE_EXISTING,
        REMOVE,
        REMOVE_EXISTING,
        REDUCE_UNKNOWN,   // at the generated price
        SET_LEVEL,        // at the generated price
        SET_LEVEL_EXISTING, // a level that exists, often below its known orders
        CLEAR
    }

    record Op(Kind kind, int side, long price, long size, long id, int pick)
    {
    }

    record Level(long price, long size, int orders)
    {
    }

    record Order(long id, long size)
    {
    }

    // ---- properties ----

    @Property(tries = 500)
    void matchesModelWithManyCollisions(
        @ForAll("narrowOps") final List<Op> ops, @ForAll @IntRange(min = 1, max = 8) final int initialCapacity)
    {
        try (L3Book book = new L3Book(3, initialCapacity, initialCapacity))
        {
            runAgainstModel(book, ops);
        }
    }

    @Property(tries = 300)
    void matchesModelWithWideIdsAndPrices(@ForAll("wideOps") final List<Op> ops)
    {
        try (L3Book book = new L3Book(3, 2, 2))
        {
            runAgainstModel(book, ops);
        }
    }

    @Property(tries = 50)
    void matchesModelWhileGrowingFarPastInitialCapacity(@ForAll("growthOps") final List<Op> ops)
    {
        try (L3Book book = new L3Book(3, 4, 2))
        {
            runAgainstModel(book, ops);
            // Not vacuous: the order slab and the id index both had to grow several times.
            assertThat(book.orderCapacity()).isGreaterThanOrEqualTo(256);
            assertThat(book.orderIndexCapacity()).isGreaterThanOrEqualTo(256);
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Op>> narrowOps()
    {
        return ops(Arbitraries.longs().between(100, 115), Arbitraries.longs().between(0, 80), standardKinds(), 50, 400);
    }

    @Provide
    Arbitrary<List<Op>> wideOps()
    {
        final Arbitrary<Long> extremes = Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0L, -1L);
        final Arbitrary<Long> prices = Arbitraries.frequencyOf(
            Tuple.of(90, Arbitraries.longs().between(-1_000_000, 1_000_000)),
            Tuple.of(10, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE + 1, 0L, -1L)));
        final Arbitrary<Long> ids = Arbitraries.frequencyOf(
            Tuple.of(90, Arbitraries.longs()),
            Tuple.of(10, extremes));
        return ops(prices, ids, standardKinds(), 50, 400);
    }

    @Provide
    Arbitrary<List<Op>> growthOps()
    {
        final Arbitrary<Kind> kinds = Arbitraries.frequency(
            Tuple.of(70, Kind.ADD),
            Tuple.of(10, Kind.REDUCE_EXISTING),
            Tuple.of(10, Kind.REMOVE_EXISTING),
            Tuple.of(5, Kind.REDUCE_UNKNOWN),
            Tuple.of(5, Kind.SET_LEVEL));
        return ops(Arbitraries.longs().between(1, 300), Arbitraries.longs().between(0, 1_000_000_000L), kinds, 800, 1500);
    }

    private static Arbitrary<Kind> standardKinds()
    {
        return Arbitraries.frequency(
            Tuple.of(35, Kind.ADD),
            Tuple.of(6, Kind.REDUCE),
            Tuple.of(12, Kind.REDUCE_EXISTING),
            Tuple.of(8, Kind.EXECUTE_EXISTING),
            Tuple.of(5, Kind.REMOVE),
            Tuple.of(12, Kind.REMOVE_EXISTING),
            Tuple.of(8, Kind.REDUCE_UNKNOWN),
            Tuple.of(6, Kind.SET_LEVEL),
            Tuple.of(6, Kind.SET_LEVEL_EXISTING),
            Tuple.of(1, Kind.CLEAR));
    }

    private static Arbitrary<List<Op>> ops(
        final Arbitrary<Long> prices, final Arbitrary<Long> ids, final Arbitrary<Kind> kinds, final int minSize,
        final int maxSize)
    {
        final Arbitrary<Long> sizes = Arbitraries.frequencyOf(
            Tuple.of(80, Arbitraries.longs().between(1, 100)),
            Tuple.of(15, Arbitraries.longs().between(1, 1_000_000_000L)),
            Tuple.of(5, Arbitraries.longs().between(-3, 0))); // ignored by reductions, 0 removes a level
        return Combinators.combine(
                kinds,
                Arbitraries.of(BID, ASK),
                prices.filter(p -> p != Values.NONE),
                sizes,
                ids,
                Arbitraries.integers().between(0, Integer.MAX_VALUE))
            .as(Op::new)
            .list().ofMinSize(minSize).ofMaxSize(maxSize)
            .withSizeDistribution(RandomDistribution.uniform());
    }

    // ---- model ----

    static final class ModelLevel
    {
        final LinkedHashMap<Long, Long> fifo = new LinkedHashMap<>(); // id -> size, oldest first
        long unknown;

        long known()
        {
            long sum = 0;
            for (final long size : fifo.values())
            {
                sum += size;
            }
            return sum;
        }

        long total()
        {
            return known() + unknown;
        }
    }

    /** The reference: orders by id; levels per side, best first; each level a FIFO plus unknown volume. */
    static final class Model
    {
        final HashMap<Long, long[]> orders = new HashMap<>(); // id -> {side, price}
        final List<TreeMap<Long, ModelLevel>> sides = List.of(
            new TreeMap<>(Comparator.reverseOrder()), new TreeMap<>());
        int lastSide;
        long lastPrice;
        long lastSize;
        int lastOrders;
        long lastVolume;

        TreeMap<Long, ModelLevel> side(final int side)
        {
            return sides.get(side);
        }

        int add(final long id, final int side, final long price, final long size)
        {
            if (orders.containsKey(id))
            {
                lastVolume = 0;
                return L3Book.UNCHANGED;
            }
            final boolean isNew = !side(side).containsKey(price);
            side(side).computeIfAbsent(price, p -> new ModelLevel()).fifo.put(id, size);
            orders.put(id, new long[]{ side, price });
            lastVolume = size;
            settle(side, price);
            return isNew ? L3Book.LEVEL_ADDED : L3Book.LEVEL_MODIFIED;
        }

        int reduce(final long id, final long size)
        {
            final long[] order = orders.get(id);
            if (order == null || size <= 0)
            {
                lastVolume = 0;
                return L3Book.UNCHANGED;
            }
            final int side = (int)order[0];
            final ModelLevel level = side(side).get(order[1]);
            final long current = level.fifo.get(id);
            final long by = Math.min(size, current);
            if (by == current)
            {
                level.fifo.remove(id);
                orders.remove(id);
            }
            else
            {
                level.fifo.put(id, current - by); // put on an existing key keeps its FIFO place
            }
            lastVolume = by;
            return settle(side, order[1]);
        }

        int remove(final long id)
        {
            final long[] order = orders.get(id);
            if (order == null)
            {
                lastVolume = 0;
                return L3Book.UNCHANGED;
            }
            return reduce(id, side((int)order[0]).get(order[1]).fifo.get(id));
        }

        int reduceUnknown(final int side, final long price, final long size)
        {
            final ModelLevel level = side(side).get(price);
            if (level == null || size <= 0 || level.unknown == 0)
            {
                return unchanged(side, price);
            }
            final long by = Math.min(size, level.unknown);
            level.unknown -= by;
            lastVolume = by;
            return settle(side, price);
        }

        int setLevel(final int side, final long price, final long size)
        {
            final ModelLevel level = side(side).get(price);
            if (level == null)
            {
                if (size == 0)
                {
                    return unchanged(side, price);
                }
                final ModelLevel created = new ModelLevel();
                created.unknown = size;
                side(side).put(price, created);
                lastVolume = size;
                settle(side, price);
                return L3Book.LEVEL_ADDED;
            }
            final long total = level.total();
            if (total == size)
            {
                return unchanged(side, price);
            }
            if (size < level.known())
            {
                level.fifo.keySet().forEach(orders::remove);
                level.fifo.clear();
            }
            level.unknown = size - level.known();
            lastVolume = size - total;
            return settle(side, price);
        }

        void clear()
        {
            orders.clear();
            sides.forEach(TreeMap::clear);
            lastVolume = 0;
        }

        private int settle(final int side, final long price)
        {
            final ModelLevel level = side(side).get(price);
            lastSide = side;
            lastPrice = price;
            lastSize = level.total();
            lastOrders = level.fifo.size();
            if (lastSize == 0)
            {
                side(side).remove(price);
                return L3Book.LEVEL_DELETED;
            }
            return L3Book.LEVEL_MODIFIED;
        }

        private int unchanged(final int side, final long price)
        {
            final ModelLevel level = side(side).get(price);
            lastSide = side;
            lastPrice = price;
            lastSize = level == null ? 0 : level.total();
            lastOrders = level == null ? 0 : level.fifo.size();
            lastVolume = 0;
            return L3Book.UNCHANGED;
        }
    }

    // ---- running and checking ----

    private static void runAgainstModel(final L3Book book, final List<Op> ops)
    {
        final Model model = new Model();
        for (final Op op : ops)
        {
            apply(op, book, model);
            assertMatches(book, model, op);
        }
    }

    private static void apply(final Op op, final L3Book book, final Model model)
    {
        final int expected;
        final int actual;
        final boolean levelReported; // the last* fields describe a level only after these
        switch (op.kind())
        {
            case ADD ->
            {
                final long size = Math.max(1, op.size());
                expected = model.add(op.id(), op.side(), op.price(), size);
                actual = book.add(op.id(), op.side(), op.price(), size);
                levelReported = expected != L3Book.UNCHANGED;
            }
            case REDUCE, REDUCE_EXISTING, EXECUTE_EXISTING ->
            {
                final long id = op.kind() == Kind.REDUCE ? op.id() : pickOrder(model, op);
                expected = model.reduce(id, op.size());
                actual = op.kind() == Kind.EXECUTE_EXISTING ? book.execute(id, op.size()) : book.reduce(id, op.size());
                levelReported = expected != L3Book.UNCHANGED;
            }
            case REMOVE, REMOVE_EXISTING ->
            {
                final long id = op.kind() == Kind.REMOVE ? op.id() : pickOrder(model, op);
                expected = model.remove(id);
                actual = book.remove(id);
                levelReported = expected != L3Book.UNCHANGED;
            }
            case REDUCE_UNKNOWN ->
            {
                expected = model.reduceUnknown(op.side(), op.price(), op.size());
                actual = book.reduceUnknown(op.side(), op.price(), op.size());
                levelReported = true;
            }
            case SET_LEVEL, SET_LEVEL_EXISTING ->
            {
                final long price = op.kind() == Kind.SET_LEVEL ? op.price() : pickLevel(model.side(op.side()), op);
                final ModelLevel before = model.side(op.side()).get(price);
                // Existing levels: often below the known orders, to exercise forgetting; else what was generated.
                final long size = op.kind() == Kind.SET_LEVEL_EXISTING && before != null && op.pick() % 2 == 0 ?
                    op.pick() % (before.total() + 1) : Math.max(0, op.size());
                final int modelOrdersBefore = model.orders.size();
                expected = model.setLevel(op.side(), price, size);
                actual = book.setLevel(op.side(), price, size);
                assertThat(book.lastForgottenOrders()).as("forgotten").isEqualTo(modelOrdersBefore - model.orders.size());
                levelReported = true;
            }
            default ->
            {
                model.clear();
                book.clear();
                return;
            }
        }
        assertThat(actual).as("result of %s", op).isEqualTo(expected);
        assertThat(book.lastVolume()).as("lastVolume of %s", op).isEqualTo(model.lastVolume);
        if (levelReported)
        {
            assertThat(book.lastSide()).as("lastSide").isEqualTo(model.lastSide);
            assertThat(book.lastPrice()).as("lastPrice").isEqualTo(model.lastPrice);
            assertThat(book.lastLevelSize()).as("lastLevelSize of %s", op).isEqualTo(model.lastSize);
            assertThat(book.lastLevelOrders()).as("lastLevelOrders of %s", op).isEqualTo(model.lastOrders);
        }
    }

    /** An existing order chosen by op.pick (op.id when the book is empty). */
    private static long pickOrder(final Model model, final Op op)
    {
        if (model.orders.isEmpty())
        {
            return op.id();
        }
        final Iterator<Long> ids = model.orders.keySet().iterator();
        for (int i = op.pick() % model.orders.size(); i > 0; i--)
        {
            ids.next();
        }
        return ids.next();
    }

    private static long pickLevel(final TreeMap<Long, ModelLevel> levels, final Op op)
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

    private static void assertMatches(final L3Book book, final Model model, final Op op)
    {
        book.checkInvariants();
        assertThat(book.orderCount()).as("orderCount").isEqualTo(model.orders.size());
        for (final int side : new int[]{ BID, ASK })
        {
            final List<Level> expected = new ArrayList<>();
            for (final Map.Entry<Long, ModelLevel> e : model.side(side).entrySet())
            {
                expected.add(new Level(e.getKey(), e.getValue().total(), e.getValue().fifo.size()));
            }
            final List<Level> actual = new ArrayList<>();
            book.l2().forEachLevel(side, Integer.MAX_VALUE, (s, i, price, size, orders) ->
                actual.add(new Level(price, size, orders)));
            assertThat(actual).as("L2 side %d after %s", side, op).isEqualTo(expected);
        }

        // FIFO order of the touched level, and of one picked level per side.
        assertQueue(book, model, op.side(), op.price());
        for (final int side : new int[]{ BID, ASK })
        {
            if (!model.side(side).isEmpty())
            {
                assertQueue(book, model, side, pickLevel(model.side(side), op));
            }
        }
        // Per-order queries for the generated id and one existing order.
        assertOrder(book, model, op.id());
        if (!model.orders.isEmpty())
        {
            assertOrder(book, model, pickOrder(model, op));
        }
    }

    private static void assertQueue(final L3Book book, final Model model, final int side, final long price)
    {
        final ModelLevel level = model.side(side).get(price);
        final List<Order> expected = new ArrayList<>();
        if (level != null)
        {
            level.fifo.forEach((id, size) -> expected.add(new Order(id, size)));
        }
        final List<Order> actual = new ArrayList<>();
        final int[] nextPosition = { 0 };
        final int visited = book.forEachOrder(side, price, (position, id, size) ->
        {
            assertThat(position).isEqualTo(nextPosition[0]++);
            actual.add(new Order(id, size));
        });
        assertThat(actual).as("queue %d/%d", side, price).isEqualTo(expected);
        assertThat(visited).isEqualTo(expected.size());
        assertThat(book.knownSize(side, price)).isEqualTo(level == null ? 0 : level.known());
        assertThat(book.unknownSize(side, price)).isEqualTo(level == null ? 0 : level.unknown);
    }

    private static void assertOrder(final L3Book book, final Model model, final long id)
    {
        final long[] order = model.orders.get(id);
        assertThat(book.contains(id)).as("contains(%d)", id).isEqualTo(order != null);
        if (order == null)
        {
            assertThat(book.orderSize(id)).isZero();
            assertThat(book.orderPrice(id)).isEqualTo(Values.NONE);
            assertThat(book.orderSide(id)).isEqualTo(-1);
            assertThat(book.queuePosition(id)).isEqualTo(-1);
            assertThat(book.sizeAhead(id)).isEqualTo(-1);
            return;
        }
        final ModelLevel level = model.side((int)order[0]).get(order[1]);
        int position = 0;
        long ahead = 0;
        for (final Map.Entry<Long, Long> e : level.fifo.entrySet())
        {
            if (e.getKey() == id)
            {
                break;
            }
            position++;
            ahead += e.getValue();
        }
        assertThat(book.orderSide(id)).isEqualTo((int)order[0]);
        assertThat(book.orderPrice(id)).isEqualTo(order[1]);
        assertThat(book.orderSize(id)).isEqualTo(level.fifo.get(id));
        assertThat(book.queuePosition(id)).as("queuePosition(%d)", id).isEqualTo(position);
        assertThat(book.sizeAhead(id)).as("sizeAhead(%d)", id).isEqualTo(ahead);
    }
}
