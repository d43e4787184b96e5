package dev.tickwire.journal;

import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import org.agrona.concurrent.Agent;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps and faults in the journal's next memory-mapped chunk before the writer reaches it, on its
 * own (mostly sleeping) thread.
 *
 * <p>Why: when Chronicle's writer crosses into a chunk nobody has mapped, the writing thread grows
 * the file, maps the chunk and takes a page fault on every page it then writes, stalling the engine
 * thread. At 1 M ticks/s (34 chunks of 4 MB a second) that set p99 tick-to-subscriber latency at
 * ~10.5 ms; with this agent it was 3.6-7.8 ms (docs/performance.md). Here another thread does the
 * work: it acquires the next chunk from the same {@link MappedFile} (so the writer finds it mapped,
 * at the same addresses) and touches each page with a compare-and-set of 0 to 0, which faults the
 * page in for writing and cannot change a byte the writer has already written. It holds its
 * reservation on a chunk until the writer has left it, so unmapping happens off the writer's thread.
 *
 * <p>The faults are kernel work that no thread can hide on a 2-core machine: touching a whole
 * 64 MB chunk at once stalled every other thread for up to 20 ms instead (measured). So the pages
 * are touched in slices of {@link #PAGES_PER_SLICE} between sleeps, and all at once only when the
 * writer is in the last quarter of its chunk.
 */
public final class ChunkPremapper implements Agent
{
    static final int PAGE = 4096;
    /** 256 KB per wake-up: a fraction of a millisecond of faults. */
    static final int PAGES_PER_SLICE = 64;

    private final ReferenceOwner owner = ReferenceOwner.temporary("tickwire-premapper");
    private final AtomicLong writerPosition = new AtomicLong(-1);
    private volatile MappedFile writerFile;

    private MappedFile file;
    private MappedBytesStore current;
    private MappedBytesStore next;
    private long heldChunkStart = -1;
    private long touchFrom;
    private long touchTo;
    private long chunksPremapped;

    /** Writer side, after each append: where the writer is now. Cheap: an ordered store. */
    void writerAt(final MappedFile file, final long position)
    {
        if (file != writerFile)
        {
            writerFile = file;
        }
        writerPosition.lazySet(position);
    }

    /** The file the writer is in, as last reported (for tests). */
    MappedFile writerFile()
    {
        return writerFile;
    }

    /** The writer's position as last reported (for tests). */
    long writerPosition()
    {
        return writerPosition.get();
    }

    /** Chunks mapped and faulted in ahead of the writer so far. */
    public long chunksPremapped()
    {
        return chunksPremapped;
    }

    /**
     * Maps the chunk after the writer's as soon as the writer enters a chunk, then touches a slice
     * of its pages per call.
     *
     * @return 1 when a chunk has just been wholly touched, else 0 (so the idle strategy sleeps
     *         between slices)
     */
    @Override
    public int doWork() throws IOException
    {
        final MappedFile f = writerFile;
        final long position = writerPosition.get();
        if (f == null || position < 0)
        {
            return 0;
        }
        if (f != file)
        {
            releaseAll(); // the writer rolled to a new cycle file
            file = f;
        }
        try
        {
            final long chunkSize = f.chunkSize();
            final long chunkStart = position / chunkSize * chunkSize;
            if (heldChunkStart != chunkStart && !mapNext(f, chunkStart, chunkSize))
            {
                return 0;
            }
            if (touchFrom >= touchTo)
            {
                return 0; // the writer is still in the chunk whose successor is mapped and touched
            }
            final boolean urgent = position - chunkStart >= chunkSize - chunkSize / 4;
            final long to = urgent ? touchTo : Math.min(touchTo, touchFrom + (long)PAGES_PER_SLICE * PAGE);
            for (long p = touchFrom; p < to; p += PAGE)
            {
                next.compareAndSwapInt(p, 0, 0);
            }
            touchFrom = to;
            if (touchFrom >= touchTo)
            {
                chunksPremapped++;
                return 1;
            }
            return 0;
        }
        catch (final IllegalStateException ex)
        {
            releaseAll(); // the file closed under us (the writer rolled on, or the journal closed)
            return 0;
        }
    }

    /** The writer entered a new chunk: hold it, map the one after it, and start touching that. */
    private boolean mapNext(final MappedFile f, final long chunkStart, final long chunkSize) throws IOException
    {
        if (f.isClosing())
        {
            releaseAll();
            return false;
        }
        if (next != null && next.start() == chunkStart)
        {
            release(current); // the writer has left it
            current = next;
        }
        else
        {
            releaseAll(); // first call, or the writer jumped more than one chunk
            current = f.acquireByteStore(owner, chunkStart);
        }
        next = f.acquireByteStore(owner, chunkStart + chunkSize);
        heldChunkStart = chunkStart;
        touchFrom = chunkStart + chunkSize;
        touchTo = chunkStart + 2 * chunkSize;
        return true;
    }

    @Override
    public void onClose()
    {
        releaseAll();
    }

    @Override
    public String roleName()
    {
        return "journal-premapper";
    }

    private void releaseAll()
    {
        release(current);
        release(next);
        current = null;
        next = null;
        heldChunkStart = -1;
        touchFrom = 0;
        touchTo = 0;
    }

    private void release(final MappedBytesStore store)
    {
        if (store != null)
        {
            try
            {
                store.release(owner);
            }
            catch (final IllegalStateException ex)
            {
                // already released with its file (journal closed); nothing left to unmap
            }
        }
    }
}
