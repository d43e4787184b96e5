package dev.tickwire.adapters.crash;

import dev.tickwire.adapters.sierra.DepthFileWriter;
import dev.tickwire.adapters.sierra.DepthFormat;
import dev.tickwire.adapters.sierra.ScidFileWriter;
import dev.tickwire.adapters.sierra.ScidFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Plays Sierra Chart for {@link SierraCrashTest}: appends one contract's {@code .scid} and today's {@code .depth}
 * through the production writers (which buffer until a flush, like Sierra Chart), flushing in chunks of random size,
 * sometimes mid-batch or mid-record, and keeps an independent model of every record written and of the L2 book.
 *
 * <p>Prices are kept in ticks of 0.25 (mantissa at exponent -2 = ticks × 25) inside a narrow range, so nothing the
 * engine judges (tick grid, 20 % price band, crossed book, time order) can reject a record.
 */
final class SierraFeedWriter implements AutoCloseable
{
    /** Unix µs = SCDateTime − this (REFERENCE.md §1), written out here rather than taken from ScidFormat. */
    static final long SC_EPOCH_OFFSET_US = 2_209_161_600_000_000L;
    static final long TICK_MANTISSA = 25;

    private static final int MIN_TICKS = 19_500; // 4875.00
    private static final int MAX_TICKS = 20_500; // 5125.00
    private static final int MAX_LEVELS_PER_SIDE = 25;
    private static final int SNAPSHOT_EVERY_BATCHES = 40;

    /** One .scid record as written. Prices are mantissas at exponent -2; aggressor +1 buy, -1 sell, 0 unknown. */
    record ScidRecord(long scDateTime, boolean trade, long price, long size, int aggressor, long bid, long ask,
        long bidSize, long askSize)
    {
        long eventTimeNs()
        {
            return (scDateTime - SC_EPOCH_OFFSET_US) * 1_000L;
        }
    }

    /** One .depth record as written; {@code snapshotBatch}: its batch starts with CLEAR_BOOK. */
    record DepthRecord(long scDateTime, int command, int flags, long price, long quantity, int numOrders,
        boolean snapshotBatch)
    {
        long eventTimeNs()
        {
            return (scDateTime - SC_EPOCH_OFFSET_US) * 1_000L;
        }

        boolean endOfBatch()
        {
            return (flags & DepthFormat.FLAG_END_OF_BATCH) != 0;
        }
    }

    private final Random rnd;
    private final ScidFileWriter scid;
    private final DepthFileWriter depth;
    private final Path scidFile;
    private final Path depthFile;

    final List<ScidRecord> scidRecords = new ArrayList<>();
    final List<DepthRecord> depthRecords = new ArrayList<>();
    /** The book as the depth file describes it after its last batch: price mantissa → {size, orders}. */
    final TreeMap<Long, long[]> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, long[]> asks = new TreeMap<>();

    /** Bytes of records on disk (after the header), mirrored from our own flush calls. */
    private long scidFlushedBytes;
    private long depthFlushedBytes;
    private long lastScidScDateTime = Long.MIN_VALUE;
    private long scidClockMs;
    private long depthClockUs;
    private int scidMidTicks = 20_000;
    private int batchesSinceSnapshot = Integer.MAX_VALUE;

    // statistics, for the report
    int scidPartialRecordFlushes;
    int depthPartialRecordFlushes;
    int depthMidBatchFlushes;
    int snapshots;
    int sameMillisecondTrades;

    SierraFeedWriter(final Random rnd, final Path folder, final String symbol, final LocalDate day) throws IOException
    {
        this.rnd = rnd;
        this.scidFile = folder.resolve(symbol + ".scid");
        this.depthFile = folder.resolve(DepthFormat.DEPTH_DIR).resolve(symbol + "." + day + ".depth");
        this.scid = new ScidFileWriter(scidFile);
        this.depth = new DepthFileWriter(depthFile);
        final long nowMs = System.currentTimeMillis();
        scidClockMs = nowMs;
        depthClockUs = nowMs * 1_000L;
    }

    // ---------------------------------------------------------------- steps

    /** Appends some .scid records and some depth batches, then flushes each file by a random policy. */
    void step() throws IOException
    {
        scidStep();
        depthBatches(1 + rnd.nextInt(5));
        flushDepthRandomly();
    }

