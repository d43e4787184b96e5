package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.adapters.imports.ScaledGroup;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.sbe.OptionType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Deribit's public API v2 (JSON-RPC over GET, {@code {"result": …}}), options:
 * <ul>
 * <li>{@code optionSummary}: {@code GET /api/v2/public/get_book_summary_by_currency?currency=BTC&kind=option} → an
 * OptionSummary per option (quote, mark, mark IV, open interest, underlying); one stream per currency, whose
 * position is {@code creation_timestamp} (ns) plus the option's rank among those of the same timestamp (by
 * name), so a summary polled twice adds nothing;</li>
 * <li>{@code optionTicker}: {@code GET /api/v2/public/ticker?instrument_name=…} → an OptionSummary with the IVs and
 * greeks; one stream per option; position = its timestamp.</li>
 * </ul>
 * Contract terms and scale (strike, expiry, type, tick_size, min_trade_amount) come from
 * {@code public/get_instruments} / {@code public/get_instrument}, cached. Numbers are read exactly as written (no
 * double in between); each group of values gets the exponent that keeps it ({@link ScaledGroup}).
 */
final class DeribitApi extends RestApi
{
    static final String OPTION_SUMMARY = "optionSummary";
    static final String OPTION_TICKER = "optionTicker";
    private static final List<String> DATA = List.of(OPTION_SUMMARY, OPTION_TICKER);
    private static final String PREFIX = "/api/v2/public/";

    private final ScaledGroup prices = new ScaledGroup(4);
    private final ScaledGroup underlying = new ScaledGroup(2);
    private final ScaledGroup sizes = new ScaledGroup(3);
    private final ScaledGroup values = new ScaledGroup(8);

    /** An option's terms. */
    private record Terms(InstrumentSpec spec, OptionType type, String strike, long expirationMs)
    {
    }

    @Override
    String type()
    {
        return "deribit-rest";
    }

    @Override
    String defaultUrl()
    {
        return "https://www.deribit.com";
    }

    @Override
    String defaultVenue()
    {
        return "deribit";
    }

    @Override
    SourceKind sourceKind()
    {
        return SourceKind.SHARED;
    }

    @Override
    List<String> dataTypes()
    {
        return DATA;
    }

    @Override
    void concludePoll(final String key, final RestConfig.Poll poll)
    {
        if (poll.interval != null)
        {
            throw new ConfigException(key + ".interval", poll.data + " has no interval");
        }
        if (!"0s".equals(poll.backfill) && RestConfig.nanos(key + ".backfill", poll.backfill) != 0)
        {
            throw new ConfigException(key + ".backfill", poll.data + " is a snapshot: Deribit serves no history of it");
        }
    }

    @Override
    String defaultEvery(final RestConfig.Poll poll)
    {
        return poll.data.equals(OPTION_SUMMARY) ? "1m" : "10s";
    }

    @Override
    int maxPageLimit(final String data)
    {
        return 1;
    }

    @Override
    String normalise(final String key, final String data, final String symbol)
    {
        if (data.equals(OPTION_SUMMARY))
        {
            requireSymbol(key, symbol, "[A-Za-z]{2,8}", "a Deribit currency (BTC, ETH, USDC, ...)");
            return symbol.toUpperCase(Locale.ROOT);
        }
        requireSymbol(key, symbol, "[A-Za-z0-9_]{2,8}-[A-Za-z0-9]{5,8}-[0-9d.]{1,10}-[CPcp]",
            "a Deribit option name such as BTC-27DEC24-100000-C");
        return symbol.toUpperCase(Locale.ROOT);
    }

    @Override
    String apiKeyHeader()
    {
        return null;
    }

    @Override
    DataPoll dataPoll(final RestConfig.Poll poll, final String symbol)
    {
        return poll.data.equals(OPTION_SUMMARY) ? this::summaries : this::ticker;
    }

    // ------------------------------------------------------------------------------------------------ summaries

