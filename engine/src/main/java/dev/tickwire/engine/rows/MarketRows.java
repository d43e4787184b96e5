package dev.tickwire.engine.rows;

import dev.tickwire.engine.bars.features.ColumnType;
import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.engine.query.MarketQueries.BookSnapshot;
import dev.tickwire.engine.query.MarketQueries.Level;
import dev.tickwire.engine.query.MarketQueries.TradeRow;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * One mapper per record type, the only place that decides a record's fields, their names and order:
 * {@code tickwire tas}, {@code bars}, {@code book}, {@code snapshots --format jsonl}, {@code dump}
 * (trades) and the HTTP API all write through these, in JSON or CSV ({@link RowWriter}).
 */
public final class MarketRows
{
    /** A trade with every field present, for a CSV header. */
    public static final TradeRow TRADE_SAMPLE = new TradeRow(0, 0, 0, "", "", "", "", "", 0);
    /** A bar with every field present, for a CSV header. */
    public static final BarRow BAR_SAMPLE = new BarRow(0, 0, "", "", "", "", "", "", "", 0, "", 0, 0, false, null);
    /** A bar with features, for the header of feature rows. */
    public static final BarRow FEATURE_BAR_SAMPLE = new BarRow(0, 0, "", "", "", "", "", "", "", 0, "", 0, 0, false,
        new BarRow.Features(new FeatureBar(), 0, 0));

    private MarketRows()
    {
    }

    /** seq, ts (+ ts_ns), recv_ns, price, size, side, bid, ask, trade_id. */
    public static void trade(final TradeRow t, final RowWriter row)
    {
        row.integer("seq", t.sequence()).time("ts", t.eventTimeNs()).nanos("recv_ns", t.receiveTimeNs())
            .decimal("price", t.price()).decimal("size", t.size()).text("side", t.side())
            .decimal("bid", t.bid()).decimal("ask", t.ask()).integer("trade_id", t.tradeId());
    }

    /**
     * The same fields as {@link #trade(TradeRow, RowWriter)}, straight from the journal's bytes: no row
     * object and no decimal strings per trade (an hour of trades is a few hundred thousand of them).
     */
    public static void trade(final TradeDecoder t, final Instrument instrument, final RowWriter row)
    {
        final int pe = instrument.priceExponent();
        final int se = instrument.sizeExponent();
        row.integer("seq", t.sequence()).time("ts", t.eventTimeNs()).nanos("recv_ns", t.receiveTimeNs())
            .decimal("price", t.price(), pe).decimal("size", t.size(), se)
            .text("side", t.aggressor() == Side.BUY ? "buy" : t.aggressor() == Side.SELL ? "sell" : "none")
            .decimal("bid", t.bidPrice(), pe).decimal("ask", t.askPrice(), pe).integer("trade_id", t.tradeId());
    }

    /**
     * start, end, open, high, low, close, volume, buy_volume, sell_volume, trades, vwap, first_event,
     * last_event (times with their _ns; an empty bar has no first or last event), empty.
     */
    public static void bar(final BarRow b, final RowWriter row)
    {
        row.time("start", b.startNs()).time("end", b.endNs())
            .decimal("open", b.open()).decimal("high", b.high()).decimal("low", b.low()).decimal("close", b.close())
            .decimal("volume", b.volume()).decimal("buy_volume", b.buyVolume()).decimal("sell_volume", b.sellVolume())
            .integer("trades", b.trades()).decimal("vwap", b.vwap())
            .time("first_event", b.empty() ? Values.NONE : b.firstEventNs())
            .time("last_event", b.empty() ? Values.NONE : b.lastEventNs())
            .flag("empty", b.empty());
        if (b.features() != null)
        {
            features(b.features(), row);
        }
    }

    /**
     * A source's OHLCV bar: seq, ts (+ ts_ns, the bar's end), recv_ns, start (+ start_ns), interval_ns, open, high,
     * low, close, volume, buy_volume, trades (the last two empty when the source has none); at the instrument's
     * exponents.
     */
    public static void candle(final CandleDecoder c, final Instrument instrument, final RowWriter row)
    {
        final int pe = instrument == null ? 0 : instrument.priceExponent();
        final int se = instrument == null ? 0 : instrument.sizeExponent();
        row.integer("seq", c.sequence()).time("ts", c.eventTimeNs()).nanos("recv_ns", c.receiveTimeNs())
            .time("start", c.startNs()).integer("interval_ns", c.intervalNs())
            .decimal("open", c.openPrice(), pe).decimal("high", c.highPrice(), pe).decimal("low", c.lowPrice(), pe)
            .decimal("close", c.closePrice(), pe).decimal("volume", c.volume(), se)
            .decimal("buy_volume", c.buyVolume(), se).integer("trades", c.tradeCount());
    }