    /** Appends depth batches only (the .scid file is left as it is). */
    void depthStep() throws IOException
    {
        depthBatches(1 + rnd.nextInt(8));
        flushDepthRandomly();
    }

    /** Appends .scid records only (the depth file is left exactly as it is on disk). */
    void scidStep() throws IOException
    {
        scidRecords(1 + rnd.nextInt(20));
        flushScidRandomly();
    }

    /** Everything written reaches the disk: no pending bytes, no partial record. */
    void flushAll() throws IOException
    {
        scid.flush();
        scidFlushedBytes = scidBytesWritten();
        depth.flush();
        depthFlushedBytes = depthBytesWritten();
        checkFileSizes();
    }

    /**
     * Flushes everything, then appends one more depth batch of at least two records and puts only part of it on
     * disk (whole records, sometimes plus part of the next record), so the depth file ends mid-batch.
     *
     * @return the number of depth records on disk before the unfinished batch (all complete batches)
     */
    long leaveDepthMidBatch() throws IOException
    {
        flushAll();
        final int batchStart = depthRecords.size();
        if (batchesSinceSnapshot >= SNAPSHOT_EVERY_BATCHES || rnd.nextInt(3) == 0)
        {
            snapshot();
        }
        else
        {
            deltaBatch(2 + rnd.nextInt(5));
        }
        final int batchLength = depthRecords.size() - batchStart;
        final int onDisk = 1 + rnd.nextInt(batchLength - 1); // 1 .. length-1 records of the batch
        long target = (long)(batchStart + onDisk) * DepthFormat.RECORD_SIZE;
        if (rnd.nextBoolean())
        {
            target += 1 + rnd.nextInt(DepthFormat.RECORD_SIZE - 1);
            depthPartialRecordFlushes++;
        }
        flushDepthTo(target);
        depthMidBatchFlushes++;
        checkFileSizes();
        return batchStart;
    }

    /** True if the last whole depth record on disk does not end its batch. */
    boolean depthEndsMidBatchOnDisk() throws IOException
    {
        checkFileSizes();
        final long whole = depthFlushedBytes / DepthFormat.RECORD_SIZE;
        return whole > 0 && !depthRecords.get((int)(whole - 1)).endOfBatch();
    }

    long depthRecordsOnDisk()
    {
        return depthFlushedBytes / DepthFormat.RECORD_SIZE;
    }

    long scidRecordsOnDisk()
    {
        return scidFlushedBytes / ScidFormat.RECORD_SIZE;
    }

    Path scidFile()
    {
        return scidFile;
    }

