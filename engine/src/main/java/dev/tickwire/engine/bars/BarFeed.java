package dev.tickwire.engine.bars;

import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Routes market messages to one {@link BarBuilder} per (instrument, spec): the same listener runs in
 * the live bar stage (over the ring's slots) and over a journal replay, which is why both give the same
 * bars. An instrument's builders are created at its definition (which carries the exponents volume and
 * value thresholds are scaled with); messages of an instrument not defined yet are ignored. Rejected
 * messages are ignored. No allocation per message.
 */
public final class BarFeed implements MarketDataListener
{
    private static final Logger LOG = LoggerFactory.getLogger(BarFeed.class);
    private static final BarBuilder[] NONE = new BarBuilder[0];

    private final BarSpec[] specs;
    private final boolean emitEmpty;
    private final BarListener listener;
    private BarBuilder[][] builders = new BarBuilder[64][];

    public BarFeed(final List<BarSpec> specs, final boolean emitEmpty, final BarListener listener)
    {
        this.specs = specs.toArray(new BarSpec[0]);
        this.emitEmpty = emitEmpty;
        this.listener = listener;
    }

    /** Creates an instrument's builders (once: a repeated definition, e.g. at an adapter's restart, keeps them). */
    public void define(final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        if (instrumentId < 0)
        {
            return;
        }
        if (instrumentId >= builders.length)
        {
            builders = Arrays.copyOf(builders, Integer.highestOneBit(instrumentId) << 1);
        }
        if (builders[instrumentId] != null)
        {
            return;
        }
        final List<BarBuilder> created = new ArrayList<>(specs.length);
        for (final BarSpec spec : specs)
        {
            try
            {
                created.add(new BarBuilder(spec, instrumentId, priceExponent, sizeExponent, emitEmpty, listener));
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                LOG.error("no '{}' bars for instrument {}: {}", spec, instrumentId, ex.getMessage());
            }
        }
        builders[instrumentId] = created.isEmpty() ? NONE : created.toArray(new BarBuilder[0]);
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder definition)
    {
        define(definition.instrumentId(), definition.priceExponent(), definition.sizeExponent());
    }

    @Override
    public void onTrade(final TradeDecoder trade)
    {
        final BarBuilder[] bs = buildersOf(trade.instrumentId());
        if (bs == null || trade.verdict() != Verdict.ACCEPTED)
        {
            return;
        }
        final long eventTimeNs = trade.eventTimeNs();
        final long receiveTimeNs = trade.receiveTimeNs();
        final long sequence = trade.sequence();
        final long price = trade.price();
        final long size = trade.size();
        final Side aggressor = trade.aggressor();
        for (final BarBuilder b : bs)
        {
            b.onTrade(eventTimeNs, receiveTimeNs, sequence, price, size, aggressor);
        }
    }

    @Override
    public void onQuote(final QuoteDecoder quote)
    {
        if (quote.verdict() == Verdict.ACCEPTED)
        {
            onEvent(quote.instrumentId(), quote.eventTimeNs());
        }
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder delta)
    {
        if (delta.verdict() == Verdict.ACCEPTED)
        {
            onEvent(delta.instrumentId(), delta.eventTimeNs());
        }
    }

    private void onEvent(final int instrumentId, final long eventTimeNs)
    {
        final BarBuilder[] bs = buildersOf(instrumentId);
        if (bs != null)
        {
            for (final BarBuilder b : bs)
            {
                b.onEvent(eventTimeNs);
            }
        }
    }

    /** The data ends at {@code limitNs}, exclusive (see {@link BarBuilder#finish(long)}). */
    public void finish(final long limitNs)
    {
        for (final BarBuilder[] bs : builders)
        {
            if (bs != null)
            {
                for (final BarBuilder b : bs)
                {
                    b.finish(limitNs);
                }
            }
        }
    }

    /** The builders of an instrument, in spec order; null if it was never defined. */
    public BarBuilder[] buildersOf(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < builders.length ? builders[instrumentId] : null;
    }
}
