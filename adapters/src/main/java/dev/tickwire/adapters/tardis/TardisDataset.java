package dev.tickwire.adapters.tardis;

import java.util.List;

/**
 * The Tardis.dev CSV datasets tickwire imports. The code is part of the source id
 * ({@code 10000 + 4 × instrumentId + code}), so it must never change.
 */
public enum TardisDataset
{
    TRADES(0, "trades"),
    INCREMENTAL_BOOK_L2(1, "incremental_book_L2"),
    /** book_snapshot_5, book_snapshot_25 or any other depth: one code, the header gives the depth. */
    BOOK_SNAPSHOT(2, "book_snapshot"),
    QUOTES(3, "quotes");

    static final List<String> TRADES_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "id", "side", "price", "amount");
    static final List<String> INCREMENTAL_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "is_snapshot", "side", "price", "amount");
    static final List<String> QUOTES_COLUMNS =
        List.of("exchange", "symbol", "timestamp", "local_timestamp", "ask_amount", "ask_price", "bid_price", "bid_amount");

    public final int code;
    public final String label;

    TardisDataset(final int code, final String label)
    {
        this.code = code;
        this.label = label;
    }
}
