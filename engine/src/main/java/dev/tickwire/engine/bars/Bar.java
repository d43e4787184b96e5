package dev.tickwire.engine.bars;

import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BarKind;
import org.agrona.MutableDirectBuffer;

/**
 * One completed bar, as a {@link BarBuilder} hands it to its {@link BarListener}: a reused holder,
 * valid for the duration of the call only (copy out what you keep). Prices are mantissas at the
 * instrument's price exponent, volumes at its size exponent.
 */
public final class Bar
{
    BarSpec spec;
    int instrumentId;
    int priceExponent;
    int sizeExponent;
    BarKind kind;
    long size;
    long startNs;
    long endNs;
    long open;
    long high;
    long low;
    long close;
    long volume;
    long buyVolume;
    long sellVolume;
    long tradeCount;
    long vwap;
    long firstEventNs;
    long lastEventNs;
    boolean empty;
    long sequence;
    long receiveTimeNs;
    FeatureBar features;

    /** Encodes the bar as the wire's Bar message; returns its length. */
    public int encode(final MessageWriter writer, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = writer.bar(buffer, offset, instrumentId, sequence, eventTimeNs(), receiveTimeNs, kind, size,
            startNs, endNs, open, high, low, close, volume, buyVolume, sellVolume, tradeCount, vwap,
            firstEventNs, lastEventNs, empty);
        dev.tickwire.engine.bars.features.FeatureCodec.encode(features, buffer, offset);
        return length;
    }

    /** The spec of the builder that made the bar (several specs share a {@link BarFeed}'s listener). */
    public BarSpec spec()
    {
        return spec;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public int sizeExponent()
    {
        return sizeExponent;
    }

    public BarKind kind()
    {
        return kind;
    }

    /**
     * Interval in ns (TIME), trades (TICK), volume threshold at the size exponent (VOLUME), notional
     * threshold at the price exponent (VALUE); thresholds finer than that are rounded up. Information-driven
     * bars: the threshold the bar closed against, in trades, at the size exponent or as a notional at the price
     * exponent (rounded up); 0 for the first (warm-up) bar.
     */
    public long size()
    {
        return size;
    }

    /** Time bars: the aligned start (inclusive); others: the first trade's event time. */
    public long startNs()
    {
        return startNs;
    }

    /** Time bars: the end (exclusive); others: the last trade's event time. */
    public long endNs()
    {
        return endNs;
    }

    /** The wire's event time: the end (exclusive) for time bars, else the last trade's time. */
    public long eventTimeNs()
    {
        return kind == BarKind.TIME ? endNs : lastEventNs;
    }

    public long open()
    {
        return open;
    }

    public long high()
    {
        return high;
    }

    public long low()
    {
        return low;
    }

    public long close()
    {
        return close;
    }

    public long volume()
    {
        return volume;
    }

    /** Volume of trades whose aggressor bought. */
    public long buyVolume()
    {
        return buyVolume;
    }

    /** Volume of trades whose aggressor sold. */
    public long sellVolume()
    {
        return sellVolume;
    }

    public long tradeCount()
    {
        return tradeCount;
    }

    /** Σ price × size / Σ size at the price exponent, rounded half up (the close when the volume is 0). */
    public long vwap()
    {
        return vwap;
    }

    /** Event time of the bar's first trade; 0 for an empty bar. */
    public long firstEventNs()
    {
        return firstEventNs;
    }

    /** Event time of the bar's last trade; 0 for an empty bar. */
    public long lastEventNs()
    {
        return lastEventNs;
    }

    /** No trade in the interval: prices are the previous close, volumes 0. */
    public boolean empty()
    {
        return empty;
    }

    /** Engine sequence of the bar's last trade (where it is in the journal); 0 for an empty bar. */
    public long sequence()
    {
        return sequence;
    }

    /** Receive time of the bar's last trade; 0 for an empty bar. */
    public long receiveTimeNs()
    {
        return receiveTimeNs;
    }

    /** The bar's features (same lifetime as the bar: valid during the listener's call), or null without features. */
    public FeatureBar features()
    {
        return features;
    }
}
