package dev.tickwire.engine.bars;

import dev.tickwire.wire.sbe.BarDecoder;

/** A bar's values, copied out of a {@link Bar} or a wire {@link BarDecoder}, comparable field by field. */
record B(
    int instrument, String kind, long size, long start, long end, long open, long high, long low, long close,
    long volume, long buyVolume, long sellVolume, long trades, long vwap, long first, long last, boolean empty,
    long sequence, long receiveTime, long eventTime)
{
    static B of(final Bar b)
    {
        return new B(b.instrumentId(), b.kind().name(), b.size(), b.startNs(), b.endNs(), b.open(), b.high(), b.low(),
            b.close(), b.volume(), b.buyVolume(), b.sellVolume(), b.tradeCount(), b.vwap(), b.firstEventNs(),
            b.lastEventNs(), b.empty(), b.sequence(), b.receiveTimeNs(), b.eventTimeNs());
    }

    static B of(final BarDecoder b)
    {
        return new B(b.instrumentId(), b.kind().name(), b.size(), b.startNs(), b.endNs(), b.openPrice(), b.highPrice(),
            b.lowPrice(), b.closePrice(), b.volume(), b.buyVolume(), b.sellVolume(), b.tradeCount(), b.vwap(),
            b.firstEventNs(), b.lastEventNs(), b.empty() == 1, b.sequence(), b.receiveTimeNs(), b.eventTimeNs());
    }

    /** The market values only: what an independent computation from the trades gives. */
    String values()
    {
        return "[" + start + "," + end + ") o=" + open + " h=" + high + " l=" + low + " c=" + close + " v=" + volume +
            " buy=" + buyVolume + " sell=" + sellVolume + " n=" + trades + " vwap=" + vwap + " first=" + first +
            " last=" + last + " empty=" + empty + " seq=" + sequence;
    }
}
