package dev.tickwire.engine.bars.features;

import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;

import java.util.Arrays;

/**
 * The book and tape state of one instrument that its bars' features read, shared by all its bar specs so that
 * each event is derived once: the L1 and top-N states in force, the values derived from them
 * ({@link BookView}), and the increments of the last update (order-flow imbalance, mid return, the price-impact
 * pair). A bar spec's {@link BarFeatures} integrates them over its own bars.
 *
 * <p>Sources: L1 comes from the instrument's quotes once it has sent one, else from its book's best levels;
 * the top N come from its book once a book state has arrived, else from its quotes (one level). Only
 * consistent states are fed: a quote, or a book at the end of a batch.
 *
 * <p>Call order per accepted market event of the instrument (engine-sequence order):
 * <ol>
 *   <li>trade: {@link #onTrade}, then {@code BarBuilder.onTrade} of each of its specs;</li>
 *   <li>quote: {@link #onQuote}, then {@code BarBuilder.onBookEvent} of each spec;</li>
 *   <li>book delta: apply it to the book; at the end of its batch {@link #onBook} (with {@code snapshot} if the
 *   batch held a CLEAR); then, for every delta, {@code BarBuilder.onBookEvent} of each spec.</li>
 * </ol>
 * O(N) per book state, O(1) otherwise; no allocation. Single-threaded.
 */
public final class InstrumentState
{
    /** An empty ask side compares as +∞ (an empty bid is {@link Values#NONE}, −∞), so the OFI rules need no case. */
    private static final long NO_ASK = Long.MAX_VALUE;

    private final int depth;
    private final long[] bidPrices;
    private final long[] bidSizes;
    private final long[] askPrices;
    private final long[] askSizes;
    private final BookTop quoteTop = new BookTop(1);

    private long bidPrice = Values.NONE;
    private long bidSize;
    private long askPrice = NO_ASK;
    private long askSize;
    private boolean quotesSeen;
    private boolean bookSeen;

    private BookView previous = new BookView();
    private BookView current = new BookView();
    private long updates;

    private long ofiL1;
    private long ofiTopN;
    private double midReturn2;
    private double impactXY;
    private double impactXX;

    private long lastValidMid2 = Values.NONE;
    private long signedVolume;
    private long lastTradePrice = Values.NONE;
    private boolean tradeReturn;
    private double tradeReturn2;

    /** @param depth N, the levels per side of the top-N features (default 5) */
    public InstrumentState(final int depth)
    {
        if (depth < 1)
        {
            throw new IllegalArgumentException("the top-N depth must be at least 1, got " + depth);
        }
        this.depth = depth;
        bidPrices = new long[depth];
        bidSizes = new long[depth];
        askPrices = new long[depth];
        askSizes = new long[depth];
        Arrays.fill(bidPrices, Values.NONE);
        Arrays.fill(askPrices, NO_ASK);
        computeView(current);
        computeView(previous);
    }

    /** N. */
    public int depth()
    {
        return depth;
    }

    /** An accepted trade: its log return against the previous trade, and its signed volume for the price impact. */
    public void onTrade(final long price, final long size, final Side aggressor)
    {
        tradeReturn = lastTradePrice != Values.NONE;
        if (tradeReturn)
        {
            final double r = StrictMath.log((double)price / (double)lastTradePrice);
            tradeReturn2 = r * r;
        }
        lastTradePrice = price;
        if (aggressor == Side.BUY)
        {
            signedVolume += size;
        }
        else if (aggressor == Side.SELL)
        {
            signedVolume -= size;
        }
    }

    /** An accepted quote; a side whose size is 0 or less is empty. */
    public void onQuote(final long bidPrice, final long bidSize, final long askPrice, final long askSize)
    {
        quotesSeen = true;
        beginUpdate();
        final long bp = bidSize > 0 ? bidPrice : Values.NONE;
        final long bs = bidSize > 0 ? bidSize : 0;
        final long ap = askSize > 0 ? askPrice : NO_ASK;
        final long as = askSize > 0 ? askSize : 0;
        boolean changed = setL1(bp, bs, ap, as, false);
        if (!bookSeen)
        {
            quoteTop.clear();
            if (bs > 0)
            {
                quoteTop.addBid(bp, bs);
            }
            if (as > 0)
            {
                quoteTop.addAsk(ap, as);
            }
            changed |= setDepth(quoteTop, false);
        }
        endUpdate(changed);
    }

    /**
     * The instrument's book at a consistent point (a batch end).
     *
     * @param top      its best levels (positive sizes, best first), e.g. {@link BookTop#fill}
     * @param snapshot the batch held a CLEAR: the new state is a restatement, not order flow, so it adds no OFI
     */
    public void onBook(final BookTop top, final boolean snapshot)
    {
        bookSeen = true;
        beginUpdate();
        boolean changed = setDepth(top, snapshot);
        if (!quotesSeen)
        {
            final boolean bid = top.bidLevels() > 0;
            final boolean ask = top.askLevels() > 0;
            changed |= setL1(bid ? top.bidPrice(0) : Values.NONE, bid ? top.bidSize(0) : 0,
                ask ? top.askPrice(0) : NO_ASK, ask ? top.askSize(0) : 0, snapshot);
        }
        endUpdate(changed);
    }

