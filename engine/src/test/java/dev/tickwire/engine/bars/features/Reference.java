package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.Side;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The within-bar features computed a second way, from the definitions in docs/features.md: the book is a pair
 * of TreeMaps, empty sides are prices at ±infinity (doubles), exact quantities are BigInteger / BigDecimal, and
 * every bar is recomputed from scratch over the list of events, from the state after the event before it. Knows
 * nothing of InstrumentState, BarFeatures or L2Book.
 */
final class Reference
{
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final double NEG = Double.NEGATIVE_INFINITY;
    private static final double POS = Double.POSITIVE_INFINITY;

    /** Best bid and ask; an empty side is at ±infinity with size 0. */
    record L1(double bid, long bidSize, double ask, long askSize)
    {
        static final L1 EMPTY = new L1(NEG, 0, POS, 0);

        boolean empty()
        {
            return bid == NEG || ask == POS;
        }

        boolean crossed()
        {
            return !empty() && bid > ask;
        }

        boolean valid()
        {
            return !empty() && !crossed();
        }

        long mid2()
        {
            return (long)bid + (long)ask;
        }
    }

    /** The top N levels, best first; missing levels at ±infinity, size 0. */
    record Depth(double[] bid, long[] bidSize, double[] ask, long[] askSize)
    {
        static Depth empty(final int n)
        {
            final double[] b = new double[n];
            final double[] a = new double[n];
            Arrays.fill(b, NEG);
            Arrays.fill(a, POS);
            return new Depth(b, new long[n], a, new long[n]);
        }

        boolean same(final Depth o)
        {
            return Arrays.equals(bid, o.bid) && Arrays.equals(bidSize, o.bidSize) && Arrays.equals(ask, o.ask) &&
                Arrays.equals(askSize, o.askSize);
        }

        boolean valid()
        {
            return bid[0] != NEG && ask[0] != POS && bid[0] <= ask[0];
        }
    }

    final List<Tape.Event> events;
    final int n;
    final int depth;
    final L1[] l1;
    final Depth[] book;
    final boolean[] changed;
    final long[] ofiL1;
    final long[] ofiTop;
    final double[] midR2;
    final BigInteger[] impactXY;
    final BigInteger[] impactXX;
    final double[] tradeR2;
    final long[] messages;

