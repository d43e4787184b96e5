package dev.tickwire.tools;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code --shard i/n} and {@code --shard-by} of a job over files (import, download): which files are this host's. */
final class ShardOptions
{
    @Option(names = "--shard", paramLabel = "i/n", converter = Shard.Converter.class,
        description = {"Do only this host's part of the job: n hosts given 1/n .. n/n, each with its own journal or " +
            "folder, together do every file once (the same split on every host and run). " +
            "`tickwire merge-catalog` checks their outputs (default: the whole job)."})
    Shard shard;

    @Option(names = "--shard-by", paramLabel = "day|instrument", converter = ShardKey.ByConverter.class,
        defaultValue = "day",
        description = {"day: all files of a UTC day go to one host, so each host's journal and its export hold whole " +
            "days that merge; instrument: by day and instrument, finer (few days of many instruments), but the " +
            "hosts' days overlap. A file whose name says no day goes by its name (default: ${DEFAULT-VALUE})."})
    ShardKey.By by = ShardKey.By.DAY;

    boolean sharded()
    {
        return shard != null && !shard.isAll();
    }

    /**
     * The items of the job that are this shard's, in their order, and a line on {@code out} saying how many it takes
     * and skips (nothing printed when the job is not sharded).
     *
     * @param nameOf the file name of an item
     * @param keyOf  what the source's file names say
     * @param unit   what an item is, plural ("file(s)")
     */
    <T> List<T> take(final List<T> items, final Function<T, String> nameOf, final Function<String, ShardKey> keyOf,
        final String unit, final PrintStream out)
    {
        if (!sharded())
        {
            return items;
        }
        final List<T> taken = new ArrayList<>();
        for (final T item : items)
        {
            if (ShardKey.owns(shard, by, nameOf.apply(item), keyOf))
            {
                taken.add(item);
            }
        }
        out.printf("shard %s (by %s): takes %d of %d %s, skips %d (the other shards')%n", shard, by, taken.size(),
            items.size(), unit, items.size() - taken.size());
        return taken;
    }
}
