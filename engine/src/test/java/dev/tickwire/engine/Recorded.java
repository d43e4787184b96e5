package dev.tickwire.engine;

import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;

import java.util.ArrayList;
import java.util.List;

/** Market events as comparable text lines (every field), recorded from a listener. */
final class Recorded implements MarketDataListener
{
    final List<String> events = new ArrayList<>();
    int definitions;
    long gapMessages;

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder d)
    {
        definitions++;
    }

    @Override
    public void onTrade(final TradeDecoder t)
    {
        events.add("T seq=" + t.sequence() + " i=" + t.instrumentId() + " ts=" + t.eventTimeNs() + " recv=" + t.receiveTimeNs() +
            " pos=" + t.sourcePosition() + " p=" + t.price() + " q=" + t.size() + " side=" + t.aggressor() +
            " id=" + t.tradeId() + " bid=" + t.bidPrice() + " ask=" + t.askPrice() + " v=" + t.verdict());
    }

    @Override
    public void onQuote(final QuoteDecoder q)
    {
        events.add("Q seq=" + q.sequence() + " i=" + q.instrumentId() + " ts=" + q.eventTimeNs() + " recv=" + q.receiveTimeNs() +
            " pos=" + q.sourcePosition() + " bid=" + q.bidPrice() + "x" + q.bidSize() + " ask=" + q.askPrice() + "x" + q.askSize() +
            " v=" + q.verdict());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder d)
    {
        events.add("D seq=" + d.sequence() + " i=" + d.instrumentId() + " ts=" + d.eventTimeNs() + " recv=" + d.receiveTimeNs() +
            " pos=" + d.sourcePosition() + " " + d.action() + " " + d.side() + " p=" + d.price() + " q=" + d.size() +
            " n=" + d.orderCount() + " snap=" + d.flags().snapshot() + " end=" + d.flags().endOfBatch() + " v=" + d.verdict());
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        gapMessages += received - expected;
    }
}
