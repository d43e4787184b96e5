package dev.tickwire.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables the ClickHouse output writes: their columns in insert order (what {@link ClickHouseRows}
 * writes, row by row, in the same order) and their DDL. Only features both the 18.16 server Debian ships
 * and current releases have: no DateTime64, LowCardinality, codecs or TTL.
 *
 * <p>Data tables are {@code ReplacingMergeTree} ordered by (instrument_id, seq), partitioned by the UTC
 * day of the event time: a row delivered twice (a crash between insert and checkpoint) collapses on merge
 * and reads once with {@code FINAL}. Times are Int64 epoch nanoseconds (exact) with a {@code DateTime}
 * (seconds) materialized from the event time for partitions and human queries.
 *
 * <p>Prices and sizes: exponents differ per instrument, so no single {@code Decimal(18, s)} fits all.
 * Each decimal field is a Nullable(Int64) mantissa {@code <f>_m} with the row's {@code price_e} /
 * {@code size_e} exponent (exact for every instrument: the journal's own representation) plus a
 * {@code Nullable(Decimal(38, 18))} {@code <f>}, exact for exponents -18..0 (every real market; 18.16
 * refuses digits beyond a Decimal's scale instead of rounding, and we never round either: a value it
 * cannot hold exactly is NULL there, the mantissa stays exact).
 */
final class ClickHouseTables
{
    static final String DECIMAL = "Nullable(Decimal(38, 18))";
    static final String MANTISSA = "Nullable(Int64)";

    /** A column: name and ClickHouse type as system.columns spells it. */
    record Column(String name, String type)
    {
    }

    /** A table: its name without prefix, its columns in insert order, and how it is stored. */
    record Table(String name, List<Column> columns, String engine)
    {
        String columnList()
        {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }

        String create(final String qualifiedName)
        {
            return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " (\n  " + columns.stream()
                .map(c -> c.name() + " " + c.type()).collect(Collectors.joining(",\n  ")) + extraColumns() +
                "\n) ENGINE = " + engine;
        }

        private String extraColumns()
        {
            return columns.get(0).name().equals("seq") ?
                ",\n  dt DateTime MATERIALIZED toDateTime(intDiv(ts_ns, 1000000000))" : "";
        }
    }

    private static final String DATA_ENGINE =
        "ReplacingMergeTree PARTITION BY toYYYYMMDD(dt) ORDER BY (instrument_id, seq)";

    static final Table TRADES = data("trades", cols("price_e Int8", "size_e Int8"),
        decimals("price", "size", "bid", "ask"), cols("side String", "trade_id Int64"));
    static final Table QUOTES = data("quotes", cols("price_e Int8", "size_e Int8"),
        decimals("bid", "bid_size", "ask", "ask_size"), List.of());
    static final Table BOOK_DELTAS = data("book_deltas",
        cols("price_e Int8", "size_e Int8", "action String", "side String"), decimals("price", "size"),
        cols("orders Int32", "snapshot UInt8", "end_of_batch UInt8", "correction UInt8"));
    static final Table STATUSES = data("statuses", cols("status String", "value Int64"), List.of(), List.of());
    /** Every rejected message, any type: why, and the message as {@code tickwire dump} prints it. */
    static final Table REJECTS = data("rejects", cols("type String", "reason String", "message String"),
        List.of(), List.of());
    static final List<Table> DATA = List.of(TRADES, QUOTES, BOOK_DELTAS, STATUSES, REJECTS);

    /** Per minute, per output and table: what was inserted, how fast, how late. Plain MergeTree. */
    static final Table MONITOR = new Table("tickwire_monitor", cols("minute DateTime", "output String",
        "table String", "rows UInt64", "batches UInt32", "insert_ms_p50 UInt32", "insert_ms_max UInt32",
        "lag_ms_max UInt64"), "MergeTree PARTITION BY toYYYYMM(minute) ORDER BY (output, table, minute)");
    /** Per minute, per output: rejected messages by reason. */
    static final Table MONITOR_REJECTS = new Table("tickwire_rejects", cols("minute DateTime", "output String",
        "reason String", "count UInt64"), "MergeTree PARTITION BY toYYYYMM(minute) ORDER BY (output, reason, minute)");

    private ClickHouseTables()
    {
    }

    private static Table data(final String name, final List<Column> head, final List<Column> decimals,
        final List<Column> tail)
    {
        final List<Column> columns = new ArrayList<>(cols("seq UInt64", "instrument_id Int32", "symbol String",
            "source_id UInt16", "source_pos Int64", "ts_ns Int64", "recv_ns Int64"));
        columns.addAll(head);
        columns.addAll(decimals);
        columns.addAll(tail);
        return new Table(name, List.copyOf(columns), DATA_ENGINE);
    }

    /** Per field its mantissa then its decimal ({@link RowBatch#decimal} writes both). */
    private static List<Column> decimals(final String... fields)
    {
        final List<Column> columns = new ArrayList<>();
        for (final String f : fields)
        {
            columns.add(new Column(f + "_m", MANTISSA));
            columns.add(new Column(f, DECIMAL));
        }
        return columns;
    }

    private static List<Column> cols(final String... specs)
    {
        final List<Column> columns = new ArrayList<>();
        for (final String spec : specs)
        {
            final int space = spec.indexOf(' ');
            columns.add(new Column(spec.substring(0, space), spec.substring(space + 1)));
        }
        return columns;
    }
}
