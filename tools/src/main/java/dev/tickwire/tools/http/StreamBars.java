package dev.tickwire.tools.http;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarFeed;
import dev.tickwire.engine.bars.BarListener;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Time bars built live by the stream's tailer (the journal holds no bars), with the engine's {@link BarFeed} and
 * {@code BarBuilder}: one feed per interval, fed every accepted trade, quote and book delta in journal order,
 * with builders for the instruments someone asked bars of. Tailer thread only.
 *
 * <p>A builder starts when an instrument's first subscriber for the interval comes, in the middle of an
 * interval: that first bar would lack the trades before it, so bars that began before the builder started
 * (their start at or before the journal's watermark then) are not sent. The first bar a subscriber gets is thus
 * the first whole one (with {@code bars=1m}, within two minutes); later subscribers of a running builder get the
 * next bar it completes. A time bar completes with the instrument's first event at or after its end (event
 * time), as everywhere in tickwire; the bar still open is not sent.
 */
final class StreamBars implements MarketDataListener
{
    private static final StreamSession[] NONE = new StreamSession[0];
    private static final int FEATURE_DEPTH = 5;

    /** The subscribers of one instrument's bars of one interval. */
    private static final class Subscribers
    {
        final Instrument instrument;
        /** Bars starting at or before this event time began before the builder did: not whole, not sent. */
        final long partialUpToNs;
        StreamSession[] sessions = NONE;

        Subscribers(final Instrument instrument, final long partialUpToNs)
        {
            this.instrument = instrument;
            this.partialUpToNs = partialUpToNs;
        }
    }

    /** The bars of one interval, for every instrument subscribed to it. */
    private final class Interval implements BarListener
    {
        final BarSpec spec;
        final BarFeed feed;
        final Int2ObjectHashMap<Subscribers> byInstrument = new Int2ObjectHashMap<>();

        Interval(final BarSpec spec)
        {
            this.spec = spec;
            // with features; the tailer joins the journal mid-stream, so its books count from their next snapshot
            this.feed = new BarFeed(List.of(spec), false, this, FEATURE_DEPTH, null).fromSnapshot();
        }

        @Override
        public void onBar(final Bar bar)
        {
            final Subscribers subs = byInstrument.get(bar.instrumentId());
            if (subs == null || subs.sessions.length == 0 || bar.startNs() <= subs.partialUpToNs)
            {
                return;
            }
            sb.setLength(0);
            row.beginObject().text("type", "bar").text("symbol", subs.instrument.symbol())
                .integer("instrument_id", subs.instrument.id()).text("interval", spec.text());
            MarketRows.bar(BarRow.of(bar), row);
            row.endObject();
            final String frame = sb.toString();
            for (final StreamSession s : subs.sessions)
            {
                offer.accept(s, frame);
            }
        }
    }

    /** Hands a frame to a session (the tailer's offer, which also marks it for the next flush). */
    interface Offer
    {
        void accept(StreamSession session, String frame);
    }

    private final List<Interval> intervals = new ArrayList<>();
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final StringBuilder sb = new StringBuilder(512);
    private final JsonRow row = new JsonRow(sb);
    private final Offer offer;

    StreamBars(final Offer offer)
    {
        this.offer = offer;
    }

    /**
     * Subscribes a session to an instrument's bars of an interval.
     *
     * @param watermarkNs the journal's watermark at the tailer's position: bars starting by then are partial
     */
    void subscribe(final StreamSession session, final Instrument instrument, final BarSpec spec, final long watermarkNs)
    {
        Interval interval = null;
        for (final Interval i : intervals)
        {
            if (i.spec.intervalNs() == spec.intervalNs() && i.spec.originNs() == spec.originNs())
            {
                interval = i;
            }
        }
        if (interval == null)
        {
            interval = new Interval(spec);
            intervals.add(interval);
        }
        Subscribers subs = interval.byInstrument.get(instrument.id());
        if (subs == null)
        {
            subs = new Subscribers(instrument, watermarkNs);
            interval.feed.define(instrument.id(), instrument.priceExponent(), instrument.sizeExponent());
            interval.byInstrument.put(instrument.id(), subs);
        }
        subs.sessions = StreamTailer.with(subs.sessions, session);
    }

    /** Removes a session from every bar subscription (its builders keep running for later subscribers). */
    void unsubscribe(final StreamSession session)
    {
        for (final Interval interval : intervals)
        {
            interval.byInstrument.values().forEach(subs -> subs.sessions = StreamTailer.without(subs.sessions, session));
        }
    }

    /** Feeds an accepted market message to every interval (no-op without bar subscriptions). */
    void onMessage(final DirectBuffer buffer, final int offset)
    {
        if (!intervals.isEmpty())
        {
            dispatcher.dispatch(buffer, offset, this);
        }
    }

    @Override
    public void onTrade(final TradeDecoder trade)
    {
        for (final Interval i : intervals)
        {
            i.feed.onTrade(trade);
        }
    }

    @Override
    public void onQuote(final QuoteDecoder quote)
    {
        for (final Interval i : intervals)
        {
            i.feed.onQuote(quote);
        }
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder delta)
    {
        for (final Interval i : intervals)
        {
            i.feed.onBookDelta(delta);
        }
    }
}
