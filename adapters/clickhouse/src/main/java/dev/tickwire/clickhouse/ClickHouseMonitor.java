package dev.tickwire.clickhouse;

import org.agrona.collections.IntArrayList;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output's own per-minute figures, written beside the data ({@link ClickHouseTables#MONITOR} and
 * {@link ClickHouseTables#MONITOR_REJECTS}) by the flushing thread when a minute is over: at most one
 * insert per table a minute, no thread of its own. A minute's figures that fail to go out stay and go
 * with the next flush.
 */
final class ClickHouseMonitor
{
    /** One table's figures in the current minute. */
    private static final class Figures
    {
        long rows;
        int batches;
        final IntArrayList insertMs = new IntArrayList();
        long lagMsMax;
    }

    private final String output;
    /** A minute by default; shorter in tests (the {@code monitorInterval} key). */
    private final long periodMs;
    private final Map<String, Figures> tables = new TreeMap<>();
    private final Map<String, Long> rejects = new TreeMap<>();
    private long minuteMs = Long.MIN_VALUE;

    ClickHouseMonitor(final String output, final long periodMs)
    {
        this.output = output;
        this.periodMs = periodMs;
    }

    /** One insert of {@code rows} rows into {@code table} took {@code insertMs}; its oldest row {@code lagMs} old. */
    void inserted(final String table, final int rows, final long insertMs, final long lagMs, final long nowMs)
    {
        start(nowMs);
        final Figures f = tables.computeIfAbsent(table, t -> new Figures());
        f.rows += rows;
        f.batches++;
        f.insertMs.addInt((int)Math.min(Integer.MAX_VALUE, insertMs));
        f.lagMsMax = Math.max(f.lagMsMax, lagMs);
    }

    /** Rejected messages written to the rejects table, by reason. */
    void rejected(final String reason, final long count, final long nowMs)
    {
        start(nowMs);
        rejects.merge(reason, count, Long::sum);
    }

    /** Writes the figures of a minute that is over, if any. */
    void writeIfMinuteOver(final ClickHouseHttp http, final String monitorTable, final String rejectsTable,
        final long nowMs) throws IOException
    {
        if (minuteMs == Long.MIN_VALUE || nowMs / periodMs * periodMs == minuteMs)
        {
            return;
        }
        final int minute = (int)(minuteMs / 1000);
        final RowBatch rows = new RowBatch();
        for (final Map.Entry<String, Figures> e : tables.entrySet())
        {
            final Figures f = e.getValue();
            final int[] ms = f.insertMs.toIntArray();
            Arrays.sort(ms);
            rows.row(minute, 0, 0).int32(minute).string(output).string(e.getKey()).int64(f.rows).int32(f.batches)
                .int32(ms[(ms.length - 1) / 2]).int32(ms[ms.length - 1]).int64(f.lagMsMax);
        }
        if (rows.rows() > 0)
        {
            http.insert("INSERT INTO " + monitorTable + " (" + ClickHouseTables.MONITOR.columnList() +
                ") FORMAT RowBinary", "tickwire-" + output + "-monitor-" + minute, rows.bytes(), 0,
                rows.start(rows.rows()));
        }
        tables.clear();
        final RowBatch counts = new RowBatch();
        for (final Map.Entry<String, Long> e : rejects.entrySet())
        {
            counts.row(minute, 0, 0).int32(minute).string(output).string(e.getKey()).int64(e.getValue());
        }
        if (counts.rows() > 0)
        {
            http.insert("INSERT INTO " + rejectsTable + " (" + ClickHouseTables.MONITOR_REJECTS.columnList() +
                ") FORMAT RowBinary", "tickwire-" + output + "-rejects-" + minute, counts.bytes(), 0,
                counts.start(counts.rows()));
        }
        rejects.clear();
        minuteMs = Long.MIN_VALUE;
    }

    private void start(final long nowMs)
    {
        if (minuteMs == Long.MIN_VALUE)
        {
            minuteMs = nowMs / periodMs * periodMs;
        }
    }
}
