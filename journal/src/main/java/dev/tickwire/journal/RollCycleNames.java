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

    /**
     * The cycles whose files exist in a queue's directory, ascending, from the file names. Chronicle's
     * listing of a read-only queue keeps the first cycle it was created with, which retention may
     * have deleted since (Chronicle then throws on it): the names are what is really there.
     */
    static java.util.NavigableSet<Long> existingCycles(final net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue)
    {
        final RollCycle rollCycle = queue.rollCycle();
        final java.time.format.DateTimeFormatter format = fileNameFormat(rollCycle);
        final String suffix = net.openhft.chronicle.queue.impl.single.SingleChronicleQueue.SUFFIX;
        final java.util.TreeSet<Long> cycles = new java.util.TreeSet<>();
        final java.io.File[] files = queue.file().listFiles((dir, name) -> name.endsWith(suffix));
        if (files == null)
        {
            return cycles;
        }
        for (final java.io.File f : files)
        {
            final String stamp = f.getName().substring(0, f.getName().length() - suffix.length());
            try
            {
                final long millis = java.time.LocalDateTime.parse(stamp, format).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
                cycles.add(Math.floorDiv(millis, (long)rollCycle.lengthInMillis()));
            }
            catch (final RuntimeException ex)
            {
                // not a cycle file of this roll cycle
            }
        }
        return cycles;
    }

    /** The file of a cycle, as Chronicle names it: the cycle's start in the roll cycle's format, then .cq4. */
    static java.nio.file.Path cycleFile(final java.nio.file.Path dir, final RollCycle rollCycle, final int cycle)
    {
        return dir.resolve(fileNameFormat(rollCycle).format(java.time.Instant.ofEpochMilli(cycle * (long)rollCycle.lengthInMillis())) +
            net.openhft.chronicle.queue.impl.single.SingleChronicleQueue.SUFFIX);
    }

    /** Formats and parses cycle file names (UTC; fields a daily format lacks parse as 0). */
    private static java.time.format.DateTimeFormatter fileNameFormat(final RollCycle rollCycle)
    {
        return new java.time.format.DateTimeFormatterBuilder()
            .appendPattern(rollCycle.format())
            .parseDefaulting(java.time.temporal.ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(java.time.temporal.ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(java.time.temporal.ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter().withZone(java.time.ZoneOffset.UTC);
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
