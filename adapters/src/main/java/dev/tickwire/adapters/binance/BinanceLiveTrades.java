package dev.tickwire.adapters.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;

/**
 * The {@code trade} or {@code aggTrade} stream of a symbol: each frame a trade (price p, quantity q, trade time
 * T, id t or a, m = the buyer was the maker so the seller aggressed), as the file importer reads the same
 * fields. Binance numbers both consecutively per symbol, so a jump in the id is a gap: journaled as a
 * {@code GAP} status with the ids missed; an id at or below the last (a duplicate, or one that came after
 * a later one) is dropped and counted.
 */
final class BinanceLiveTrades extends BinanceLiveSource
{
    private final String idField;
    private long lastId = Values.NONE;
    private long trades;

    BinanceLiveTrades(final int sourceId, final String symbol, final String instrument, final String stream,
        final BinanceSession session)
    {
        super(sourceId, symbol, instrument, stream, session);
        this.idField = stream.equals(BinanceLiveConfig.AGG_TRADE) ? "a" : "t";
    }

    @Override
    void onData(final JsonNode data, final long receiveNs)
    {
        final long id;
        final long price;
        final long size;
        final long eventNs;
        final Side aggressor;
        try
        {
            id = number(data, idField);
            price = price(data.get("p"));
            size = size(data.get("q"));
            eventNs = BinanceFile.eventTimeNs(number(data, "T"));
            final JsonNode m = data.get("m");
            if (m == null || !m.isBoolean())
            {
                throw new IllegalArgumentException("field m: a boolean expected, found " + m);
            }
            aggressor = m.booleanValue() ? Side.SELL : Side.BUY; // the maker bought: the taker sold
        }
        catch (final RuntimeException ex)
        {
            malformed(stream + " " + ex.getMessage(), receiveNs);
            return;
        }
        if (lastId != Values.NONE && id <= lastId)
        {
            duplicate();
            return;
        }
        if (lastId != Values.NONE && id > lastId + 1)
        {
            gap(id - lastId - 1, receiveNs);
        }
        lastId = id;
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, nextPosition(), instrumentId, eventNs, receiveNs, price, size,
            aggressor, id, Values.NONE, Values.NONE));
        publisher.publish(sequence);
        trades++;
    }

    long trades()
    {
        return trades;
    }
}
