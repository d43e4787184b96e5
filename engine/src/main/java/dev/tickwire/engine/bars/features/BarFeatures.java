package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.Int128;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;

/**
 * The within-bar features of one instrument for one bar spec: the bar's trades, and the book over the bar's
 * span, time-weighted, with the state carried in from before the bar. Driven by its {@code BarBuilder}, which
 * knows where bars start and end: {@link #open} a span, feed it, {@link #close} it into a {@link FeatureBar}.
 *
 * <p>Time: the state in force over [t_i, t_i+1) is the one set by the update at t_i; a span [s, e) is weighted
 * by that piecewise-constant timeline, clipped to it, with the clock never going back (an event older than the
 * clock moves nothing in time but still counts). Sums are exact longs (Σ spread × dt in 128 bits); doubles only
 * for ratios and their time sums, always added in event order, so the same events give the same bits.
 * O(1) per event, no allocation.
 */
public final class BarFeatures
{
    private static final double[] POWERS = new double[19];

    static
    {
        for (int i = 0; i < POWERS.length; i++)
        {
            POWERS[i] = FixedPoint.pow10(i); // exact in a double up to 10^22
        }
    }

    private final InstrumentState state;
    private final int priceExponent;
    private final int sizeExponent;
    private long seen;

    private boolean open;
    private long spanStartNs;
    private long clockNs;

    private long emptyNs;
    private long crossedNs;
    private long validNs;
    private long topValidNs;
    private long spreadTimeHi;
    private long spreadTimeLo;
    private double bpsTime;
    private double imbalanceTime;
    private double topImbalanceTime;

    private boolean anyValid;
    private long spreadMin;
    private long spreadMax;
    private long spreadLast;
    private long midOpen;
    private long midHigh;
    private long midLow;
    private long midClose;
    private double microClose;
    private double rvMid;
    private long ofiL1;
    private long ofiTopN;
    private double impactXY;
    private double impactXX;
    private long bookMessages;

    private long maxTradeSize;
    private long buyTrades;
    private long sellTrades;
    private long tradeReturns;
    private double rvTrade;

    public BarFeatures(final InstrumentState state, final int priceExponent, final int sizeExponent)
    {
        this.state = state;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.seen = state.updates();
    }

    /** True while a span is open. */
    public boolean isOpen()
    {
        return open;
    }

    /** Starts a bar's span at {@code startNs}: sums restart, the book state in force is carried in. */
    public void open(final long startNs)
    {
        open = true;
        spanStartNs = startNs;
        clockNs = startNs;
        emptyNs = 0;
        crossedNs = 0;
        validNs = 0;
        topValidNs = 0;
        spreadTimeHi = 0;
        spreadTimeLo = 0;
        bpsTime = 0;
        imbalanceTime = 0;
        topImbalanceTime = 0;
        anyValid = false;
        rvMid = 0;
        ofiL1 = 0;
        ofiTopN = 0;
        impactXY = 0;
        impactXX = 0;
        bookMessages = 0;
        maxTradeSize = Values.NONE;
        buyTrades = 0;
        sellTrades = 0;
        tradeReturns = 0;
        rvTrade = 0;
        observe(inForce());
    }

    /** A book message (quote or delta) of the instrument at {@code eventTimeNs}: counts it, then {@link #sync}s. */
    public void onBookMessage(final long eventTimeNs)
    {
        if (open)
        {
            bookMessages++;
        }
        sync(eventTimeNs);
    }

    /**
     * Takes in the instrument's last state update, if this spec has not yet: the old state is weighted up to
     * {@code eventTimeNs}, the update's increments are added, the new state is observed.
     *
     * @throws IllegalStateException when the state was updated twice in between (a caller skipped an event)
     */
    public void sync(final long eventTimeNs)
    {
        final long updates = state.updates();
        if (updates == seen)
        {
            return;
        }
        if (updates - seen != 1)
        {
            throw new IllegalStateException("InstrumentState was updated " + (updates - seen) +
                " times between two events of a bar builder: every update must reach every builder");
        }
        seen = updates;
        if (!open)
        {
            return;
        }
        integrate(state.previous(), eventTimeNs);
        ofiL1 += state.ofiL1();
        ofiTopN += state.ofiTopN();
        rvMid += state.midReturn2();
        impactXY += state.impactXY();
        impactXX += state.impactXX();
        observe(state.current());
    }