    /**
     * A derivative's ticker: seq, ts, recv_ns, funding_time, funding_rate, predicted_funding_rate, open_interest,
     * last_price, index_price, mark_price; each at the exponent the message carries, absent values empty.
     */
    public static void derivativeTicker(final DerivativeTickerDecoder t, final RowWriter row)
    {
        final int pe = t.priceExponent();
        final int se = t.sizeExponent();
        final int re = t.rateExponent();
        row.integer("seq", t.sequence()).time("ts", t.eventTimeNs()).nanos("recv_ns", t.receiveTimeNs())
            .time("funding_time", t.fundingTimeNs());
        scaled(row, "funding_rate", t.fundingRate(), re);
        scaled(row, "predicted_funding_rate", t.predictedFundingRate(), re);
        scaled(row, "open_interest", t.openInterest(), se);
        scaled(row, "last_price", t.lastPrice(), pe);
        scaled(row, "index_price", t.indexPrice(), pe);
        scaled(row, "mark_price", t.markPrice(), pe);
    }

    /** A forced order: seq, ts, recv_ns, price, size, side (buy: a short was liquidated), liquidation_id. */
    public static void liquidation(final LiquidationDecoder l, final Instrument instrument, final RowWriter row)
    {
        final int pe = instrument == null ? 0 : instrument.priceExponent();
        final int se = instrument == null ? 0 : instrument.sizeExponent();
        row.integer("seq", l.sequence()).time("ts", l.eventTimeNs()).nanos("recv_ns", l.receiveTimeNs())
            .decimal("price", l.price(), pe).decimal("size", l.size(), se)
            .text("side", l.side() == Side.BUY ? "buy" : l.side() == Side.SELL ? "sell" : "none")
            .integer("liquidation_id", l.liquidationId());
    }

    /**
     * An option's summary: seq, ts, recv_ns, option_type (call, put), strike_price, expiration, open_interest,
     * last_price, bid_price, bid_size, bid_iv, ask_price, ask_size, ask_iv, mark_price, mark_iv,
     * underlying_price, delta, gamma, vega, theta, rho; each at the exponent the message carries for its kind.
     */
    public static void optionSummary(final OptionSummaryDecoder o, final RowWriter row)
    {
        final int pe = o.priceExponent();
        final int ue = o.underlyingExponent();
        final int se = o.sizeExponent();
        final int ve = o.valueExponent();
        row.integer("seq", o.sequence()).time("ts", o.eventTimeNs()).nanos("recv_ns", o.receiveTimeNs())
            .text("option_type", o.optionType() == OptionType.CALL ? "call" :
                o.optionType() == OptionType.PUT ? "put" : null);
        scaled(row, "strike_price", o.strikePrice(), ue);
        row.time("expiration", o.expirationNs());
        scaled(row, "open_interest", o.openInterest(), se);
        scaled(row, "last_price", o.lastPrice(), pe);
        scaled(row, "bid_price", o.bidPrice(), pe);
        scaled(row, "bid_size", o.bidSize(), se);
        scaled(row, "bid_iv", o.bidIv(), ve);
        scaled(row, "ask_price", o.askPrice(), pe);
        scaled(row, "ask_size", o.askSize(), se);
        scaled(row, "ask_iv", o.askIv(), ve);
        scaled(row, "mark_price", o.markPrice(), pe);
        scaled(row, "mark_iv", o.markIv(), ve);
        scaled(row, "underlying_price", o.underlyingPrice(), ue);
        scaled(row, "delta", o.delta(), ve);
        scaled(row, "gamma", o.gamma(), ve);
        scaled(row, "vega", o.vega(), ve);
        scaled(row, "theta", o.theta(), ve);
        scaled(row, "rho", o.rho(), ve);
    }

