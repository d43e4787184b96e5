package dev.tickwire.engine.bars;

import dev.tickwire.engine.bars.features.BarFeatures;
import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.engine.bars.features.InstrumentState;
import dev.tickwire.engine.bars.features.RollingFeatures;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarKind;
import dev.tickwire.wire.sbe.Side;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Builds the bars of one instrument for one {@link BarSpec} from its accepted market events, in the
 * order the engine sequenced them. The one definition of a bar: the live bar stage and bars computed
 * from the journal both feed a BarBuilder, so they give the same bars.
 *
 * <ul>
 *   <li>Only trades go into bars; every accepted market event (trade, quote, book delta) moves time.</li>
 *   <li>Time bars are [start, end): a trade exactly on an edge starts the new bar. A bar completes when
 *   the first event with event time ≥ its end arrives (event time, never the wall clock). The bar still
 *   open when the events stop is not emitted ({@link #finish(long)} closes it at a known end of data).
 *   Empty intervals are skipped, or emitted as empty bars (OHLC and VWAP = previous close, volumes 0)
 *   with {@code emitEmpty}, once there is a previous close.</li>
 *   <li>Tick, volume and value bars complete with the trade that reaches the threshold; that trade is in
 *   the bar, whole: a trade is never split, so a bar may overshoot its threshold (one trade larger than
 *   the threshold is a bar by itself). Information-driven bars (imbalance and runs) close the same way, on
 *   the threshold of their {@link InfoBarRule}.</li>
 *   <li>The first time bar starts at the first event (any kind), so the book features of that bar see the
 *   whole bar.</li>
 *   <li>A trade older than the open time bar's start (another source of the same instrument lagging,
 *   or time stepping back within {@code timeTolerance}) joins the open bar: a completed bar never
 *   changes.</li>
 * </ul>
 *
 * No float, no overflow: Σ price × size is an unsigned 128-bit sum ({@link Math#multiplyHigh}), divided
 * by the volume with rounding half up for the VWAP. No allocation per trade or per bar.
 *
 * <p>Features (when built with an {@link InstrumentState}): every bar also carries a {@link FeatureBar}
 * ({@link Bar#features()}): within-bar trade and book features ({@link BarFeatures}, over the bar's span: [start,
 * end) for time bars, from the previous bar's close to this one's for the other kinds) and across-bar features
 * ({@link RollingFeatures}). Book messages then go through {@link #onBookEvent(long)}; see
 * {@link InstrumentState} for the order of calls.
 */
public final class BarBuilder
{

    private final BarSpec spec;
    private final BarKind kind;
    private final boolean emitEmpty;
    private final BarListener listener;
    private final Bar bar = new Bar();
    private final long intervalNs;
    private final long tickLimit;
    private final long volumeLimit;
    private final long valueLimitHi;
    private final long valueLimitLo;
    private final InfoBarRule info;
    private final BarFeatures features;
    private final RollingFeatures rolling;

    private long startNs = Values.NONE;
    private long endNs;
    private long open;
    private long high;
    private long low;
    private long close;
    private long volume;
    private long buyVolume;
    private long sellVolume;
    private long tradeCount;
    private long notionalHi;
    private long notionalLo;
    private long firstEventNs;
    private long lastEventNs;
    private long lastSequence;
    private long lastReceiveTimeNs;
    private long previousClose;
    private boolean hasPreviousClose;
    private long emitted;

    /**
     * @throws IllegalArgumentException when a volume or value threshold does not fit the instrument's
     *                                  fixed-point scale
     */
    public BarBuilder(
        final BarSpec spec, final int instrumentId, final int priceExponent, final int sizeExponent,
        final boolean emitEmpty, final BarListener listener)
    {
        this(spec, instrumentId, priceExponent, sizeExponent, emitEmpty, listener, null);
    }

    /**
     * With features: {@code state} is the instrument's, shared by all its builders, and fed before them (see
     * {@link InstrumentState}); null for bars without features.
     *
     * @throws IllegalArgumentException when a volume or value threshold does not fit the instrument's
     *                                  fixed-point scale
     */
    public BarBuilder(
        final BarSpec spec, final int instrumentId, final int priceExponent, final int sizeExponent,
        final boolean emitEmpty, final BarListener listener, final InstrumentState state)
    {
        this.spec = spec;
        this.kind = spec.kind();
        this.emitEmpty = emitEmpty;
        this.listener = listener;
        this.intervalNs = spec.intervalNs();
        this.tickLimit = spec.ticks();
        bar.spec = spec;
        bar.instrumentId = instrumentId;
        bar.priceExponent = priceExponent;
        bar.sizeExponent = sizeExponent;
        bar.kind = kind;
        long volumeThreshold = 0;
        long[] valueThreshold = {0, 0};
        InfoBarRule rule = null;
        switch (kind)
        {
            case TIME:
                bar.size = intervalNs;
                break;
            case TICK:
                bar.size = tickLimit;
                break;
            case VOLUME:
                // Σ size ≥ V ⇔ Σ size ≥ ⌈V⌉ at the size scale, since Σ size is a whole number of units there
                volumeThreshold = mantissaCeiling(spec.threshold(), sizeExponent, "size");
                bar.size = volumeThreshold;
                break;
            case VALUE:
                bar.size = mantissaCeiling(spec.threshold(), priceExponent, "price");
                // compared with Σ price × size mantissas, whose exponent is priceExponent + sizeExponent
                valueThreshold = Int128.of(spec.threshold().movePointLeft(priceExponent + sizeExponent)
                    .setScale(0, RoundingMode.CEILING).toBigIntegerExact());
                break;
            case TICK_IMBALANCE:
            case VOLUME_IMBALANCE:
            case DOLLAR_IMBALANCE:
            case TICK_RUN:
            case VOLUME_RUN:
            case DOLLAR_RUN:
                rule = new InfoBarRule(kind, spec.info(), sizeExponent);
                break;
            default:
                throw new IllegalArgumentException("unknown bar kind " + kind);
        }
        this.volumeLimit = volumeThreshold;
        this.valueLimitHi = valueThreshold[0];
        this.valueLimitLo = valueThreshold[1];
        this.info = rule;
        if (state != null)
        {
            this.features = new BarFeatures(state, priceExponent, sizeExponent);
            this.rolling = new RollingFeatures(priceExponent);
            bar.features = new FeatureBar();
        }
        else
        {
            this.features = null;
            this.rolling = null;
        }
    }

    private long mantissaCeiling(final BigDecimal value, final int exponent, final String scale)
    {
        final BigInteger mantissa = value.movePointLeft(exponent).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        if (mantissa.bitLength() > 63)
        {
            throw new IllegalArgumentException("bar spec '" + spec.text() + "' is too large for instrument " +
                bar.instrumentId + " at its " + scale + " exponent " + exponent);
        }
        return mantissa.longValue();
    }

    /**
     * An accepted trade of the instrument.
     *
     * @param sequence engine sequence of the trade (carried by the bar it completes)
     */
    public void onTrade(
        final long eventTimeNs, final long receiveTimeNs, final long sequence,
        final long price, final long size, final Side aggressor)
    {
        onEvent(eventTimeNs);
        add(eventTimeNs, receiveTimeNs, sequence, price, size, aggressor);
        if (kind != BarKind.TIME && thresholdReached(price, size, aggressor))
        {
            emit(firstEventNs, lastEventNs);
            reset();
        }
    }

    /**
     * Any accepted market event of the instrument (trade, quote, book delta): completes time bars it passes,
     * and takes in the instrument's last book state update, if any (with features).
     */
    public void onEvent(final long eventTimeNs)
    {
        if (kind != BarKind.TIME)
        {
            if (features != null)
            {
                if (!features.isOpen())
                {
                    features.open(eventTimeNs); // the first event starts the first span
                }
                features.sync(eventTimeNs);
            }
            return;
        }
        if (startNs == Values.NONE)
        {
            startNs = spec.alignedStart(eventTimeNs);
            endNs = startNs + intervalNs;
            if (features != null)
            {
                features.open(startNs);
            }
        }
        else if (eventTimeNs >= endNs)
        {
            final long next = spec.alignedStart(eventTimeNs);
            closeOpenBar();
            if (emitEmpty && hasPreviousClose)
            {
                for (long s = endNs; s < next; s += intervalNs)
                {
                    if (features != null)
                    {
                        features.open(s);
                    }
                    emitEmpty(s);
                }
            }
            startNs = next;
            endNs = next + intervalNs;
            if (features != null)
            {
                features.open(next);
            }
        }
        if (features != null)
        {
            features.sync(eventTimeNs);
        }
    }

    /**
     * A book message of the instrument (a quote, or any book delta, after {@link InstrumentState#onQuote} or
     * {@link InstrumentState#onBook} when it completed a state): {@link #onEvent(long)}, and counted in the
     * bar's book updates.
     */
    public void onBookEvent(final long eventTimeNs)
    {
        onEvent(eventTimeNs);
        if (features != null)
        {
            features.onBookMessage(eventTimeNs);
        }
    }

    /**
     * The data ends at {@code limitNs} (exclusive) with nothing after it, e.g. a journal read up to a
     * given time: completes the open time bar if it ends by then (and, with {@code emitEmpty}, the empty
     * bars up to it). The builder is done afterwards. No effect on tick, volume and value bars.
     */
    public void finish(final long limitNs)
    {
        if (kind != BarKind.TIME || startNs == Values.NONE || endNs > limitNs)
        {
            return;
        }
        closeOpenBar();
        if (emitEmpty && hasPreviousClose)
        {
            for (long s = endNs; s <= limitNs - intervalNs; s += intervalNs)
            {
                if (features != null)
                {
                    features.open(s);
                }
                emitEmpty(s);
            }
        }
        startNs = Values.NONE;
    }

    private void closeOpenBar()
    {
        if (tradeCount > 0)
        {
            emit(startNs, endNs);
            reset();
        }
        else if (emitEmpty && hasPreviousClose)
        {
            emitEmpty(startNs);
        }
    }

    private void add(
        final long eventTimeNs, final long receiveTimeNs, final long sequence,
        final long price, final long size, final Side aggressor)
    {
        if (tradeCount == 0)
        {
            open = price;
            high = price;
            low = price;
            firstEventNs = eventTimeNs;
        }
        else
        {
            high = Math.max(high, price);
            low = Math.min(low, price);
        }
        close = price;
        volume += size;
        if (aggressor == Side.BUY)
        {
            buyVolume += size;
        }
        else if (aggressor == Side.SELL)
        {
            sellVolume += size;
        }
        tradeCount++;
        // price > 0 and size >= 0 (the validator saw to it): the signed high product is the unsigned one
        final long productLo = price * size;
        final long productHi = Math.multiplyHigh(price, size);
        notionalHi = Int128.addCarry(notionalHi, notionalLo, productLo) + productHi;
        notionalLo += productLo;
        lastEventNs = eventTimeNs;
        lastSequence = sequence;
        lastReceiveTimeNs = receiveTimeNs;
        previousClose = price;
        hasPreviousClose = true;
        if (features != null)
        {
            features.onTrade(size, aggressor);
        }
    }

    private boolean thresholdReached(final long price, final long size, final Side aggressor)
    {
        switch (kind)
        {
            case TICK:
                return tradeCount >= tickLimit;
            case VOLUME:
                return volume >= volumeLimit;
            case VALUE:
                return Int128.compare(notionalHi, notionalLo, valueLimitHi, valueLimitLo) >= 0;
            default:
                return info != null && info.onTrade(price, size, aggressor);
        }
    }

    private void emit(final long barStartNs, final long barEndNs)
    {
        final Bar b = bar;
        b.startNs = barStartNs;
        b.endNs = barEndNs;
        b.open = open;
        b.high = high;
        b.low = low;
        b.close = close;
        b.volume = volume;
        b.buyVolume = buyVolume;
        b.sellVolume = sellVolume;
        b.tradeCount = tradeCount;
        b.vwap = volume > 0 ? Int128.divideRoundHalfUp(notionalHi, notionalLo, volume) : close;
        b.firstEventNs = firstEventNs;
        b.lastEventNs = lastEventNs;
        b.empty = false;
        b.sequence = lastSequence;
        b.receiveTimeNs = lastReceiveTimeNs;
        if (info != null)
        {
            b.size = info.barSize();
        }
        if (features != null)
        {
            final long spanEnd = features.close(kind == BarKind.TIME ? barEndNs : lastEventNs, b.features, close,
                b.vwap, volume, tradeCount, notionalHi, notionalLo);
            rolling.onBar(close, volume, b.features);
            if (kind != BarKind.TIME)
            {
                features.open(spanEnd); // the next span starts where this one ends
            }
        }
        emitted++;
        listener.onBar(b);
        if (info != null)
        {
            info.closed();
        }
    }

    private void emitEmpty(final long barStartNs)
    {
        final Bar b = bar;
        b.startNs = barStartNs;
        b.endNs = barStartNs + intervalNs;
        b.open = previousClose;
        b.high = previousClose;
        b.low = previousClose;
        b.close = previousClose;
        b.volume = 0;
        b.buyVolume = 0;
        b.sellVolume = 0;
        b.tradeCount = 0;
        b.vwap = previousClose;
        b.firstEventNs = 0;
        b.lastEventNs = 0;
        b.empty = true;
        b.sequence = 0;
        b.receiveTimeNs = 0;
        if (features != null)
        {
            features.close(b.endNs, b.features, previousClose, previousClose, 0, 0, 0, 0);
            rolling.onBar(previousClose, 0, b.features);
        }
        emitted++;
        listener.onBar(b);
    }

    private void reset()
    {
        volume = 0;
        buyVolume = 0;
        sellVolume = 0;
        tradeCount = 0;
        notionalHi = 0;
        notionalLo = 0;
    }

    public BarSpec spec()
    {
        return spec;
    }

    public int instrumentId()
    {
        return bar.instrumentId;
    }

    /** Trades in the bar not yet completed. */
    public long openTrades()
    {
        return tradeCount;
    }

    /** Start of the time bar in progress, or of the open tick/volume/value bar's first trade; MIN_VALUE if none. */
    public long openStartNs()
    {
        if (kind == BarKind.TIME)
        {
            return startNs;
        }
        return tradeCount > 0 ? firstEventNs : Values.NONE;
    }

    /** Bars emitted so far. */
    public long emitted()
    {
        return emitted;
    }
}
