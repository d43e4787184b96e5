package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;

import java.util.ArrayList;
import java.util.List;

/** A listener that copies every field of every message it receives out of the flyweights, in order. */
final class RecordingListener implements MarketDataListener
{
    record Env(long sequence, long streamSequence, long eventTimeNs, long receiveTimeNs, long sourcePosition,
        int instrumentId, int sourceId, Verdict verdict, RejectReason rejectReason)
    {
    }

    record Trade(Env env, long price, long size, long tradeId, long bidPrice, long askPrice, Side aggressor)
    {
    }

    record Quote(Env env, long bidPrice, long bidSize, long askPrice, long askSize)
    {
    }

    record Delta(Env env, long price, long size, int orderCount, BookAction action, BookSide side,
        boolean snapshot, boolean endOfBatch, boolean correction, short rawFlags)
    {
    }

    record Instrument(Env env, String symbol, String venue, byte priceExponent, byte sizeExponent, long tickSize)
    {
    }

    record Status(Env env, StatusCode status, long value)
    {
    }

    record Gap(long expected, long received)
    {
    }

    final List<Object> events = new ArrayList<>();

    Object only()
    {
        if (events.size() != 1)
        {
            throw new AssertionError("expected exactly one event, got " + events);
        }
        return events.get(0);
    }

    @Override
    public void onTrade(final TradeDecoder d)
    {
        events.add(new Trade(new Env(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
            d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason()),
            d.price(), d.size(), d.tradeId(), d.bidPrice(), d.askPrice(), d.aggressor()));
    }

    @Override
    public void onQuote(final QuoteDecoder d)
    {
        events.add(new Quote(new Env(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
            d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason()),
            d.bidPrice(), d.bidSize(), d.askPrice(), d.askSize()));
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder d)
    {
        events.add(new Delta(new Env(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
            d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason()),
            d.price(), d.size(), d.orderCount(), d.action(), d.side(),
            d.flags().snapshot(), d.flags().endOfBatch(), d.flags().correction(), d.flags().getRaw()));
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder d)
    {
        events.add(new Instrument(new Env(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
            d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason()),
            d.symbol(), d.venue(), d.priceExponent(), d.sizeExponent(), d.tickSize()));
    }

    @Override
    public void onStatus(final SourceStatusDecoder d)
    {
        events.add(new Status(new Env(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
            d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason()),
            d.status(), d.value()));
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        events.add(new Gap(expected, received));
    }
}
