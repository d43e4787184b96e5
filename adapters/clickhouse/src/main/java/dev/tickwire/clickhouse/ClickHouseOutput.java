package dev.tickwire.clickhouse;

import dev.tickwire.clickhouse.ClickHouseTables.Column;
import dev.tickwire.clickhouse.ClickHouseTables.Table;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.InstrumentCatalog;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code type: clickhouse}: the journal into ClickHouse tables ({@link ClickHouseTables}), a batch insert
 * per table per flush in RowBinary over HTTP.
 *
 * <p>No duplicates across crashes, two ways. The tables are ReplacingMergeTree keyed by the engine
 * sequence, so a re-delivered row collapses ({@code FINAL}). And none is inserted twice in the first
 * place: each insert holds one day's rows (one partition: one part, all or nothing) in sequence order, so
 * a table always holds a prefix of its rows; after a start or a failure the output asks each table for
 * its highest sequence and skips what it already holds, so even plain counts are exact.
 *
 * <p>Bars go to one table per spec ({@link ClickHouseTables#barTable}), created and checked at the first flush
 * that has a bar of it. Their sequences (a pipeline's: the message that completed the bar) increase, so the same
 * rule holds; two pipelines with the same spec must not share a table (give one another tablePrefix).
 */
final class ClickHouseOutput implements OutputSink
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.outputs");
    /** Rows per insert at most: well under the server's max_insert_block_size (1 048 576), so one block, one part. */
    static final int MAX_INSERT_ROWS = 100_000;

    private final String name;
    private final String database;
    private final String prefix;
    private final ClickHouseHttp http;
    /** The data tables, then the bars tables in the order their first bar came. */
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Target> barTargets = new HashMap<>();
    /** The rejects' reasons, one per row of the rejects batch, counted when they are inserted. */
    private final List<String> rejectReasons = new ArrayList<>();
    private final ClickHouseRows rows;
    private final ClickHouseMonitor monitor;
    private final boolean monitoring;
    private boolean schemaReady;
    private boolean sequencesKnown;

    ClickHouseOutput(final String name, final ClickHouseHttp http, final String database, final String prefix,
        final InstrumentCatalog catalog, final boolean monitoring, final long monitorPeriodMs)
    {
        this.name = name;
        this.http = http;
        this.database = database;
        this.prefix = prefix;
        this.monitoring = monitoring;
        this.monitor = new ClickHouseMonitor(name, monitorPeriodMs);
        for (final Table table : ClickHouseTables.DATA)
        {
            targets.add(new Target(table));
        }
        this.rows = new ClickHouseRows(catalog, table -> targets.get(ClickHouseTables.DATA.indexOf(table)).batch,
            rejectReasons::add, this::barBatch);
    }

    /** One table written: its rows waiting, its insert, the highest sequence it holds. */
    private final class Target
    {
        final Table table;
        final RowBatch batch = new RowBatch();
        final String insert;
        long maxSequence = -1;
        /** Created and checked (the data tables: by {@link #prepare}; a bars table: at its first flush). */
        boolean ready;
        boolean sequenceKnown;

        Target(final Table table)
        {
            this.table = table;
            this.insert = "INSERT INTO " + qualified(table) + " (" + table.columnList() + ") FORMAT RowBinary";
        }
    }

    private RowBatch barBatch(final String table)
    {
        Target target = barTargets.get(table);
        if (target == null)
        {
            target = new Target(ClickHouseTables.bars(table));
            barTargets.put(table, target);
            targets.add(target);
        }
        return target.batch;
    }

    /**
     * Creates what is missing and checks what is there, if the server answers now; a server that does not
     * answer is not an error yet (the first flush tries again, and the tailer backs off while it fails).
     *
     * @throws IllegalStateException a table lacks a column or has it with another type, or the server
     *                               denies us (a wrong password, no rights): nothing to wait for
     */
    void prepareIfReachable()
    {
        try
        {
            prepare();
        }
        catch (final ClickHouseHttp.ClickHouseException ex)
        {
            if (ex.denied())
            {
                throw new IllegalStateException("output " + name + ": " + ex.getMessage(), ex);
            }
            // e.g. a statement of a killed predecessor still running: the first flush tries again
            LOG.warn("output {}: {}; its tables are created or checked at its first flush", name, ex.getMessage());
        }
        catch (final IOException ex)
        {
            LOG.warn("output {}: {}; its tables are created or checked when it answers", name, ex.getMessage());
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermarkNs)
    {
        rows.add(buffer, offset);
    }

    @Override
    public void flush() throws IOException
    {
        try
        {
            prepare();
            if (!sequencesKnown)
            {
                // every table is asked again (a flush after a failure reaches the server or fails, rows or not)
                for (final Target t : targets)
                {
                    t.sequenceKnown = false;
                    if (t.ready)
                    {
                        ready(t);
                    }
                }
                sequencesKnown = true;
            }
            for (final Target t : targets)
            {
                if (t.batch.rows() > 0)
                {
                    ready(t); // a bars table's first rows: made, checked, its highest sequence asked
                    insert(t);
                }
            }
            if (monitoring)
            {
                monitor.writeIfMinuteOver(http, qualified(ClickHouseTables.MONITOR),
                    qualified(ClickHouseTables.MONITOR_REJECTS), System.currentTimeMillis());
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // an insert that timed out may have landed: ask the tables again before the next one
            sequencesKnown = false;
            throw ex;
        }
        finally
        {
            // on failure the tailer delivers everything after its checkpoint again
            for (final Target t : targets)
            {
                t.batch.clear();
            }
            rejectReasons.clear();
        }
    }

    /** The tailer's checkpoint; the tables' own highest sequences decide what is skipped (asked at the next flush). */
    @Override
    public long resumeAfter(final long checkpoint)
    {
        sequencesKnown = false;
        return checkpoint;
    }

    @Override
    public void close()
    {
        // the JDK's HttpClient (Java 17) holds nothing that needs closing; what was not flushed comes again
    }

    /** The rows of a table the table does not hold yet, one day per insert. */
    private void insert(final Target t) throws IOException
    {
        final RowBatch batch = t.batch;
        final int count = batch.rows();
        int from = 0;
        while (from < count && batch.sequence(from) <= t.maxSequence)
        {
            from++; // delivered again after a crash or a failed flush, and the table has it
        }
        while (from < count)
        {
            int to = from + 1;
            final int day = batch.day(from);
            while (to < count && to - from < MAX_INSERT_ROWS && batch.day(to) == day)
            {
                to++;
            }
            final long first = batch.sequence(from);
            final long last = batch.sequence(to - 1);
            final long started = System.nanoTime();
            http.insert(t.insert, "tickwire-" + name + "-" + t.table.name() + "-" + first + "-" + last,
                batch.bytes(), batch.start(from), batch.start(to) - batch.start(from));
            t.maxSequence = last;
            final long nowMs = System.currentTimeMillis();
            monitor.inserted(t.table.name(), to - from, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                Math.max(0, nowMs - TimeUnit.NANOSECONDS.toMillis(batch.minReceiveNs())), nowMs);
            if (t.table == ClickHouseTables.REJECTS)
            {
                countRejects(from, to, nowMs);
            }
            from = to;
        }
    }

    private void countRejects(final int from, final int to, final long nowMs)
    {
        final Map<String, Long> byReason = new HashMap<>();
        for (int r = from; r < to; r++)
        {
            byReason.merge(rejectReasons.get(r), 1L, Long::sum);
        }
        byReason.forEach((reason, n) -> monitor.rejected(reason, n, nowMs));
    }

    /** A bars table created and checked at its first rows; any table's highest sequence asked when not known. */
    private void ready(final Target t) throws IOException
    {
        if (!t.ready)
        {
            http.query(t.table.create(qualified(t.table)));
            check(List.of(t.table), columns("table = '" + prefixed(t.table) + "'"));
            t.ready = true;
        }
        if (!t.sequenceKnown)
        {
            final String[] answer = http.query("SELECT count(), max(seq) FROM " + qualified(t.table) +
                " FORMAT TabSeparated").strip().split("\t");
            t.maxSequence = Long.parseLong(answer[0]) == 0 ? -1 : Long.parseUnsignedLong(answer[1]);
            t.sequenceKnown = true;
        }
    }

    /** The database and the tables, created when missing and checked when present. */
    private void prepare() throws IOException
    {
        if (schemaReady)
        {
            return;
        }
        http.query("CREATE DATABASE IF NOT EXISTS " + database);
        final List<Table> all = new ArrayList<>(ClickHouseTables.DATA);
        if (monitoring)
        {
            all.add(ClickHouseTables.MONITOR);
            all.add(ClickHouseTables.MONITOR_REJECTS);
        }
        for (final Table table : all)
        {
            http.query(table.create(qualified(table)));
        }
        check(all, columns(null));
        for (int t = 0; t < ClickHouseTables.DATA.size(); t++)
        {
            targets.get(t).ready = true;
        }
        schemaReady = true;
    }

    /** The columns and their types of the database's tables (those {@code where} says, if not null), by table. */
    private Map<String, Map<String, String>> columns(final String where) throws IOException
    {
        final Map<String, Map<String, String>> present = new HashMap<>();
        for (final String line : http.query("SELECT table, name, type FROM system.columns WHERE database = '" +
            database + "'" + (where == null ? "" : " AND " + where) + " FORMAT TabSeparated").split("\n"))
        {
            final String[] f = line.split("\t");
            if (f.length == 3)
            {
                present.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], f[2]);
            }
        }
        return present;
    }

    /** Every table has every column with its type, or this output is not the one that made it. */
    private void check(final List<Table> all, final Map<String, Map<String, String>> present)
    {
        for (final Table table : all)
        {
            final Map<String, String> columns = present.getOrDefault(prefixed(table), Map.of());
            final List<Column> expected = new ArrayList<>(table.columns());
            if (table.columns().get(0).name().equals("seq"))
            {
                expected.add(new Column("dt", "DateTime"));
            }
            for (final Column c : expected)
            {
                final String type = columns.get(c.name());
                if (type == null)
                {
                    throw new ClickHouseSchemaException("table " + qualified(table) + " has no column " + c.name() +
                        " (" + c.type() + "): it was made for something else; drop it, or give this output another " +
                        "database or tablePrefix");
                }
                if (!type.equals(c.type()))
                {
                    throw new ClickHouseSchemaException("table " + qualified(table) + " column " + c.name() + " is " +
                        type + ", not " + c.type() + ": drop the table, or give this output another database or " +
                        "tablePrefix");
                }
            }
        }
    }

    private String prefixed(final Table table)
    {
        return prefix + table.name();
    }

    private String qualified(final Table table)
    {
        return database + "." + prefixed(table);
    }

    /** A table that is not the one this output writes: waiting does not help. */
    static final class ClickHouseSchemaException extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        ClickHouseSchemaException(final String message)
        {
            super(message);
        }
    }
}
