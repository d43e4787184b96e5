package dev.tickwire.tools;

import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * One JSON object per message, as {@code dump} and {@code subscribe} print them. Prices and sizes
 * are decimal strings (exact, no float), times are ISO-8601 UTC with nanoseconds plus epoch ns.
 * Fields that do not apply to a message type are omitted.
 */
final class MessageJson implements MarketDataListener
{
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final Int2ObjectHashMap<Instrument> instruments = new Int2ObjectHashMap<>();
    private final InstrumentCatalog catalog;
    private final StringBuilder sb = new StringBuilder(512);
    private final java.util.function.Consumer<String> sink;

    /** @param catalog the journal's catalog for symbols and exponents, or null (learned from definitions) */
    MessageJson(final InstrumentCatalog catalog)
    {
        this(catalog, null);
    }

    /** As a listener (e.g. on an Aeron subscriber): each message's line goes to {@code sink}. */
    MessageJson(final InstrumentCatalog catalog, final java.util.function.Consumer<String> sink)
    {
        this.catalog = catalog;
        this.sink = sink;
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        System.err.println("gap: stream sequences " + expected + ".." + (received - 1) +
            " were dropped by the engine under back-pressure");
    }

    /** Formats the message; returns null for a message of another schema. */
    String format(final DirectBuffer buffer, final int offset)
    {
        sb.setLength(0);
        return dispatcher.dispatch(buffer, offset, this) < 0 ? null : sb.toString();
    }

    @Override
    public void onTrade(final TradeDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        envelope("trade", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        price("price", m.price(), i);
        size("size", m.size(), i);
        field("side", m.aggressor() == Side.BUY ? "buy" : m.aggressor() == Side.SELL ? "sell" : "none");
        if (m.bidPrice() != FixedPoint.NULL)
        {
            price("bid", m.bidPrice(), i);
        }
        if (m.askPrice() != FixedPoint.NULL)
        {
            price("ask", m.askPrice(), i);
        }
        number("trade_id", m.tradeId());
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onQuote(final QuoteDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        envelope("quote", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        price("bid", m.bidPrice(), i);
        price("ask", m.askPrice(), i);
        size("bid_size", m.bidSize(), i);
        size("ask_size", m.askSize(), i);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        envelope("book_delta", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        field("action", m.action().name().toLowerCase());
        field("side", m.side() == dev.tickwire.wire.sbe.BookSide.BID ? "buy" : "sell");
        if (m.action() != dev.tickwire.wire.sbe.BookAction.CLEAR)
        {
            price("price", m.price(), i);
            size("size", m.size(), i);
            number("orders", m.orderCount());
        }
        final StringBuilder flags = new StringBuilder();
        if (m.flags().snapshot())
        {
            flags.append("snapshot");
        }
        if (m.flags().endOfBatch())
        {
            flags.append(flags.length() > 0 ? "|" : "").append("end_of_batch");
        }
        if (m.flags().correction())
        {
            flags.append(flags.length() > 0 ? "|" : "").append("correction");
        }
        field("flags", flags.toString());
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder m)
    {
        final Instrument known = new Instrument(m.instrumentId(), m.symbol().trim(), m.venue().trim(),
            m.priceExponent(), m.sizeExponent(), m.tickSize());
        instruments.put(known.id(), known);
        envelope("instrument", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        field("venue", known.venue());
        number("price_exponent", known.priceExponent());
        number("size_exponent", known.sizeExponent());
        price("tick_size", known.tickSize(), known);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onStatus(final SourceStatusDecoder m)
    {
        envelope("status", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        field("status", m.status().name().toLowerCase());
        number("value", m.value());
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    /** The symbol of an instrument id, or null if unknown. */
    String symbol(final int instrumentId)
    {
        final Instrument i = instrument(instrumentId);
        return i == null ? null : i.symbol();
    }

    private Instrument instrument(final int id)
    {
        Instrument i = instruments.get(id);
        if (i == null && catalog != null)
        {
            i = catalog.byId(id).orElse(null);
            if (i == null)
            {
                catalog.reload(); // registered since we opened it
                i = catalog.byId(id).orElse(null);
            }
            if (i != null)
            {
                instruments.put(id, i);
            }
        }
        return i;
    }

    private void envelope(final String type, final long seq, final int instrumentId, final long ts, final long recv)
    {
        sb.append("{\"seq\":").append(seq);
        field("type", type);
        final Instrument i = instrument(instrumentId);
        if (i != null)
        {
            field("symbol", i.symbol());
        }
        number("instrument_id", instrumentId);
        field("ts", Timestamps.format(ts));
        number("ts_ns", ts);
        number("recv_ns", recv);
    }

    private void verdict(final Verdict verdict, final RejectReason reason, final int source, final long position)
    {
        field("verdict", verdict == Verdict.ACCEPTED ? "accepted" : "rejected");
        if (verdict != Verdict.ACCEPTED)
        {
            field("reason", reason.name().toLowerCase());
        }
        number("source", source);
        number("source_pos", position);
        sb.append('}');
        if (sink != null)
        {
            sink.accept(sb.toString());
            sb.setLength(0);
        }
    }

    private void price(final String name, final long mantissa, final Instrument i)
    {
        decimal(name, mantissa, i == null ? 0 : i.priceExponent());
    }

    private void size(final String name, final long mantissa, final Instrument i)
    {
        decimal(name, mantissa, i == null ? 0 : i.sizeExponent());
    }

    private void decimal(final String name, final long mantissa, final int exponent)
    {
        if (mantissa == FixedPoint.NULL || mantissa == FixedPoint.NOT_FINITE)
        {
            field(name, mantissa == FixedPoint.NULL ? "null" : "not_finite");
            return;
        }
        sb.append(",\"").append(name).append("\":\"");
        FixedPoint.appendDecimal(sb, mantissa, exponent).append('"');
    }

    private void number(final String name, final long value)
    {
        sb.append(",\"").append(name).append("\":").append(value);
    }

    private void field(final String name, final String value)
    {
        sb.append(",\"").append(name).append("\":");
        JsonText.appendString(sb, value);
    }
}