    private Page summaries(final Http http, final PollStream stream, final long nowMs)
        throws PollFailure, InterruptedException
    {
        final String instrumentsKey = "instruments " + stream.symbol;
        final String instrumentsPath = PREFIX + "get_instruments?currency=" + stream.symbol +
            "&kind=option&expired=false";
        final Map<String, Terms> terms = cache.get(instrumentsKey, () -> instruments(http, instrumentsPath));
        final String path = PREFIX + "get_book_summary_by_currency?currency=" + stream.symbol + "&kind=option";
        final JsonNode rows = result(http, path);
        if (!rows.isArray())
        {
            throw http.malformed(path, "a result array expected, found " + shorten(rows));
        }
        final List<String> problems = new ArrayList<>();
        final List<JsonNode> entries = new ArrayList<>(rows.size());
        for (final JsonNode row : rows)
        {
            try
            {
                integer(row.get("creation_timestamp"), "creation_timestamp");
                row.path("instrument_name").textValue().length();
                entries.add(row);
            }
            catch (final IllegalArgumentException | NullPointerException ex)
            {
                problems.add("an entry without creation_timestamp or instrument_name: " + shorten(row) + " (skipped)");
            }
        }
        entries.sort(Comparator.<JsonNode>comparingLong(r -> r.get("creation_timestamp").asLong())
            .thenComparing(r -> r.get("instrument_name").textValue()));
        final List<Item> items = new ArrayList<>(entries.size());
        long lastTs = Long.MIN_VALUE;
        int rank = 0;
        boolean unknown = false;
        for (final JsonNode row : entries)
        {
            final long ts = integer(row.get("creation_timestamp"), "creation_timestamp");
            rank = ts == lastTs ? rank + 1 : 0;
            lastTs = ts;
            final String name = row.get("instrument_name").textValue();
            final Terms t = terms.get(name);
            if (t == null)
            {
                unknown = true;
                problems.add(name + ": not in get_instruments (skipped)");
                continue;
            }
            final long position = ts * PollStream.NS_PER_MS + rank;
            items.add(option(t, row, position, ts, http.receiveNs(), false, problems));
        }
        if (unknown)
        {
            cache.invalidate(instrumentsKey, TimeUnit.MINUTES.toNanos(1)); // a new listing: ask again, not each poll
        }
        return new Page(items, false, problems);
    }

    // ------------------------------------------------------------------------------------------------ ticker

    private Page ticker(final Http http, final PollStream stream, final long nowMs)
        throws PollFailure, InterruptedException
    {
        final String instrumentPath = PREFIX + "get_instrument?instrument_name=" + stream.symbol;
        final Terms t = cache.get("instrument " + stream.symbol, () ->
        {
            final JsonNode row = result(http, instrumentPath);
            try
            {
                return terms(row);
            }
            catch (final IllegalArgumentException | NullPointerException ex)
            {
                throw http.malformed(instrumentPath, "not an option's terms: " + ex.getMessage());
            }
        });
        final String path = PREFIX + "ticker?instrument_name=" + stream.symbol;
        final JsonNode row = result(http, path);
        final long ts;
        try
        {
            ts = integer(row.get("timestamp"), "timestamp");
        }
        catch (final IllegalArgumentException ex)
        {
            throw http.malformed(path, ex.getMessage());
        }
        final List<String> problems = new ArrayList<>(0);
        final Item item = option(t, row, ts * PollStream.NS_PER_MS, ts, http.receiveNs(), true, problems);
        return new Page(List.of(item), false, problems);
    }

    // ------------------------------------------------------------------------------------------------ shared

