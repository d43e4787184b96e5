package dev.tickwire.engine.bars.features;

/**
 * Every feature column a bar carries beside its OHLCV fields, in output order: the one list an output loops
 * over (name, {@link ColumnType}, unit). A {@link FeatureBar} holds one value per column, read by
 * {@link #ordinal()}. Formulas, warm-up and references: docs/features.md.
 */
public enum FeatureColumn
{
    // Trades in the bar
    NOTIONAL("notional", ColumnType.NOTIONAL, "currency", "Σ price × size, rounded half up once"),
    AVG_TRADE_SIZE("avg_trade_size", ColumnType.DOUBLE, "size", "volume / trades"),
    MAX_TRADE_SIZE("max_trade_size", ColumnType.SIZE, "size", "largest trade"),
    BUY_TRADES("buy_trades", ColumnType.COUNT, "trades", "trades whose aggressor bought"),
    SELL_TRADES("sell_trades", ColumnType.COUNT, "trades", "trades whose aggressor sold"),
    RV_TRADE("rv_trade", ColumnType.DOUBLE, "log-return²", "Σ ln(p_i / p_i−1)² over the bar's trades"),
    VWAP_DEVIATION("vwap_deviation", ColumnType.DOUBLE, "ratio", "(close − vwap) / vwap"),

    // The book over the bar's span, state carried in
    SPAN_START_NS("span_start_ns", ColumnType.TIME_NS, "ns", "start of the span the book features cover"),
    SPAN_END_NS("span_end_ns", ColumnType.TIME_NS, "ns", "end of that span (exclusive for time bars)"),
    BOOK_UPDATES("book_updates", ColumnType.COUNT, "messages", "quotes and book deltas in the span"),
    EMPTY_SIDE_NS("empty_side_ns", ColumnType.DURATION_NS, "ns", "time with an empty L1 side"),
    CROSSED_NS("crossed_ns", ColumnType.DURATION_NS, "ns", "time with L1 bid > ask"),
    SPREAD_TWA("spread_twa", ColumnType.DOUBLE, "price", "time-weighted mean L1 spread"),
    SPREAD_BPS_TWA("spread_bps_twa", ColumnType.DOUBLE, "bps", "time-weighted mean of 10⁴ × spread / mid"),
    SPREAD_MIN("spread_min", ColumnType.PRICE, "price", "smallest L1 spread in force in the span"),
    SPREAD_MAX("spread_max", ColumnType.PRICE, "price", "largest L1 spread in force in the span"),
    SPREAD_LAST("spread_last", ColumnType.PRICE, "price", "last valid L1 spread"),
    IMBALANCE_L1_TWA("imbalance_l1_twa", ColumnType.DOUBLE, "ratio", "time-weighted (bid − ask) / (bid + ask) sizes"),
    IMBALANCE_TOPN_TWA("imbalance_topn_twa", ColumnType.DOUBLE, "ratio", "the same over the top N levels' sizes"),
    MID_OPEN("mid_open", ColumnType.MID_PRICE, "price", "first valid mid in the span"),
    MID_HIGH("mid_high", ColumnType.MID_PRICE, "price", "highest valid mid"),
    MID_LOW("mid_low", ColumnType.MID_PRICE, "price", "lowest valid mid"),
    MID_CLOSE("mid_close", ColumnType.MID_PRICE, "price", "last valid mid"),
    MICROPRICE_CLOSE("microprice_close", ColumnType.DOUBLE, "price", "size-weighted mid of the last valid L1"),
    RV_MID("rv_mid", ColumnType.DOUBLE, "log-return²", "Σ ln(mid_i / mid_i−1)² over valid mids"),
    OFI_L1("ofi_l1", ColumnType.SIZE, "size", "Cont-Kukanov-Stoikov order-flow imbalance, Σ over L1 updates"),
    OFI_TOPN("ofi_topn", ColumnType.SIZE, "size", "multi-level OFI, Σ over the top N levels and updates"),
    PRICE_IMPACT("price_impact", ColumnType.DOUBLE, "price/size", "Kyle's λ: OLS of Δmid on signed volume"),

    // Across bars of the same spec
    LOG_RETURN("log_return", ColumnType.DOUBLE, "log-return", "ln(close / previous close)"),
    SMA_5("sma_5", ColumnType.DOUBLE, "price", "mean of the last 5 closes"),
    SMA_10("sma_10", ColumnType.DOUBLE, "price", "mean of the last 10 closes"),
    SMA_20("sma_20", ColumnType.DOUBLE, "price", "mean of the last 20 closes"),
    EMA_5("ema_5", ColumnType.DOUBLE, "price", "EMA of closes, α = 2/6, seeded with the SMA"),
    EMA_10("ema_10", ColumnType.DOUBLE, "price", "EMA of closes, α = 2/11"),
    EMA_20("ema_20", ColumnType.DOUBLE, "price", "EMA of closes, α = 2/21"),
    WMA_5("wma_5", ColumnType.DOUBLE, "price", "linearly weighted mean of the last 5 closes"),
    WMA_10("wma_10", ColumnType.DOUBLE, "price", "linearly weighted mean of the last 10 closes"),
    WMA_20("wma_20", ColumnType.DOUBLE, "price", "linearly weighted mean of the last 20 closes"),
    MOMENTUM_3("momentum_3", ColumnType.PRICE, "price", "close − close 3 bars before"),
    MOMENTUM_5("momentum_5", ColumnType.PRICE, "price", "close − close 5 bars before"),
    VOLATILITY_5("volatility_5", ColumnType.DOUBLE, "log-return", "sample std of the last 5 log returns"),
    VOLATILITY_10("volatility_10", ColumnType.DOUBLE, "log-return", "sample std of the last 10 log returns"),
    VOLUME_RATIO("volume_ratio", ColumnType.DOUBLE, "ratio", "volume / mean volume of the last 20 bars"),
    RSI_14("rsi_14", ColumnType.DOUBLE, "0..100", "Wilder's RSI over 14 bars"),
    RSI_5("rsi_5", ColumnType.DOUBLE, "0..100", "Wilder's RSI over 5 bars"),
    BOLLINGER_POSITION("bollinger_position", ColumnType.DOUBLE, "ratio", "%B of the 20-bar, 2σ bands"),
    MACD("macd", ColumnType.DOUBLE, "price", "EMA12 − EMA26 of closes"),
    MACD_SIGNAL("macd_signal", ColumnType.DOUBLE, "price", "EMA9 of macd"),
    MACD_HIST("macd_hist", ColumnType.DOUBLE, "price", "macd − macd_signal");

    /** The columns in output order (one shared array: do not modify). */
    static final FeatureColumn[] VALUES = values();
    /** Number of columns. */
    public static final int COUNT = VALUES.length;

    private final String columnName;
    private final ColumnType type;
    private final String unit;
    private final String description;

    FeatureColumn(final String columnName, final ColumnType type, final String unit, final String description)
    {
        this.columnName = columnName;
        this.type = type;
        this.unit = unit;
        this.description = description;
    }

    /** The column at an index (its ordinal). */
    public static FeatureColumn of(final int index)
    {
        return VALUES[index];
    }

    /** snake_case, as in every output (Parquet, JSON, CSV, ClickHouse). */
    public String columnName()
    {
        return columnName;
    }

    public ColumnType type()
    {
        return type;
    }

    /** The unit of the real value (after the exponent for fixed-point columns). */
    public String unit()
    {
        return unit;
    }

    /** One line; the full definition is in docs/features.md. */
    public String description()
    {
        return description;
    }
}
