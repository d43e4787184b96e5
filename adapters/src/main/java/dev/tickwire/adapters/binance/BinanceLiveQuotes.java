package dev.tickwire.adapters.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Values;

/**
 * The {@code bookTicker} stream of a symbol: each frame the best bid and ask (b, B, a, A) at book update
 * id u. Spot frames carry no time, so the event time is the receive time. An update id at or below the
 * last is stale (a duplicate, or overtaken) and dropped; ids are not consecutive here (the book's
 * ids), so a drop cannot be seen and none is claimed.
 */
final class BinanceLiveQuotes extends BinanceLiveSource
{
    private long lastUpdateId = Values.NONE;

    BinanceLiveQuotes(final int sourceId, final String symbol, final String instrument, final String stream,
        final BinanceSession session)
    {
        super(sourceId, symbol, instrument, stream, session);
    }

    @Override
    void onData(final JsonNode data, final long receiveNs)
    {
        final long updateId;
        final long bid;
        final long bidSize;
        final long ask;
        final long askSize;
        try
        {
            updateId = number(data, "u");
            bid = price(data.get("b"));
            bidSize = size(data.get("B"));
            ask = price(data.get("a"));
            askSize = size(data.get("A"));
        }
        catch (final RuntimeException ex)
        {
            malformed(stream + " " + ex.getMessage(), receiveNs);
            return;
        }
        if (lastUpdateId != Values.NONE && updateId <= lastUpdateId)
        {
            duplicate();
            return;
        }
        lastUpdateId = updateId;
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.quote(slot.buffer(), 0, sourceId, nextPosition(), instrumentId, receiveNs, receiveNs, bid,
            bidSize, ask, askSize));
        publisher.publish(sequence);
    }
}
