package dev.tickwire.adapters.sierra;

import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the .scid and .depth sources share: polling at an interval, resuming from the journal's
 * checkpoint (and checking the file still holds the checkpointed record), resyncing after a
 * rewrite, and reporting file problems once, with the file and byte offset, plus a counter.
 */
abstract class SierraFileSource implements FeedAdapter
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
    private boolean partialReported;
    private long recordProblems;
    static final int RECORD_PROBLEMS_LOGGED = 100;
    static final int RECORD_PROBLEMS_EVERY = 10_000;
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
    long bytesRead()
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
        fileProblems = context.counters().adapterCounter(roleName() + ": file problems");
        rewrites = context.counters().adapterCounter(roleName() + ": rewrites (resyncs)");
        partialRecords = context.counters().adapterCounter(roleName() + ": partial records waited on");
        onStart(context);
        final long position = context.resumePosition();
        if (position != AdapterContext.NO_POSITION && position >= 0)
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
            return work;
        }
        catch (final IOException | RuntimeException ex)
        {
            // never a tight retry loop: report once, wait for the next poll
            nextPollNs = now + Math.max(pollIntervalNs, 1_000_000L);
            problem(file == null ? "(no file)" : file.path().toString(), -1, ex.toString());
            if (ex instanceof RuntimeException)
            {
                LOG.error("{}: unexpected error", roleName(), ex);
            }
            if (file != null)
            {
                file.close();
            }
            return 0;
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
        LOG.warn("{}: rewritten ({}); resyncing after {} from record {} (byte {})", file.path(), why,
            resumedAfterNs == 0 ? "the start" : Timestamps.format(resumedAfterNs), nextIndex, file.byteOffset(nextIndex));
        status(StatusCode.RESYNCED, nextIndex);
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
            LOG.warn("{} byte {}: partial last record: {} bytes of a record{}", file.path(), file.byteOffset(file.records()),
                file.partialBytes(), follow ? ", waiting for the rest" : ", ignored");
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
        LOG.warn("{}", text);
        return true;
    }

    /**
     * A bad record (not a bad file): logged with its place; the first {@value #RECORD_PROBLEMS_LOGGED}
     * per source in full, then one in {@value #RECORD_PROBLEMS_EVERY}. Counters keep every one.
     */
    void recordProblem(final String path, final long byteOffset, final String reason)
    {
        final long n = ++recordProblems;
        if (n <= RECORD_PROBLEMS_LOGGED || n % RECORD_PROBLEMS_EVERY == 0)
        {
            LOG.warn("{} byte {}: {}{}", path, byteOffset, reason,
                n == RECORD_PROBLEMS_LOGGED ? " (further record problems of this source are logged one in " +
                RECORD_PROBLEMS_EVERY + ")" : "");
        }
    }

    /** The file is readable again after a reported problem: the next problem is reported afresh. */
    void cleared()
    {
        if (reported != null)
        {
            LOG.info("{}: {} is readable", roleName(), file.path());
            reported = null;
        }
    }

    @Override
    public void onClose()
    {
        if (file != null)
        {
            file.close();
        }
    }
}