    Reference(final List<Tape.Event> events, final int depth)
    {
        this.events = events;
        this.n = events.size();
        this.depth = depth;
        l1 = new L1[n];
        book = new Depth[n];
        changed = new boolean[n];
        ofiL1 = new long[n];
        ofiTop = new long[n];
        midR2 = new double[n];
        impactXY = new BigInteger[n];
        impactXX = new BigInteger[n];
        tradeR2 = new double[n];
        messages = new long[n];

        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        L1 quote = null;
        Depth bookTop = null;
        L1 prevL1 = L1.EMPTY;
        Depth prevDepth = Depth.empty(depth);
        Long lastValidMid2 = null;
        long signedVolume = 0;
        Long lastTrade = null;
        for (int i = 0; i < n; i++)
        {
            final Tape.Event e = events.get(i);
            tradeR2[i] = Double.NaN;
            impactXY[i] = BigInteger.ZERO;
            impactXX[i] = BigInteger.ZERO;
            boolean snapshot = false;
            switch (e.kind())
            {
                case TRADE:
                    if (lastTrade != null)
                    {
                        final double r = Math.log((double)e.price() / lastTrade);
                        tradeR2[i] = r * r;
                    }
                    lastTrade = e.price();
                    signedVolume += e.side() == Side.BUY ? e.size() : e.side() == Side.SELL ? -e.size() : 0;
                    break;
                case QUOTE:
                    messages[i] = 1;
                    quote = new L1(e.bs() > 0 ? e.bp() : NEG, Math.max(0, e.bs()), e.as() > 0 ? e.ap() : POS,
                        Math.max(0, e.as()));
                    break;
                default:
                    messages[i] = e.deltas().size();
                    for (final Tape.Delta d : e.deltas())
                    {
                        final TreeMap<Long, Long> side = d.side() == L2Book.BID ? bids : asks;
                        if (d.action() == BookAction.CLEAR)
                        {
                            bids.clear();
                            asks.clear();
                            snapshot = true;
                        }
                        else if (d.action() == BookAction.DELETE || d.size() <= 0)
                        {
                            side.remove(d.price());
                        }
                        else
                        {
                            side.put(d.price(), d.size());
                        }
                    }
                    bookTop = top(bids, asks);
                    break;
            }
            // the sources: L1 from quotes once there is one, else the book's best; the top N from the book once
            // there is one, else the quote as one level
            final L1 nowL1 = quote != null ? quote : bookTop != null ?
                new L1(bookTop.bid[0], bookTop.bidSize[0], bookTop.ask[0], bookTop.askSize[0]) : L1.EMPTY;
            final Depth nowDepth = bookTop != null ? bookTop : quote != null ? fromQuote(quote) : Depth.empty(depth);
            final boolean l1Changed = !nowL1.equals(prevL1);
            final boolean depthChanged = !nowDepth.same(prevDepth);
            changed[i] = l1Changed || depthChanged;
            if (l1Changed)
            {
                if (!snapshot)
                {
                    ofiL1[i] = cks(prevL1.bid, prevL1.bidSize, prevL1.ask, prevL1.askSize,
                        nowL1.bid, nowL1.bidSize, nowL1.ask, nowL1.askSize);
                }
                if (nowL1.valid())
                {
                    if (prevL1.valid())
                    {
                        final BigInteger dm = BigInteger.valueOf(nowL1.mid2() - prevL1.mid2());
                        final BigInteger v = BigInteger.valueOf(signedVolume);
                        impactXY[i] = dm.multiply(v);
                        impactXX[i] = v.multiply(v);
                    }
                    if (lastValidMid2 != null)
                    {
                        final double r = Math.log((double)nowL1.mid2() / lastValidMid2);
                        midR2[i] = r * r;
                    }
                    lastValidMid2 = nowL1.mid2();
                }
                signedVolume = 0;
            }
            if (depthChanged && !snapshot)
            {
                long sum = 0;
                for (int m = 0; m < depth; m++)
                {
                    sum += cks(prevDepth.bid[m], prevDepth.bidSize[m], prevDepth.ask[m], prevDepth.askSize[m],
                        nowDepth.bid[m], nowDepth.bidSize[m], nowDepth.ask[m], nowDepth.askSize[m]);
                }
                ofiTop[i] = sum;
            }
            l1[i] = nowL1;
            book[i] = nowDepth;
            prevL1 = nowL1;
            prevDepth = nowDepth;
        }
    }

    private Depth top(final TreeMap<Long, Long> bids, final TreeMap<Long, Long> asks)
    {
        final Depth d = Depth.empty(depth);
        int m = 0;
        for (final Map.Entry<Long, Long> level : bids.entrySet())
        {
            if (m == depth)
            {
                break;
            }
            d.bid[m] = level.getKey();
            d.bidSize[m++] = level.getValue();
        }
        m = 0;
        for (final Map.Entry<Long, Long> level : asks.entrySet())
        {
            if (m == depth)
            {
                break;
            }
            d.ask[m] = level.getKey();
            d.askSize[m++] = level.getValue();
        }
        return d;
    }

    private Depth fromQuote(final L1 q)
    {
        final Depth d = Depth.empty(depth);
        d.bid[0] = q.bid;
        d.bidSize[0] = q.bidSize;
        d.ask[0] = q.ask;
        d.askSize[0] = q.askSize;
        return d;
    }

    /** Cont, Kukanov, Stoikov (2014), eq. (2), straight from the paper; primes are the state before. */
    static long cks(
        final double b0, final long qb0, final double a0, final long qa0,
        final double b1, final long qb1, final double a1, final long qa1)
    {
        return (b1 >= b0 ? qb1 : 0) - (b1 <= b0 ? qb0 : 0) - (a1 <= a0 ? qa1 : 0) + (a1 >= a0 ? qa0 : 0);
    }