    /**
     * A value at the exponent its message carries. The validator holds accepted messages to [-18, 18]; a rejected
     * one may carry any byte, and is written as mantissa{@code e}exponent (still exact) rather than failing.
     */
    private static void scaled(final RowWriter row, final String name, final long mantissa, final int exponent)
    {
        if (exponent >= -18 && exponent <= 18 || mantissa == Values.NONE || mantissa == FixedPoint.NOT_FINITE)
        {
            row.decimal(name, mantissa, exponent);
        }
        else
        {
            row.decimal(name, mantissa + "e" + exponent);
        }
    }

    /** The CSV header of a reference-data type's rows (candle, derivative_ticker, liquidation, option_summary). */
    public static String referenceHeader(final int templateId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageTypes.MAX_MESSAGE_LENGTH]);
        final MessageWriter writer = new MessageWriter();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        switch (templateId)
        {
            case MessageTypes.CANDLE:
                writer.candle(buffer, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
                return CsvRow.header((CandleDecoder c, RowWriter r) -> candle(c, null, r),
                    new CandleDecoder().wrapAndApplyHeader(buffer, 0, header));
            case MessageTypes.DERIVATIVE_TICKER:
                writer.derivativeTicker(buffer, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                return CsvRow.header(MarketRows::derivativeTicker,
                    new DerivativeTickerDecoder().wrapAndApplyHeader(buffer, 0, header));
            case MessageTypes.LIQUIDATION:
                writer.liquidation(buffer, 0, 0, 0, 0, 0, 0, 0, 0, Side.BUY, 0);
                return CsvRow.header((LiquidationDecoder l, RowWriter r) -> liquidation(l, null, r),
                    new LiquidationDecoder().wrapAndApplyHeader(buffer, 0, header));
            case MessageTypes.OPTION_SUMMARY:
                writer.optionSummary(buffer, 0, 0, 0, 0, 0, 0, OptionType.CALL, 0, 0, 0, 0, 0, 0);
                return CsvRow.header(MarketRows::optionSummary,
                    new OptionSummaryDecoder().wrapAndApplyHeader(buffer, 0, header));
            default:
                throw new IllegalArgumentException("not a reference-data type: " + MessageTypes.name(templateId));
        }
    }

    /** Every feature column (docs/features.md), absent when null: one loop over {@link FeatureColumn}. */
    public static void features(final BarRow.Features f, final RowWriter row)
    {
        final FeatureBar v = f.values();
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            final FeatureColumn c = FeatureColumn.of(i);
            final ColumnType type = c.type();
            if (type.isDouble())
            {
                row.real(c.columnName(), v.doubleValue(i));
            }
            else if (type.isFixedPoint())
            {
                row.decimal(c.columnName(), v.longValue(i), type.exponent(f.priceExponent(), f.sizeExponent()));
            }
            else if (type == ColumnType.TIME_NS)
            {
                row.nanos(c.columnName(), v.longValue(i));
            }
            else
            {
                row.integer(c.columnName(), v.longValue(i));
            }
        }
    }

    /** price, size, orders. */
    public static void level(final Level level, final RowWriter row)
    {
        row.decimal("price", level.price()).decimal("size", level.size()).integer("orders", level.orders());
    }

    /** {symbol, ts (+ ts_ns), recv_ns (if kept), bids: [level…], asks: [level…]}, best first. */
    public static void book(final BookSnapshot book, final JsonRow row)
    {
        row.beginObject().text("symbol", book.symbol()).time("ts", book.atNs()).nanos("recv_ns", book.receiveTimeNs());
        levels(row.array("bids"), book.bids());
        levels(row.array("asks"), book.asks());
        row.endObject();
    }

    private static void levels(final JsonRow row, final List<Level> levels)
    {
        for (final Level level : levels)
        {
            row.beginObject();
            level(level, row);
            row.endObject();
        }
        row.endArray();
    }

    /** One JSON object of a record: for JSON lines and HTTP answers. */
    public static <T> String json(final java.util.function.BiConsumer<T, RowWriter> mapper, final T record)
    {
        final JsonRow row = new JsonRow(new StringBuilder(256)).beginObject();
        mapper.accept(record, row);
        return row.endObject().builder().toString();
    }

    /** A JSON array of records: an HTTP answer that is a list. */
    public static <T> String jsonArray(final java.util.function.BiConsumer<T, RowWriter> mapper, final List<T> records)
    {
        final JsonRow row = new JsonRow(new StringBuilder(64 + records.size() * 160)).beginArray();
        for (final T record : records)
        {
            row.beginObject();
            mapper.accept(record, row);
            row.endObject();
        }
        return row.endArray().builder().toString();
    }
}
