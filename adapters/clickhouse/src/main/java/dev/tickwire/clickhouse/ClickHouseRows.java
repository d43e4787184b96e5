package dev.tickwire.clickhouse;

import dev.tickwire.engine.bars.features.ColumnType;
import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.engine.bars.features.FeatureCodec;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.InstrumentLookup;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.Locale;

import static dev.tickwire.journal.InstrumentLookup.priceExponent;
import static dev.tickwire.journal.InstrumentLookup.sizeExponent;

/**
 * Journal messages as rows of the {@link ClickHouseTables}, column for column in their order: accepted
 * trades, quotes, book deltas, statuses and reference data (candles, derivative tickers, liquidations, option
 * summaries) into their tables, every rejected message into rejects, bars
 * into their spec's table with every feature column (one loop over {@link FeatureColumn}). Instrument
 * definitions (the catalog holds them) and heartbeats have no table.
 */
final class ClickHouseRows implements MarketDataListener
{
    /** Where a rejected message is counted, by reason (the monitor's rejects table). */
    interface RejectCounter
    {
        void rejected(String reason);
    }

    /** The batch of a bars table, by name (made at its first bar). */
    interface BarTables
    {
        RowBatch batch(String table);
    }

    private static final FeatureBar NO_FEATURES = new FeatureBar();

    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final InstrumentLookup instruments;
    /** Each symbol's UTF-8 bytes, encoded once rather than per row. */
    private final Int2ObjectHashMap<byte[]> symbols = new Int2ObjectHashMap<>();
    private static final byte[] NO_SYMBOL = new byte[0];
    private final MessageJson json;
    private final RowBatch trades;
    private final RowBatch quotes;
    private final RowBatch bookDeltas;
    private final RowBatch statuses;
    private final RowBatch rejects;
    private final RowBatch candles;
    private final RowBatch tickers;
    private final RowBatch liquidations;
    private final RowBatch options;
    private final RejectCounter rejectCounter;
    private final BarTables barTables;
    private final FeatureBar features = new FeatureBar();
    private DirectBuffer buffer;
    private int offset;

    /** @param batches the batch of each of {@link ClickHouseTables#DATA} */
    ClickHouseRows(final InstrumentCatalog catalog,
        final java.util.function.Function<ClickHouseTables.Table, RowBatch> batches, final RejectCounter rejectCounter,
        final BarTables barTables)
    {
        this.barTables = barTables;
        this.instruments = new InstrumentLookup(catalog);
        this.json = new MessageJson(catalog);
        this.trades = batches.apply(ClickHouseTables.TRADES);
        this.quotes = batches.apply(ClickHouseTables.QUOTES);
        this.bookDeltas = batches.apply(ClickHouseTables.BOOK_DELTAS);
        this.statuses = batches.apply(ClickHouseTables.STATUSES);
        this.rejects = batches.apply(ClickHouseTables.REJECTS);
        this.candles = batches.apply(ClickHouseTables.CANDLES);
        this.tickers = batches.apply(ClickHouseTables.DERIVATIVE_TICKERS);
        this.liquidations = batches.apply(ClickHouseTables.LIQUIDATIONS);
        this.options = batches.apply(ClickHouseTables.OPTION_SUMMARIES);
        this.rejectCounter = rejectCounter;
    }

    /** Adds the message's row to its table's batch, if it has one. */
    void add(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        dispatcher.dispatch(buffer, offset, this);
    }

    @Override
    public void onTrade(final TradeDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "trade", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final Instrument i = instrument(m.instrumentId());
        final int pe = priceExponent(i);
        envelope(trades, m.sequence(), m.instrumentId(), i, m.sourceId(), m.sourcePosition(), m.eventTimeNs(),
            m.receiveTimeNs()).int8(pe).int8(sizeExponent(i))
            .decimal(m.price(), pe).decimal(m.size(), sizeExponent(i))
            .decimal(m.bidPrice(), pe).decimal(m.askPrice(), pe)
            .string(m.aggressor() == Side.BUY ? "buy" : m.aggressor() == Side.SELL ? "sell" : "none")
            .int64(m.tradeId());
    }

