package dev.tickwire.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The L3 book's id and price index ({@link OrderIndex}) against a HashMap: keys that collide a lot (a narrow range,
 * multiples of a tick, sequential ids), removals in the middle of probe runs (backward-shift deletion), and growth.
 */
class L3BookIndexTest
{
    record Op(boolean put, long key, int value)
    {
    }

    @Property(tries = 300)
    void matchesAHashMap(@ForAll("ops") final List<Op> ops, @ForAll @IntRange(min = 1, max = 16) final int initial)
    {
        try (OrderIndex index = new OrderIndex(initial))
        {
            final Map<Long, Integer> model = new HashMap<>();
            for (final Op op : ops)
            {
                if (op.put())
                {
                    model.put(op.key(), op.value());
                    index.put(op.key(), op.value());
                }
                else
                {
                    final Integer removed = model.remove(op.key());
                    assertThat(index.remove(op.key())).isEqualTo(removed == null ? OrderIndex.MISSING : removed);
                }
                index.checkInvariants();
                assertThat(index.size()).isEqualTo(model.size());
                assertThat(index.get(op.key())).isEqualTo(model.getOrDefault(op.key(), OrderIndex.MISSING));
                assertThat(index.size()).isLessThanOrEqualTo(index.capacity() * 7 / 10);
            }
            model.forEach((key, value) -> assertThat(index.get(key)).isEqualTo(value));
            index.clear();
            assertThat(index.size()).isZero();
            model.keySet().forEach(key -> assertThat(index.get(key)).isEqualTo(OrderIndex.MISSING));
        }
    }

    @Provide
    Arbitrary<List<Op>> ops()
    {
        final Arbitrary<Long> keys = Arbitraries.frequencyOf(
            Tuple.of(40, Arbitraries.longs().between(0, 60)),
            Tuple.of(30, Arbitraries.longs().between(0, 60).map(k -> 5_000_000L + 100 * k)), // prices on a tick
            Tuple.of(20, Arbitraries.longs().between(-5, 5)),
            Tuple.of(10, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L)));
        return Combinators.combine(Arbitraries.integers().between(0, 9).map(i -> i < 6), keys,
                Arbitraries.integers().between(0, Integer.MAX_VALUE))
            .as(Op::new)
            .list().ofMinSize(20).ofMaxSize(600)
            .withSizeDistribution(RandomDistribution.uniform());
    }
}
