package dev.tickwire.clickhouse;

import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.sbe.BarKind;

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
 * <p>Reference data (candles, derivative tickers, liquidations, option summaries) has a table per type; a ticker's
 * and an option's values carry their own exponents, kept in their rows ({@code rate_e}, {@code value_e}, …).
 *
 * <p>Prices and sizes: exponents differ per instrument, so no single {@code Decimal(18, s)} fits all.
 * Each decimal field is a Nullable(Int64) mantissa {@code <f>_m} with the row's {@code price_e} /
 * {@code size_e} exponent (exact for every instrument: the journal's own representation) plus a
 * {@code Nullable(Decimal(38, 18))} {@code <f>}, exact for exponents -18..0 (every real market; 18.16
 * refuses digits beyond a Decimal's scale instead of rounding, and we never round either: a value it
 * cannot hold exactly is NULL there, the mantissa stays exact).
 *
 * <p>Bars (a pipeline's {@code transform: {bars: …}}) go to one table per bar spec, as the systems that keep
 * candles keep one table per timeframe: {@code bars_1m}, {@code bars_5m}, {@code bars_tick_500}, … named from the
 * bar's kind and size ({@link #barTable}), made at the first bar of the spec. A bar row has its OHLCV and every
 * feature column (docs/features.md): doubles as {@code Nullable(Float64)}, fixed-point values as the mantissa and
 * decimal pair above (a mid at the price exponent − 1), times, durations and counts as {@code Nullable(Int64)};
 * NULL where the feature is not defined or not warmed up.
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
    /** A source's OHLCV bars, at the instrument's exponents (price_e, size_e) like trades. */
    static final Table CANDLES = data("candles", cols("price_e Int8", "size_e Int8", "start_ns Int64", "interval_ns Int64"),
        decimals("open", "high", "low", "close", "volume", "buy_volume"), cols("trades Nullable(Int64)"));
    /** Funding, open interest, last/index/mark: each decimal at the exponent the message carries for its kind. */
    static final Table DERIVATIVE_TICKERS = data("derivative_tickers",
        cols("price_e Int8", "size_e Int8", "rate_e Int8", "funding_time_ns Nullable(Int64)"),
        decimals("funding_rate", "predicted_funding_rate", "open_interest", "last_price", "index_price", "mark_price"),
        List.of());
    static final Table LIQUIDATIONS = data("liquidations", cols("price_e Int8", "size_e Int8"), decimals("price", "size"),
        cols("side String", "liquidation_id Nullable(Int64)"));
    /** An option's quote, mark, IVs and greeks, at the message's exponents (price_e, underlying_e, size_e, value_e). */
    static final Table OPTION_SUMMARIES = data("option_summaries", cols("option_type String", "expiration_ns Int64",
        "price_e Int8", "underlying_e Int8", "size_e Int8", "value_e Int8"),
        decimals("strike_price", "open_interest", "last_price", "bid_price", "bid_size", "bid_iv", "ask_price", "ask_size",
            "ask_iv", "mark_price", "mark_iv", "underlying_price", "delta", "gamma", "vega", "theta", "rho"), List.of());
    static final List<Table> DATA = List.of(TRADES, QUOTES, BOOK_DELTAS, STATUSES, REJECTS, CANDLES, DERIVATIVE_TICKERS,
        LIQUIDATIONS, OPTION_SUMMARIES);

    /** The columns of every bars table (what {@link ClickHouseRows#onBar} writes, in order). */
    private static final List<Column> BAR_COLUMNS = barColumns();

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

    /** The table of a spec's bars, e.g. bars_1m. */
    static Table bars(final String name)
    {
        return new Table(name, BAR_COLUMNS, DATA_ENGINE);
    }

    /**
     * The table a bar goes to, from its kind and size: time bars by their interval in the largest unit that divides
     * it (bars_15s, bars_1m, bars_4h, bars_1d), tick, volume and value bars by their threshold (bars_tick_500,
     * bars_volume_0_5), information-driven bars by their kind (bars_tib: their size is the threshold each bar
     * closed against, not the spec's).
     */
    static String barTable(final BarKind kind, final long size, final int priceExponent, final int sizeExponent)
    {
        final String spec = switch (kind)
        {
            case TIME -> duration(size);
            case TICK -> "tick_" + size;
            case VOLUME -> "volume_" + FixedPoint.toDecimalString(size, sizeExponent);
            case VALUE -> "value_" + FixedPoint.toDecimalString(size, priceExponent);
            case TICK_IMBALANCE -> "tib";
            case VOLUME_IMBALANCE -> "vib";
            case DOLLAR_IMBALANCE -> "dib";
            case TICK_RUN -> "trb";
            case VOLUME_RUN -> "vrb";
            case DOLLAR_RUN -> "drb";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
        return "bars_" + spec.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String duration(final long ns)
    {
        final long[] units = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L,
            1_000L};
        final String[] names = {"d", "h", "m", "s", "ms", "us"};
        for (int i = 0; i < units.length; i++)
        {
            if (ns > 0 && ns % units[i] == 0)
            {
                return ns / units[i] + names[i];
            }
        }
        return ns + "ns";
    }

    private static List<Column> barColumns()
    {
        final List<Column> columns = new ArrayList<>(cols("seq UInt64", "instrument_id Int32", "symbol String",
            "ts_ns Int64", "recv_ns Int64", "kind String", "bar_size Int64", "start_ns Int64", "end_ns Int64",
            "price_e Int8", "size_e Int8"));
        columns.addAll(decimals("open", "high", "low", "close", "volume", "buy_volume", "sell_volume"));
        columns.addAll(cols("trades Int64"));
        columns.addAll(decimals("vwap"));
        columns.addAll(cols("first_event_ns Int64", "last_event_ns Int64", "empty UInt8"));
        for (final FeatureColumn f : FeatureColumn.values())
        {
            if (f.type().isDouble())
            {
                columns.add(new Column(f.columnName(), "Nullable(Float64)"));
            }
            else if (f.type().isFixedPoint())
            {
                columns.addAll(decimals(f.columnName()));
            }
            else
            {
                columns.add(new Column(f.columnName(), MANTISSA)); // ns or a count: Nullable(Int64)
            }
        }
        return List.copyOf(columns);
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
