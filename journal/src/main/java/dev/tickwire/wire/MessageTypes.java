package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
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

    /** Largest encoded message (header + body); ring slots and Aeron frames are sized from it. */
    public static final int MAX_MESSAGE_LENGTH = Envelope.HEADER_LENGTH + Math.max(
        Math.max(InstrumentDefinitionDecoder.BLOCK_LENGTH, TradeDecoder.BLOCK_LENGTH),
        Math.max(Math.max(QuoteDecoder.BLOCK_LENGTH, BookDeltaDecoder.BLOCK_LENGTH), SourceStatusDecoder.BLOCK_LENGTH));

    private MessageTypes()
    {
    }

    /** The name used by dump and the HTTP API: trade, quote, book_delta, instrument, status. */
    public static String name(final int templateId)
    {
        switch (templateId)
        {
            case INSTRUMENT: return "instrument";
            case TRADE: return "trade";
            case QUOTE: return "quote";
            case BOOK_DELTA: return "book_delta";
            case STATUS: return "status";
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
            default: return -1;
        }
    }

    /** True for trade, quote and book delta: the events that move a market. */
    public static boolean isMarketEvent(final int templateId)
    {
        return templateId == TRADE || templateId == QUOTE || templateId == BOOK_DELTA;
    }
}
