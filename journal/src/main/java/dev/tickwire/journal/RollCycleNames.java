package dev.tickwire.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.util.ArrayList;
import java.util.List;

/** Maps configuration names to Chronicle roll cycles, so configs never reference Chronicle classes. */
final class RollCycleNames
{
    private static final List<Enum<?>> ALL = new ArrayList<>();

    static
    {
        ALL.addAll(List.of(RollCycles.values()));
        ALL.addAll(List.of(LargeRollCycles.values()));
        ALL.addAll(List.of(TestRollCycles.values()));
    }

    private RollCycleNames()
    {
    }

    static RollCycle resolve(final String name)
    {
        for (final Enum<?> cycle : ALL)
        {
            if (cycle.name().equals(name))
            {
                return (RollCycle)cycle;
            }
        }
        throw new IllegalArgumentException("unknown roll cycle '" + name + "'; valid: " + names());
    }

    static List<String> names()
    {
        final List<String> names = new ArrayList<>(ALL.size());
        for (final Enum<?> cycle : ALL)
        {
            names.add(cycle.name());
        }
        return names;
    }
}