    /** An OptionSummary from a book summary entry ({@code ticker} false) or a ticker ({@code ticker} true). */
    private Item option(final Terms t, final JsonNode row, final long position, final long tsMs, final long receiveNs,
        final boolean ticker, final List<String> problems)
    {
        final long eventNs = tsMs * PollStream.NS_PER_MS;
        final long expirationNs = t.expirationMs * PollStream.NS_PER_MS;
        try
        {
            prices.clear();
            final int last = prices.add(decimal(row.get(ticker ? "last_price" : "last")));
            final int bid = prices.add(decimal(row.get(ticker ? "best_bid_price" : "bid_price")));
            final int ask = prices.add(decimal(row.get(ticker ? "best_ask_price" : "ask_price")));
            final int mark = prices.add(decimal(row.get("mark_price")));
            underlying.clear();
            final int strike = underlying.add(t.strike);
            final int under = underlying.add(decimal(row.get("underlying_price")));
            sizes.clear();
            final int oi = sizes.add(decimal(row.get("open_interest")));
            final int bidSize = sizes.add(ticker ? decimal(row.get("best_bid_amount")) : null);
            final int askSize = sizes.add(ticker ? decimal(row.get("best_ask_amount")) : null);
            values.clear();
            final int bidIv = values.add(decimal(row.get("bid_iv")));
            final int askIv = values.add(decimal(row.get("ask_iv")));
            final int markIv = values.add(decimal(row.get("mark_iv")));
            final JsonNode greeks = row.path("greeks");
            final int delta = values.add(decimal(greeks.get("delta")));
            final int gamma = values.add(decimal(greeks.get("gamma")));
            final int vega = values.add(decimal(greeks.get("vega")));
            final int theta = values.add(decimal(greeks.get("theta")));
            final int rho = values.add(decimal(greeks.get("rho")));
            final long[] v = Item.Option.absent();
            v[Item.Option.OPEN_INTEREST] = sizes.mantissa(oi);
            v[Item.Option.LAST] = prices.mantissa(last);
            v[Item.Option.BID] = prices.mantissa(bid);
            v[Item.Option.BID_SIZE] = sizes.mantissa(bidSize);
            v[Item.Option.BID_IV] = values.mantissa(bidIv);
            v[Item.Option.ASK] = prices.mantissa(ask);
            v[Item.Option.ASK_SIZE] = sizes.mantissa(askSize);
            v[Item.Option.ASK_IV] = values.mantissa(askIv);
            v[Item.Option.MARK] = prices.mantissa(mark);
            v[Item.Option.MARK_IV] = values.mantissa(markIv);
            v[Item.Option.UNDERLYING] = underlying.mantissa(under);
            v[Item.Option.DELTA] = values.mantissa(delta);
            v[Item.Option.GAMMA] = values.mantissa(gamma);
            v[Item.Option.VEGA] = values.mantissa(vega);
            v[Item.Option.THETA] = values.mantissa(theta);
            v[Item.Option.RHO] = values.mantissa(rho);
            countRounded(prices, underlying, sizes, values);
            return new Item.Option(t.spec, position, eventNs, receiveNs, false, t.type, underlying.mantissa(strike),
                expirationNs, prices.exponent(), underlying.exponent(), sizes.exponent(), values.exponent(), v);
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(t.spec.symbol() + " at " + tsMs + ": " + ex.getMessage() + " (journaled as rejected)");
            return new Item.Option(t.spec, position, eventNs, receiveNs, true, t.type, 0, expirationNs, 0, 0, 0, 0,
                Item.Option.absent());
        }
    }

    private Map<String, Terms> instruments(final Http http, final String path) throws PollFailure, InterruptedException
    {
        final JsonNode rows = result(http, path);
        if (!rows.isArray())
        {
            throw http.malformed(path, "a result array expected, found " + shorten(rows));
        }
        final Map<String, Terms> out = new HashMap<>();
        for (final JsonNode row : rows)
        {
            try
            {
                out.put(row.get("instrument_name").textValue(), terms(row));
            }
            catch (final IllegalArgumentException | NullPointerException ex)
            {
                // an instrument tickwire cannot keep (a name too long, odd terms): its summaries say so when polled
            }
        }
        return out;
    }

    private Terms terms(final JsonNode row)
    {
        final String name = row.get("instrument_name").textValue();
        final String type = row.path("option_type").asText();
        if (!type.equals("call") && !type.equals("put"))
        {
            throw new IllegalArgumentException(name + ": option_type " + type);
        }
        final InstrumentSpec spec = InstrumentSpec.of(catalog, config.venue + ":" + name, config.venue,
            requiredDecimal(row, "tick_size"), requiredDecimal(row, "min_trade_amount"));
        return new Terms(spec, type.equals("call") ? OptionType.CALL : OptionType.PUT, requiredDecimal(row, "strike"),
            integer(row.get("expiration_timestamp"), "expiration_timestamp"));
    }

    /** The {@code result} of a JSON-RPC answer; its {@code error} is a failure naming the URL. */
    private static JsonNode result(final Http http, final String path) throws PollFailure, InterruptedException
    {
        final JsonNode body = http.get(path);
        final JsonNode result = body.get("result");
        if (result == null || result.isNull())
        {
            final JsonNode error = body.path("error");
            throw http.malformed(path, error.isMissingNode() ? "no result in " + shorten(body) :
                "error " + error.path("code").asText() + ": " + error.path("message").asText());
        }
        return result;
    }
}
