package dev.tickwire.adapters.tardis;

import java.util.List;

/**
 * The Tardis.dev CSV datasets tickwire imports. The code of the first four is part of their source id
 * as earlier builds gave it ({@code 10000 + 4 × instrumentId + code}), so it must never change; the
 * datasets added later have no such formula: their source ids come from the journal's source catalog
 * alone ({@link TardisImport#sourceId}).
 */
public enum TardisDataset
{
    TRADES(0, "trades"),
    INCREMENTAL_BOOK_L2(1, "incremental_book_L2"),
    /** book_snapshot_5, book_snapshot_25 or any other depth: one code, the header gives the depth. */
    BOOK_SNAPSHOT(2, "book_snapshot"),
    QUOTES(3, "quotes"),
    /** Funding, open interest, last, index and mark price: a DerivativeTicker a row. */
    DERIVATIVE_TICKER(4, "derivative_ticker"),
    /** Forced orders: a Liquidation a row. Its header is the trades header: the file name tells them apart. */
    LIQUIDATIONS(5, "liquidations"),
    /** Every option of an exchange in one daily file: an OptionSummary a row, the option its instrument. */
    OPTIONS_CHAIN(6, "options_chain");

    static final List<String> TRADES_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "id", "side", "price", "amount");
    static final List<String> INCREMENTAL_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "is_snapshot", "side", "price", "amount");
    static final List<String> QUOTES_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "ask_amount", "ask_price", "bid_price", "bid_amount");
    static final List<String> DERIVATIVE_TICKER_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "funding_timestamp", "funding_rate",
            "predicted_funding_rate", "open_interest", "last_price", "index_price", "mark_price");
    static final List<String> OPTIONS_CHAIN_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "type", "strike_price", "expiration",
            "open_interest", "last_price", "bid_price", "bid_amount", "bid_iv", "ask_price", "ask_amount", "ask_iv",
            "mark_price", "mark_iv", "underlying_index", "underlying_price", "delta", "gamma", "vega", "theta", "rho");

    public final int code;
    public final String label;

    TardisDataset(final int code, final String label)
    {
        this.code = code;
        this.label = label;
    }

    /** True for the datasets whose source id earlier builds computed from the instrument id (the first four). */
    boolean hasLegacySourceId()
    {
        return code <= QUOTES.code;
    }
}