    @Override
    public void onQuote(final QuoteDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "quote", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final Instrument i = instrument(m.instrumentId());
        final int pe = priceExponent(i);
        final int se = sizeExponent(i);
        envelope(quotes, m.sequence(), m.instrumentId(), i, m.sourceId(), m.sourcePosition(), m.eventTimeNs(),
            m.receiveTimeNs()).int8(pe).int8(se)
            .decimal(m.bidPrice(), pe).decimal(m.bidSize(), se).decimal(m.askPrice(), pe).decimal(m.askSize(), se);
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "book_delta", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final Instrument i = instrument(m.instrumentId());
        final int pe = priceExponent(i);
        final int se = sizeExponent(i);
        final boolean clear = m.action() == dev.tickwire.wire.sbe.BookAction.CLEAR;
        envelope(bookDeltas, m.sequence(), m.instrumentId(), i, m.sourceId(), m.sourcePosition(), m.eventTimeNs(),
            m.receiveTimeNs()).int8(pe).int8(se)
            .string(m.action().name().toLowerCase(Locale.ROOT)).string(m.side() == BookSide.BID ? "buy" : "sell")
            .decimal(clear ? dev.tickwire.wire.Values.NONE : m.price(), pe)
            .decimal(clear ? dev.tickwire.wire.Values.NONE : m.size(), se)
            .int32(clear ? 0 : m.orderCount())
            .uint8(m.flags().snapshot() ? 1 : 0).uint8(m.flags().endOfBatch() ? 1 : 0)
            .uint8(m.flags().correction() ? 1 : 0);
    }

    @Override
    public void onStatus(final SourceStatusDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "status", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        envelope(statuses, m.sequence(), m.instrumentId(), instrument(m.instrumentId()), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs())
            .string(m.status().name().toLowerCase(Locale.ROOT)).int64(m.value());
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder m)
    {
        if (m.verdict() == Verdict.ACCEPTED)
        {
            symbols.remove(m.instrumentId());
            instruments.learn(new Instrument(m.instrumentId(), m.symbol().trim(), m.venue().trim(),
                m.priceExponent(), m.sizeExponent(), m.tickSize()));
            return;
        }
        rejected(m.verdict(), m.rejectReason(), "instrument", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs());
    }

    @Override
    public void onBar(final BarDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "bar", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final Instrument i = instrument(m.instrumentId());
        final int pe = priceExponent(i);
        final int se = sizeExponent(i);
        final RowBatch batch = barTables.batch(ClickHouseTables.barTable(m.kind(), m.size(), pe, se));
        batch.row(m.sequence(), m.eventTimeNs(), m.receiveTimeNs()).int64(m.sequence()).int32(m.instrumentId())
            .utf8(symbol(m.instrumentId(), i)).int64(m.eventTimeNs()).int64(m.receiveTimeNs())
            .string(m.kind().name().toLowerCase(Locale.ROOT)).int64(m.size()).int64(m.startNs()).int64(m.endNs())
            .int8(pe).int8(se)
            .decimal(m.openPrice(), pe).decimal(m.highPrice(), pe).decimal(m.lowPrice(), pe).decimal(m.closePrice(), pe)
            .decimal(m.volume(), se).decimal(m.buyVolume(), se).decimal(m.sellVolume(), se)
            .int64(m.tradeCount()).decimal(m.vwap(), pe)
            .int64(m.firstEventNs()).int64(m.lastEventNs()).uint8(m.empty());
        final FeatureBar f = FeatureCodec.decode(buffer, offset, features) ? features : NO_FEATURES;
        for (int c = 0; c < FeatureColumn.COUNT; c++)
        {
            final ColumnType type = FeatureColumn.of(c).type();
            if (type.isDouble())
            {
                batch.nullableFloat64(f.doubleValue(c));
            }
            else if (type.isFixedPoint())
            {
                batch.decimal(f.longValue(c), type.exponent(pe, se));
            }
            else
            {
                batch.nullableInt64(f.longValue(c));
            }
        }
    }

    @Override
    public void onCandle(final CandleDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "candle", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final Instrument i = instrument(m.instrumentId());
        final int pe = priceExponent(i);
        final int se = sizeExponent(i);
        envelope(candles, m.sequence(), m.instrumentId(), i, m.sourceId(), m.sourcePosition(), m.eventTimeNs(),
            m.receiveTimeNs()).int8(pe).int8(se).int64(m.startNs()).int64(m.intervalNs())
            .decimal(m.openPrice(), pe).decimal(m.highPrice(), pe).decimal(m.lowPrice(), pe).decimal(m.closePrice(), pe)
            .decimal(m.volume(), se).decimal(m.buyVolume(), se).nullableInt64(m.tradeCount());
    }

