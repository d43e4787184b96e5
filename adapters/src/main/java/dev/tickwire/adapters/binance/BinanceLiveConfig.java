package dev.tickwire.adapters.binance;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code type: binance-live} source section: Binance spot's public WebSocket streams of some symbols,
 * on one combined-stream connection, the book kept in sync through REST depth snapshots.
 */
public final class BinanceLiveConfig
{
    public static final String TRADE = "trade";
    public static final String AGG_TRADE = "aggTrade";
    public static final String BOOK_TICKER = "bookTicker";
    public static final String DEPTH = "depth";
    private static final List<String> STREAMS = List.of(TRADE, AGG_TRADE, BOOK_TICKER, DEPTH);

    public String type = "binance-live";
    public String name = "binance-live";
    /** Binance symbols, e.g. BTCUSDT; the instrument is {@code venue:SYMBOL}, as the file importer names it. */
    public List<String> symbols = new ArrayList<>();
    /** Of trade, aggTrade, bookTicker, depth: each a source per symbol. */
    public List<String> streams = new ArrayList<>(STREAMS);
    public String venue = BinanceImport.SPOT_VENUE;
    /** The combined-stream endpoint; {@code ?streams=...} is added. */
    public String wsUrl = "wss://stream.binance.com:9443/stream";
    /** REST base for exchangeInfo (tick and step sizes) and depth snapshots. */
    public String restUrl = "https://api.binance.com";
    /** Levels per REST depth snapshot (Binance allows up to 5000; 1000 is what its book procedure uses). */
    public int depthLimit = 1000;
    /** The diff-depth stream's speed: {@code 100ms} or {@code 1000ms}. */
    public String depthSpeed = "100ms";
    /** Binance closes a connection after 24 h: a new one is opened (and the old closed once it is up) before. */
    public String rollover = "23h";
    /** No frame nor ping for this long: the connection is taken as dead and replaced. */
    public String idleTimeout = "5m";
    /** First wait before a reconnect (or a REST retry); doubles up to {@link #reconnectMax}, full jitter. */
    public String reconnectBase = "200ms";
    public String reconnectMax = "30s";
    /** Frames between the WebSocket's thread and the adapter thread; a full queue drops (counted). */
    public int queueCapacity = 65_536;
    /** The timeout of each REST request. */
    public String requestTimeout = "10s";

    /**
     * Checks every value, naming the key of the first bad one.
     *
     * @param key this section's key in the config, e.g. "sources[0]"
     * @return this
     */
    public BinanceLiveConfig conclude(final String key)
    {
        if (symbols == null || symbols.isEmpty())
        {
            throw new ConfigException(key + ".symbols", "needs at least one symbol, e.g. [BTCUSDT]");
        }
        for (int i = 0; i < symbols.size(); i++)
        {
            final String s = symbols.get(i);
            if (s == null || !s.matches("[A-Za-z0-9]{1,24}"))
            {
                throw new ConfigException(key + ".symbols[" + i + "]", "is not a Binance symbol (letters and digits)");
            }
            symbols.set(i, s.toUpperCase(Locale.ROOT));
        }
        if (streams == null || streams.isEmpty())
        {
            throw new ConfigException(key + ".streams", "needs at least one of " + STREAMS);
        }
        for (int i = 0; i < streams.size(); i++)
        {
            if (!STREAMS.contains(streams.get(i)))
            {
                throw new ConfigException(key + ".streams[" + i + "]", "is not one of " + STREAMS);
            }
        }
        if (venue == null || venue.isBlank() || venue.length() > 16)
        {
            throw new ConfigException(key + ".venue", "is required, at most 16 characters");
        }
        uri(key + ".wsUrl", wsUrl, "ws");
        uri(key + ".restUrl", restUrl, "http");
        if (depthLimit < 1 || depthLimit > 5000)
        {
            throw new ConfigException(key + ".depthLimit", "must be 1..5000");
        }
        if (!depthSpeed.equals("100ms") && !depthSpeed.equals("1000ms"))
        {
            throw new ConfigException(key + ".depthSpeed", "must be 100ms or 1000ms");
        }
        positive(key + ".rollover", rollover);
        positive(key + ".idleTimeout", idleTimeout);
        positive(key + ".requestTimeout", requestTimeout);
        if (Durations.parseNanos(key + ".reconnectMax", reconnectMax) <
            Durations.parseNanos(key + ".reconnectBase", reconnectBase))
        {
            throw new ConfigException(key + ".reconnectMax", "must be at least reconnectBase");
        }
        if (queueCapacity < 16)
        {
            throw new ConfigException(key + ".queueCapacity", "must be at least 16");
        }
        return this;
    }

    private static void uri(final String key, final String text, final String scheme)
    {
        try
        {
            final URI uri = URI.create(text);
            if (uri.getScheme() == null || !uri.getScheme().startsWith(scheme) || uri.getHost() == null)
            {
                throw new ConfigException(key, "must be a " + scheme + "(s):// URL");
            }
        }
        catch (final IllegalArgumentException | NullPointerException ex)
        {
            throw new ConfigException(key, "must be a " + scheme + "(s):// URL");
        }
    }

    private static void positive(final String key, final String text)
    {
        if (Durations.parseNanos(key, text) <= 0)
        {
            throw new ConfigException(key, "must be positive");
        }
    }

    long nanos(final String key, final String text)
    {
        return Durations.parseNanos(key, text);
    }

    /** The stream names of a symbol as Binance spells them, e.g. {@code btcusdt@depth@100ms}. */
    String streamName(final String symbol, final String stream)
    {
        final String s = symbol.toLowerCase(Locale.ROOT) + "@" + stream;
        return stream.equals(DEPTH) ? s + "@" + depthSpeed : s;
    }
}
