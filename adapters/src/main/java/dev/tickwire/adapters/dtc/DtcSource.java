package dev.tickwire.adapters.dtc;

import dev.tickwire.adapters.sierra.SierraPrices;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.ring.BookBatch;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.List;

import static dev.tickwire.adapters.dtc.DtcProtocol.*;

/**
 * A live feed from a DTC server (Sierra Chart's), binary encoding, over one TCP connection polled
 * from {@code doWork} (a non-blocking {@link SocketChannel}: the agent never blocks). The session:
 * ENCODING_REQUEST (binary), LOGON_REQUEST, then per symbol a security definition (its tick size and
 * price format give the journal's exponents the first time the symbol is seen) and the market data and
 * market depth subscriptions. Trades (aggressor from AtBidOrAsk, the symbol's last bid/ask beside
 * them), bid/ask updates (quotes) and depth (a snapshot = CLEAR + its levels as one book batch flagged
 * SNAPSHOT; updates as batches of their own) become the ticks and batches the file sources produce.
 *
 * <p>Heartbeats go both ways; nothing received for two intervals, or a dropped connection, closes
 * the link: each instrument gets a DISCONNECTED status, the source reconnects with full-jitter
 * backoff, and each instrument a RESYNCED status (value: the outage in ms) once its fresh depth
 * snapshot is journaled (or, without depth, once it is subscribed again).
 *
 * <p>Positions: DTC numbers nothing and cannot replay, so a position is the receive time in ns, made
 * strictly increasing: it orders and names each message, and a restart never journals a position
 * twice, but what the server sent while tickwire was away is lost (docs/dtc.md).
 */
