package dev.tickwire.adapters.sierra;

import dev.tickwire.adapters.imports.FileProgress;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the .scid and .depth sources share: polling at an interval, resuming from the journal's
 * checkpoint (and checking the file still holds the checkpointed record), resyncing after a
 * rewrite, and reporting file problems once, with the file and byte offset, plus a counter.
 *
 * <p>Nothing here can flood or spin: a file problem is logged when it changes (and a file that
 * flaps between two states is throttled like every repeated message, {@link ThrottledLog}); an
 * unexpected error backs off, doubling from the poll interval to {@value #MAX_ERROR_BACKOFF_MS} ms;
 * an import (not following the file) that cannot read its file says so once and ends.
 */
abstract class SierraFileSource implements FeedAdapter, FileProgress
{
    static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.sierra");

    final SierraContract contract;
    final int sourceId;
    final String kind;
    final long pollIntervalNs;
    final boolean follow;
    final MessageWriter writer = new MessageWriter();
    final ByteBuffer chunk;
    final UnsafeBuffer chunkView;

    TickPublisher publisher;
    EpochNanoClock clock;
    int instrumentId;
    RecordFile file;
    /** Version of the file being read (see {@link SierraPositions}). */
    long epoch;
    /** Records of the current file consumed (journaled or skipped). */
    long nextIndex;
    /** Event time of the last record consumed, in epoch ns (0 before any). */
    long lastEventTimeNs;
    /** A checkpoint to verify against the file at the next successful refresh. */
    boolean verifyCheckpoint;
    volatile long bytesRead;
    volatile boolean done;

    private long nextPollNs;
    private String reported;
    private AtomicCounter state;
    private long resyncedAt = -1;
    private boolean partialReported;
    static final int RECORD_PROBLEMS_LOGGED = 100;
    /** File states logged in full (missing, bad header, readable again, rewritten, errors) before counting. */
    static final int FILE_PROBLEMS_LOGGED = 20;
    static final long MAX_ERROR_BACKOFF_MS = 5_000;
    private ThrottledLog recordProblemLog;
    private ThrottledLog fileProblemLog;
    private long errorBackoffNs;
    private final List<String> inputProblems = new CopyOnWriteArrayList<>();
    private AtomicCounter fileProblems;
    private AtomicCounter rewrites;
    private AtomicCounter partialRecords;
    private long partialSinceNs = -1;

    SierraFileSource(final SierraContract contract, final int sourceId, final String kind, final int recordSize,
        final int chunkRecords, final long pollIntervalNs, final boolean follow)
    {
        this.contract = contract;
        this.sourceId = sourceId;
        this.kind = kind;
        this.pollIntervalNs = pollIntervalNs;
        this.follow = follow;
        this.chunk = ByteBuffer.allocateDirect(recordSize * chunkRecords).order(ByteOrder.LITTLE_ENDIAN);
        this.chunkView = new UnsafeBuffer(chunk);
    }

    @Override
    public int sourceId()
    {
        return sourceId;
    }

    @Override
    public String roleName()
    {
        return "sierra " + contract.symbol + " " + kind;
    }

    @Override
    public boolean isDone()
    {
        return done;
    }

    /** Bytes of record data read so far (progress of an import). */
    @Override
    public long bytesRead()
    {
        return bytesRead;
    }

    @Override
    public void start(final AdapterContext context)
    {
        publisher = context.publisher();
        clock = context.clock();
        instrumentId = context.defineInstrument(contract.symbol, contract.venue,
            contract.prices.priceExponent, contract.prices.sizeExponent, contract.prices.tickSize);
        fileProblems = context.counter("file problems");
        rewrites = context.counter("rewrites (resyncs)");
        partialRecords = context.counter("partial records waited on");
        state = context.stateCounter();
        recordProblemLog = new ThrottledLog(LOG, roleName() + ": bad records", RECORD_PROBLEMS_LOGGED);
        fileProblemLog = new ThrottledLog(LOG, roleName() + ": file problems", FILE_PROBLEMS_LOGGED);
        onStart(context);
        final long position = context.resumePosition();
        if (position != Values.NONE && position >= 0)
        {
            resumeAt(SierraPositions.epoch(position), SierraPositions.count(position), context.resumeEventTimeNs());
        }
    }

    /** Counters and state of the subclass, before the resume. */
    abstract void onStart(AdapterContext context);

    /** Positions the source at a checkpoint: file version {@code epoch}, {@code count} records consumed. */
    void resumeAt(final long epoch, final long count, final long eventTimeNs)
    {
        this.epoch = epoch;
        this.nextIndex = count;
        this.lastEventTimeNs = eventTimeNs;
        this.verifyCheckpoint = count > 0;
    }

    @Override
    public final int doWork()
    {
        if (done)
        {
            return 0;
        }
        final long now = clock.nanoTime();
        if (now < nextPollNs)
        {
            return 0;
        }
        try
        {
            final int work = poll(now);
            nextPollNs = work > 0 && !follow ? 0 : now + pollIntervalNs; // an import reads on at full speed
            errorBackoffNs = 0;
            return work;
        }
        catch (final IOException | RuntimeException ex)
        {
            // never a tight retry loop: report once, back off, reopen the file at the next try
            errorBackoffNs = errorBackoffNs == 0 ? Math.max(pollIntervalNs, 10_000_000L) :
                Math.min(errorBackoffNs * 2, MAX_ERROR_BACKOFF_MS * 1_000_000L);
            nextPollNs = now + errorBackoffNs;
            state.setRelease(SourceState.STALLED.code());
            final String where = file == null ? "(no file)" : file.path().toString();
            if (ex instanceof RuntimeException && fileProblemLog.count() == 0)
            {
                LOG.error("{}: unexpected error", roleName(), ex);
            }
            problem(where, -1, ex.toString());
            if (file != null)
            {
                file.close();
            }
            if (!follow)
            {
                inputProblems.add(where + ": cannot be read (" + ex + "); the records before are imported");
                done = true; // an import does not retry a file it cannot read
            }
            return 0;
        }
    }

    @Override
    public boolean isFinite()
    {
        return !follow;
    }

    @Override
    public List<String> inputProblems()
    {
        return List.copyOf(inputProblems);
    }

    /** For an import: something of the input it could not read whole. */
    void inputProblem(final String what)
    {
        if (!follow)
        {
            inputProblems.add(what);
        }
    }

    abstract int poll(long now) throws IOException;

    /**
     * Refreshes the file and handles everything but reading: missing, bad header, rewrite, the
     * checkpoint check. Returns true when records can be read.
     */
    boolean ready(final RecordFile file) throws IOException
    {
        switch (file.refresh())
        {
            case MISSING:
                problem(file.path().toString(), -1, "waiting: " + file.problem());
                state.setRelease(SourceState.WAITING.code());
                return false;
            case BAD_HEADER:
                problem(file.path().toString(), 0, file.problem());
                return false;
            case REWRITTEN:
                resync(file, file.problem());
                break;
            default:
                break;
        }
        if (verifyCheckpoint)
        {
            verifyCheckpoint = false;
            final long expected = ScidFormat.toScDateTime(lastEventTimeNs);
            if (nextIndex > file.records() || file.dateTime(nextIndex - 1) != expected)
            {
                resync(file, "the record at the journal's checkpoint (record " + (nextIndex - 1) + ", " +
                    Timestamps.format(lastEventTimeNs) + ") is not in the file any more");
            }
        }
        cleared();
        state.setRelease(nextIndex == resyncedAt ? SourceState.RESYNCED.code() : SourceState.TAILING.code());
        return true;
    }

    /**
     * The file was rewritten (re-download, backfill): continue after the last journaled record's
     * time, in a new file version, so nothing already journaled is journaled again.
     */
    void resync(final RecordFile file, final String why) throws IOException
    {
        rewrites.incrementRelease();
        file.accept();
        epoch = nextEpochAfterRewrite(epoch);
        nextIndex = lastEventTimeNs == 0 ? 0 : file.firstAfter(ScidFormat.toScDateTime(lastEventTimeNs));
        final long resumedAfterNs = lastEventTimeNs;
        // the checkpoint the status leaves must name a record of the new version: the one before nextIndex
        lastEventTimeNs = nextIndex == 0 ? 0 : ScidFormat.toEpochNanos(file.dateTime(nextIndex - 1));
        if (fileProblemLog.admit())
        {
            LOG.warn("{}: rewritten ({}); resyncing after {} from record {} (byte {}){}", file.path(), why,
                resumedAfterNs == 0 ? "the start" : Timestamps.format(resumedAfterNs), nextIndex, file.byteOffset(nextIndex),
                fileProblemLog.suffix());
        }
        status(StatusCode.RESYNCED, nextIndex);
        resyncedAt = nextIndex; // shown as resynced until it reads past this record
    }

    /** The epoch of the file's next version. */
    abstract long nextEpochAfterRewrite(long epoch);

    /** A status message at the current position, so it never moves the checkpoint past unread records. */
    void status(final StatusCode code, final long value)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        final long now = clock.nanoTime();
        slot.length(writer.status(slot.buffer(), 0, sourceId, SierraPositions.position(epoch, nextIndex), instrumentId,
            lastEventTimeNs, now, code, value));
        publisher.publish(sequence);
    }

    /**
     * A trailing partial record is normal while Sierra Chart is writing; one that stays for a
     * second (or is at the end of an imported file) is reported.
     */
    void partialRecord(final RecordFile file, final long now)
    {
        if (file.partialBytes() == 0 || nextIndex < file.records())
        {
            partialSinceNs = -1;
            partialReported = false;
            return;
        }
        if (partialSinceNs < 0)
        {
            partialSinceNs = now;
        }
        if (!partialReported && (!follow || now - partialSinceNs > 1_000_000_000L))
        {
            partialReported = true;
            partialRecords.incrementRelease();
            fileProblems.incrementRelease();
            final String text = file.path() + " byte " + file.byteOffset(file.records()) + ": partial last record: " +
                file.partialBytes() + " bytes of a record";
            if (fileProblemLog.admit())
            {
                LOG.warn("{}{}{}", text, follow ? ", waiting for the rest" : ", ignored (the file is cut short)",
                    fileProblemLog.suffix());
            }
            inputProblem(text + ": the file is cut short; the whole records before it are imported");
        }
    }

    /**
     * Logs a problem once (until it changes or clears) and counts it.
     *
     * @return true if it was newly reported
     */
    boolean problem(final String path, final long byteOffset, final String reason)
    {
        final String text = path + (byteOffset >= 0 ? " byte " + byteOffset : "") + ": " + reason;
        if (text.equals(reported))
        {
            return false;
        }
        reported = text;
        fileProblems.incrementRelease();
        if (fileProblemLog.admit())
        {
            LOG.warn("{}{}", text, fileProblemLog.suffix());
        }
        return true;
    }

    /**
     * A bad record (not a bad file): logged with its place; the first {@value #RECORD_PROBLEMS_LOGGED}
     * per source in full, then counted and summed up once a minute. Counters keep every one.
     */
    void recordProblem(final String path, final long byteOffset, final String reason)
    {
        if (recordProblemLog.admit())
        {
            LOG.warn("{} byte {}: {}{}", path, byteOffset, reason, recordProblemLog.suffix());
        }
    }

    /** The file is readable again after a reported problem: the next problem is reported afresh. */
    void cleared()
    {
        if (reported != null)
        {
            if (fileProblemLog.admit())
            {
                LOG.info("{}: {} is readable{}", roleName(), file.path(), fileProblemLog.suffix());
            }
            reported = null;
        }
    }

    @Override
    public void onClose()
    {
        if (recordProblemLog != null)
        {
            recordProblemLog.flush();
            fileProblemLog.flush();
        }
        if (file != null)
        {
            file.close();
        }
    }
}
