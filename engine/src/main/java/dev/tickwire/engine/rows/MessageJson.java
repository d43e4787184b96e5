package dev.tickwire.engine.rows;

import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.InstrumentLookup;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.DirectBuffer;

import static dev.tickwire.journal.InstrumentLookup.priceExponent;
import static dev.tickwire.journal.InstrumentLookup.sizeExponent;

/**
 * One JSON object per message, as {@code dump} and {@code subscribe} print them. Prices and sizes
 * are decimal strings (exact, no float), times are ISO-8601 UTC with nanoseconds plus epoch ns.
 * Fields that do not apply to a message type are omitted.
 */
public final class MessageJson implements MarketDataListener
{
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final InstrumentLookup instruments;
    private final StringBuilder sb = new StringBuilder(512);
    private final JsonRow row = new JsonRow(sb);
    private final java.util.function.Consumer<String> sink;

    /** @param catalog the journal's catalog for symbols and exponents, or null (learned from definitions) */
    public MessageJson(final InstrumentCatalog catalog)
    {
        this(catalog, null);
    }

    /** As a listener (e.g. on an Aeron subscriber): each message's line goes to {@code sink}. */
    public MessageJson(final InstrumentCatalog catalog, final java.util.function.Consumer<String> sink)
    {
        this.instruments = new InstrumentLookup(catalog);
        this.sink = sink;
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        System.err.println("gap: stream sequences " + expected + ".." + (received - 1) +
            " were dropped by the engine under back-pressure");
    }

    /** Formats the message; returns null for a message of another schema. */
    public String format(final DirectBuffer buffer, final int offset)
    {
        sb.setLength(0);
        return dispatcher.dispatch(buffer, offset, this) < 0 ? null : sb.toString();
    }

    /** The trade's fields are the one trade mapper's ({@link MarketRows#trade}), as {@code tas} and the API write them. */
    @Override
    public void onTrade(final TradeDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        head("trade", m.instrumentId());
        MarketRows.trade(MarketQueries.TradeRow.of(m, i), row);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    /** A bar's fields are the one bar mapper's ({@link MarketRows#bar}), after its kind and size. */
    @Override
    public void onBar(final BarDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        envelope("bar", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        row.text("kind", m.kind().name().toLowerCase()).integer("bar_size", m.size());
        MarketRows.bar(MarketQueries.BarRow.of(m, priceExponent(i), sizeExponent(i)), row);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onQuote(final QuoteDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        envelope("quote", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        row.decimal("bid", m.bidPrice(), priceExponent(i)).decimal("ask", m.askPrice(), priceExponent(i))
            .decimal("bid_size", m.bidSize(), sizeExponent(i)).decimal("ask_size", m.askSize(), sizeExponent(i));
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder m)
    {
        final Instrument i = instrument(m.instrumentId());
        envelope("book_delta", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        row.text("action", m.action().name().toLowerCase())
            .text("side", m.side() == dev.tickwire.wire.sbe.BookSide.BID ? "buy" : "sell");
        if (m.action() != dev.tickwire.wire.sbe.BookAction.CLEAR)
        {
            row.decimal("price", m.price(), priceExponent(i)).decimal("size", m.size(), sizeExponent(i))
                .integer("orders", m.orderCount());
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
        row.text("flags", flags.toString());
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder m)
    {
        final Instrument known = new Instrument(m.instrumentId(), m.symbol().trim(), m.venue().trim(),
            m.priceExponent(), m.sizeExponent(), m.tickSize());
        instruments.learn(known);
        envelope("instrument", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        row.text("venue", known.venue()).integer("price_exponent", known.priceExponent())
            .integer("size_exponent", known.sizeExponent()).decimal("tick_size", known.tickSize(), known.priceExponent());
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onStatus(final SourceStatusDecoder m)
    {
        envelope("status", m.sequence(), m.instrumentId(), m.eventTimeNs(), m.receiveTimeNs());
        row.text("status", m.status().name().toLowerCase()).integer("value", m.value());
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    /** A source's OHLCV bar: the fields of {@link MarketRows#candle}, at the instrument's exponents. */
    @Override
    public void onCandle(final CandleDecoder m)
    {
        head("candle", m.instrumentId());
        MarketRows.candle(m, instrument(m.instrumentId()), row);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    /** Funding, open interest, last, index and mark: {@link MarketRows#derivativeTicker}, at the message's exponents. */
    @Override
    public void onDerivativeTicker(final DerivativeTickerDecoder m)
    {
        head("derivative_ticker", m.instrumentId());
        MarketRows.derivativeTicker(m, row);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    @Override
    public void onLiquidation(final LiquidationDecoder m)
    {
        head("liquidation", m.instrumentId());
        MarketRows.liquidation(m, instrument(m.instrumentId()), row);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    /** An option's quote, mark, IVs and greeks: {@link MarketRows#optionSummary}, at the message's exponents. */
    @Override
    public void onOptionSummary(final OptionSummaryDecoder m)
    {
        head("option_summary", m.instrumentId());
        MarketRows.optionSummary(m, row);
        verdict(m.verdict(), m.rejectReason(), m.sourceId(), m.sourcePosition());
    }

    /** The symbol of an instrument id, or null if unknown. */
    public String symbol(final int instrumentId)
    {
        final Instrument i = instrument(instrumentId);
        return i == null ? null : i.symbol();
    }

    private Instrument instrument(final int id)
    {
        return instruments.get(id);
    }



    /** Opens the message's object: its type, symbol and instrument id. */
    private void head(final String type, final int instrumentId)
    {
        row.beginObject().text("type", type);
        final Instrument i = instrument(instrumentId);
        if (i != null)
        {
            row.text("symbol", i.symbol());
        }
        row.integer("instrument_id", instrumentId);
    }

    private void envelope(final String type, final long seq, final int instrumentId, final long ts, final long recv)
    {
        head(type, instrumentId);
        row.integer("seq", seq).time("ts", ts).nanos("recv_ns", recv);
    }

    private void verdict(final Verdict verdict, final RejectReason reason, final int source, final long position)
    {
        row.text("verdict", verdict == Verdict.ACCEPTED ? "accepted" : "rejected");
        if (verdict != Verdict.ACCEPTED)
        {
            row.text("reason", reason.name().toLowerCase());
        }
        row.integer("source", source).integer("source_pos", position).endObject();
        if (sink != null)
        {
            sink.accept(sb.toString());
            sb.setLength(0);
        }
    }
}
