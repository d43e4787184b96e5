package dev.tickwire.archive;

import dev.tickwire.archive.Column.Kind;
import dev.tickwire.engine.bars.features.FeatureCodec;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The archive's tables of journal messages: every message the journal holds is a row of exactly
 * one of them (accepted trades, quotes, book deltas, statuses, instrument definitions and reference data,
 * and every rejected message whatever its type), so a day can be rebuilt byte for byte from its files.
 * Columns are named as {@code dump} names the fields.
 */
enum ArchiveTable
{
    TRADES("trades", MessageTypes.TRADE, true),
    QUOTES("quotes", MessageTypes.QUOTE, true),
    BOOK_DELTAS("book_deltas", MessageTypes.BOOK_DELTA, true),
    STATUSES("statuses", MessageTypes.STATUS, false),
    DEFINITIONS("definitions", MessageTypes.INSTRUMENT, false),
    REJECTS("rejects", -1, false),
    /** A source's OHLCV bars, at the instrument's exponents (a file per instrument, as trades). */
    CANDLES("candles", MessageTypes.CANDLE, true),
    /** Funding, open interest, last/index/mark prices: each value at the message's own exponent, kept in a column. */
    DERIVATIVE_TICKERS("derivative_tickers", MessageTypes.DERIVATIVE_TICKER, false),
    LIQUIDATIONS("liquidations", MessageTypes.LIQUIDATION, true),
    /** Options' quotes, marks, IVs and greeks at the message's exponents; one file a day (a chain has many options). */
    OPTION_SUMMARIES("option_summaries", MessageTypes.OPTION_SUMMARY, false),
    /** Derived: the bars of one spec (the directory is bars_&lt;spec&gt;, e.g. bars_1m); not rebuilt into the journal. */
    BARS("bars", MessageTypes.BAR, true),
    /** Derived: top-N book snapshots at an interval (snapshots_&lt;N&gt;_&lt;interval&gt;); columns by N, see {@link SnapshotSpec}. */
    SNAPSHOTS("snapshots", -1, true);

    private static final int H = Envelope.HEADER_LENGTH;

    private final String dirName;
    private final int templateId;
    private final boolean perInstrument;
    private final List<Column> columns;

    ArchiveTable(final String dirName, final int templateId, final boolean perInstrument)
    {
        this.dirName = dirName;
        this.templateId = templateId;
        this.perInstrument = perInstrument;
        this.columns = List.copyOf(columns(dirName));
    }

    /** The directory under the archive, also the SQL view's name. */
    String dirName()
    {
        return dirName;
    }

    /** The message type of the rows (-1 for rejects, which hold any type). */
    int templateId()
    {
        return templateId;
    }

    /** One file per instrument (market events), or one file per day holding every instrument. */
    boolean perInstrument()
    {
        return perInstrument;
    }

    List<Column> columns()
    {
        return columns;
    }

    /** SBE block length of the table's messages (rejects keep their bytes). */
    int blockLength()
    {
        switch (this)
        {
            case TRADES: return TradeDecoder.BLOCK_LENGTH;
            case QUOTES: return QuoteDecoder.BLOCK_LENGTH;
            case BOOK_DELTAS: return BookDeltaDecoder.BLOCK_LENGTH;
            case STATUSES: return SourceStatusDecoder.BLOCK_LENGTH;
            case DEFINITIONS: return InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case CANDLES: return CandleDecoder.BLOCK_LENGTH;
            case DERIVATIVE_TICKERS: return DerivativeTickerDecoder.BLOCK_LENGTH;
            case LIQUIDATIONS: return LiquidationDecoder.BLOCK_LENGTH;
            case OPTION_SUMMARIES: return OptionSummaryDecoder.BLOCK_LENGTH;
            case BARS: return BarDecoder.BLOCK_LENGTH;
            default: return 0;
        }
    }

    /** The table a journaled message belongs to. */
    static ArchiveTable of(final int templateId, final boolean accepted)
    {
        if (!accepted)
        {
            return REJECTS;
        }
        switch (templateId)
        {
            case MessageTypes.TRADE: return TRADES;
            case MessageTypes.QUOTE: return QUOTES;
            case MessageTypes.BOOK_DELTA: return BOOK_DELTAS;
            case MessageTypes.STATUS: return STATUSES;
            case MessageTypes.INSTRUMENT: return DEFINITIONS;
            case MessageTypes.CANDLE: return CANDLES;
            case MessageTypes.DERIVATIVE_TICKER: return DERIVATIVE_TICKERS;
            case MessageTypes.LIQUIDATION: return LIQUIDATIONS;
            case MessageTypes.OPTION_SUMMARY: return OPTION_SUMMARIES;
            default: return REJECTS; // a type this version does not know is kept whole, as a reject is
        }
    }