    /**
     * The within-bar columns of a bar whose events are [a, b) and whose span is [s, e], given its OHLCV
     * (checked elsewhere): a map from column to Long / Double, null for null.
     */
    Map<FeatureColumn, Object> bar(
        final int a, final int b, final long s, final long e, final long close, final long vwap, final long volume,
        final long trades, final int pe, final int se)
    {
        final Map<FeatureColumn, Object> x = new EnumMap<>(FeatureColumn.class);
        // trades
        BigInteger notional = BigInteger.ZERO;
        long max = Long.MIN_VALUE;
        long buys = 0;
        long sells = 0;
        double rv = 0;
        int returns = 0;
        for (int i = a; i < b; i++)
        {
            final Tape.Event ev = events.get(i);
            if (ev.kind() == Tape.Kind.TRADE)
            {
                notional = notional.add(BigInteger.valueOf(ev.price()).multiply(BigInteger.valueOf(ev.size())));
                max = Math.max(max, ev.size());
                buys += ev.side() == Side.BUY ? 1 : 0;
                sells += ev.side() == Side.SELL ? 1 : 0;
                if (!Double.isNaN(tradeR2[i]))
                {
                    rv += tradeR2[i];
                    returns++;
                }
            }
        }
        x.put(FeatureColumn.NOTIONAL, new BigDecimal(notional).movePointLeft(-se).setScale(0, RoundingMode.HALF_UP)
            .longValueExact());
        x.put(FeatureColumn.AVG_TRADE_SIZE, trades > 0 ?
            BigDecimal.valueOf(volume).divide(BigDecimal.valueOf(trades), MC).movePointLeft(-se).doubleValue() : null);
        x.put(FeatureColumn.MAX_TRADE_SIZE, trades > 0 ? max : null);
        x.put(FeatureColumn.BUY_TRADES, buys);
        x.put(FeatureColumn.SELL_TRADES, sells);
        x.put(FeatureColumn.RV_TRADE, returns > 0 ? rv : null);
        x.put(FeatureColumn.VWAP_DEVIATION, trades > 0 ?
            BigDecimal.valueOf(close - vwap).divide(BigDecimal.valueOf(vwap), MC).doubleValue() : null);

        // the book: the state in force at s is the one after the event before the bar
        L1 q = a > 0 ? l1[a - 1] : L1.EMPTY;
        Depth d = a > 0 ? book[a - 1] : Depth.empty(depth);
        final long end = Math.max(e, a < b ? events.get(b - 1).t() : e);
        long clock = s;
        long emptyNs = 0;
        long crossedNs = 0;
        long validNs = 0;
        long topNs = 0;
        BigInteger spreadTime = BigInteger.ZERO;
        BigDecimal bpsTime = BigDecimal.ZERO;
        BigDecimal imbalanceTime = BigDecimal.ZERO;
        BigDecimal topTime = BigDecimal.ZERO;
        final Observed o = new Observed();
        o.see(q);
        long ofi = 0;
        long ofiN = 0;
        double rvMid = 0;
        BigInteger xy = BigInteger.ZERO;
        BigInteger xx = BigInteger.ZERO;
        long count = 0;
        for (int i = a; i <= b; i++)
        {
            final long until = i < b ? Math.max(clock, events.get(i).t()) : Math.max(clock, end);
            if (i < b && !changed[i])
            {
                count += messages[i];
                continue;
            }
            final long dt = until - clock;
            if (q.empty())
            {
                emptyNs += dt;
            }
            else if (q.crossed())
            {
                crossedNs += dt;
            }
            else
            {
                validNs += dt;
                final long spread = (long)q.ask - (long)q.bid;
                spreadTime = spreadTime.add(BigInteger.valueOf(spread).multiply(BigInteger.valueOf(dt)));
                final BigDecimal mid = BigDecimal.valueOf(q.mid2()).divide(BigDecimal.valueOf(2));
                bpsTime = bpsTime.add(BigDecimal.valueOf(10_000L * spread).divide(mid, MC)
                    .multiply(BigDecimal.valueOf(dt)));
                imbalanceTime = imbalanceTime.add(ratio(q.bidSize - q.askSize, q.bidSize + q.askSize)
                    .multiply(BigDecimal.valueOf(dt)));
            }
            if (d.valid())
            {
                topNs += dt;
                final long bidSum = Arrays.stream(d.bidSize).sum();
                final long askSum = Arrays.stream(d.askSize).sum();
                topTime = topTime.add(ratio(bidSum - askSum, bidSum + askSum).multiply(BigDecimal.valueOf(dt)));
            }
            clock = until;
            if (i == b)
            {
                break;
            }
            count += messages[i];
            q = l1[i];
            d = book[i];
            o.see(q);
            ofi += ofiL1[i];
            ofiN += ofiTop[i];
            rvMid += midR2[i];
            xy = xy.add(impactXY[i]);
            xx = xx.add(impactXX[i]);
        }
        x.put(FeatureColumn.SPAN_START_NS, s);
        x.put(FeatureColumn.SPAN_END_NS, end);
        x.put(FeatureColumn.BOOK_UPDATES, count);
        x.put(FeatureColumn.EMPTY_SIDE_NS, emptyNs);
        x.put(FeatureColumn.CROSSED_NS, crossedNs);
        final BigDecimal valid = BigDecimal.valueOf(validNs);
        x.put(FeatureColumn.SPREAD_TWA, validNs > 0 ?
            new BigDecimal(spreadTime).divide(valid, MC).movePointLeft(-pe).doubleValue() : null);
        x.put(FeatureColumn.SPREAD_BPS_TWA, validNs > 0 ? bpsTime.divide(valid, MC).doubleValue() : null);
        x.put(FeatureColumn.IMBALANCE_L1_TWA, validNs > 0 ? imbalanceTime.divide(valid, MC).doubleValue() : null);
        x.put(FeatureColumn.IMBALANCE_TOPN_TWA, topNs > 0 ?
            topTime.divide(BigDecimal.valueOf(topNs), MC).doubleValue() : null);
        x.put(FeatureColumn.SPREAD_MIN, o.any ? o.spreadMin : null);
        x.put(FeatureColumn.SPREAD_MAX, o.any ? o.spreadMax : null);
        x.put(FeatureColumn.SPREAD_LAST, o.any ? o.spreadLast : null);
        x.put(FeatureColumn.MID_OPEN, o.any ? o.midOpen * 5 : null);
        x.put(FeatureColumn.MID_HIGH, o.any ? o.midHigh * 5 : null);
        x.put(FeatureColumn.MID_LOW, o.any ? o.midLow * 5 : null);
        x.put(FeatureColumn.MID_CLOSE, o.any ? o.midClose * 5 : null);
        x.put(FeatureColumn.MICROPRICE_CLOSE, o.any ? o.micro.movePointLeft(-pe).doubleValue() : null);
        x.put(FeatureColumn.RV_MID, o.any ? rvMid : null);
        x.put(FeatureColumn.OFI_L1, ofi);
        x.put(FeatureColumn.OFI_TOPN, ofiN);
        x.put(FeatureColumn.PRICE_IMPACT, xx.signum() > 0 ?
            new BigDecimal(xy).divide(new BigDecimal(xx), MC).divide(BigDecimal.valueOf(2), MC).movePointLeft(-pe)
                .movePointRight(-se).doubleValue() : null);
        return x;
    }

