package dev.tickwire.adapters.dtc;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The {@code type: dtc} source section: one connection to a DTC server (Sierra Chart's) and its symbols. */
public final class DtcConfig
{
    static final int MAX_SYMBOL = 32;
    static final int MAX_DEPTH = 1000;

    public String type = "dtc";
    /** The source's name: its label in counters and logs, and its key in the journal's source catalog. */
    public String name = "dtc";
    public String host;
    public Integer port;
    /** DTC symbols as the server names them, e.g. {@code ESM25_FUT_CME} for Sierra Chart. */
    public List<String> symbols = new ArrayList<>();
    /** Sent with every request; empty for Sierra Chart, whose symbols carry the exchange. */
    public String exchange = "";
    /** The journal's venue; defaults to the exchange, else the part of the symbol after its last underscore. */
    public String venue;
    /** Market depth levels to subscribe per symbol; 0: no depth (trades and quotes only). */
    public int depth = 10;
    /** Heartbeat interval asked of the server and kept by us; nothing received for twice this is a dead link. */
    public int heartbeatSeconds = 10;
    public String username;
    public String passwordEnv;
    public String passwordFile;
    /** Size exponent in the journal: DTC volumes are doubles; 0 for contracts, e.g. -8 for crypto. */
    public int sizeExponent;
    /** First reconnect wait ceiling (full jitter, doubling). */
    public String reconnectMin = "250ms";
    /** Longest reconnect wait ceiling. */
    public String reconnectMax = "30s";

    /** Checks every value, naming the key of the first bad one. */
    public DtcConfig conclude(final String key)
    {
        if (name == null || name.isBlank() || name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0)
        {
            throw new ConfigException(key + ".name", "must be a non-empty name without tabs or line breaks");
        }
        if (host == null || host.isBlank())
        {
            throw new ConfigException(key + ".host", "is required: the DTC server's host, e.g. 127.0.0.1");
        }
        if (port == null || port < 1 || port > 65_535)
        {
            throw new ConfigException(key + ".port", "is required: the DTC server's port (Sierra Chart: 11099)");
        }
        if (symbols == null || symbols.isEmpty())
        {
            throw new ConfigException(key + ".symbols", "needs at least one symbol");
        }
        final HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < symbols.size(); i++)
        {
            final String s = symbols.get(i);
            if (s == null || s.isBlank() || s.length() > MAX_SYMBOL)
            {
                throw new ConfigException(key + ".symbols[" + i + "]", "must be a symbol of 1 to " + MAX_SYMBOL +
                    " characters");
            }
            if (!seen.add(s))
            {
                throw new ConfigException(key + ".symbols[" + i + "]", "is listed twice: " + s);
            }
        }
        if (exchange == null || exchange.length() >= DtcProtocol.EXCHANGE_LENGTH)
        {
            throw new ConfigException(key + ".exchange", "must be at most " + (DtcProtocol.EXCHANGE_LENGTH - 1) +
                " characters");
        }
        if (depth < 0 || depth > MAX_DEPTH)
        {
            throw new ConfigException(key + ".depth", "must be 0 (no depth) to " + MAX_DEPTH + " levels");
        }
        if (heartbeatSeconds < 1 || heartbeatSeconds > 3600)
        {
            throw new ConfigException(key + ".heartbeatSeconds", "must be 1 to 3600");
        }
        if (username != null && username.length() >= DtcProtocol.LOGON_CREDENTIAL_LENGTH)
        {
            throw new ConfigException(key + ".username", "must be at most 31 characters (DTC's field)");
        }
        if (sizeExponent < -18 || sizeExponent > 0)
        {
            throw new ConfigException(key + ".sizeExponent", "must be -18 to 0");
        }
        final long min = reconnectMinNs(key);
        if (min < 1_000_000L)
        {
            throw new ConfigException(key + ".reconnectMin", "must be at least 1ms");
        }
        if (reconnectMaxNs(key) < min)
        {
            throw new ConfigException(key + ".reconnectMax", "must be at least reconnectMin");
        }
        return this;
    }

    long reconnectMinNs(final String key)
    {
        return Durations.parseNanos(key + ".reconnectMin", reconnectMin);
    }

    long reconnectMaxNs(final String key)
    {
        return Durations.parseNanos(key + ".reconnectMax", reconnectMax);
    }

    /** The venue journaled for {@code symbol}. */
    String venueOf(final String symbol)
    {
        if (venue != null && !venue.isBlank())
        {
            return cut(venue);
        }
        if (!exchange.isEmpty())
        {
            return cut(exchange);
        }
        final int underscore = symbol.lastIndexOf('_');
        return underscore >= 0 && underscore < symbol.length() - 1 ? cut(symbol.substring(underscore + 1)) : "";
    }

    private static String cut(final String v)
    {
        return v.length() > 16 ? v.substring(0, 16) : v;
    }
}
