package dev.tickwire.engine.rows;

import dev.tickwire.engine.bars.features.ColumnType;
import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.engine.query.MarketQueries.BookSnapshot;
import dev.tickwire.engine.query.MarketQueries.Level;
import dev.tickwire.engine.query.MarketQueries.TradeRow;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;

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
