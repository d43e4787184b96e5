package dev.tickwire.engine.query;

import java.util.List;

/**
 * Questions researchers and clients ask of a journal, while the engine may still be writing it.
 * Prices and sizes come back as exact decimal strings (no float); times as epoch nanoseconds.
 * Implemented over the Chronicle journal by {@link JournalQueries}.
 */
public interface MarketQueries
{
    /** Every instrument with its first and last event time and its counts by type. */
    List<ContractSummary> contracts();

    /**
     * Trades of one instrument with {@code fromNs <= eventTime <= toNs}, in journal order, at most {@code limit}.
     *
     * @throws UnknownSymbolException if the journal has no such instrument
     */
    List<TradeRow> timeAndSales(String symbol, long fromNs, long toNs, int limit);

    /**
     * The L2 book of one instrument as it was at {@code atNs} (its last consistent state, i.e. after
     * the last complete batch at or before that time), best {@code levels} levels a side, best first.
     *
     * @throws UnknownSymbolException if the journal has no such instrument
     */
    BookSnapshot orderBook(String symbol, long atNs, int levels);

    /**
     * Completed bars of one instrument over [fromNs, toNs], computed from the journal exactly as the
     * live bar stage builds them; at most {@code limit}.
     *
     * @param spec a bar spec: a duration ("1m", "15s"), "ticks:N", "volume:V" or "value:V"
     * @throws UnknownSymbolException   if the journal has no such instrument
     * @throws IllegalArgumentException for a bad spec
     */
    List<BarRow> bars(String symbol, String spec, long fromNs, long toNs, int limit);

    record BarRow(
        long startNs, long endNs, String open, String high, String low, String close, String volume,
        String buyVolume, String sellVolume, long trades, String vwap, long firstEventNs, long lastEventNs, boolean empty)
    {
    }

    record ContractSummary(
        String symbol, String venue, int instrumentId, long firstEventNs, long lastEventNs,
        long trades, long quotes, long bookDeltas, long rejected)
    {
    }

    record TradeRow(
        long sequence, long eventTimeNs, long receiveTimeNs, String price, String size, String side,
        String bid, String ask, long tradeId)
    {
    }

    record Level(String price, String size, int orders)
    {
    }

    record BookSnapshot(String symbol, long atNs, List<Level> bids, List<Level> asks)
    {
    }

    /** The symbol is not in the journal's instrument catalog. */
    final class UnknownSymbolException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        public UnknownSymbolException(final String symbol)
        {
            super("unknown symbol '" + symbol + "'");
        }
    }
}
