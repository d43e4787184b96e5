package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes one message and calls the matching {@link MarketDataListener} method. One instance per
 * thread (it holds flyweights); no allocation per message.
 */
public final class MessageDispatcher
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final QuoteDecoder quote = new QuoteDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final SourceStatusDecoder status = new SourceStatusDecoder();
    private final BarDecoder bar = new BarDecoder();
    private final CandleDecoder candle = new CandleDecoder();
    private final DerivativeTickerDecoder ticker = new DerivativeTickerDecoder();
    private final LiquidationDecoder liquidation = new LiquidationDecoder();
    private final OptionSummaryDecoder option = new OptionSummaryDecoder();

    /** @return the template id, or -1 for a message of another schema or an unknown type (ignored) */
    public int dispatch(final DirectBuffer buffer, final int offset, final MarketDataListener listener)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != TradeDecoder.SCHEMA_ID)
        {
            return -1;
        }
        final int templateId = header.templateId();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case MessageTypes.TRADE:
                listener.onTrade(trade.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.QUOTE:
                listener.onQuote(quote.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.BOOK_DELTA:
                listener.onBookDelta(delta.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.INSTRUMENT:
                listener.onInstrument(definition.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.STATUS:
                listener.onStatus(status.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.BAR:
                listener.onBar(bar.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.CANDLE:
                listener.onCandle(candle.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.DERIVATIVE_TICKER:
                listener.onDerivativeTicker(ticker.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.LIQUIDATION:
                listener.onLiquidation(liquidation.wrap(buffer, body, blockLength, version));
                return templateId;
            case MessageTypes.OPTION_SUMMARY:
                listener.onOptionSummary(option.wrap(buffer, body, blockLength, version));
                return templateId;
            default:
                return -1;
        }
    }
}