public final class DtcSource implements FeedAdapter
{
    static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.dtc");
    private static final int BAD_MESSAGES_LOGGED = 100;
    private static final int CONNECTION_PROBLEMS_LOGGED = 20;
    private static final int IN_CAPACITY = 1 << 17;
    private static final int OUT_CAPACITY = 1 << 16;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** A double DTC price field's "no value" (the header's DBL_MAX). */
    private static final double UNSET_DOUBLE = Double.MAX_VALUE;
    private static final float UNSET_FLOAT = Float.MAX_VALUE;

    private enum Phase
    {
        IDLE, CONNECTING, ENCODING, LOGON, LIVE
    }

    private final String key;
    private final DtcConfig config;
    private final InstrumentCatalog catalog;
    private final int sourceId;
    private final String password;
    private final Sym[] symbols;
    private final long heartbeatNs;
    private final Backoff backoff;
    private final MessageWriter writer = new MessageWriter();
    private final ByteBuffer in = ByteBuffer.allocateDirect(IN_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer inView = new UnsafeBuffer(in);
    private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer outView = new UnsafeBuffer(out);

    private AdapterContext context;
    private TickPublisher publisher;
    private EpochNanoClock clock;
    private BookBatch batch;
    private AtomicCounter state;
    private AtomicCounter malformed;
    private AtomicCounter unsupported;
    private AtomicCounter reconnects;
    private AtomicCounter missedHeartbeats;
    private AtomicCounter outOfOrder;
    private AtomicCounter rejectsByServer;
    private ThrottledLog badMessageLog;
    private ThrottledLog connectionLog;

    private SocketChannel channel;
    private Phase phase = Phase.IDLE;
    private int failures;
    private long nextConnectNs;
    private long connectedAtNs;
    private long lastReceivedNs;
    private long lastSentNs;
    private long lastPosition;
    private long lastEventNs;
    private boolean everLive;
    private long disconnectedAtEpochNs;
    private long receiveNs;

    DtcSource(final String key, final DtcConfig config, final InstrumentCatalog catalog, final int sourceId,
        final String password)
    {
        this.key = key;
        this.config = config;
        this.catalog = catalog;
        this.sourceId = sourceId;
        this.password = password;
        this.heartbeatNs = config.heartbeatSeconds * SECOND;
        this.backoff = new Backoff(config.reconnectMinNs(key), config.reconnectMaxNs(key), Integer.MAX_VALUE);
        this.symbols = new Sym[config.symbols.size()];
        for (int i = 0; i < symbols.length; i++)
        {
            final String symbol = config.symbols.get(i);
            symbols[i] = new Sym(symbol, config.venueOf(symbol), i);
        }
    }

    @Override
    public int sourceId()
    {
        return sourceId;
    }

    @Override
    public String roleName()
    {
        return "dtc " + config.name;
    }

    @Override
    public String describe(final long position)
    {
        return roleName() + " (" + config.host + ":" + config.port + ") message received at " +
            Timestamps.format(position);
    }

    @Override
    public void start(final AdapterContext context)
    {
        this.context = context;
        publisher = context.publisher();
        clock = context.clock();
        batch = new BookBatch(publisher, sourceId, roleName());
        state = context.stateCounter();
        malformed = context.counter("malformed messages");
        unsupported = context.counter("unsupported message types");
        reconnects = context.counter("reconnects");
        missedHeartbeats = context.counter("missed heartbeats");
        outOfOrder = context.counter("depth messages out of order");
        rejectsByServer = context.counter("requests rejected by the server");
        badMessageLog = new ThrottledLog(LOG, roleName() + ": bad messages", BAD_MESSAGES_LOGGED);
        connectionLog = new ThrottledLog(LOG, roleName() + ": connection problems", CONNECTION_PROBLEMS_LOGGED);
        final long resume = context.resumePosition();
        lastPosition = resume == Values.NONE ? 0 : Math.max(resume, 0);
        lastEventNs = context.resumeEventTimeNs();
        if (resume != Values.NONE)
        {
            // a restart: what the server sent while tickwire was down is lost, say so at the first sync
            everLive = true;
            disconnectedAtEpochNs = lastEventNs;
            for (final Sym s : symbols)
            {
                s.resyncPending = true;
            }
        }
        state.setRelease(SourceState.WAITING.code());
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        try
        {
            switch (phase)
            {
                case IDLE:
                    if (now - nextConnectNs >= 0)
                    {
                        connect(now);
                        return 1;
                    }
                    return 0;
                case CONNECTING:
                    if (channel.finishConnect())
                    {
                        onConnected(now);
                        return 1;
                    }
                    if (now - connectedAtNs > 2 * heartbeatNs)
                    {
                        drop(now, "connect timed out");
                    }
                    return 0;
                default:
                    return poll(now);
            }
        }
        catch (final IOException ex)
        {
            drop(now, Backoff.describe(ex));
            return 1;
        }
    }

    private void connect(final long now) throws IOException
    {
        connectedAtNs = now;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        phase = Phase.CONNECTING;
        if (channel.connect(new InetSocketAddress(config.host, config.port)))
        {
            onConnected(now);
        }
    }

    private void onConnected(final long now) throws IOException
    {
        in.clear();
        out.clear();
        lastReceivedNs = now;
        lastSentNs = now;
        phase = Phase.ENCODING;
        send(DtcProtocol.encodingRequest(outView, out.position()));
    }

    private int poll(final long now) throws IOException
    {
        int work = flush();
        final int read = channel.read(in);
        if (read < 0)
        {
            drop(now, "the server closed the connection");
            return 1;
        }
        if (read > 0)
        {
            lastReceivedNs = now;
            receiveNs = clock.nanoTime();
            work += parse(now);
        }
        if (phase == Phase.IDLE)
        {
            return work + 1;
        }
        if (now - lastReceivedNs > 2 * heartbeatNs)
        {
            missedHeartbeats.incrementRelease();
            drop(now, "nothing received for " + 2 * config.heartbeatSeconds + " s (two heartbeats)");
            return work + 1;
        }
        if (phase != Phase.ENCODING && now - lastSentNs >= heartbeatNs)
        {
            send(DtcProtocol.heartbeat(outView, out.position(), clock.nanoTime() / SECOND));
            work++;
        }
        return work;
    }

    /** Handles every whole message in the input buffer; keeps a partial one for the next read. */
    private int parse(final long now) throws IOException
    {
        final int end = in.position();
        int offset = 0;
        int messages = 0;
        while (end - offset >= HEADER && phase != Phase.IDLE)
        {
            final int size = DtcProtocol.size(inView, offset);
            final int type = DtcProtocol.type(inView, offset);
            if (size < HEADER)
            {
                // no length to skip by: the stream's framing is lost, only a new connection restores it
                malformed.incrementRelease();
                if (badMessageLog.admit()) // counted; the text is built only when it is said
                {
                    say("message of type " + type + " with size " + size + ": framing lost, reconnecting");
                }
                drop(now, "framing lost");
                return messages + 1;
            }
            if (end - offset < size)
            {
                break;
            }
            onMessage(offset, size, type, now);
            offset += size;
            messages++;
        }
        if (phase != Phase.IDLE)
        {
            in.limit(end).position(offset);
            in.compact();
        }
        return messages;
    }

    private void onMessage(final int at, final int size, final int type, final long now) throws IOException
    {
        if (size < DtcProtocol.required(type))
        {
            onTooShort(at, size, type);
            return;
        }
        switch (type)
        {
            case ENCODING_RESPONSE:
                onEncodingResponse(at, now);
                break;
            case LOGON_RESPONSE:
                onLogonResponse(at, size, now);
                break;
            case HEARTBEAT:
                break;
            case LOGOFF:
                drop(now, "logoff from the server: " + DtcProtocol.text(inView, at, 4, TEXT_DESCRIPTION_LENGTH, size));
                break;
            case SECURITY_DEFINITION_RESPONSE:
                onDefinition(at, size);
                break;
            case SECURITY_DEFINITION_REJECT:
            case MARKET_DATA_REJECT:
            case MARKET_DEPTH_REJECT:
                onReject(at, size, type);
                break;
            case MARKET_DATA_UPDATE_TRADE:
            case MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR:
            case MARKET_DATA_UPDATE_TRADE_COMPACT:
                onTrade(at, type);
                break;
            case MARKET_DATA_UPDATE_BID_ASK:
            case MARKET_DATA_UPDATE_BID_ASK_COMPACT:
            case MARKET_DATA_UPDATE_BID_ASK_FLOAT_WITH_MILLISECONDS:
                onBidAsk(at, type);
                break;
            case MARKET_DEPTH_SNAPSHOT_LEVEL:
            case MARKET_DEPTH_SNAPSHOT_LEVEL_FLOAT:
                onSnapshotLevel(at, size, type);
                break;
            case MARKET_DEPTH_UPDATE_LEVEL:
            case MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS:
                onDepthUpdate(at, size, type);
                break;
            default:
                if (!informational(type))
                {
                    unsupported.incrementRelease();
                    if (badMessageLog.admit()) // counted; the text is built only when it is said
                    {
                        say("unsupported message type " + type + " (" + size + " bytes): skipped");
                    }
                }
                break;
        }
    }

    /** Messages a market data client may get and has no use for (session statistics, feed status, texts). */
    private static boolean informational(final int type)
    {
        switch (type)
        {
            case MARKET_DATA_FEED_STATUS: case MARKET_DATA_SNAPSHOT: case MARKET_DATA_FEED_SYMBOL_STATUS:
            case TRADING_SYMBOL_STATUS: case USER_MESSAGE: case GENERAL_LOG_MESSAGE: case 702:
            case 113: case 114: case 115: case 119: case 120: case 124: case 128: case 129: case 130: case 131:
            case 134: case 135: case 136:
                return true;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- session

    private void onEncodingResponse(final int at, final long now) throws IOException
    {
        if (phase != Phase.ENCODING)
        {
            return;
        }
        final int encoding = inView.getInt(at + ENCODING_ENCODING, ByteOrder.LITTLE_ENDIAN);
        if (encoding != BINARY_ENCODING)
        {
            drop(now, "the server answered the encoding request with encoding " + encoding + ", not binary (0)");
            return;
        }
        phase = Phase.LOGON;
        send(DtcProtocol.logonRequest(outView, out.position(), config.username, password, config.heartbeatSeconds));
    }

    private void onLogonResponse(final int at, final int size, final long now) throws IOException
    {
        if (phase != Phase.LOGON)
        {
            return;
        }
        final int result = inView.getInt(at + LOGON_RESPONSE_RESULT, ByteOrder.LITTLE_ENDIAN);
        if (result != LOGON_SUCCESS)
        {
            drop(now, "logon refused (result " + result + "): " +
                DtcProtocol.text(inView, at, LOGON_RESPONSE_TEXT, TEXT_DESCRIPTION_LENGTH, size));
            return;
        }
        phase = Phase.LIVE;
        if (connectionLog.count() > 0 || everLive)
        {
            LOG.info("{}: logged on to {}:{}", roleName(), config.host, config.port);
        }
        for (int i = 0; i < symbols.length; i++)
        {
            send(DtcProtocol.definitionRequest(outView, out.position(), i + 1, symbols[i].symbol, config.exchange));
        }
    }

    /** The symbol's tick size and price format; the first one of a run defines the instrument, then subscribe. */
    private void onDefinition(final int at, final int size) throws IOException
    {
        final Sym s = symbolOf(inView.getInt(at + DEFINITION_REQUEST_ID, ByteOrder.LITTLE_ENDIAN));
        if (s == null || s.subscribed)
        {
            return;
        }
        final float increment = inView.getFloat(at + DEFINITION_MIN_PRICE_INCREMENT, ByteOrder.LITTLE_ENDIAN);
        final int format = DtcProtocol.has(size, DEFINITION_PRICE_DISPLAY_FORMAT, 4) ?
            inView.getInt(at + DEFINITION_PRICE_DISPLAY_FORMAT, ByteOrder.LITTLE_ENDIAN) : -1;
        if (s.prices == null && !define(s, increment, format))
        {
            return;
        }
        s.subscribed = true;
        send(DtcProtocol.subscribe(outView, out.position(), s.symbolId(), s.symbol, config.exchange, -1));
        if (config.depth > 0)
        {
            send(DtcProtocol.subscribe(outView, out.position(), s.symbolId(), s.symbol, config.exchange, config.depth));
        }
        else
        {
            synced(s);
        }
    }

    /**
     * The journal's scale of a symbol: the catalog's if it knows the symbol (exponents never change
     * for a symbol), else from the definition: the tick size's decimals, or the price format's if more.
     */
    private boolean define(final Sym s, final float increment, final int format)
    {
        final Instrument known = catalog.bySymbol(s.symbol).orElse(null);
        final String tick;
        final int priceExponent;
        final int sizeExponent;
        if (known != null)
        {
            priceExponent = known.priceExponent();
            sizeExponent = known.sizeExponent();
            tick = BigDecimal.valueOf(known.tickSize()).movePointLeft(-priceExponent).toPlainString();
        }
        else
        {
            if (!Float.isFinite(increment) || increment <= 0)
            {
                if (badMessageLog.admit()) // counted; the text is built only when it is said
                {
                    say(s.symbol + ": the security definition has no usable tick size (" + increment +
                        "): not subscribed");
                }
                return false;
            }
            BigDecimal t = new BigDecimal(Float.toString(increment)).stripTrailingZeros();
            if (t.scale() < 0)
            {
                t = t.setScale(0);
            }
            final int decimals = Math.max(t.scale(), format >= 0 && format <= 9 ? format : 0);
            if (decimals > 18)
            {
                if (badMessageLog.admit()) // counted; the text is built only when it is said
                {
                    say(s.symbol + ": tick size " + t.toPlainString() + " needs more than 18 decimals: not subscribed");
                }
                return false;
            }
            priceExponent = -decimals;
            sizeExponent = config.sizeExponent;
            tick = t.toPlainString();
        }
        s.prices = new SierraPrices(tick, "1", "1", priceExponent);
        s.sizeScale = Math.pow(10, -sizeExponent);
        s.instrumentId = contextDefine(s, priceExponent, sizeExponent);
        return true;
    }

    private int contextDefine(final Sym s, final int priceExponent, final int sizeExponent)
    {
        return context.defineInstrument(s.symbol, s.venue, priceExponent, sizeExponent, s.prices.tickSize);
    }

    private void onReject(final int at, final int size, final int type)
    {
        rejectsByServer.incrementRelease();
        final int id = inView.getInt(at + REJECT_ID, ByteOrder.LITTLE_ENDIAN);
        final Sym s = symbolOf(id);
        final String what = type == SECURITY_DEFINITION_REJECT ? "security definition" :
            type == MARKET_DATA_REJECT ? "market data" : "market depth";
        if (badMessageLog.admit()) // counted; the text is built only when it is said
        {
            say((s == null ? "symbol id " + id : s.symbol) + ": " + what + " request rejected: " +
                DtcProtocol.text(inView, at, REJECT_TEXT, TEXT_DESCRIPTION_LENGTH, size));
        }
    }

    // ---------------------------------------------------------------- market data

    private void onTrade(final int at, final int type)
    {
        final int symbolId;
        final double price;
        final double volume;
        final int atBidOrAsk;
        final long eventNs;
        switch (type)
        {
            case MARKET_DATA_UPDATE_TRADE:
                symbolId = inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN);
                atBidOrAsk = inView.getShort(at + TRADE_AT_BID_OR_ASK, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                price = inView.getDouble(at + TRADE_PRICE, ByteOrder.LITTLE_ENDIAN);
                volume = inView.getDouble(at + TRADE_VOLUME, ByteOrder.LITTLE_ENDIAN);
                eventNs = secondsWithMs(inView.getDouble(at + TRADE_DATE_TIME, ByteOrder.LITTLE_ENDIAN));
                break;
            case MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR:
                symbolId = inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN);
                atBidOrAsk = inView.getByte(at + TRADE_UNBUNDLED_AT_BID_OR_ASK) & 0xFF;
                price = inView.getDouble(at + TRADE_UNBUNDLED_PRICE, ByteOrder.LITTLE_ENDIAN);
                volume = inView.getInt(at + TRADE_UNBUNDLED_VOLUME, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                eventNs = secondsWithMs(inView.getDouble(at + TRADE_UNBUNDLED_DATE_TIME, ByteOrder.LITTLE_ENDIAN));
                break;
            default:
                symbolId = inView.getInt(at + TRADE_COMPACT_SYMBOL_ID, ByteOrder.LITTLE_ENDIAN);
                atBidOrAsk = inView.getShort(at + TRADE_COMPACT_AT_BID_OR_ASK, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                price = inView.getFloat(at + TRADE_COMPACT_PRICE, ByteOrder.LITTLE_ENDIAN);
                volume = inView.getFloat(at + TRADE_COMPACT_VOLUME, ByteOrder.LITTLE_ENDIAN);
                eventNs = secondsWithMs(inView.getDouble(at + TRADE_COMPACT_DATE_TIME, ByteOrder.LITTLE_ENDIAN));
                break;
        }
        final Sym s = liveSymbol(symbolId, type);
        if (s == null)
        {
            return;
        }
        // at the bid: a seller hit it; at the ask: a buyer lifted it
        final Side aggressor = atBidOrAsk == AT_ASK ? Side.BUY : atBidOrAsk == AT_BID ? Side.SELL : Side.NONE;
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, nextPosition(), s.instrumentId,
            eventTime(eventNs, MS), receiveNs, s.prices.price(price), size(s, volume), aggressor, Values.NONE,
            s.bid > 0 ? s.bid : Values.NONE, s.ask > 0 ? s.ask : Values.NONE));
        publisher.publish(sequence);
    }

    private void onBidAsk(final int at, final int type)
    {
        final int symbolId;
        final double bid;
        final double bidQuantity;
        final double ask;
        final double askQuantity;
        final long eventNs;
        final long resolution;
        switch (type)
        {
            case MARKET_DATA_UPDATE_BID_ASK:
                symbolId = inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN);
                bid = inView.getDouble(at + BID_ASK_BID_PRICE, ByteOrder.LITTLE_ENDIAN);
                bidQuantity = inView.getFloat(at + BID_ASK_BID_QUANTITY, ByteOrder.LITTLE_ENDIAN);
                ask = inView.getDouble(at + BID_ASK_ASK_PRICE, ByteOrder.LITTLE_ENDIAN);
                askQuantity = inView.getFloat(at + BID_ASK_ASK_QUANTITY, ByteOrder.LITTLE_ENDIAN);
                eventNs = (inView.getInt(at + BID_ASK_DATE_TIME, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL) * SECOND;
                resolution = SECOND;
                break;
            case MARKET_DATA_UPDATE_BID_ASK_COMPACT:
                symbolId = inView.getInt(at + BID_ASK_COMPACT_SYMBOL_ID, ByteOrder.LITTLE_ENDIAN);
                bid = unsetFloat(inView.getFloat(at + BID_ASK_COMPACT_BID_PRICE, ByteOrder.LITTLE_ENDIAN));
                bidQuantity = inView.getFloat(at + BID_ASK_COMPACT_BID_QUANTITY, ByteOrder.LITTLE_ENDIAN);
                ask = unsetFloat(inView.getFloat(at + BID_ASK_COMPACT_ASK_PRICE, ByteOrder.LITTLE_ENDIAN));
                askQuantity = inView.getFloat(at + BID_ASK_COMPACT_ASK_QUANTITY, ByteOrder.LITTLE_ENDIAN);
                eventNs = (inView.getInt(at + BID_ASK_COMPACT_DATE_TIME, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL) *
                    SECOND;
                resolution = SECOND;
                break;
            default:
                symbolId = inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN);
                bid = unsetFloat(inView.getFloat(at + BID_ASK_MS_BID_PRICE, ByteOrder.LITTLE_ENDIAN));
                bidQuantity = inView.getFloat(at + BID_ASK_MS_BID_QUANTITY, ByteOrder.LITTLE_ENDIAN);
                ask = unsetFloat(inView.getFloat(at + BID_ASK_MS_ASK_PRICE, ByteOrder.LITTLE_ENDIAN));
                askQuantity = inView.getFloat(at + BID_ASK_MS_ASK_QUANTITY, ByteOrder.LITTLE_ENDIAN);
                eventNs = inView.getLong(at + BID_ASK_MS_DATE_TIME, ByteOrder.LITTLE_ENDIAN) * MS;
                resolution = MS;
                break;
        }
        final Sym s = liveSymbol(symbolId, type);
        if (s == null)
        {
            return;
        }
        // a side whose price is DBL_MAX / FLT_MAX was not updated: it keeps its last value
        if (bid != UNSET_DOUBLE)
        {
            s.bid = bid == 0 ? 0 : s.prices.price(bid);
            s.bidSize = bid == 0 ? 0 : size(s, bidQuantity);
        }
        if (ask != UNSET_DOUBLE)
        {
            s.ask = ask == 0 ? 0 : s.prices.price(ask);
            s.askSize = ask == 0 ? 0 : size(s, askQuantity);
        }
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.quote(slot.buffer(), 0, sourceId, nextPosition(), s.instrumentId,
            eventTime(eventNs, resolution), receiveNs, s.bid, s.bidSize, s.ask, s.askSize));
        publisher.publish(sequence);
    }

    private static double unsetFloat(final float value)
    {
        return value == UNSET_FLOAT ? UNSET_DOUBLE : value;
    }

    private void onSnapshotLevel(final int at, final int size, final int type)
    {
        final Sym s = liveSymbol(inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN), type);
        if (s == null)
        {
            return;
        }
        final int side;
        final double price;
        final double quantity;
        final int orders;
        final boolean first;
        final boolean last;
        final long eventNs;
        if (type == MARKET_DEPTH_SNAPSHOT_LEVEL)
        {
            side = inView.getShort(at + SNAPSHOT_SIDE, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            price = inView.getDouble(at + SNAPSHOT_PRICE, ByteOrder.LITTLE_ENDIAN);
            quantity = inView.getDouble(at + SNAPSHOT_QUANTITY, ByteOrder.LITTLE_ENDIAN);
            first = inView.getByte(at + SNAPSHOT_IS_FIRST) != 0;
            last = inView.getByte(at + SNAPSHOT_IS_LAST) != 0;
            eventNs = DtcProtocol.has(size, SNAPSHOT_DATE_TIME, 8) ?
                secondsWithMs(inView.getDouble(at + SNAPSHOT_DATE_TIME, ByteOrder.LITTLE_ENDIAN)) : 0;
            orders = DtcProtocol.has(size, SNAPSHOT_NUM_ORDERS, 4) ?
                inView.getInt(at + SNAPSHOT_NUM_ORDERS, ByteOrder.LITTLE_ENDIAN) : 0;
        }
        else
        {
            side = inView.getByte(at + SNAPSHOT_FLOAT_SIDE) & 0xFF;
            price = inView.getFloat(at + SNAPSHOT_FLOAT_PRICE, ByteOrder.LITTLE_ENDIAN);
            quantity = inView.getFloat(at + SNAPSHOT_FLOAT_QUANTITY, ByteOrder.LITTLE_ENDIAN);
            orders = inView.getInt(at + SNAPSHOT_FLOAT_NUM_ORDERS, ByteOrder.LITTLE_ENDIAN);
            final int finalUpdate = inView.getByte(at + SNAPSHOT_FLOAT_FINAL) & 0xFF;
            first = finalUpdate == FINAL_UPDATE_BEGIN_BATCH || finalUpdate == FINAL_UPDATE_UNSET;
            last = finalUpdate == FINAL_UPDATE_TRUE || finalUpdate == FINAL_UPDATE_UNSET;
            eventNs = 0;
        }
        final long time = eventTime(eventNs, MS);
        final Stage stage = s.stage;
        if (first || !stage.open || !stage.snapshot)
        {
            if (!first || stage.open)
            {
                // a level without the snapshot's first message, or a new snapshot over an open batch
                outOfOrder.incrementRelease();
                if (badMessageLog.admit()) // counted; the text is built only when it is said
                {
                    say(s.symbol + ": depth snapshot level " + (first ? "began a snapshot over an open batch" :
                        "came without the snapshot's first message") + ": a new snapshot starts here");
                }
            }
            stage.start(true);
            stage.add(BookAction.CLEAR, BookSide.BID, 0, 0, 0, time, receiveNs, RejectReason.NONE);
        }
        if (side != 0) // one message with no side: the book is empty
        {
            level(s, BookAction.ADD, side, price, quantity, orders, time);
        }
        if (last)
        {
            publish(s, true);
            synced(s);
        }
    }

    private void onDepthUpdate(final int at, final int size, final int type)
    {
        final Sym s = liveSymbol(inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN), type);
        if (s == null)
        {
            return;
        }
        final int side;
        final double price;
        final double quantity;
        final int updateType;
        final int orders;
        final long eventNs;
        final int finalUpdate;
        if (type == MARKET_DEPTH_UPDATE_LEVEL)
        {
            side = inView.getShort(at + UPDATE_SIDE, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            price = inView.getDouble(at + UPDATE_PRICE, ByteOrder.LITTLE_ENDIAN);
            quantity = inView.getDouble(at + UPDATE_QUANTITY, ByteOrder.LITTLE_ENDIAN);
            updateType = inView.getByte(at + UPDATE_TYPE) & 0xFF;
            eventNs = DtcProtocol.has(size, UPDATE_DATE_TIME, 8) ?
                secondsWithMs(inView.getDouble(at + UPDATE_DATE_TIME, ByteOrder.LITTLE_ENDIAN)) : 0;
            orders = DtcProtocol.has(size, UPDATE_NUM_ORDERS, 4) ?
                inView.getInt(at + UPDATE_NUM_ORDERS, ByteOrder.LITTLE_ENDIAN) : 0;
            finalUpdate = FINAL_UPDATE_UNSET;
        }
        else
        {
            eventNs = inView.getLong(at + UPDATE_MS_DATE_TIME, ByteOrder.LITTLE_ENDIAN) * MS;
            price = inView.getFloat(at + UPDATE_MS_PRICE, ByteOrder.LITTLE_ENDIAN);
            quantity = inView.getFloat(at + UPDATE_MS_QUANTITY, ByteOrder.LITTLE_ENDIAN);
            side = inView.getByte(at + UPDATE_MS_SIDE) & 0xFF;
            updateType = inView.getByte(at + UPDATE_MS_TYPE) & 0xFF;
            orders = inView.getShort(at + UPDATE_MS_NUM_ORDERS, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            finalUpdate = inView.getByte(at + UPDATE_MS_FINAL) & 0xFF;
        }
        final Stage stage = s.stage;
        if (!s.synced && !(stage.open && stage.snapshot))
        {
            // before this connection's snapshot: the snapshot will hold its effect; applying it to the
            // book of the last connection would be wrong
            outOfOrder.incrementRelease();
            if (badMessageLog.admit()) // counted; the text is built only when it is said
            {
                say(s.symbol + ": depth update before the depth snapshot: dropped");
            }
            return;
        }
        final BookAction action = updateType == DEPTH_INSERT_UPDATE ? BookAction.MODIFY :
            updateType == DEPTH_DELETE ? BookAction.DELETE : BookAction.NULL_VAL;
        if (!stage.open)
        {
            stage.start(false);
        }
        level(s, action, side, price, quantity, orders, eventTime(eventNs, MS));
        // a snapshot stays open until its last level; an update batch ends at its final update
        if (!stage.snapshot && finalUpdate != FINAL_UPDATE_BEGIN_BATCH && finalUpdate != FINAL_UPDATE_FALSE)
        {
            publish(s, false);
        }
    }

    /** Stages one level; a side or action DTC does not define is journaled as MALFORMED, in its batch. */
    private void level(final Sym s, final BookAction action, final int side, final double price,
        final double quantity, final int orders, final long time)
    {
        final boolean badSide = side != AT_BID && side != AT_ASK;
        if (badSide || action == BookAction.NULL_VAL)
        {
            malformed.incrementRelease();
            if (badMessageLog.admit()) // counted; the text is built only when it is said
            {
                say(s.symbol + ": depth level with side " + side + (action == BookAction.NULL_VAL ?
                    " and an unknown update type" : "") + ": journaled as malformed");
            }
            s.stage.add(BookAction.NULL_VAL, BookSide.BID, FixedPoint.NOT_FINITE, 0, 0, time, receiveNs,
                RejectReason.MALFORMED);
            return;
        }
        s.stage.add(action, side == AT_BID ? BookSide.BID : BookSide.ASK, s.prices.price(price),
            action == BookAction.DELETE ? 0 : size(s, quantity), Math.max(orders, 0), time, receiveNs,
            RejectReason.NONE);
    }

    private void publish(final Sym s, final boolean snapshot)
    {
        final Stage stage = s.stage;
        batch.begin(s.instrumentId);
        for (int i = 0; i < stage.size; i++)
        {
            batch.add(nextPosition(), stage.eventNs[i], stage.receiveNs[i], stage.action[i], stage.side[i],
                stage.price[i], stage.levelSize[i], stage.orders[i], snapshot ? DeltaFlagBits.SNAPSHOT : 0,
                stage.verdict[i]);
        }
        batch.publish(true);
        stage.open = false;
        stage.size = 0;
    }

    /** A message the protocol defines but too short for its fields: journaled as rejected where it is a record. */
    private void onTooShort(final int at, final int size, final int type)
    {
        malformed.incrementRelease();
        final boolean hasSymbol = type != MARKET_DATA_UPDATE_TRADE_COMPACT && type != MARKET_DATA_UPDATE_BID_ASK_COMPACT &&
            size >= SYMBOL_ID + 4;
        final Sym s = hasSymbol ? symbolOf(inView.getInt(at + SYMBOL_ID, ByteOrder.LITTLE_ENDIAN)) : null;
        if (badMessageLog.admit()) // counted; the text is built only when it is said
        {
            say("message type " + type + " of " + size + " bytes, shorter than its fields (" +
                DtcProtocol.required(type) + " bytes)" + (s != null && s.instrumentId > 0 ? ": journaled as malformed" : ""));
        }
        if (s == null || s.instrumentId <= 0)
        {
            return;
        }
        final long time = eventTime(0, MS);
        final TickSlot slot;
        final long sequence;
        switch (type)
        {
            case MARKET_DATA_UPDATE_TRADE:
            case MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR:
                sequence = publisher.claim();
                slot = publisher.slot(sequence);
                slot.length(writer.trade(slot.buffer(), 0, sourceId, nextPosition(), s.instrumentId, time, receiveNs,
                    FixedPoint.NOT_FINITE, 0, Side.NONE, Values.NONE, Values.NONE, Values.NONE));
                break;
            case MARKET_DATA_UPDATE_BID_ASK:
            case MARKET_DATA_UPDATE_BID_ASK_FLOAT_WITH_MILLISECONDS:
                sequence = publisher.claim();
                slot = publisher.slot(sequence);
                slot.length(writer.quote(slot.buffer(), 0, sourceId, nextPosition(), s.instrumentId, time, receiveNs,
                    FixedPoint.NOT_FINITE, 0, FixedPoint.NOT_FINITE, 0));
                break;
            case MARKET_DEPTH_SNAPSHOT_LEVEL:
            case MARKET_DEPTH_SNAPSHOT_LEVEL_FLOAT:
            case MARKET_DEPTH_UPDATE_LEVEL:
            case MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS:
                if (!s.stage.open)
                {
                    s.stage.start(false);
                    s.stage.add(BookAction.NULL_VAL, BookSide.BID, FixedPoint.NOT_FINITE, 0, 0, time, receiveNs,
                        RejectReason.MALFORMED);
                    publish(s, false);
                }
                else
                {
                    s.stage.add(BookAction.NULL_VAL, BookSide.BID, FixedPoint.NOT_FINITE, 0, 0, time, receiveNs,
                        RejectReason.MALFORMED);
                }
                return;
            default:
                return;
        }
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }

    /** The symbol of a market data message, if it is one of ours and subscribed; else counted and said. */
    private Sym liveSymbol(final int symbolId, final int type)
    {
        final Sym s = symbolOf(symbolId);
        if (s == null || s.instrumentId <= 0 || !s.subscribed)
        {
            malformed.incrementRelease();
            if (badMessageLog.admit()) // counted; the text is built only when it is said
            {
                say("message type " + type + " for symbol id " + symbolId + ", which is not subscribed: skipped");
            }
            return null;
        }
        return s;
    }

    private Sym symbolOf(final int symbolId)
    {
        return symbolId >= 1 && symbolId <= symbols.length ? symbols[symbolId - 1] : null;
    }

    /** The instrument's data is whole again: after an outage (or a restart), journal RESYNCED once. */
    private void synced(final Sym s)
    {
        s.synced = true;
        if (s.resyncPending)
        {
            s.resyncPending = false;
            final long outageMs = disconnectedAtEpochNs > 0 ?
                Math.max(0, (clock.nanoTime() - disconnectedAtEpochNs) / MS) : 0;
            status(s, StatusCode.RESYNCED, outageMs);
        }
        for (final Sym other : symbols)
        {
            if (!other.synced)
            {
                return;
            }
        }
        state.setRelease(everLive && failures > 0 ? SourceState.RESYNCED.code() : SourceState.TAILING.code());
    }

    // ---------------------------------------------------------------- link

    private void drop(final long now, final String why)
    {
        final boolean wasLive = phase == Phase.LIVE;
        if (connectionLog.admit())
        {
            LOG.warn("{} ({}:{}): {}; reconnecting{}", roleName(), config.host, config.port, why, connectionLog.suffix());
        }
        closeChannel();
        phase = Phase.IDLE;
        // a link that stayed up for two heartbeats was good: start the backoff over
        failures = wasLive && now - connectedAtNs > 2 * heartbeatNs ? 1 : failures + 1;
        nextConnectNs = now + Math.max(backoff.delayNs(failures), MS);
        state.setRelease(SourceState.STALLED.code());
        if (wasLive)
        {
            reconnects.incrementRelease();
        }
        boolean said = false;
        for (final Sym s : symbols)
        {
            s.stage.open = false;
            s.stage.size = 0;
            s.synced = false;
            s.subscribed = false;
            s.bid = 0;
            s.bidSize = 0;
            s.ask = 0;
            s.askSize = 0;
            if (s.instrumentId > 0 && !s.resyncPending)
            {
                if (!said)
                {
                    disconnectedAtEpochNs = clock.nanoTime();
                    said = true;
                }
                s.resyncPending = true;
                status(s, StatusCode.DISCONNECTED, 0);
            }
        }
        everLive |= wasLive;
    }

    private void closeChannel()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // closing: nothing left to do with it
            }
            channel = null;
        }
    }

    /** Queues a message written at the end of {@link #out} and writes what the socket takes. */
    private void send(final int length) throws IOException
    {
        out.position(out.position() + length);
        lastSentNs = System.nanoTime();
        flush();
    }

    private int flush() throws IOException
    {
        if (out.position() == 0)
        {
            return 0;
        }
        out.flip();
        final int written = channel.write(out);
        out.compact();
        if (out.remaining() < DtcProtocol.LOGON_REQUEST_SIZE)
        {
            throw new IOException("the server does not read what we send (" + out.position() + " bytes waiting)");
        }
        return written > 0 ? 1 : 0;
    }

    private void status(final Sym s, final StatusCode code, final long value)
    {
        final long now = clock.nanoTime();
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.status(slot.buffer(), 0, sourceId, nextPosition(), s.instrumentId,
            lastEventNs > 0 ? lastEventNs : now, now, code, value));
        publisher.publish(sequence);
    }

    /** Strictly increasing receive-time positions: unique across reconnects and restarts. */
    private long nextPosition()
    {
        lastPosition = Math.max(lastPosition + 1, clock.nanoTime());
        return lastPosition;
    }

    /**
     * The event time of a message stamped {@code stampNs} with {@code resolutionNs} precision: a stamp
     * coarser than the source's last event time (bid/ask updates carry whole seconds beside trades in
     * ms) is taken as that time rather than a step back; no stamp (0) is the last event time too, or
     * the receive time at first. A stamp genuinely earlier stays as it is, for the validator to judge.
     */
    private long eventTime(final long stampNs, final long resolutionNs)
    {
        final long t;
        if (stampNs <= 0)
        {
            t = lastEventNs > 0 ? lastEventNs : receiveNs;
        }
        else if (stampNs < lastEventNs && stampNs + resolutionNs > lastEventNs)
        {
            t = lastEventNs;
        }
        else
        {
            t = stampNs;
        }
        lastEventNs = Math.max(lastEventNs, t);
        return t;
    }

    /** DTC's t_DateTimeWithMilliseconds: seconds since 1970 as a double, milliseconds in the fraction. */
    private static long secondsWithMs(final double seconds)
    {
        return Double.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000.0) * MS : 0;
    }

    /** A DTC quantity as a mantissa at the instrument's size exponent; not finite or negative → -1 (rejected). */
    private static long size(final Sym s, final double quantity)
    {
        if (!Double.isFinite(quantity) || quantity < 0)
        {
            return -1;
        }
        return Math.round(quantity * s.sizeScale);
    }

    /** Says a bad message that {@code badMessageLog.admit()} let through (the caller builds the text only then). */
    private void say(final String text)
    {
        LOG.warn("{}: {}{}", roleName(), text, badMessageLog.suffix());
    }

    @Override
    public void onStart()
    {
        // the context arrives in start(); nothing to do on the agent thread first
    }

    @Override
    public void onClose()
    {
        closeChannel();
        if (badMessageLog != null)
        {
            badMessageLog.flush();
            connectionLog.flush();
        }
    }

    @Override
    public List<String> inputProblems()
    {
        return List.of();
    }

    /** For tests: connected and every symbol synced. */
    boolean isSynced()
    {
        if (phase != Phase.LIVE)
        {
            return false;
        }
        for (final Sym s : symbols)
        {
            if (!s.synced)
            {
                return false;
            }
        }
        return true;
    }

    /** One configured symbol's state. */
    private static final class Sym
    {
        final String symbol;
        final String venue;
        final Stage stage = new Stage();
        SierraPrices prices;
        double sizeScale = 1;
        int instrumentId;
        final int index;
        boolean subscribed;
        boolean synced;
        boolean resyncPending;
        long bid;
        long bidSize;
        long ask;
        long askSize;

        Sym(final String symbol, final String venue, final int index)
        {
            this.symbol = symbol;
            this.venue = venue;
            this.index = index;
        }

        int symbolId()
        {
            return index + 1;
        }
    }

    /**
     * The deltas of one symbol's open book batch (a snapshot until its last level, or an update batch
     * until its final update): staged per symbol because batches of two symbols may interleave, and
     * handed to {@link BookBatch} whole. Positions are given at publication, so they stay in ring order.
     */
    private static final class Stage
    {
        boolean open;
        boolean snapshot;
        int size;
        BookAction[] action = new BookAction[16];
        BookSide[] side = new BookSide[16];
        long[] price = new long[16];
        long[] levelSize = new long[16];
        int[] orders = new int[16];
        long[] eventNs = new long[16];
        long[] receiveNs = new long[16];
        RejectReason[] verdict = new RejectReason[16];

        void start(final boolean snapshot)
        {
            this.open = true;
            this.snapshot = snapshot;
            this.size = 0;
        }

        void add(final BookAction a, final BookSide s, final long p, final long q, final int n, final long event,
            final long receive, final RejectReason v)
        {
            if (size == action.length)
            {
                final int length = size * 2;
                action = java.util.Arrays.copyOf(action, length);
                side = java.util.Arrays.copyOf(side, length);
                price = java.util.Arrays.copyOf(price, length);
                levelSize = java.util.Arrays.copyOf(levelSize, length);
                orders = java.util.Arrays.copyOf(orders, length);
                eventNs = java.util.Arrays.copyOf(eventNs, length);
                receiveNs = java.util.Arrays.copyOf(receiveNs, length);
                verdict = java.util.Arrays.copyOf(verdict, length);
            }
            action[size] = a;
            side[size] = s;
            price[size] = p;
            levelSize[size] = q;
            orders[size] = n;
            eventNs[size] = event;
            receiveNs[size] = receive;
            verdict[size] = v;
            size++;
        }
    }
}
