package dev.tickwire.engine.query;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;

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
     * One page of time and sales: with {@code cursor} (a page's {@link TradePage#next()}) it continues
     * after that page, so a client walks a whole day in capped pages while the engine writes.
     */
    default TradePage timeAndSales(final String symbol, final long fromNs, final long toNs, final int limit,
        final String cursor)
    {
        if (cursor != null)
        {
            throw new IllegalArgumentException("cursor: these queries do not page");
        }
        return new TradePage(timeAndSales(symbol, fromNs, toNs, limit), null);
    }

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

    /**
     * Bars with their features (docs/features.md): {@code depth} top-N levels, computed from {@code warmupNs}
     * before {@code fromNs} (see {@link dev.tickwire.engine.bars.JournalBars}).
     */
    List<BarRow> bars(String symbol, String spec, long fromNs, long toNs, int limit, int depth, long warmupNs);

    /** @param features the bar's features at its instrument's exponents, or null for a bar without */
    record BarRow(
        long startNs, long endNs, String open, String high, String low, String close, String volume,
        String buyVolume, String sellVolume, long trades, String vwap, long firstEventNs, long lastEventNs, boolean empty,
        Features features)
    {
        /** A copy of a bar's features and the exponents its fixed-point columns are at. */
        public record Features(dev.tickwire.engine.bars.features.FeatureBar values, int priceExponent, int sizeExponent)
        {
        }

        /** A completed bar as a row: decimals at its instrument's exponents. */
        public static BarRow of(final Bar bar)
        {
            final int pe = bar.priceExponent();
            final int se = bar.sizeExponent();
            return new BarRow(bar.startNs(), bar.endNs(), FixedPoint.toDecimalString(bar.open(), pe),
                FixedPoint.toDecimalString(bar.high(), pe), FixedPoint.toDecimalString(bar.low(), pe),
                FixedPoint.toDecimalString(bar.close(), pe), FixedPoint.toDecimalString(bar.volume(), se),
                FixedPoint.toDecimalString(bar.buyVolume(), se), FixedPoint.toDecimalString(bar.sellVolume(), se),
                bar.tradeCount(), FixedPoint.toDecimalString(bar.vwap(), pe), bar.firstEventNs(), bar.lastEventNs(),
                bar.empty(), features(bar.features(), pe, se));
        }

        private static Features features(final dev.tickwire.engine.bars.features.FeatureBar values, final int pe,
            final int se)
        {
            if (values == null)
            {
                return null;
            }
            final dev.tickwire.engine.bars.features.FeatureBar copy = new dev.tickwire.engine.bars.features.FeatureBar();
            copy.copyFrom(values);
            return new Features(copy, pe, se);
        }

        /** A bar as the wire carries it (a pipeline's, a replay's), at its instrument's exponents. */
        public static BarRow of(final dev.tickwire.wire.sbe.BarDecoder bar, final int pe, final int se)
        {
            return new BarRow(bar.startNs(), bar.endNs(), FixedPoint.toDecimalString(bar.openPrice(), pe),
                FixedPoint.toDecimalString(bar.highPrice(), pe), FixedPoint.toDecimalString(bar.lowPrice(), pe),
                FixedPoint.toDecimalString(bar.closePrice(), pe), FixedPoint.toDecimalString(bar.volume(), se),
                FixedPoint.toDecimalString(bar.buyVolume(), se), FixedPoint.toDecimalString(bar.sellVolume(), se),
                bar.tradeCount(), FixedPoint.toDecimalString(bar.vwap(), pe), bar.firstEventNs(), bar.lastEventNs(),
                bar.empty() != 0, decoded(bar, pe, se));
        }

        private static Features decoded(final dev.tickwire.wire.sbe.BarDecoder bar, final int pe, final int se)
        {
            final dev.tickwire.engine.bars.features.FeatureBar values = new dev.tickwire.engine.bars.features.FeatureBar();
            return dev.tickwire.engine.bars.features.FeatureCodec.decode(bar.buffer(),
                bar.offset() - dev.tickwire.wire.Envelope.HEADER_LENGTH, values) ? new Features(values, pe, se) : null;
        }
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
        /** A journaled trade as a row: decimals at the instrument's exponents, bid and ask null when absent. */
        public static TradeRow of(final TradeDecoder t, final Instrument instrument)
        {
            final int pe = instrument == null ? 0 : instrument.priceExponent();
            final int se = instrument == null ? 0 : instrument.sizeExponent();
            return new TradeRow(t.sequence(), t.eventTimeNs(), t.receiveTimeNs(), FixedPoint.toDecimalString(t.price(), pe),
                FixedPoint.toDecimalString(t.size(), se),
                t.aggressor() == Side.BUY ? "buy" : t.aggressor() == Side.SELL ? "sell" : "none",
                t.bidPrice() == Values.NONE ? null : FixedPoint.toDecimalString(t.bidPrice(), pe),
                t.askPrice() == Values.NONE ? null : FixedPoint.toDecimalString(t.askPrice(), pe),
                t.tradeId());
        }
    }

    record Level(String price, String size, int orders)
    {
    }

    /** @param receiveTimeNs receive time of the last event applied to the book, or Values.NONE if not kept */
    /**
     * A page of trades and, when it is full, the cursor of the next page (null on the last page).
     */
    record TradePage(List<TradeRow> trades, String next)
    {
    }

    /** A page of trades as a JSON array, its number of trades and the cursor of the next page (or null). */
    record TradeJsonPage(String json, int count, String next)
    {
    }

    /**
     * {@link #timeAndSales(String, long, long, int, String)} as the JSON array {@code /tas} serves (the rows of
     * {@code MarketRows.trade}).
     */
    default TradeJsonPage timeAndSalesJson(final String symbol, final long fromNs, final long toNs, final int limit,
        final String cursor)
    {
        final TradePage page = timeAndSales(symbol, fromNs, toNs, limit, cursor);
        return new TradeJsonPage(dev.tickwire.engine.rows.MarketRows.jsonArray(dev.tickwire.engine.rows.MarketRows::trade,
            page.trades()), page.trades().size(), page.next());
    }

    /**
     * One instrument's reference data of one type (candle, derivative_ticker, liquidation, option_summary) with
     * {@code fromNs <= eventTime <= toNs}, in journal order, as a JSON array of the rows of {@code MarketRows}
     * (the fields of {@code tickwire reference}), in pages as {@link #timeAndSales(String, long, long, int, String)}.
     *
     * @param type a reference type's name ({@link dev.tickwire.wire.MessageTypes#name})
     * @throws UnknownSymbolException   if the journal has no such instrument
     * @throws IllegalArgumentException for a type that is not reference data, or a bad cursor
     */
    default JsonPage referenceJson(final String symbol, final String type, final long fromNs, final long toNs,
        final int limit, final String cursor)
    {
        referenceType(type);
        return new JsonPage("[]", 0, null);
    }

    /** The template id of a reference type's name, or an IllegalArgumentException naming the four. */
    static int referenceType(final String type)
    {
        final int id = type == null ? -1 : dev.tickwire.wire.MessageTypes.byName(type.trim());
        if (!dev.tickwire.wire.MessageTypes.isReferenceEvent(id))
        {
            throw new IllegalArgumentException("type '" + type + "' is not reference data: use " + REFERENCE_TYPES);
        }
        return id;
    }

    /** The names of the reference-data types, for messages. */
    String REFERENCE_TYPES = "candle, derivative_ticker, liquidation or option_summary";

    /** A page of rows as a JSON array, its number of rows and the cursor of the next page (or null). */
    record JsonPage(String json, int count, String next)
    {
    }

    record BookSnapshot(String symbol, long atNs, long receiveTimeNs, List<Level> bids, List<Level> asks)
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