    @Override
    public void onDerivativeTicker(final DerivativeTickerDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "derivative_ticker", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final int pe = m.priceExponent();
        final int se = m.sizeExponent();
        final int re = m.rateExponent();
        envelope(tickers, m.sequence(), m.instrumentId(), instrument(m.instrumentId()), m.sourceId(), m.sourcePosition(),
            m.eventTimeNs(), m.receiveTimeNs()).int8(pe).int8(se).int8(re).nullableInt64(m.fundingTimeNs())
            .decimal(m.fundingRate(), re).decimal(m.predictedFundingRate(), re).decimal(m.openInterest(), se)
            .decimal(m.lastPrice(), pe).decimal(m.indexPrice(), pe).decimal(m.markPrice(), pe);
    }

    @Override
    public void onLiquidation(final LiquidationDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "liquidation", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final Instrument i = instrument(m.instrumentId());
        envelope(liquidations, m.sequence(), m.instrumentId(), i, m.sourceId(), m.sourcePosition(), m.eventTimeNs(),
            m.receiveTimeNs()).int8(priceExponent(i)).int8(sizeExponent(i))
            .decimal(m.price(), priceExponent(i)).decimal(m.size(), sizeExponent(i))
            .string(m.side() == Side.BUY ? "buy" : m.side() == Side.SELL ? "sell" : "none")
            .nullableInt64(m.liquidationId());
    }

    @Override
    public void onOptionSummary(final OptionSummaryDecoder m)
    {
        if (rejected(m.verdict(), m.rejectReason(), "option_summary", m.sequence(), m.instrumentId(), m.sourceId(),
            m.sourcePosition(), m.eventTimeNs(), m.receiveTimeNs()))
        {
            return;
        }
        final int pe = m.priceExponent();
        final int ue = m.underlyingExponent();
        final int se = m.sizeExponent();
        final int ve = m.valueExponent();
        envelope(options, m.sequence(), m.instrumentId(), instrument(m.instrumentId()), m.sourceId(), m.sourcePosition(),
            m.eventTimeNs(), m.receiveTimeNs()).string(m.optionType() == OptionType.PUT ? "put" : "call")
            .int64(m.expirationNs()).int8(pe).int8(ue).int8(se).int8(ve)
            .decimal(m.strikePrice(), ue).decimal(m.openInterest(), se).decimal(m.lastPrice(), pe)
            .decimal(m.bidPrice(), pe).decimal(m.bidSize(), se).decimal(m.bidIv(), ve)
            .decimal(m.askPrice(), pe).decimal(m.askSize(), se).decimal(m.askIv(), ve)
            .decimal(m.markPrice(), pe).decimal(m.markIv(), ve).decimal(m.underlyingPrice(), ue)
            .decimal(m.delta(), ve).decimal(m.gamma(), ve).decimal(m.vega(), ve).decimal(m.theta(), ve)
            .decimal(m.rho(), ve);
    }

    /** A rejected message goes to rejects, with the dump's JSON of it, and is counted by reason. */
    private boolean rejected(final Verdict verdict, final RejectReason reason, final String type, final long seq,
        final int instrumentId, final int sourceId, final long sourcePosition, final long ts, final long recv)
    {
        if (verdict == Verdict.ACCEPTED)
        {
            return false;
        }
        final String why = reason.name().toLowerCase(Locale.ROOT);
        final String message = json.format(buffer, offset);
        envelope(rejects, seq, instrumentId, instrument(instrumentId), sourceId, sourcePosition, ts, recv)
            .string(type).string(why).string(message == null ? "" : message);
        rejectCounter.rejected(why);
        return true;
    }

    private RowBatch envelope(final RowBatch batch, final long seq, final int instrumentId,
        final Instrument instrument, final int sourceId, final long sourcePosition, final long ts, final long recv)
    {
        return batch.row(seq, ts, recv).int64(seq).int32(instrumentId).utf8(symbol(instrumentId, instrument))
            .uint16(sourceId).int64(sourcePosition).int64(ts).int64(recv);
    }

    /** The symbol's UTF-8 bytes (empty for an instrument not known). */
    private byte[] symbol(final int instrumentId, final Instrument instrument)
    {
        if (instrument == null)
        {
            return NO_SYMBOL;
        }
        byte[] symbol = symbols.get(instrumentId);
        if (symbol == null)
        {
            symbol = instrument.symbol().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            symbols.put(instrumentId, symbol);
        }
        return symbol;
    }

    private Instrument instrument(final int id)
    {
        return instruments.get(id);
    }


}
