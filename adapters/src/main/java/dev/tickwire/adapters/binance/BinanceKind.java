package dev.tickwire.adapters.binance;

/**
 * The two trade files of Binance's public data, with the columns the importer reads. Spot and
 * futures files put the same fields at the same places; spot files add a trailing isBestMatch.
 */
public enum BinanceKind
{
    /** {@code id,price,qty,quoteQty,time,isBuyerMaker[,isBestMatch]}. */
    TRADES("trades", 4, 5, 7),
    /** {@code aggTradeId,price,qty,firstTradeId,lastTradeId,timestamp,isBuyerMaker[,isBestMatch]}. */
    AGG_TRADES("aggTrades", 5, 6, 8);

    public static final int ID_FIELD = 0;
    public static final int PRICE_FIELD = 1;
    public static final int QTY_FIELD = 2;

    /** As in the file names: {@code BTCUSDT-trades-2024-03-01.csv}, {@code BTCUSDT-aggTrades-2024-03-01.csv}. */
    public final String fileName;
    public final int timeField;
    public final int buyerMakerField;
    /** Columns of a spot file; a futures file has one fewer (no isBestMatch). */
    public final int spotColumns;

    BinanceKind(final String fileName, final int timeField, final int buyerMakerField, final int spotColumns)
    {
        this.fileName = fileName;
        this.timeField = timeField;
        this.buyerMakerField = buyerMakerField;
        this.spotColumns = spotColumns;
    }

    public int futuresColumns()
    {
        return spotColumns - 1;
    }

}
