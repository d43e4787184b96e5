package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;

/** Template ids of the tickwire messages, as constants usable in a switch, and their names for output. */
public final class MessageTypes
{
    public static final int INSTRUMENT = InstrumentDefinitionDecoder.TEMPLATE_ID;
    public static final int TRADE = TradeDecoder.TEMPLATE_ID;
    public static final int QUOTE = QuoteDecoder.TEMPLATE_ID;
    public static final int BOOK_DELTA = BookDeltaDecoder.TEMPLATE_ID;
    public static final int STATUS = SourceStatusDecoder.TEMPLATE_ID;
    public static final int BAR = BarDecoder.TEMPLATE_ID;
    public static final int CANDLE = CandleDecoder.TEMPLATE_ID;
    public static final int DERIVATIVE_TICKER = DerivativeTickerDecoder.TEMPLATE_ID;
    public static final int LIQUIDATION = LiquidationDecoder.TEMPLATE_ID;
    public static final int OPTION_SUMMARY = OptionSummaryDecoder.TEMPLATE_ID;
    /**
     * The source id of the engine's own statuses (heartbeats, alerts): the largest uint16, which no feed
     * is given, so the engine's statuses never move a feed's checkpoint.
     */
    public static final int ENGINE_SOURCE_ID = 0xFFFF;

    /** Largest encoded tick message (header + body): the ring's slots are sized from it. Bars are separate. */
    public static final int MAX_MESSAGE_LENGTH = Envelope.HEADER_LENGTH + max(
        InstrumentDefinitionDecoder.BLOCK_LENGTH, TradeDecoder.BLOCK_LENGTH, QuoteDecoder.BLOCK_LENGTH,
        BookDeltaDecoder.BLOCK_LENGTH, SourceStatusDecoder.BLOCK_LENGTH, CandleDecoder.BLOCK_LENGTH,
        DerivativeTickerDecoder.BLOCK_LENGTH, LiquidationDecoder.BLOCK_LENGTH, OptionSummaryDecoder.BLOCK_LENGTH);

    /** A bar (published on its own stream by the bar handler; never in the ring). */
    public static final int BAR_LENGTH = Envelope.HEADER_LENGTH + BarDecoder.BLOCK_LENGTH;

    private MessageTypes()
    {
    }

    /** The name used by dump and the HTTP API: trade, quote, book_delta, instrument, status, bar, candle… */
    public static String name(final int templateId)
    {
        switch (templateId)
        {
            case INSTRUMENT: return "instrument";
            case TRADE: return "trade";
            case QUOTE: return "quote";
            case BOOK_DELTA: return "book_delta";
            case STATUS: return "status";
            case BAR: return "bar";
            case CANDLE: return "candle";
            case DERIVATIVE_TICKER: return "derivative_ticker";
            case LIQUIDATION: return "liquidation";
            case OPTION_SUMMARY: return "option_summary";
            default: return "unknown";
        }
    }

    /** Inverse of {@link #name(int)}; -1 when unknown. */
    public static int byName(final String name)
    {
        switch (name)
        {
            case "instrument": return INSTRUMENT;
            case "trade": return TRADE;
            case "quote": return QUOTE;
            case "book_delta": return BOOK_DELTA;
            case "status": return STATUS;
            case "bar": return BAR;
            case "candle": return CANDLE;
            case "derivative_ticker": return DERIVATIVE_TICKER;
            case "liquidation": return LIQUIDATION;
            case "option_summary": return OPTION_SUMMARY;
            default: return -1;
        }
    }

    /** True for trade, quote and book delta: the events that move a market. */
    public static boolean isMarketEvent(final int templateId)
    {
        return templateId == TRADE || templateId == QUOTE || templateId == BOOK_DELTA;
    }

    /**
     * True for the reference data a source reports about an instrument (candles, derivative tickers,
     * liquidations, option summaries): timed source records, validated and journaled like market events,
     * but they move no book and no bar.
     */
    public static boolean isReferenceEvent(final int templateId)
    {
        return templateId >= CANDLE && templateId <= OPTION_SUMMARY;
    }

    /** A market or reference event: a timed source record of an instrument (it moves the journal's watermark). */
    public static boolean isEvent(final int templateId)
    {
        return isMarketEvent(templateId) || isReferenceEvent(templateId);
    }

    private static int max(final int... values)
    {
        int max = 0;
        for (final int v : values)
        {
            max = Math.max(max, v);
        }
        return max;
    }
}
