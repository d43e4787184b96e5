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

/**
 * What a strategy implements to receive market data, live over Aeron or replayed from the journal.
 * Each decoder is a flyweight wrapped over the message for the duration of the call only: copy out
 * what you need to keep.
 */
public interface MarketDataListener
{
    default void onInstrument(final InstrumentDefinitionDecoder definition)
    {
    }

    default void onTrade(final TradeDecoder trade)
    {
    }

    default void onQuote(final QuoteDecoder quote)
    {
    }

    default void onBookDelta(final BookDeltaDecoder delta)
    {
    }

    default void onStatus(final SourceStatusDecoder status)
    {
    }

    /** A completed bar (on the bars stream, or from a bar replay). */
    default void onBar(final BarDecoder bar)
    {
    }

    /** An OHLCV bar as a source gave it (e.g. an exchange's klines), not one tickwire built. */
    default void onCandle(final CandleDecoder candle)
    {
    }

    /** Funding rate, open interest, last, index and mark price of a derivative (absent values are null). */
    default void onDerivativeTicker(final DerivativeTickerDecoder ticker)
    {
    }

    default void onLiquidation(final LiquidationDecoder liquidation)
    {
    }

    /** An option's quote, mark, implied volatilities and greeks (absent values are null). */
    default void onOptionSummary(final OptionSummaryDecoder option)
    {
    }

    /**
     * Messages were lost between the engine and this subscriber (the engine dropped them under
     * back-pressure): stream sequences {@code expected} up to {@code received - 1} never arrived.
     */
    default void onGap(final long expected, final long received)
    {
    }

    /**
     * The engine's heartbeats stopped: none for the subscriber's silence threshold (the market may be
     * quiet, but the engine is not heard either). Called once; {@link #onEngineResumed} when one arrives.
     *
     * @param lastHeartbeatNs event time of the last heartbeat seen, or 0 if none was ever seen
     */
    default void onEngineSilent(final long lastHeartbeatNs)
    {
    }

    /** Heartbeats arrive again after {@link #onEngineSilent}. */
    default void onEngineResumed()
    {
    }
}