    private static BigDecimal ratio(final long num, final long den)
    {
        return BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MC);
    }

    /** What was seen of the valid L1 states in force during a span. */
    private static final class Observed
    {
        boolean any;
        long spreadMin;
        long spreadMax;
        long spreadLast;
        long midOpen;
        long midHigh;
        long midLow;
        long midClose;
        BigDecimal micro;

        void see(final L1 q)
        {
            if (!q.valid())
            {
                return;
            }
            final long spread = (long)q.ask - (long)q.bid;
            final long mid2 = q.mid2();
            if (!any)
            {
                any = true;
                spreadMin = spread;
                spreadMax = spread;
                midOpen = mid2;
                midHigh = mid2;
                midLow = mid2;
            }
            spreadMin = Math.min(spreadMin, spread);
            spreadMax = Math.max(spreadMax, spread);
            midHigh = Math.max(midHigh, mid2);
            midLow = Math.min(midLow, mid2);
            spreadLast = spread;
            midClose = mid2;
            // (P_b · Q_a + P_a · Q_b) / (Q_a + Q_b)
            micro = BigDecimal.valueOf((long)q.bid * q.askSize + (long)q.ask * q.bidSize)
                .divide(BigDecimal.valueOf(q.bidSize + q.askSize), MC);
        }
    }
}
