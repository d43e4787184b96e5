package dev.tickwire.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.NavigableSet;

/**
 * Positions a tailer at the first excerpt whose watermark is at or after a time.
 *
 * <p>Watermarks never decrease along the journal, so "watermark &gt;= t" is false then true over
 * the whole journal. That allows a binary search over the cycle files (on each cycle's first
 * excerpt), then within one cycle over its dense sequence numbers (the cycle's size comes from
 * its index), each probe being one {@code moveToIndex} and at most one excerpt read: about
 * log2(cycles) + log2(excerpts in the cycle) + 2 probes.
 */
final class TimeSeek
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final RollCycle rollCycle;
    private final ExcerptView view = new ExcerptView();
    private int probes;
    private boolean lastProbePresent;

    TimeSeek(final SingleChronicleQueue queue, final ExcerptTailer tailer)
    {
        this.queue = queue;
        this.tailer = tailer;
        this.rollCycle = queue.rollCycle();
    }

    /** Probes made by the last {@link #seek}; tests use it to prove the search is logarithmic. */
    int probes()
    {
        return probes;
    }

    boolean seek(final long timeNs)
    {
        probes = 0;
        queue.refreshDirectoryListing(); // a writer in another process may have rolled since
        final int[] cycles = cycles();
        final int count = cycles.length;

        // Smallest cycle slot whose first excerpt (empty cycles take their successor's) is at or after timeNs.
        int low = 0;
        int high = count;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cycleStartsAtOrAfter(cycles, mid, timeNs))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        final int firstLater = low;

        long endIndex = -1; // just past the last excerpt seen, if known
        if (firstLater > 0)
        {
            // cycles[firstLater - 1] is non-empty and starts before timeNs: the target is in it or just after it.
            final int cycle = cycles[firstLater - 1];
            final long sequence = firstSequenceAtOrAfter(cycle, timeNs);
            if (lastProbePresent)
            {
                return moveTo(rollCycle.toIndex(cycle, sequence));
            }
            endIndex = rollCycle.toIndex(cycle, sequence);
        }
        final int next = firstNonEmpty(cycles, firstLater);
        if (next < count)
        {
            return moveTo(rollCycle.toIndex(cycles[next], 0));
        }
        // Nothing yet. Stop right after what we searched, so whatever a live writer appended since is still read.
        if (endIndex < 0 || !tailer.moveToIndex(endIndex))
        {
            tailer.toEnd();
        }
        return false;
    }

    /**
     * Within a cycle whose first excerpt is before timeNs: the first sequence at or after timeNs,
     * or the cycle's excerpt count if there is none ({@link #lastProbePresent} tells which).
     */
    private long firstSequenceAtOrAfter(final int cycle, final long timeNs)
    {
        probes++; // the count comes from the cycle's index, not from reading excerpts
        long before = 0;                          // known: watermark < timeNs
        long after = tailer.excerptsInCycle(cycle); // known: watermark >= timeNs, or past the end
        boolean afterPresent = false;
        while (after - before > 1)
        {
            final long mid = before + ((after - before) >>> 1);
            if (atOrAfter(cycle, mid, timeNs))
            {
                after = mid;
                afterPresent = lastProbePresent;
            }
            else
            {
                before = mid;
            }
        }
        lastProbePresent = afterPresent;
        return after;
    }

    private boolean cycleStartsAtOrAfter(final int[] cycles, final int slot, final long timeNs)
    {
        for (int i = slot; i < cycles.length; i++)
        {
            final boolean result = atOrAfter(cycles[i], 0, timeNs);
            if (lastProbePresent)
            {
                return result;
            }
        }
        return true; // nothing from here on: treat as +infinity
    }

    private int firstNonEmpty(final int[] cycles, final int fromSlot)
    {
        for (int i = fromSlot; i < cycles.length; i++)
        {
            probes++;
            if (tailer.moveToIndex(rollCycle.toIndex(cycles[i], 0)))
            {
                return i;
            }
        }
        return cycles.length;
    }

    /** One probe: true if the excerpt is absent or its watermark is at or after timeNs. */
    private boolean atOrAfter(final int cycle, final long sequence, final long timeNs)
    {
        probes++;
        lastProbePresent = false;
        if (!tailer.moveToIndex(rollCycle.toIndex(cycle, sequence)))
        {
            return true;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return true;
            }
            view.wrap(dc);
            lastProbePresent = true;
            return view.watermarkNs() >= timeNs;
        }
    }

    private boolean moveTo(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new IllegalStateException("excerpt " + Long.toHexString(index) + " vanished during a seek");
        }
        return true;
    }

    private int[] cycles()
    {
        final NavigableSet<Long> cycles = RollCycleNames.existingCycles(queue);
        final int[] result = new int[cycles.size()];
        int i = 0;
        for (final Long cycle : cycles)
        {
            result[i++] = cycle.intValue();
        }
        return result;
    }
}
