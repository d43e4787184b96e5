package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.adapters.imports.ScaledGroup;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Binance USDⓈ-M futures ({@code fapi}), public market data:
 * <ul>
 * <li>{@code klines}: {@code GET /fapi/v1/klines} → Candle, closed bars only; position = open time;</li>
 * <li>{@code fundingRate}: {@code GET /fapi/v1/fundingRate} (history) → DerivativeTicker (rate, funding time, mark
 * price at the funding); position = funding time;</li>
 * <li>{@code premiumIndex}: {@code GET /fapi/v1/premiumIndex} → DerivativeTicker (mark, index, the latest funding
 * rate and the next funding time); position = its time;</li>
 * <li>{@code openInterest}: {@code GET /futures/data/openInterestHist} to fill history (Binance keeps 30 days), then
 * {@code GET /fapi/v1/openInterest} → DerivativeTicker (open interest); position = its time.</li>
 * </ul>
 * The scale comes from {@code GET /fapi/v1/exchangeInfo} (PRICE_FILTER tickSize, LOT_SIZE stepSize), cached.
 * Positions are event times in ns (from ms), so a re-polled bar or funding value is a duplicate.
 */
final class BinanceFuturesApi extends RestApi
{
    static final String KLINES = "klines";
    static final String FUNDING_RATE = "fundingRate";
    static final String PREMIUM_INDEX = "premiumIndex";
    static final String OPEN_INTEREST = "openInterest";
    private static final List<String> DATA = List.of(KLINES, FUNDING_RATE, PREMIUM_INDEX, OPEN_INTEREST);
    private static final List<String> KLINE_INTERVALS = List.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h",
        "8h", "12h", "1d", "3d", "1w", "1M");
    private static final List<String> OI_PERIODS = List.of("5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d");
    /** How far back openInterestHist serves. */
    static final long OI_HISTORY_MS = TimeUnit.DAYS.toMillis(30);
    private static final long MINUTE_MS = 60_000L;
    static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";

    private final ScaledGroup prices = new ScaledGroup(4);
    private final ScaledGroup rates = new ScaledGroup(2);
    private final ScaledGroup sizes = new ScaledGroup(1);

    @Override
    String type()
    {
        return "binance-futures-rest";
    }

    @Override
    String defaultUrl()
    {
        return "https://fapi.binance.com";
    }

    @Override
    String defaultVenue()
    {
        return "binance-futures"; // as the Binance file importer names futures
    }

    @Override
    SourceKind sourceKind()
    {
        return SourceKind.BINANCE;
    }

    @Override
    List<String> dataTypes()
    {
        return DATA;
    }

    @Override
    void concludePoll(final String key, final RestConfig.Poll poll)
    {
        switch (poll.data)
        {
            case KLINES:
                if (poll.interval == null || !KLINE_INTERVALS.contains(poll.interval))
                {
                    throw new ConfigException(key + ".interval", "klines need a bar interval, one of " +
                        KLINE_INTERVALS);
                }
                break;
            case OPEN_INTEREST:
                if (poll.interval == null)
                {
                    poll.interval = "5m";
                }
                if (!OI_PERIODS.contains(poll.interval))
                {
                    throw new ConfigException(key + ".interval", "the open-interest history period is one of " +
                        OI_PERIODS);
                }
                break;
            default:
                if (poll.interval != null)
                {
                    throw new ConfigException(key + ".interval", poll.data + " has no interval");
                }
        }
    }

    @Override
    String streamName(final RestConfig.Poll poll)
    {
        // the open-interest period is only the backfill's: not part of the stream
        return poll.data.equals(OPEN_INTEREST) ? poll.data : super.streamName(poll);
    }

    @Override
    String defaultEvery(final RestConfig.Poll poll)
    {
        switch (poll.data)
        {
            case KLINES: return intervalMs(poll.interval) < MINUTE_MS * 5 ? poll.interval : "1m";
            case FUNDING_RATE: return "10m";
            case PREMIUM_INDEX: return "10s";
            default: return "1m";
        }
    }

    @Override
    int maxPageLimit(final String data)
    {
        switch (data)
        {
            case KLINES: return 1500;
            case FUNDING_RATE: return 1000;
            case OPEN_INTEREST: return 500;
            default: return 1;
        }
    }

    @Override
    String normalise(final String key, final String data, final String symbol)
    {
        requireSymbol(key, symbol, "[A-Za-z0-9_]{1,24}", "a Binance futures symbol (letters, digits, '_')");
        return symbol.toUpperCase(Locale.ROOT);
    }

    @Override
    String apiKeyHeader()
    {
        return "X-MBX-APIKEY";
    }

    @Override
    DataPoll dataPoll(final RestConfig.Poll poll, final String symbol)
    {
        switch (poll.data)
        {
            case KLINES: return (http, stream, nowMs) -> klines(http, stream, nowMs);
            case FUNDING_RATE: return (http, stream, nowMs) -> fundingRates(http, stream, nowMs);
            case PREMIUM_INDEX: return (http, stream, nowMs) -> premiumIndex(http, stream);
            default: return (http, stream, nowMs) -> openInterest(http, stream, nowMs);
        }
    }

    /** Binance counts a minute's request weight per IP; near the limit, wait for the next minute. */
    @Override
    long pauseUntilMs(final HttpHeaders headers, final long nowMs)
    {
        if (config.usedWeightLimit <= 0)
        {
            return 0;
        }
        final String used = headers.firstValue(USED_WEIGHT).orElse("");
        if (!used.matches("\\d{1,9}") || Integer.parseInt(used) < config.usedWeightLimit)
        {
            return 0;
        }
        return (nowMs / MINUTE_MS + 1) * MINUTE_MS;
    }

    // ------------------------------------------------------------------------------------------------ klines

    private Page klines(final Http http, final PollStream stream, final long nowMs)
        throws PollFailure, InterruptedException
    {
        final InstrumentSpec spec = spec(http, stream.symbol);
        final long intervalMs = intervalMs(stream.poll.interval);
        final long from = stream.fromMs(nowMs, 2 * intervalMs);
        final String path = "/fapi/v1/klines?symbol=" + stream.symbol + "&interval=" + stream.poll.interval +
            "&startTime=" + from + "&limit=" + stream.poll.pageLimit;
        final JsonNode rows = array(http, path, http.get(path));
        final List<Item> items = new ArrayList<>(rows.size());
        final List<String> problems = new ArrayList<>();
        final long receiveNs = http.receiveNs();
        boolean open = false;
        for (final JsonNode row : rows)
        {
            final long openTime;
            final long closeTime;
            try
            {
                if (!row.isArray() || row.size() < 11)
                {
                    throw new IllegalArgumentException("a kline is an array of 11 or more fields, found " +
                        shorten(row));
                }
                openTime = integer(row.get(0), "open time");
                closeTime = integer(row.get(6), "close time");
                if (closeTime < openTime || openTime <= 0)
                {
                    throw new IllegalArgumentException("close time " + closeTime + " before open time " + openTime);
                }
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(ex.getMessage() + " (skipped)");
                continue;
            }
            if (closeTime >= nowMs)
            {
                open = true; // the bar still open: taken once it has closed
                break;
            }
            final long startNs = openTime * PollStream.NS_PER_MS;
            final long lengthNs = (closeTime + 1 - openTime) * PollStream.NS_PER_MS;
            Item.Candle candle;
            try
            {
                final int pe = spec.priceExponent();
                final int se = spec.sizeExponent();
                candle = new Item.Candle(spec, startNs, receiveNs, false, startNs, lengthNs,
                    FixedPoint.parse(requiredDecimal(row, 1), pe), FixedPoint.parse(requiredDecimal(row, 2), pe),
                    FixedPoint.parse(requiredDecimal(row, 3), pe), FixedPoint.parse(requiredDecimal(row, 4), pe),
                    FixedPoint.parse(requiredDecimal(row, 5), se), FixedPoint.parse(requiredDecimal(row, 9), se),
                    integer(row.get(8), "number of trades"));
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add("kline at " + openTime + ": " + ex.getMessage() + " in " + shorten(row) +
                    " (journaled as rejected)");
                candle = new Item.Candle(spec, startNs, receiveNs, true, startNs, lengthNs, 0, 0, 0, 0, 0, Values.NONE,
                    Values.NONE);
            }
            items.add(candle);
        }
        return new Page(items, !open && rows.size() == stream.poll.pageLimit, problems);
    }

    private static String requiredDecimal(final JsonNode row, final int field)
    {
        final String text = decimal(row.get(field));
        if (text == null)
        {
            throw new IllegalArgumentException("field " + field + ": a decimal expected, found " + row.get(field));
        }
        return text;
    }

    // ------------------------------------------------------------------------------------------------ funding

    private Page fundingRates(final Http http, final PollStream stream, final long nowMs)
        throws PollFailure, InterruptedException
    {
        final InstrumentSpec spec = spec(http, stream.symbol);
        final long from = stream.fromMs(nowMs, TimeUnit.HOURS.toMillis(8));
        final String path = "/fapi/v1/fundingRate?symbol=" + stream.symbol + "&startTime=" + from + "&limit=" +
            stream.poll.pageLimit;
        final JsonNode rows = array(http, path, http.get(path));
        final List<Item> items = new ArrayList<>(rows.size());
        final List<String> problems = new ArrayList<>();
        for (final JsonNode row : rows)
        {
            final long time;
            try
            {
                time = integer(row.get("fundingTime"), "fundingTime");
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(ex.getMessage() + " (skipped)");
                continue;
            }
            try
            {
                prices.clear().add(decimal(row.get("markPrice"))); // older entries have none
                rates.clear().add(requiredDecimal(row, "fundingRate"));
                final long ns = time * PollStream.NS_PER_MS;
                countRounded(prices, rates);
                items.add(new Item.Ticker(spec, ns, ns, http.receiveNs(), false, prices.exponent(), 0, rates.exponent(),
                    ns, rates.mantissa(0), Values.NONE, Values.NONE, Values.NONE, Values.NONE, prices.mantissa(0)));
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add("funding at " + time + ": " + ex.getMessage() + " (journaled as rejected)");
                items.add(malformedTicker(spec, time, http.receiveNs()));
            }
        }
        return new Page(items, rows.size() == stream.poll.pageLimit, problems);
    }

    private Page premiumIndex(final Http http, final PollStream stream) throws PollFailure, InterruptedException
    {
        final InstrumentSpec spec = spec(http, stream.symbol);
        final String path = "/fapi/v1/premiumIndex?symbol=" + stream.symbol;
        final JsonNode row = http.get(path);
        if (!row.isObject())
        {
            throw http.malformed(path, "an object expected, found " + shorten(row));
        }
        final long time;
        try
        {
            time = integer(row.get("time"), "time");
        }
        catch (final IllegalArgumentException ex)
        {
            throw http.malformed(path, ex.getMessage());
        }
        try
        {
            final long next = row.hasNonNull("nextFundingTime") ?
                integer(row.get("nextFundingTime"), "nextFundingTime") : 0;
            prices.clear().add(requiredDecimal(row, "markPrice"));
            prices.add(decimal(row.get("indexPrice")));
            rates.clear().add(decimal(row.get("lastFundingRate"))); // "" for a delivery contract
            countRounded(prices, rates);
            final Item.Ticker t = new Item.Ticker(spec, time * PollStream.NS_PER_MS, time * PollStream.NS_PER_MS,
                http.receiveNs(), false, prices.exponent(), 0, rates.exponent(),
                next > 0 ? next * PollStream.NS_PER_MS : Values.NONE, rates.mantissa(0), Values.NONE, Values.NONE,
                Values.NONE, prices.mantissa(1), prices.mantissa(0));
            return new Page(List.of(t), false, List.of());
        }
        catch (final IllegalArgumentException ex)
        {
            return new Page(List.of(malformedTicker(spec, time, http.receiveNs())), false,
                List.of("premium index at " + time + ": " + ex.getMessage() + " (journaled as rejected)"));
        }
    }

    // ------------------------------------------------------------------------------------------------ open interest

    /** History by windows of one page (older than 30 days is not served), then the current value each poll. */
    private Page openInterest(final Http http, final PollStream stream, final long nowMs)
        throws PollFailure, InterruptedException
    {
        final InstrumentSpec spec = spec(http, stream.symbol);
        final long periodMs = intervalMs(stream.poll.interval);
        final long from = Math.max(Math.max(stream.fromMs(nowMs, 0), stream.historyFromMs),
            nowMs - OI_HISTORY_MS + periodMs);
        if (from < nowMs - periodMs)
        {
            final long to = Math.min(from + stream.poll.pageLimit * periodMs - 1, nowMs);
            final String path = "/futures/data/openInterestHist?symbol=" + stream.symbol + "&period=" +
                stream.poll.interval + "&limit=" + stream.poll.pageLimit + "&startTime=" + from + "&endTime=" + to;
            final JsonNode rows = array(http, path, http.get(path));
            final List<Item> items = new ArrayList<>(rows.size());
            final List<String> problems = new ArrayList<>();
            for (final JsonNode row : rows)
            {
                openInterestItem(spec, row, "timestamp", "sumOpenInterest", http.receiveNs(), items, problems);
            }
            items.sort((a, b) -> Long.compare(a.position, b.position));
            stream.historyFromMs = to + 1; // past this window, even an empty one
            return new Page(items, true, problems); // the next window, or the current value once caught up
        }
        final String path = "/fapi/v1/openInterest?symbol=" + stream.symbol;
        final JsonNode row = http.get(path);
        if (!row.isObject())
        {
            throw http.malformed(path, "an object expected, found " + shorten(row));
        }
        final List<Item> items = new ArrayList<>(1);
        final List<String> problems = new ArrayList<>(0);
        openInterestItem(spec, row, "time", "openInterest", http.receiveNs(), items, problems);
        return new Page(items, false, problems);
    }

    private void openInterestItem(final InstrumentSpec spec, final JsonNode row, final String timeField,
        final String valueField, final long receiveNs, final List<Item> items, final List<String> problems)
    {
        final long time;
        try
        {
            time = integer(row.get(timeField), timeField);
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(ex.getMessage() + " (skipped)");
            return;
        }
        try
        {
            sizes.clear().add(requiredDecimal(row, valueField));
            final long ns = time * PollStream.NS_PER_MS;
            countRounded(sizes);
            items.add(new Item.Ticker(spec, ns, ns, receiveNs, false, 0, sizes.exponent(), 0, Values.NONE, Values.NONE,
                Values.NONE, sizes.mantissa(0), Values.NONE, Values.NONE, Values.NONE));
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add("open interest at " + time + ": " + ex.getMessage() + " (journaled as rejected)");
            items.add(malformedTicker(spec, time, receiveNs));
        }
    }

    // ------------------------------------------------------------------------------------------------ shared

    private static Item.Ticker malformedTicker(final InstrumentSpec spec, final long timeMs, final long receiveNs)
    {
        final long ns = timeMs * PollStream.NS_PER_MS;
        return new Item.Ticker(spec, ns, ns, receiveNs, true, 0, 0, 0, Values.NONE, Values.NONE, Values.NONE,
            Values.NONE, Values.NONE, Values.NONE, Values.NONE);
    }

    private static JsonNode array(final Http http, final String path, final JsonNode body) throws PollFailure
    {
        if (!body.isArray())
        {
            throw http.malformed(path, "an array expected, found " + shorten(body));
        }
        return body;
    }

    /** The scale of every symbol, from exchangeInfo (kept for cacheTtl). */
    private InstrumentSpec spec(final Http http, final String symbol) throws PollFailure, InterruptedException
    {
        final String path = "/fapi/v1/exchangeInfo";
        final Map<String, InstrumentSpec> specs = cache.get("exchangeInfo", () -> specs(http, path));
        final InstrumentSpec spec = specs.get(symbol);
        if (spec == null)
        {
            cache.invalidate("exchangeInfo", TimeUnit.MINUTES.toNanos(1));
            throw http.malformed(path, "exchangeInfo does not list " + symbol);
        }
        return spec;
    }

    private Map<String, InstrumentSpec> specs(final Http http, final String path)
        throws PollFailure, InterruptedException
    {
        final JsonNode root = http.get(path);
        final Map<String, InstrumentSpec> out = new HashMap<>();
        for (final JsonNode s : root.path("symbols"))
        {
            String tick = null;
            String step = null;
            for (final JsonNode f : s.path("filters"))
            {
                final String type = f.path("filterType").asText();
                if (type.equals("PRICE_FILTER"))
                {
                    tick = f.path("tickSize").asText(null);
                }
                else if (type.equals("LOT_SIZE"))
                {
                    step = f.path("stepSize").asText(null);
                }
            }
            final String symbol = s.path("symbol").asText("");
            if (tick == null || step == null || symbol.isEmpty())
            {
                continue; // not one we can scale; a poll of it says so
            }
            try
            {
                out.put(symbol, InstrumentSpec.of(catalog, config.venue + ":" + symbol, config.venue, tick, step));
            }
            catch (final IllegalArgumentException ex)
            {
                // a symbol tickwire cannot keep (too long, an exponent out of range): polling it fails, naming it
            }
        }
        if (out.isEmpty())
        {
            throw http.malformed(path, "no symbol with a PRICE_FILTER tickSize and a LOT_SIZE stepSize");
        }
        return out;
    }

    /** A Binance interval in ms; a month counts 31 days (only a look-back bound uses it). */
    static long intervalMs(final String interval)
    {
        final long n = Long.parseLong(interval.substring(0, interval.length() - 1));
        switch (interval.charAt(interval.length() - 1))
        {
            case 'm': return n * MINUTE_MS;
            case 'h': return n * 60 * MINUTE_MS;
            case 'd': return n * 24 * 60 * MINUTE_MS;
            case 'w': return n * 7 * 24 * 60 * MINUTE_MS;
            default: return n * 31 * 24 * 60 * MINUTE_MS;
        }
    }
}
