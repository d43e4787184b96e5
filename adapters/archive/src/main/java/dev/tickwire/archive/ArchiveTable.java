package dev.tickwire.archive;

import dev.tickwire.archive.Column.Kind;
import dev.tickwire.engine.bars.features.FeatureCodec;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The archive's tables of journal messages: every message the journal holds is a row of exactly
 * one of them (accepted trades, quotes, book deltas, statuses and instrument definitions, and
 * every rejected message whatever its type), so a day can be rebuilt byte for byte from its files.
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
            default: return REJECTS; // a type this version does not know is kept whole, as a reject is
        }
    }

    /** The accepted trades, quotes and book deltas: a row's watermark is never before its time. */
    boolean marketEvents()
    {
        return this == TRADES || this == QUOTES || this == BOOK_DELTAS;
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
