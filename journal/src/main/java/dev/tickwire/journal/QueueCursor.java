package dev.tickwire.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * One Chronicle queue read from any position (the live journal, or a day restored from the
 * archive): {@link JournalReader} chains these. Indexes are the queue's own.
 */
final class QueueCursor implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptView view = new ExcerptView();
    private final TimeSeek timeSeek;

    QueueCursor(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
        // Chronicle binds a tailer to its first thread; ours may be created on one thread and polled on another.
        tailer.singleThreadedCheckDisabled(true);
        this.timeSeek = new TimeSeek(queue, tailer);
    }

    /**
     * Reads up to {@code limit} excerpts that are available now, in journal order. Allocation-free:
     * the handler gets a view of the mapped file, valid only during the call. An excerpt counts as
     * read once the handler has been called, even if the handler throws.
     *
     * @return the number of excerpts read, 0 if none is available yet
     */
    int poll(final JournalHandler handler, final int limit, final long indexBase)
    {
        int read = 0;
        while (read < limit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                view.wrap(dc);
                read++;
                handler.onMessage(
                    view.buffer(), ExcerptView.MESSAGE_OFFSET, view.messageLength(), indexBase + dc.index(), view.watermarkNs());
            }
        }
        return read;
    }

    /**
     * Reads backward, newest first, the excerpts before {@code beforeIndex} (or, with
     * {@link #END}, from the last excerpt), calling {@code handler} until it returns false or the
     * start is reached. Leaves the reader reading forward; its position is then unspecified.
     *
     * @return the number of excerpts visited
     */
    long scanBackward(final long beforeIndex, final JournalReader.BackwardHandler handler, final long indexBase)
    {
        long visited = 0;
        stoppedByHandler = false;
        tailer.direction(TailerDirection.BACKWARD);
        try
        {
            if (beforeIndex == JournalReader.END)
            {
                tailer.toEnd();
            }
            else if (!tailer.moveToIndex(beforeIndex))
            {
                tailer.toEnd(); // beforeIndex is one past the last excerpt
            }
            boolean skipFirst = beforeIndex != JournalReader.END;
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return visited;
                    }
                    if (skipFirst && dc.index() >= beforeIndex)
                    {
                        continue; // the excerpt at beforeIndex itself
                    }
                    skipFirst = false;
                    view.wrap(dc);
                    visited++;
                    if (!handler.onMessage(view.buffer(), ExcerptView.MESSAGE_OFFSET, view.messageLength(),
                        indexBase + dc.index(), view.watermarkNs()))
                    {
                        return visited;
                    }
                }
            }
        }
        finally
        {
            tailer.direction(TailerDirection.FORWARD);
        }
    }

    /** True if the last backward scan ended because its handler returned false (not at the start). */
    boolean stoppedByHandler;

    /** Positions before the first excerpt. */
    void toStart()
    {
        queue.refreshDirectoryListing(); // retention (here or in another process) may have deleted the first cycles
        try
        {
            tailer.toStart();
        }
        catch (final RuntimeException ex)
        {
            // a read-only queue's listing still names a cycle retention deleted: start at the first file there is
            for (final Long cycle : RollCycleNames.existingCycles(queue))
            {
                if (tailer.moveToIndex(queue.rollCycle().toIndex(cycle.intValue(), 0)))
                {
                    return;
                }
            }
            tailer.toEnd();
        }
    }

    /** Positions after the last excerpt: the next poll returns only what is appended from now on. */
    void toEnd()
    {
        tailer.toEnd();
    }

    /**
     * Positions so the next poll returns the excerpt at {@code index}.
     *
     * @return false if there is no such excerpt (the position is then unspecified)
     */
    boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Index of the next excerpt to read. At the end of a cycle this may be the index one past its
     * last excerpt rather than the first index of the next cycle: compare indexes, do not compute them.
     */
    long index()
    {
        return tailer.index();
    }

    /**
     * Positions so the next poll returns the first excerpt whose watermark is at or after
     * {@code timeNs}, by binary search (O(log cycles + log excerpts) reads, never a scan).
     *
     * <p>The watermark is the highest accepted market-event time so far, so every accepted market
     * event with {@code eventTimeNs >= timeNs} is at or after this position. Excerpts after it may
     * still be earlier: when several sources interleave, a lagging source's events follow a faster
     * one's. Readers that want exactly the events from {@code timeNs} on skip those with
     * {@code eventTimeNs < timeNs} themselves. (Messages that do not move the watermark, such as
     * instrument definitions, status and rejected records, just before the position are not seen.)
     *
     * @return true if positioned at such an excerpt; false if there is none (positioned at the end)
     */
    boolean seekToTime(final long timeNs)
    {
        return timeSeek.seek(timeNs);
    }

    /** Excerpt probes made by the last {@link #seekToTime}. */
    int lastSeekProbes()
    {
        return timeSeek.probes();
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}
