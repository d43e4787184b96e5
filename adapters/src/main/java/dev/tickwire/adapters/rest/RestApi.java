package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.adapters.imports.ScaledGroup;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceKind;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * One exchange's REST API as the pollers use it: its data types and their endpoints, the JSON they answer and the
 * instruments' scale. Made per {@code sources:} entry; {@link #bind} gives it the entry's settings, then its
 * {@link DataPoll}s run on the entry's poller thread (which is why they may keep parsing state).
 */
abstract class RestApi
{
    protected RestConfig config;
    protected InstrumentCatalog catalog;
    protected TtlCache cache;
    /** Items whose values had to be rounded to share an exponent since the last {@link #takeRounded()}. */
    private int rounded;

    /** The {@code type:} of its sources, e.g. "binance-futures-rest". */
    abstract String type();

    abstract String defaultUrl();

    abstract String defaultVenue();

    /** The source-id range of its streams. */
    abstract SourceKind sourceKind();

    abstract List<String> dataTypes();

    /** Checks a poll's data-type-specific keys (interval), naming them. */
    abstract void concludePoll(String key, RestConfig.Poll poll);

    /** The poll interval when none is set. */
    abstract String defaultEvery(RestConfig.Poll poll);

    /** The largest page the data type's endpoint serves. */
    abstract int maxPageLimit(String data);

    /** A symbol as the API writes it, or a ConfigException naming {@code key}. */
    abstract String normalise(String key, String data, String symbol);

    /** The header an API key goes in, or null when the API takes none. */
    abstract String apiKeyHeader();

    /** How one stream of a poll is polled. */
    abstract DataPoll dataPoll(RestConfig.Poll poll, String symbol);

    /** "klines 1m", "fundingRate": a poll's part of its streams' names. */
    String streamName(final RestConfig.Poll poll)
    {
        return poll.interval == null ? poll.data : poll.data + " " + poll.interval;
    }

    void bind(final RestConfig config, final InstrumentCatalog catalog, final TtlCache cache)
    {
        this.config = config;
        this.catalog = catalog;
        this.cache = cache;
    }

    /**
     * After each answer: the epoch ms until which the API must not be asked again (its own usage headers say it is
     * near its limit), or 0.
     */
    long pauseUntilMs(final HttpHeaders headers, final long nowMs)
    {
        return 0;
    }

    static void requireSymbol(final String key, final String symbol, final String pattern, final String what)
    {
        if (symbol == null || !symbol.matches(pattern))
        {
            throw new ConfigException(key, "'" + symbol + "' is not " + what);
        }
    }

    /** Counts an item if any of its groups had to round a value (more than 18 decimals, or beside a huge one). */
    protected final void countRounded(final ScaledGroup... groups)
    {
        for (final ScaledGroup g : groups)
        {
            if (g.rounded())
            {
                rounded++;
                return;
            }
        }
    }

    /** Items rounded since the last call (the poller counts them per stream). */
    int takeRounded()
    {
        final int n = rounded;
        rounded = 0;
        return n;
    }

    // ------------------------------------------------------------------------- JSON helpers for the data types

    /** A decimal as the API wrote it (a string or a JSON number, exactly), or null when absent, null or "". */
    static String decimal(final JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode())
        {
            return null;
        }
        if (node.isTextual())
        {
            return node.textValue().isBlank() ? null : node.textValue();
        }
        if (node.isNumber())
        {
            return node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
        }
        throw new IllegalArgumentException("a decimal expected, found " + node);
    }

    /** A decimal that must be there. */
    static String requiredDecimal(final JsonNode parent, final String field)
    {
        final String text = decimal(parent.get(field));
        if (text == null)
        {
            throw new IllegalArgumentException("field " + field + ": a decimal expected, found " + parent.get(field));
        }
        return text;
    }

    /** An integer as a JSON number or a string of digits (Binance writes some times as strings). */
    static long integer(final JsonNode node, final String what)
    {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong())
        {
            return node.longValue();
        }
        if (node != null && node.isTextual() && node.textValue().matches("-?\\d{1,18}"))
        {
            return Long.parseLong(node.textValue());
        }
        throw new IllegalArgumentException(what + ": an integer expected, found " + node);
    }

    /** A short form of a JSON value for a message. */
    static String shorten(final JsonNode node)
    {
        final String text = String.valueOf(node);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