    /** A trade in the bar (after {@link InstrumentState#onTrade}). */
    public void onTrade(final long size, final Side aggressor)
    {
        maxTradeSize = Math.max(maxTradeSize, size);
        if (aggressor == Side.BUY)
        {
            buyTrades++;
        }
        else if (aggressor == Side.SELL)
        {
            sellTrades++;
        }
        if (state.tradeReturn())
        {
            tradeReturns++;
            rvTrade += state.tradeReturn2();
        }
    }

    /** The state in force for this spec: the one before the last update while it has not taken that update in. */
    private BookView inForce()
    {
        return state.updates() != seen ? state.previous() : state.current();
    }

    private void integrate(final BookView view, final long toNs)
    {
        if (toNs <= clockNs)
        {
            return;
        }
        final long dt = toNs - clockNs;
        clockNs = toNs;
        if (view.l1Empty)
        {
            emptyNs += dt;
        }
        else if (view.l1Crossed)
        {
            crossedNs += dt;
        }
        else
        {
            validNs += dt;
            final long lo = view.spread * dt;
            spreadTimeHi = Int128.addCarry(spreadTimeHi, spreadTimeLo, lo) + Math.multiplyHigh(view.spread, dt);
            spreadTimeLo += lo;
            final double t = dt;
            bpsTime += view.spreadBps * t;
            imbalanceTime += view.imbalance * t;
        }
        if (view.topValid)
        {
            topValidNs += dt;
            topImbalanceTime += view.topImbalance * (double)dt;
        }
    }

    private void observe(final BookView view)
    {
        if (!view.l1Valid)
        {
            return;
        }
        if (!anyValid)
        {
            anyValid = true;
            spreadMin = view.spread;
            spreadMax = view.spread;
            midOpen = view.mid2;
            midHigh = view.mid2;
            midLow = view.mid2;
        }
        else
        {
            spreadMin = Math.min(spreadMin, view.spread);
            spreadMax = Math.max(spreadMax, view.spread);
            midHigh = Math.max(midHigh, view.mid2);
            midLow = Math.min(midLow, view.mid2);
        }
        spreadLast = view.spread;
        midClose = view.mid2;
        microClose = view.micro;
    }