    /**
     * The accepted market and reference events: they move the watermark, so a row's watermark is never before
     * its time (a lag of 0 is stored as null).
     */
    boolean marketEvents()
    {
        return templateId > 0 && MessageTypes.isEvent(templateId);
    }

    /** True for the tables of journal messages (a day is rebuilt from these), false for derived ones. */
    boolean journaled()
    {
        return this != BARS && this != SNAPSHOTS;
    }

    static ArchiveTable byDirName(final String name)
    {
        if (name.startsWith("bars_"))
        {
            return BARS;
        }
        if (name.startsWith("snapshots_"))
        {
            return SNAPSHOTS;
        }
        for (final ArchiveTable t : values())
        {
            if (t.dirName.equals(name))
            {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown archive type '" + name + "'");
    }

    private static List<Column> columns(final String table)
    {
        final List<Column> c = new ArrayList<>();
        if (table.equals("bars"))
        {
            return bars(c);
        }
        if (table.equals("snapshots"))
        {
            return c; // by the number of levels: SnapshotSpec.columns
        }
        c.add(Column.integer("seq", H + TradeDecoder.sequenceEncodingOffset(), 8));
        c.add(Column.of("ts", Kind.TIME, H + TradeDecoder.eventTimeNsEncodingOffset(), 8));
        c.add(Column.of("recv", Kind.TIME, H + TradeDecoder.receiveTimeNsEncodingOffset(), 8));
        switch (table)
        {
            case "trades":
                c.add(Column.of("price", Kind.PRICE, H + TradeDecoder.priceEncodingOffset(), 8));
                c.add(Column.of("size", Kind.SIZE, H + TradeDecoder.sizeEncodingOffset(), 8));
                c.add(Column.label("side", H + TradeDecoder.aggressorEncodingOffset(), "none", "buy", "sell"));
                c.add(Column.of("bid", Kind.OPTIONAL_PRICE, H + TradeDecoder.bidPriceEncodingOffset(), 8));
                c.add(Column.of("ask", Kind.OPTIONAL_PRICE, H + TradeDecoder.askPriceEncodingOffset(), 8));
                c.add(Column.integer("trade_id", H + TradeDecoder.tradeIdEncodingOffset(), 8));
                break;
            case "quotes":
                c.add(Column.of("bid", Kind.PRICE, H + QuoteDecoder.bidPriceEncodingOffset(), 8));
                c.add(Column.of("bid_size", Kind.SIZE, H + QuoteDecoder.bidSizeEncodingOffset(), 8));
                c.add(Column.of("ask", Kind.PRICE, H + QuoteDecoder.askPriceEncodingOffset(), 8));
                c.add(Column.of("ask_size", Kind.SIZE, H + QuoteDecoder.askSizeEncodingOffset(), 8));
                break;
            case "book_deltas":
                c.add(Column.label("action", H + BookDeltaDecoder.actionEncodingOffset(), "clear", "add", "modify", "delete"));
                c.add(Column.label("side", H + BookDeltaDecoder.sideEncodingOffset(), "buy", "sell"));
                c.add(Column.of("price", Kind.PRICE, H + BookDeltaDecoder.priceEncodingOffset(), 8));
                c.add(Column.of("size", Kind.SIZE, H + BookDeltaDecoder.sizeEncodingOffset(), 8));
                c.add(Column.integer("orders", H + BookDeltaDecoder.orderCountEncodingOffset(), 4));
                c.add(Column.integer("flags", H + BookDeltaDecoder.flagsEncodingOffset(), 1));
                c.add(Column.of("batch_end", Kind.BATCH_END, H + BookDeltaDecoder.flagsEncodingOffset(), 1));
                break;
            case "statuses":
                final String[] codes = new String[StatusCode.values().length - 1];
                for (final StatusCode code : StatusCode.values())
                {
                    if (code != StatusCode.NULL_VAL)
                    {
                        codes[code.value()] = code.name().toLowerCase(Locale.ROOT);
                    }
                }
                c.add(Column.label("status", H + SourceStatusDecoder.statusEncodingOffset(), codes));
                c.add(Column.integer("value", H + SourceStatusDecoder.valueEncodingOffset(), 8));
                break;
            case "definitions":
                c.add(Column.of("symbol", Kind.CHARS, H + InstrumentDefinitionDecoder.symbolEncodingOffset(),
                    InstrumentDefinitionDecoder.symbolLength()));
                c.add(Column.of("venue", Kind.CHARS, H + InstrumentDefinitionDecoder.venueEncodingOffset(),
                    InstrumentDefinitionDecoder.venueLength()));
                c.add(Column.integer("price_exponent", H + InstrumentDefinitionDecoder.priceExponentEncodingOffset(), 1));
                c.add(Column.integer("size_exponent", H + InstrumentDefinitionDecoder.sizeExponentEncodingOffset(), 1));
                c.add(Column.integer("tick_size", H + InstrumentDefinitionDecoder.tickSizeEncodingOffset(), 8));
                break;
            case "candles":
                c.add(Column.of("start", Kind.TIME, H + CandleDecoder.startNsEncodingOffset(), 8));
                c.add(Column.integer("interval_ns", H + CandleDecoder.intervalNsEncodingOffset(), 8));
                c.add(Column.of("open", Kind.PRICE, H + CandleDecoder.openPriceEncodingOffset(), 8));
                c.add(Column.of("high", Kind.PRICE, H + CandleDecoder.highPriceEncodingOffset(), 8));
                c.add(Column.of("low", Kind.PRICE, H + CandleDecoder.lowPriceEncodingOffset(), 8));
                c.add(Column.of("close", Kind.PRICE, H + CandleDecoder.closePriceEncodingOffset(), 8));
                c.add(Column.of("volume", Kind.SIZE, H + CandleDecoder.volumeEncodingOffset(), 8));
                c.add(Column.of("buy_volume", Kind.OPTIONAL_SIZE, H + CandleDecoder.buyVolumeEncodingOffset(), 8));
                c.add(Column.of("trades", Kind.OPTIONAL_INTEGER, H + CandleDecoder.tradeCountEncodingOffset(), 8));
                break;
            case "derivative_tickers":
            {
                final int pe = H + DerivativeTickerDecoder.priceExponentEncodingOffset();
                final int se = H + DerivativeTickerDecoder.sizeExponentEncodingOffset();
                final int re = H + DerivativeTickerDecoder.rateExponentEncodingOffset();
                c.add(Column.of("funding_time", Kind.OPTIONAL_TIME,
                    H + DerivativeTickerDecoder.fundingTimeNsEncodingOffset(), 8));
                c.add(Column.scaled("funding_rate", H + DerivativeTickerDecoder.fundingRateEncodingOffset(), re));
                c.add(Column.scaled("predicted_funding_rate",
                    H + DerivativeTickerDecoder.predictedFundingRateEncodingOffset(), re));
                c.add(Column.scaled("open_interest", H + DerivativeTickerDecoder.openInterestEncodingOffset(), se));
                c.add(Column.scaled("last_price", H + DerivativeTickerDecoder.lastPriceEncodingOffset(), pe));
                c.add(Column.scaled("index_price", H + DerivativeTickerDecoder.indexPriceEncodingOffset(), pe));
                c.add(Column.scaled("mark_price", H + DerivativeTickerDecoder.markPriceEncodingOffset(), pe));
                c.add(Column.integer("price_exponent", pe, 1));
                c.add(Column.integer("size_exponent", se, 1));
                c.add(Column.integer("rate_exponent", re, 1));
                break;
            }
            case "liquidations":
                c.add(Column.of("price", Kind.PRICE, H + LiquidationDecoder.priceEncodingOffset(), 8));
                c.add(Column.of("size", Kind.SIZE, H + LiquidationDecoder.sizeEncodingOffset(), 8));
                c.add(Column.label("side", H + LiquidationDecoder.sideEncodingOffset(), "none", "buy", "sell"));
                c.add(Column.of("liquidation_id", Kind.OPTIONAL_INTEGER,
                    H + LiquidationDecoder.liquidationIdEncodingOffset(), 8));
                break;
            case "option_summaries":
                option(c);
                break;
            case "rejects":
                c.add(Column.extra("type", Kind.MESSAGE_TYPE));
                c.add(Column.extra("reason", Kind.REJECT_REASON));
                c.add(Column.extra("message", Kind.MESSAGE_JSON));
                c.add(Column.extra("raw", Kind.MESSAGE_BYTES));
                break;
            default:
                throw new IllegalArgumentException(table);
        }
        c.add(Column.integer("instrument_id", H + TradeDecoder.instrumentIdEncodingOffset(), 4));
        c.add(Column.integer("source", H + TradeDecoder.sourceIdEncodingOffset(), 2));
        c.add(Column.integer("source_pos", H + TradeDecoder.sourcePositionEncodingOffset(), 8));
        c.add(Column.of("stream_seq", Kind.ZERO_AS_NULL, H + TradeDecoder.streamSequenceEncodingOffset(), 8));
        c.add(Column.extra("wm_lag_ns", Kind.WATERMARK_LAG));
        return c;
    }

    /** An option summary as {@code tickwire reference} prints it, each value at its kind's exponent, then those. */
    private static void option(final List<Column> c)
    {
        final int pe = H + OptionSummaryDecoder.priceExponentEncodingOffset();
        final int ue = H + OptionSummaryDecoder.underlyingExponentEncodingOffset();
        final int se = H + OptionSummaryDecoder.sizeExponentEncodingOffset();
        final int ve = H + OptionSummaryDecoder.valueExponentEncodingOffset();
        c.add(Column.label("option_type", H + OptionSummaryDecoder.optionTypeEncodingOffset(), "call", "put"));
        c.add(Column.scaled("strike_price", H + OptionSummaryDecoder.strikePriceEncodingOffset(), ue));
        c.add(Column.of("expiration", Kind.TIME, H + OptionSummaryDecoder.expirationNsEncodingOffset(), 8));
        c.add(Column.scaled("open_interest", H + OptionSummaryDecoder.openInterestEncodingOffset(), se));
        c.add(Column.scaled("last_price", H + OptionSummaryDecoder.lastPriceEncodingOffset(), pe));
        c.add(Column.scaled("bid_price", H + OptionSummaryDecoder.bidPriceEncodingOffset(), pe));
        c.add(Column.scaled("bid_size", H + OptionSummaryDecoder.bidSizeEncodingOffset(), se));
        c.add(Column.scaled("bid_iv", H + OptionSummaryDecoder.bidIvEncodingOffset(), ve));
        c.add(Column.scaled("ask_price", H + OptionSummaryDecoder.askPriceEncodingOffset(), pe));
        c.add(Column.scaled("ask_size", H + OptionSummaryDecoder.askSizeEncodingOffset(), se));
        c.add(Column.scaled("ask_iv", H + OptionSummaryDecoder.askIvEncodingOffset(), ve));
        c.add(Column.scaled("mark_price", H + OptionSummaryDecoder.markPriceEncodingOffset(), pe));
        c.add(Column.scaled("mark_iv", H + OptionSummaryDecoder.markIvEncodingOffset(), ve));
        c.add(Column.scaled("underlying_price", H + OptionSummaryDecoder.underlyingPriceEncodingOffset(), ue));
        c.add(Column.scaled("delta", H + OptionSummaryDecoder.deltaEncodingOffset(), ve));
        c.add(Column.scaled("gamma", H + OptionSummaryDecoder.gammaEncodingOffset(), ve));
        c.add(Column.scaled("vega", H + OptionSummaryDecoder.vegaEncodingOffset(), ve));
        c.add(Column.scaled("theta", H + OptionSummaryDecoder.thetaEncodingOffset(), ve));
        c.add(Column.scaled("rho", H + OptionSummaryDecoder.rhoEncodingOffset(), ve));
        c.add(Column.integer("price_exponent", pe, 1));
        c.add(Column.integer("underlying_exponent", ue, 1));
        c.add(Column.integer("size_exponent", se, 1));
        c.add(Column.integer("value_exponent", ve, 1));
    }

    /**
     * A bar as {@code tickwire bars} prints it, then every feature column (null when the bar has none); seq is
     * the engine sequence of its last trade.
     */
    private static List<Column> bars(final List<Column> c)
    {
        c.add(Column.of("start", Kind.TIME, H + BarDecoder.startNsEncodingOffset(), 8));
        c.add(Column.of("end", Kind.TIME, H + BarDecoder.endNsEncodingOffset(), 8));
        c.add(Column.of("open", Kind.PRICE, H + BarDecoder.openPriceEncodingOffset(), 8));
        c.add(Column.of("high", Kind.PRICE, H + BarDecoder.highPriceEncodingOffset(), 8));
        c.add(Column.of("low", Kind.PRICE, H + BarDecoder.lowPriceEncodingOffset(), 8));
        c.add(Column.of("close", Kind.PRICE, H + BarDecoder.closePriceEncodingOffset(), 8));
        c.add(Column.of("volume", Kind.SIZE, H + BarDecoder.volumeEncodingOffset(), 8));
        c.add(Column.of("buy_volume", Kind.SIZE, H + BarDecoder.buyVolumeEncodingOffset(), 8));
        c.add(Column.of("sell_volume", Kind.SIZE, H + BarDecoder.sellVolumeEncodingOffset(), 8));
        c.add(Column.integer("trades", H + BarDecoder.tradeCountEncodingOffset(), 8));
        c.add(Column.of("vwap", Kind.PRICE, H + BarDecoder.vwapEncodingOffset(), 8));
        c.add(Column.of("first_event", Kind.TIME, H + BarDecoder.firstEventNsEncodingOffset(), 8));
        c.add(Column.of("last_event", Kind.TIME, H + BarDecoder.lastEventNsEncodingOffset(), 8));
        c.add(Column.integer("empty", H + BarDecoder.emptyEncodingOffset(), 1));
        c.add(Column.integer("seq", H + BarDecoder.sequenceEncodingOffset(), 8));
        c.add(Column.integer("instrument_id", H + BarDecoder.instrumentIdEncodingOffset(), 4));
        for (final FeatureColumn f : FeatureColumn.values())
        {
            c.add(Column.feature(f, FeatureCodec.OFFSET + 8 * f.ordinal()));
        }
        return c;
    }
}
