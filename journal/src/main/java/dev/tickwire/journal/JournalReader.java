package dev.tickwire.journal;

import dev.tickwire.journal.ArchiveTier.ArchivedDay;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Values;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * Reads a journal from any position, and keeps reading as it grows: a reader follows a journal
 * being appended by another thread or process, {@link #poll} simply returns 0 until more arrives.
 *
 * <p>When the journal has an archive ({@link ArchiveTier}), the days it no longer holds come
 * first, restored from the archive on first use, then the journal itself: one history, read with
 * the same calls, whichever tier holds it. Indexes of archived messages are negative (below every
 * journal index) and stable: {@code ARCHIVE_INDEX_BASE + (epochDay << 36) + position in the day}.
 *
 * <p>Single-threaded: one thread uses a reader at a time (it may be handed over between calls).
 * Create one reader per consumer; each has its own position.
 */
public final class JournalReader implements AutoCloseable
{
    /** For {@link #scanBackward}: from the last excerpt. */
    public static final long END = Long.MAX_VALUE;
    /** Indexes of archived messages start here; every journal (Chronicle) index is at least 0. */
    public static final long ARCHIVE_INDEX_BASE = Long.MIN_VALUE + (1L << 40);
    private static final int DAY_SHIFT = 36;

    private final QueueCursor live;
    private final List<ArchivedDay> archived;
    private final RestoredDays restoredDays;
    private final long liveFirstSequence;
    private final QueueCursor[] cursors;
    private final SingleChronicleQueue[] queues;
    private int current; // index into archived, or archived.size() for the live journal (0: the start)

    JournalReader(final SingleChronicleQueue queue, final List<ArchivedDay> archived, final RestoredDays restoredDays,
        final long liveFirstSequence)
    {
        this.live = new QueueCursor(queue);
        this.archived = archived;
        this.restoredDays = restoredDays;
        this.liveFirstSequence = liveFirstSequence;
        this.cursors = new QueueCursor[archived.size()];
        this.queues = new SingleChronicleQueue[archived.size()];
    }

    /**
     * Reads up to {@code limit} excerpts that are available now, in journal order. Allocation-free
     * within a tier: the handler gets a view of the mapped file, valid only during the call. An
     * excerpt counts as read once the handler has been called, even if the handler throws.
     *
     * @return the number of excerpts read, 0 if none is available yet
     */
    public int poll(final JournalHandler handler, final int limit)
    {
        int read = 0;
        while (read < limit)
        {
            if (current == archived.size())
            {
                return read + live.poll(handler, limit - read, 0);
            }
            final int n = cursor(current).poll(handler, limit - read, base(current));
            read += n;
            if (read < limit)
            {
                current++; // this day is done: on to the next, or to the journal
                if (current < archived.size())
                {
                    cursor(current).toStart();
                }
                else
                {
                    live.toStart();
                }
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
    public long scanBackward(final long beforeIndex, final BackwardHandler handler)
    {
        int segment = beforeIndex == END || !isArchiveIndex(beforeIndex) ? archived.size() : segmentOf(beforeIndex);
        if (segment < 0)
        {
            return 0;
        }
        long visited;
        QueueCursor cursor = segment == archived.size() ? live : cursor(segment);
        visited = cursor.scanBackward(beforeIndex == END || segment == archived.size() ? beforeIndex
            : beforeIndex - base(segment), handler, segment == archived.size() ? 0 : base(segment));
        while (!cursor.stoppedByHandler && --segment >= 0)
        {
            cursor = cursor(segment);
            visited += cursor.scanBackward(END, handler, base(segment));
        }
        return visited;
    }

    /** Visits one excerpt of a backward scan; returns false to stop. */
    @FunctionalInterface
    public interface BackwardHandler
    {
        boolean onMessage(DirectBuffer buffer, int offset, int length, long index, long watermarkNs);
    }

    /** Positions before the first excerpt (the archive's first day, if the journal has an archive). */
    public void toStart()
    {
        current = 0;
        if (archived.isEmpty())
        {
            live.toStart();
        }
        else
        {
            cursor(0).toStart();
        }
    }

    /** Positions before the journal's own first excerpt, after every archived day. */
    public void toJournalStart()
    {
        current = archived.size();
        live.toStart();
    }

    /** Positions after the last excerpt: the next poll returns only what is appended from now on. */
    public void toEnd()
    {
        current = archived.size();
        live.toEnd();
    }

    /**
     * Positions so the next poll returns the excerpt at {@code index}.
     *
     * @return false if there is no such excerpt (the position is then unspecified)
     */
    public boolean moveToIndex(final long index)
    {
        if (!isArchiveIndex(index))
        {
            current = archived.size();
            return live.moveToIndex(index);
        }
        final int segment = segmentOf(index);
        if (segment < 0)
        {
            return false;
        }
        current = segment;
        return cursor(segment).moveToIndex(index - base(segment));
    }

    /**
     * Positions at the excerpt of an engine sequence that an archived day holds: a restored day has one
     * excerpt per sequence, dense from its first (its indexes start at {@link #archivedDayStart}). The
     * journal's own excerpts are found by index ({@link #moveToIndex}).
     *
     * @return false if no archived day holds the sequence
     */
    public boolean moveToSequence(final long sequence)
    {
        for (final ArchivedDay day : archived)
        {
            if (sequence >= day.firstSequence() && sequence <= day.lastSequence() && sequence < liveFirstSequence)
            {
                final long index = archivedDayStart(day.epochDay()) + sequence - day.firstSequence();
                // dense by construction; checked all the same, as a wrong excerpt would be a wrong book
                final long[] found = {Values.NONE};
                return moveToIndex(index) && poll((buffer, offset, length, at, watermarkNs) ->
                    found[0] = Envelope.sequence(buffer, offset), 1) == 1 && found[0] == sequence && moveToIndex(index);
            }
        }
        return false;
    }

    /**
     * Index of the next excerpt to read. At the end of a cycle this may be the index one past its
     * last excerpt rather than the first index of the next cycle: compare indexes, do not compute them.
     */
    public long index()
    {
        return current == archived.size() ? live.index() : base(current) + cursor(current).index();
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
    public boolean seekToTime(final long timeNs)
    {
        for (int i = 0; i < archived.size(); i++)
        {
            if (archived.get(i).lastWatermarkNs() >= timeNs && cursor(i).seekToTime(timeNs))
            {
                current = i;
                return true;
            }
        }
        current = archived.size();
        return live.seekToTime(timeNs);
    }

    /** Excerpt probes made by the last {@link #seekToTime} in the journal. */
    int lastSeekProbes()
    {
        return live.lastSeekProbes();
    }

    @Override
    public void close()
    {
        live.close();
        for (int i = 0; i < cursors.length; i++)
        {
            if (cursors[i] != null)
            {
                cursors[i].close();
                restoredDays.release(queues[i]);
            }
        }
    }

    /** The index of an archived day's first message (for {@link #moveToIndex}). */
    public static long archivedDayStart(final long epochDay)
    {
        return ARCHIVE_INDEX_BASE + (epochDay << DAY_SHIFT);
    }

    /** True for an index of an archived (restored) message. */
    public static boolean isArchiveIndex(final long index)
    {
        return index >= ARCHIVE_INDEX_BASE && index < 0;
    }

    private int segmentOf(final long index)
    {
        final long epochDay = (index - ARCHIVE_INDEX_BASE) >>> DAY_SHIFT;
        for (int i = 0; i < archived.size(); i++)
        {
            if (archived.get(i).epochDay() == epochDay)
            {
                return i;
            }
        }
        return -1;
    }

    private long base(final int segment)
    {
        return ARCHIVE_INDEX_BASE + (archived.get(segment).epochDay() << DAY_SHIFT);
    }

    private QueueCursor cursor(final int segment)
    {
        if (cursors[segment] == null)
        {
            queues[segment] = restoredDays.acquire(archived.get(segment), liveFirstSequence);
            cursors[segment] = new QueueCursor(queues[segment]);
        }
        return cursors[segment];
    }
}