    private void beginUpdate()
    {
        ofiL1 = 0;
        ofiTopN = 0;
        midReturn2 = 0;
        impactXY = 0;
        impactXX = 0;
    }

    private void endUpdate(final boolean changed)
    {
        if (changed)
        {
            final BookView swap = previous;
            previous = current;
            current = swap;
            computeView(current);
            updates++;
        }
    }

    private boolean setL1(final long bp, final long bs, final long ap, final long as, final boolean snapshot)
    {
        if (bp == bidPrice && bs == bidSize && ap == askPrice && as == askSize)
        {
            return false;
        }
        if (!snapshot)
        {
            ofiL1 = ofi(bidPrice, bidSize, askPrice, askSize, bp, bs, ap, as);
        }
        if (valid(bp, ap))
        {
            final long mid2 = bp + ap;
            if (valid(bidPrice, askPrice))
            {
                final double volume = signedVolume;
                impactXY = (double)(mid2 - (bidPrice + askPrice)) * volume;
                impactXX = volume * volume;
            }
            if (lastValidMid2 != Values.NONE)
            {
                final double r = StrictMath.log((double)mid2 / (double)lastValidMid2);
                midReturn2 = r * r;
            }
            lastValidMid2 = mid2;
        }
        signedVolume = 0;
        bidPrice = bp;
        bidSize = bs;
        askPrice = ap;
        askSize = as;
        return true;
    }

    private boolean setDepth(final BookTop top, final boolean snapshot)
    {
        boolean changed = false;
        long flow = 0;
        for (int m = 0; m < depth; m++)
        {
            final boolean bid = m < top.bidLevels();
            final boolean ask = m < top.askLevels();
            final long bp = bid ? top.bidPrice(m) : Values.NONE;
            final long bs = bid ? top.bidSize(m) : 0;
            final long ap = ask ? top.askPrice(m) : NO_ASK;
            final long as = ask ? top.askSize(m) : 0;
            if (bp != bidPrices[m] || bs != bidSizes[m] || ap != askPrices[m] || as != askSizes[m])
            {
                changed = true;
                flow += ofi(bidPrices[m], bidSizes[m], askPrices[m], askSizes[m], bp, bs, ap, as);
                bidPrices[m] = bp;
                bidSizes[m] = bs;
                askPrices[m] = ap;
                askSizes[m] = as;
            }
        }
        if (!snapshot)
        {
            ofiTopN = flow;
        }
        return changed;
    }

    /**
     * Cont, Kukanov, Stoikov (2014), eq. (2): e = q^b·1{P^b ≥ P^b'} − q^b'·1{P^b ≤ P^b'} − q^a·1{P^a ≤ P^a'}
     * + q^a'·1{P^a ≥ P^a'}, primes the state before. An empty side is a price at infinity with size 0.
     */
    private static long ofi(
        final long oldBp, final long oldBs, final long oldAp, final long oldAs,
        final long bp, final long bs, final long ap, final long as)
    {
        long e = 0;
        if (bp >= oldBp)
        {
            e += bs;
        }
        if (bp <= oldBp)
        {
            e -= oldBs;
        }
        if (ap <= oldAp)
        {
            e -= as;
        }
        if (ap >= oldAp)
        {
            e += oldAs;
        }
        return e;
    }

    private static boolean valid(final long bp, final long ap)
    {
        return bp != Values.NONE && ap != NO_ASK && bp <= ap;
    }

    private void computeView(final BookView view)
    {
        view.l1Empty = bidPrice == Values.NONE || askPrice == NO_ASK;
        view.l1Crossed = !view.l1Empty && bidPrice > askPrice;
        view.l1Valid = !view.l1Empty && !view.l1Crossed;
        if (view.l1Valid)
        {
            final long spread = askPrice - bidPrice;
            final long mid2 = bidPrice + askPrice;
            final double total = (double)(bidSize + askSize);
            view.spread = spread;
            view.mid2 = mid2;
            view.spreadBps = 20_000.0 * (double)spread / (double)mid2;
            view.imbalance = (double)(bidSize - askSize) / total;
            view.micro = (double)bidPrice + (double)spread * ((double)bidSize / total);
        }
        view.topValid = bidPrices[0] != Values.NONE && askPrices[0] != NO_ASK && bidPrices[0] <= askPrices[0];
        if (view.topValid)
        {
            long bids = 0;
            long asks = 0;
            for (int m = 0; m < depth; m++)
            {
                bids += bidSizes[m];
                asks += askSizes[m];
            }
            view.topImbalance = (double)(bids - asks) / (double)(bids + asks);
        }
    }

    long updates()
    {
        return updates;
    }

    /** The view in force before the last update. */
    BookView previous()
    {
        return previous;
    }

    /** The view in force now. */
    BookView current()
    {
        return current;
    }

    long ofiL1()
    {
        return ofiL1;
    }

    long ofiTopN()
    {
        return ofiTopN;
    }

    double midReturn2()
    {
        return midReturn2;
    }

    double impactXY()
    {
        return impactXY;
    }

    double impactXX()
    {
        return impactXX;
    }

    boolean tradeReturn()
    {
        return tradeReturn;
    }

    double tradeReturn2()
    {
        return tradeReturn2;
    }
}
