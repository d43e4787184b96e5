package dev.tickwire.adapters.sierra;

import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.ring.BookBatch;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Tails a contract's Sierra Chart market depth files, one per UTC day, moving to the next day's
 * file when it appears. Records up to one flagged END_OF_BATCH are one book change and are published
 * as one ring range, so the validator judges the batch whole; a batch still being written waits.
 */
final class DepthSource extends SierraFileSource
{
    /** The largest batch held back waiting for its END_OF_BATCH; a full snapshot of a deep book fits. */
    static final int MAX_BATCH = 8192;

    private final DepthDays days;
    private final SierraFolder folder;
    private LocalDate day;
    private long rewritesToday;
    private LocalDate nextDay;
    private long nextDayCheckNs;
    private AtomicCounter malformed;
    private AtomicCounter skipped;
    private AtomicCounter unterminated;
    private long deltas;
    /** The checkpoint fell inside a batch that began with CLEAR_BOOK: its rest is part of a snapshot too. */
    private boolean resumedInsideSnapshot;
    private final java.nio.ByteBuffer probe =
        java.nio.ByteBuffer.allocateDirect(DepthFormat.RECORD_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    private final org.agrona.concurrent.UnsafeBuffer probeView = new org.agrona.concurrent.UnsafeBuffer(probe);
    private boolean checkResumedBatch;
    private BookBatch batch;
    /** A day's file that stops growing mid-record for this long, with a later day present, is done. */
    static final long STALE_MS = 5_000;
    private long sizeSeen = -1;
    private long grewAtNs;

    DepthSource(final SierraContract contract, final int sourceId, final DepthDays days, final SierraFolder folder,
        final long pollIntervalNs, final boolean follow)
    {
        super(contract, sourceId, "depth", DepthFormat.RECORD_SIZE, MAX_BATCH, pollIntervalNs, follow);
        this.days = days;
        this.folder = folder;
    }

    @Override
    void onStart(final AdapterContext context)
    {
        batch = new BookBatch(context.publisher(), sourceId, roleName());
        malformed = context.counter("malformed records");
        skipped = context.counter("NO_COMMAND records skipped");
        unterminated = context.counter("batches without END_OF_BATCH");
        if (folder != null)
        {
            folder.attach(context.counters());
        }
    }

    @Override
    void resumeAt(final long epoch, final long count, final long eventTimeNs)
    {
        super.resumeAt(epoch, count, eventTimeNs);
        openDay(LocalDate.ofEpochDay(SierraPositions.epochDay(epoch)), SierraPositions.rewrites(epoch), count);
        checkResumedBatch = count > 0;
    }

    @Override
    long nextEpochAfterRewrite(final long epoch)
    {
        rewritesToday++;
        return SierraPositions.depthEpoch(day.toEpochDay(), rewritesToday);
    }

    @Override
    int poll(final long now) throws IOException
    {
        if (folder != null)
        {
            folder.check(now);
        }
        if (day == null)
        {
            openDay(days.firstDay(), 0, 0);
        }
        if (!ready(file))
        {
            // a day whose file never came (or is unreadable) is left behind once a later day exists
            if (laterDay(now) != null && file.records() == 0)
            {
                LOG.warn("{}: no readable depth file for {} ({}); moving on to {}", roleName(), day, file.problem(), nextDay);
                inputProblem(file.path() + ": not read: " + file.problem());
                openDay(nextDay, 0, 0);
            }
            else if (!follow)
            {
                inputProblem(file.path() + ": not read: " + file.problem());
                done = true;
            }
            return 0;
        }
        if (checkResumedBatch)
        {
            checkResumedBatch = false;
            resumedInsideSnapshot = insideSnapshotBatch(nextIndex);
        }
        noteGrowth(now);
        final int n = file.read(nextIndex, MAX_BATCH, chunk);
        int published = 0;
        int batchStart = 0;
        for (int k = 0; k < n; k++)
        {
            if ((DepthFormat.flags(chunkView, k * DepthFormat.RECORD_SIZE) & DepthFormat.FLAG_END_OF_BATCH) != 0)
            {
                published += publishBatch(batchStart, k, true);
                batchStart = k + 1;
            }
        }
        if (batchStart < n)
        {
            final boolean fileComplete = n + nextIndex == file.records() && finished(now);
            if (batchStart == 0 && n == MAX_BATCH || fileComplete)
            {
                if (unterminated != null)
                {
                    unterminated.incrementRelease();
                }
                recordProblem(file.path().toString(), file.byteOffset(nextIndex + batchStart),
                    (n - batchStart) + " records without END_OF_BATCH" +
                    (fileComplete ? " at the end of the file" : " (batch larger than " + MAX_BATCH + ")") +
                    ": published as they are");
                published += publishBatch(batchStart, n - 1, false);
                batchStart = n;
            }
        }
        final int consumed = batchStart;
        nextIndex += consumed;
        bytesRead += (long)consumed * DepthFormat.RECORD_SIZE;
        if (consumed == 0)
        {
            partialRecord(file, now);
            if (nextIndex >= file.records() && (file.partialBytes() == 0 || finished(now)))
            {
                final LocalDate later = laterDay(now);
                if (later != null)
                {
                    openDay(later, 0, 0); // a new UTC day: its file starts with CLEAR_BOOK
                    return 1;
                }
                if (!follow)
                {
                    done = true;
                }
            }
        }
        return consumed + published;
    }

    /**
     * Publishes records [first, last] of the chunk as one batch (one ring range, {@link BookBatch});
     * returns the messages published. NO_COMMAND records are skipped and counted; an unknown command
     * is journaled as a MALFORMED delta at its position. END_OF_BATCH goes on the last delta when the
     * file ended the batch ({@code endOfBatch}), also when a trailing NO_COMMAND carried the flag.
     */
    private int publishBatch(final int first, final int last, final boolean endOfBatch)
    {
        final boolean snapshot = DepthFormat.command(chunkView, first * DepthFormat.RECORD_SIZE) == DepthFormat.CLEAR_BOOK ||
            first == 0 && resumedInsideSnapshot;
        resumedInsideSnapshot = false;
        final long receiveTimeNs = clock.nanoTime();
        batch.begin(instrumentId);
        for (int k = first; k <= last; k++)
        {
            final int offset = k * DepthFormat.RECORD_SIZE;
            final int command = DepthFormat.command(chunkView, offset);
            final long eventTimeNs = ScidFormat.toEpochNanos(DepthFormat.dateTime(chunkView, offset));
            lastEventTimeNs = eventTimeNs;
            if (command == DepthFormat.NO_COMMAND)
            {
                skipped.incrementRelease();
                continue;
            }
            final long index = nextIndex + k;
            final BookAction action = DepthFormat.action(command);
            final BookSide side = DepthFormat.side(command);
            if (action == BookAction.NULL_VAL)
            {
                malformed.incrementRelease();
                recordProblem(file.path().toString(), file.byteOffset(index), "unknown depth command " + command);
            }
            batch.add(SierraPositions.position(epoch, index + 1), eventTimeNs, receiveTimeNs, action, side,
                contract.prices.price(DepthFormat.price(chunkView, offset)),
                contract.prices.size(DepthFormat.quantity(chunkView, offset)), DepthFormat.numOrders(chunkView, offset),
                snapshot ? DeltaFlagBits.SNAPSHOT : 0,
                action == BookAction.NULL_VAL ? RejectReason.MALFORMED : RejectReason.NONE); // journaled with its reason
        }
        final int published = batch.publish(endOfBatch);
        deltas += published;
        return published;
    }

    /**
     * Whether record {@code index} continues a batch that began with CLEAR_BOOK: a crash can leave
     * the journal's checkpoint inside a snapshot, and its rest must still be flagged as one. Looks
     * back (at most one batch) to the record after the previous END_OF_BATCH.
     */
    private boolean insideSnapshotBatch(final long index) throws IOException
    {
        long start = index;
        while (start > 0 && index - start < MAX_BATCH)
        {
            if (file.read(start - 1, 1, probe) < 1 ||
                (DepthFormat.flags(probeView, 0) & DepthFormat.FLAG_END_OF_BATCH) != 0)
            {
                break;
            }
            start--;
        }
        return start < index && file.read(start, 1, probe) == 1 && DepthFormat.command(probeView, 0) == DepthFormat.CLEAR_BOOK;
    }

    /**
     * Nothing more will be written to this day's file: an import reads a file as it is; a live tail
     * knows it once a later day's file exists and this one has no partial record left, or has not
     * grown for {@value #STALE_MS} ms (Sierra Chart stopped mid-record: the whole records are all
     * there will be). Without this, a file ending in a partial record or an open batch would hold the
     * source on its day forever.
     */
    private boolean finished(final long now)
    {
        return !follow || laterDay(now) != null && (file.partialBytes() == 0 || now - grewAtNs > STALE_MS * 1_000_000L);
    }

    private void noteGrowth(final long now)
    {
        final long size = file.byteOffset(file.records()) + file.partialBytes();
        if (size != sizeSeen)
        {
            sizeSeen = size;
            grewAtNs = now;
        }
    }

    /** The next day with a file, looked up at most once a second (it touches the file system). */
    private LocalDate laterDay(final long now)
    {
        if (!follow || now >= nextDayCheckNs)
        {
            nextDayCheckNs = now + 1_000_000_000L;
            nextDay = days.nextDay(day);
        }
        return nextDay;
    }

    private void openDay(final LocalDate newDay, final long rewrites, final long count)
    {
        if (file != null)
        {
            file.close();
        }
        day = newDay;
        rewritesToday = rewrites;
        nextDay = null;
        nextDayCheckNs = 0;
        epoch = SierraPositions.depthEpoch(day.toEpochDay(), rewrites);
        nextIndex = count;
        file = new RecordFile(days.path(day), DepthFormat.HEADER_SIZE, DepthFormat.RECORD_SIZE, DepthFormat::checkHeader);
    }

    @Override
    public String describe(final long position)
    {
        final long epoch = SierraPositions.epoch(position);
        final long index = SierraPositions.count(position) - 1;
        final LocalDate fileDay = LocalDate.ofEpochDay(SierraPositions.epochDay(epoch));
        return DepthFormat.fileName(contract.symbol, fileDay) + " byte " +
            (DepthFormat.HEADER_SIZE + index * DepthFormat.RECORD_SIZE) + " (record " + index +
            (SierraPositions.rewrites(epoch) > 0 ? ", file version " + SierraPositions.rewrites(epoch) : "") + ")";
    }

    long deltas()
    {
        return deltas;
    }
}
