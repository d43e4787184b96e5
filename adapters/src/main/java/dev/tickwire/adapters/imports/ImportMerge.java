package dev.tickwire.adapters.imports;

import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.engine.adapter.FeedAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Merges the sources of one import by event time, as a k-way merge: each source holds its next row and may
 * publish it only when no other source holds an earlier one (ties go to the source registered first). Without
 * it, sources took turns in chunks of rows, and a day's book file could land whole before its trades: bars,
 * features and gap scans of that day then saw the events out of order.
 *
 * <p>A source that has not looked at its next row yet (starting, or between files) holds everyone back until
 * it has; a finished one holds nobody. Rows whose time cannot be read (malformed) go at once, as they are.
 */
public final class ImportMerge
{
    /** Not looked at yet: nobody may go before this source has read its next row. */
    public static final long UNKNOWN = Long.MIN_VALUE;
    /** Finished: holds nobody back. */
    public static final long FINISHED = Long.MAX_VALUE;

    private final AtomicLongArray heads;
    private int registered;

    private ImportMerge(final int sources)
    {
        heads = new AtomicLongArray(sources);
        for (int i = 0; i < sources; i++)
        {
            heads.set(i, UNKNOWN);
        }
    }

    /** Joins the file sources of one import into one merge; nothing to do for fewer than two. */
    public static void join(final List<? extends FeedAdapter> adapters)
    {
        final List<CsvImportSource> sources = new ArrayList<>();
        for (final FeedAdapter adapter : adapters)
        {
            if (adapter instanceof CsvImportSource)
            {
                sources.add((CsvImportSource)adapter);
            }
        }
        if (sources.size() < 2)
        {
            return;
        }
        final ImportMerge merge = new ImportMerge(sources.size());
        for (final CsvImportSource source : sources)
        {
            source.mergeWith(merge, merge.registered++);
        }
    }

    /** Source {@code index} holds a row of time {@code timeNs} (or {@link #UNKNOWN}, {@link #FINISHED}). */
    public void head(final int index, final long timeNs)
    {
        heads.set(index, timeNs);
    }

    /** Whether source {@code index} may publish its row of time {@code timeNs} now. */
    public boolean mayGo(final int index, final long timeNs)
    {
        for (int j = 0; j < heads.length(); j++)
        {
            if (j == index)
            {
                continue;
            }
            final long other = heads.get(j);
            if (other < timeNs || other == timeNs && j < index)
            {
                return false;
            }
        }
        return true;
    }
}