    /**
     * Ends the span at {@code endNs} (or at the clock, if events already went past it) and writes the within-bar
     * columns; the span is closed afterwards.
     *
     * @param close      the bar's close price mantissa
     * @param vwap       its VWAP mantissa
     * @param volume     its volume mantissa
     * @param tradeCount its trades (0: an empty bar)
     * @param notionalHi high 64 bits of its Σ price × size mantissas
     * @param notionalLo low 64 bits
     * @return the span's end
     */
    public long close(
        final long endNs, final FeatureBar out, final long close, final long vwap, final long volume,
        final long tradeCount, final long notionalHi, final long notionalLo)
    {
        final long end = Math.max(endNs, clockNs);
        integrate(inForce(), end);
        open = false;

        out.set(FeatureColumn.NOTIONAL, notional(notionalHi, notionalLo));
        out.set(FeatureColumn.AVG_TRADE_SIZE, tradeCount > 0 ? real((double)volume / (double)tradeCount, sizeExponent) :
            Double.NaN);
        out.set(FeatureColumn.MAX_TRADE_SIZE, tradeCount > 0 ? maxTradeSize : Values.NONE);
        out.set(FeatureColumn.BUY_TRADES, buyTrades);
        out.set(FeatureColumn.SELL_TRADES, sellTrades);
        out.set(FeatureColumn.RV_TRADE, tradeReturns > 0 ? rvTrade : Double.NaN);
        out.set(FeatureColumn.VWAP_DEVIATION, tradeCount > 0 && vwap != 0 ? (double)(close - vwap) / (double)vwap :
            Double.NaN);

        out.set(FeatureColumn.SPAN_START_NS, spanStartNs);
        out.set(FeatureColumn.SPAN_END_NS, end);
        out.set(FeatureColumn.BOOK_UPDATES, bookMessages);
        out.set(FeatureColumn.EMPTY_SIDE_NS, emptyNs);
        out.set(FeatureColumn.CROSSED_NS, crossedNs);
        if (validNs > 0)
        {
            final long whole = Int128.divideFloor(spreadTimeHi, spreadTimeLo, validNs);
            final long rest = Int128.remainder(spreadTimeLo, validNs, whole);
            final double ns = validNs;
            out.set(FeatureColumn.SPREAD_TWA, real((double)whole + (double)rest / ns, priceExponent));
            out.set(FeatureColumn.SPREAD_BPS_TWA, bpsTime / ns);
            out.set(FeatureColumn.IMBALANCE_L1_TWA, imbalanceTime / ns);
        }
        else
        {
            out.set(FeatureColumn.SPREAD_TWA, Double.NaN);
            out.set(FeatureColumn.SPREAD_BPS_TWA, Double.NaN);
            out.set(FeatureColumn.IMBALANCE_L1_TWA, Double.NaN);
        }
        out.set(FeatureColumn.IMBALANCE_TOPN_TWA, topValidNs > 0 ? topImbalanceTime / (double)topValidNs : Double.NaN);
        out.set(FeatureColumn.SPREAD_MIN, anyValid ? spreadMin : Values.NONE);
        out.set(FeatureColumn.SPREAD_MAX, anyValid ? spreadMax : Values.NONE);
        out.set(FeatureColumn.SPREAD_LAST, anyValid ? spreadLast : Values.NONE);
        out.set(FeatureColumn.MID_OPEN, anyValid ? midOpen * 5 : Values.NONE);
        out.set(FeatureColumn.MID_HIGH, anyValid ? midHigh * 5 : Values.NONE);
        out.set(FeatureColumn.MID_LOW, anyValid ? midLow * 5 : Values.NONE);
        out.set(FeatureColumn.MID_CLOSE, anyValid ? midClose * 5 : Values.NONE);
        out.set(FeatureColumn.MICROPRICE_CLOSE, anyValid ? real(microClose, priceExponent) : Double.NaN);
        out.set(FeatureColumn.RV_MID, anyValid ? rvMid : Double.NaN);
        out.set(FeatureColumn.OFI_L1, ofiL1);
        out.set(FeatureColumn.OFI_TOPN, ofiTopN);
        // Δmid2 / signed volume → Δmid / signed volume: half, then from mantissas to price per size unit
        out.set(FeatureColumn.PRICE_IMPACT, impactXX > 0 ?
            real(real(impactXY / impactXX / 2.0, priceExponent), -sizeExponent) : Double.NaN);
        return end;
    }

    /** Σ price × size as a mantissa at the price exponent, rounded half up; null if it does not fit a long. */
    private long notional(final long hi, final long lo)
    {
        if (sizeExponent < 0)
        {
            final long divisor = FixedPoint.pow10(-sizeExponent);
            if (Long.compareUnsigned(hi, divisor) >= 0)
            {
                return Values.NONE;
            }
            final long q = Int128.divideFloor(hi, lo, divisor);
            if (q < 0)
            {
                return Values.NONE;
            }
            final long r = Int128.remainder(lo, divisor, q);
            return r >= divisor - r ? q + 1 : q;
        }
        if (hi != 0 || lo < 0)
        {
            return Values.NONE;
        }
        final long factor = FixedPoint.pow10(sizeExponent);
        return lo <= Long.MAX_VALUE / factor ? lo * factor : Values.NONE;
    }

    /** A value in mantissa units at {@code exponent} in real units: one operation with an exact power of ten. */
    static double real(final double mantissa, final int exponent)
    {
        return exponent < 0 ? mantissa / POWERS[-exponent] : mantissa * POWERS[exponent];
    }
}