    Path depthFile()
    {
        return depthFile;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            scid.close();
        }
        finally
        {
            depth.close();
        }
    }

    // ---------------------------------------------------------------- .scid

    private void scidRecords(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (rnd.nextInt(4) == 0)
            {
                scidMidTicks = clamp(scidMidTicks + rnd.nextInt(3) - 1, 19_700, 20_300);
            }
            final int bidTicks = scidMidTicks - rnd.nextInt(2);
            final int askTicks = bidTicks + 1 + rnd.nextInt(2); // bid strictly below ask
            if (rnd.nextInt(10) < 4)
            {
                final boolean unbundled = rnd.nextInt(6) == 0 && i + 1 < n;
                final int aggressor = rnd.nextInt(10) == 0 ? 0 : rnd.nextBoolean() ? 1 : -1;
                final int sameMsTrades = unbundled ? 2 : rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(3) : 1;
                advanceScidClock();
                for (int k = 0; k < sameMsTrades; k++)
                {
                    final float marker = !unbundled ? ScidFormat.SINGLE_TRADE :
                        k == 0 ? ScidFormat.FIRST_SUB_TRADE : ScidFormat.LAST_SUB_TRADE;
                    final int priceTicks = aggressor > 0 ? askTicks : aggressor < 0 ? bidTicks :
                        rnd.nextBoolean() ? bidTicks : askTicks;
                    final long volume = 1 + rnd.nextInt(100);
                    // the same millisecond for every trade of the burst: the writer makes the µs digits a counter
                    final long epochNanos = scidClockMs * 1_000_000L;
                    scid.trade(epochNanos, price(priceTicks), price(bidTicks), price(askTicks), volume, aggressor, marker);
                    scidRecords.add(new ScidRecord(nextScDateTime(epochNanos), true, priceTicks * TICK_MANTISSA, volume,
                        aggressor, bidTicks * TICK_MANTISSA, askTicks * TICK_MANTISSA, 0, 0));
                    if (k > 0)
                    {
                        sameMillisecondTrades++;
                    }
                }
            }
            else
            {
                advanceScidClock();
                final long epochNanos = scidClockMs * 1_000_000L + rnd.nextInt(1000) * 1_000L;
                final long bidSize = 1 + rnd.nextInt(999);
                final long askSize = 1 + rnd.nextInt(999);
                scid.quote(epochNanos, price(bidTicks), price(askTicks), bidSize, askSize);
                scidRecords.add(new ScidRecord(nextScDateTime(epochNanos), false, 0, 0, 0,
                    bidTicks * TICK_MANTISSA, askTicks * TICK_MANTISSA, bidSize, askSize));
            }
        }
    }

    private void advanceScidClock()
    {
        scidClockMs += rnd.nextInt(4); // 0: another record in the same millisecond
    }

    /** What Sierra Chart (and ScidFileWriter) stores: µs, rounded down, made strictly increasing. */
    private long nextScDateTime(final long epochNanos)
    {
        final long sc = Math.max(Math.floorDiv(epochNanos, 1_000L) + SC_EPOCH_OFFSET_US, lastScidScDateTime + 1);
        lastScidScDateTime = sc;
        return sc;
    }

    private void flushScidRandomly() throws IOException
    {
        final long written = scidBytesWritten();
        final int r = rnd.nextInt(10);
        if (r < 6)
        {
            scid.flush();
            scidFlushedBytes = written;
        }
        else if (r < 8)
        {
            // a partial trailing record on disk: whole records plus 1..39 bytes of the next
            final long firstWhole = (scidFlushedBytes + ScidFormat.RECORD_SIZE - 1) / ScidFormat.RECORD_SIZE;
            final long lastWhole = written / ScidFormat.RECORD_SIZE - 1; // keep at least part of one record pending
            if (lastWhole >= firstWhole)
            {
                final long record = firstWhole + (long)rnd.nextInt((int)(lastWhole - firstWhole + 1));
                final long target = record * ScidFormat.RECORD_SIZE + 1 + rnd.nextInt(ScidFormat.RECORD_SIZE - 1);
                scid.flushPartial((int)(target - scidFlushedBytes));
                scidFlushedBytes = target;
                scidPartialRecordFlushes++;
            }
        }
        // else: nothing reaches the disk this time (Sierra flushes every few seconds)
    }

    private long scidBytesWritten()
    {
        return (long)scidRecords.size() * ScidFormat.RECORD_SIZE;
    }

    // ---------------------------------------------------------------- .depth

    private void depthBatches(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (batchesSinceSnapshot >= SNAPSHOT_EVERY_BATCHES)
            {
                snapshot();
            }
            else
            {
                deltaBatch(1 + rnd.nextInt(6));
            }
        }
    }

    /** CLEAR_BOOK, then every level of both sides; END_OF_BATCH on the last. */
    private void snapshot()
    {
        snapshot(3 + rnd.nextInt(8), 3 + rnd.nextInt(8), true);
    }

    /**
     * Appends a snapshot of {@code levelsPerSide} levels a side, one tick apart (a deep book: a batch long enough
     * for the engine to be caught in the middle of it) and flushes everything.
     *
     * @return {first record, one past the last record} of the snapshot batch
     */
    long[] deepSnapshot(final int levelsPerSide) throws IOException
    {
        final long first = depthRecords.size();
        snapshot(levelsPerSide, levelsPerSide, false);
        final long end = depthRecords.size();
        flushAll();
        return new long[] {first, end};
    }

    private void snapshot(final int bidLevels, final int askLevels, final boolean gaps)
    {
        snapshots++;
        batchesSinceSnapshot = 0;
        depthClockUs += rnd.nextInt(3000);
        final long epochNanos = depthClockUs * 1_000L;
        final int center = bids.isEmpty() || asks.isEmpty() ? 20_000 :
            clamp((int)((bids.firstKey() + asks.firstKey()) / 2 / TICK_MANTISSA), MIN_TICKS + 40, MAX_TICKS - 40);
        final List<int[]> levels = new ArrayList<>(); // {command, ticks}
        int p = center - rnd.nextInt(2);
        for (int i = 0; i < bidLevels; i++)
        {
            levels.add(new int[] {DepthFormat.ADD_BID_LEVEL, p});
            p -= 1 + (gaps && rnd.nextInt(4) == 0 ? 1 : 0);
        }
        p = center + 1;
        for (int i = 0; i < askLevels; i++)
        {
            levels.add(new int[] {DepthFormat.ADD_ASK_LEVEL, p});
            p += 1 + (gaps && rnd.nextInt(4) == 0 ? 1 : 0);
        }
        emit(epochNanos, DepthFormat.CLEAR_BOOK, 0, 0, 0, 0, true);
        bids.clear();
        asks.clear();
        for (int i = 0; i < levels.size(); i++)
        {
            final int[] level = levels.get(i);
            final long quantity = 1 + rnd.nextInt(500);
            final int orders = 1 + rnd.nextInt(40);
            emit(epochNanos, level[0], i == levels.size() - 1 ? DepthFormat.FLAG_END_OF_BATCH : 0,
                level[1], quantity, orders, true);
            (level[0] == DepthFormat.ADD_BID_LEVEL ? bids : asks).put(level[1] * TICK_MANTISSA, new long[] {quantity, orders});
        }
    }

    /** {@code n} ADD/MODIFY/DELETE deltas on both sides, the book uncrossed after each; END_OF_BATCH on the last. */
    private void deltaBatch(final int n)
    {
        batchesSinceSnapshot++;
        depthClockUs += rnd.nextInt(3000);
        for (int k = 0; k < n; k++)
        {
            depthClockUs += rnd.nextInt(2); // non-decreasing within the batch, sometimes equal
            final long epochNanos = depthClockUs * 1_000L;
            final int flags = k == n - 1 ? DepthFormat.FLAG_END_OF_BATCH : 0;
            while (!tryDelta(epochNanos, flags))
            {
                // pick another operation
            }
        }
    }

    private boolean tryDelta(final long epochNanos, final int flags)
    {
        final int op = rnd.nextInt(6);
        final boolean bid = op % 2 == 0;
        final TreeMap<Long, long[]> side = bid ? bids : asks;
        final long quantity = 1 + rnd.nextInt(500);
        final int orders = 1 + rnd.nextInt(40);
        switch (op / 2)
        {
            case 0: // ADD a level that is not there, strictly on its side of the other side's best
            {
                if (side.size() >= MAX_LEVELS_PER_SIDE)
                {
                    return false;
                }
                final int otherBest = (int)((bid ? asks.firstKey() : bids.firstKey()) / TICK_MANTISSA);
                final int from = bid ? Math.max(MIN_TICKS, otherBest - 15) : otherBest + 1;
                final int to = bid ? otherBest - 1 : Math.min(MAX_TICKS, otherBest + 15);
                if (from > to)
                {
                    return false;
                }
                final int ticks = from + rnd.nextInt(to - from + 1);
                if (side.containsKey(ticks * TICK_MANTISSA))
                {
                    return false;
                }
                emit(epochNanos, bid ? DepthFormat.ADD_BID_LEVEL : DepthFormat.ADD_ASK_LEVEL, flags, ticks, quantity, orders,
                    false);
                side.put(ticks * TICK_MANTISSA, new long[] {quantity, orders});
                return true;
            }
            case 1: // MODIFY an existing level's size
            {
                final long price = randomLevel(side);
                emit(epochNanos, bid ? DepthFormat.MODIFY_BID_LEVEL : DepthFormat.MODIFY_ASK_LEVEL, flags,
                    (int)(price / TICK_MANTISSA), quantity, orders, false);
                side.put(price, new long[] {quantity, orders});
                return true;
            }
            default: // DELETE an existing level, never the last of a side
            {
                if (side.size() <= 1)
                {
                    return false;
                }
                final long price = randomLevel(side);
                emit(epochNanos, bid ? DepthFormat.DELETE_BID_LEVEL : DepthFormat.DELETE_ASK_LEVEL, flags,
                    (int)(price / TICK_MANTISSA), 0, 0, false);
                side.remove(price);
                return true;
            }
        }
    }

    private long randomLevel(final TreeMap<Long, long[]> side)
    {
        int i = rnd.nextInt(side.size());
        for (final Map.Entry<Long, long[]> e : side.entrySet())
        {
            if (i-- == 0)
            {
                return e.getKey();
            }
        }
        throw new IllegalStateException();
    }

    private void emit(final long epochNanos, final int command, final int flags, final int ticks, final long quantity,
        final int orders, final boolean snapshotBatch)
    {
        depth.record(epochNanos, command, flags, orders, price(ticks), quantity);
        depthRecords.add(new DepthRecord(Math.floorDiv(epochNanos, 1_000L) + SC_EPOCH_OFFSET_US, command, flags,
            ticks * TICK_MANTISSA, quantity, orders, snapshotBatch));
    }

    private void flushDepthRandomly() throws IOException
    {
        final long written = depthBytesWritten();
        final int r = rnd.nextInt(10);
        if (r < 6)
        {
            flushDepthTo(written);
        }
        else if (r < 8)
        {
            // split a batch across two flushes: end on a record that is not an END_OF_BATCH
            final int firstWhole = (int)((depthFlushedBytes + DepthFormat.RECORD_SIZE - 1) / DepthFormat.RECORD_SIZE);
            final List<Integer> cuts = new ArrayList<>();
            for (int end = firstWhole + 1; end < depthRecords.size(); end++)
            {
                if (!depthRecords.get(end - 1).endOfBatch())
                {
                    cuts.add(end);
                }
            }
            if (!cuts.isEmpty())
            {
                flushDepthTo((long)cuts.get(rnd.nextInt(cuts.size())) * DepthFormat.RECORD_SIZE);
                depthMidBatchFlushes++;
            }
        }
        else if (r < 9)
        {
            // a partial trailing record on disk
            final long firstWhole = (depthFlushedBytes + DepthFormat.RECORD_SIZE - 1) / DepthFormat.RECORD_SIZE;
            final long lastWhole = written / DepthFormat.RECORD_SIZE - 1;
            if (lastWhole >= firstWhole)
            {
                final long record = firstWhole + (long)rnd.nextInt((int)(lastWhole - firstWhole + 1));
                flushDepthTo(record * DepthFormat.RECORD_SIZE + 1 + rnd.nextInt(DepthFormat.RECORD_SIZE - 1));
                depthPartialRecordFlushes++;
            }
        }
        // else: nothing reaches the disk this time
    }

    private void flushDepthTo(final long targetBytes) throws IOException
    {
        if (targetBytes < depthFlushedBytes || targetBytes > depthBytesWritten())
        {
            throw new IllegalStateException("flush to " + targetBytes + " with " + depthFlushedBytes + " on disk");
        }
        depth.flushPartial((int)(targetBytes - depthFlushedBytes));
        depthFlushedBytes = targetBytes;
    }

    private long depthBytesWritten()
    {
        return (long)depthRecords.size() * DepthFormat.RECORD_SIZE;
    }

    /** Our mirror of what is on disk must be what is on disk. */
    private void checkFileSizes() throws IOException
    {
        final long scidSize = Files.size(scidFile);
        final long depthSize = Files.size(depthFile);
        if (scidSize != ScidFormat.HEADER_SIZE + scidFlushedBytes || depthSize != DepthFormat.HEADER_SIZE + depthFlushedBytes)
        {
            throw new IllegalStateException("files are " + scidSize + " and " + depthSize + " bytes, expected " +
                (ScidFormat.HEADER_SIZE + scidFlushedBytes) + " and " + (DepthFormat.HEADER_SIZE + depthFlushedBytes));
        }
    }

    private static float price(final int ticks)
    {
        return ticks * 0.25f; // exact in a float for these prices
    }

    private static int clamp(final int value, final int min, final int max)
    {
        return Math.max(min, Math.min(max, value));
    }
}
