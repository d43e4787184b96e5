package dev.tickwire.adapters.rest;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code sources:} entry of a polled REST API ({@code binance-futures-rest}, {@code deribit-rest}): where the
 * API is, how hard it may be asked (request limits, retries, a circuit), and its {@code polls}: each a data
 * type, some symbols and how often, every (poll, symbol) a stream with its own source id.
 */
public final class RestConfig
{
    public String type;
    /** The entry's name: the first word of its streams' names and source keys (default: the type). */
    public String name;
    /** The API's base URL (default: the exchange's public one). */
    public String restUrl;
    /** The instruments' venue, the {@code venue:} of {@code venue:SYMBOL} (default: the exchange's). */
    public String venue;
    /** Request limits of the whole API (its per-IP limit); 0 or absent = none. */
    public Limits limits = new Limits();
    public Retries retries = new Retries();
    public Circuit circuit = new Circuit();
    /** How long exchangeInfo / instrument lists are kept before they are asked again. */
    public String cacheTtl = "1h";
    /** Binance: pause the API until the next minute once {@code X-MBX-USED-WEIGHT-1M} reaches this; 0 = ignore. */
    public int usedWeightLimit = 2000;
    /** Items (and statuses) waiting between the poller's thread and the engine's adapter thread, per stream. */
    public int queueCapacity = 4096;
    /** An API key, if an endpoint needs one: the name of an environment variable, or an owner-only file. */
    public String apiKeyEnv;
    public String apiKeyFile;
    public List<Poll> polls = new ArrayList<>();

    /** Token buckets: each a burst of up to N requests, refilled at N per period (Bucket4j, greedy refill). */
    public static final class Limits
    {
        public int perSecond;
        public int perMinute;
        public int perHour;

        boolean any()
        {
            return perSecond > 0 || perMinute > 0 || perHour > 0;
        }

        void conclude(final String key)
        {
            if (perSecond < 0 || perMinute < 0 || perHour < 0)
            {
                final String which = perSecond < 0 ? ".perSecond" : perMinute < 0 ? ".perMinute" : ".perHour";
                throw new ConfigException(key + which, "must be 0 (no limit) or more");
            }
        }
    }

    /** Each request's retries (429, 408, 5xx, I/O errors, timeouts): capped exponential backoff, full jitter. */
    public static final class Retries
    {
        public int attempts = 4;
        public String base = "500ms";
        public String max = "30s";
        /** A Retry-After longer than this fails the request instead of waiting. */
        public String maxRetryAfter = "5m";
        /** Until the response's headers. */
        public String requestTimeout = "10s";
        /** A body that stops arriving for this long is cut and retried. */
        public String idleTimeout = "30s";
    }

    /** Opens after {@code failures} requests in a row failed (after their retries); one trial after {@code openFor}. */
    public static final class Circuit
    {
        public int failures = 5;
        public String openFor = "1m";
    }

    /** One data type of some symbols. */
    public static final class Poll
    {
        /** The data type, e.g. klines, fundingRate, premiumIndex, openInterest, optionSummary, optionTicker. */
        public String data;
        /** Symbols (Binance), currencies (Deribit optionSummary) or instrument names (Deribit optionTicker). */
        public List<String> symbols = new ArrayList<>();
        /** How often each symbol is polled once caught up (default: the data type's). */
        public String every;
        /** The bar interval of klines (1m, 1h, …) or the period of open-interest history (5m, 1h, …). */
        public String interval;
        /** How far back a stream reaches: on its first start, and after a downtime (older is not fetched). */
        public String backfill = "0s";
        /** Items per page of history (default and maximum: the endpoint's). */
        public int pageLimit;
        /** This poll's own request limits, on top of the API's (an endpoint with a limit of its own). */
        public Limits limits = new Limits();
    }

    /**
     * Checks every value, naming the key of the first bad one.
     *
     * @param key this entry's key, e.g. "sources[0]"
     */
    RestConfig conclude(final String key, final RestApi api)
    {
        if (name == null || name.isBlank())
        {
            name = api.type().replace("-rest", "");
        }
        if (!name.matches("[A-Za-z0-9_.-]{1,32}"))
        {
            throw new ConfigException(key + ".name", "must be 1 to 32 letters, digits, '_', '.' or '-'");
        }
        if (restUrl == null)
        {
            restUrl = api.defaultUrl();
        }
        restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        try
        {
            final URI uri = URI.create(restUrl);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null ||
                uri.getRawQuery() != null || uri.getRawUserInfo() != null)
            {
                throw new IllegalArgumentException();
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(key + ".restUrl", "must be an http(s):// URL without query or user info");
        }
        if (venue == null)
        {
            venue = api.defaultVenue();
        }
        if (venue.isBlank() || venue.length() > 16)
        {
            throw new ConfigException(key + ".venue", "is required, at most 16 characters");
        }
        limits.conclude(key + ".limits");
        if (retries.attempts < 1 || retries.attempts > 20)
        {
            throw new ConfigException(key + ".retries.attempts", "must be 1..20");
        }
        if (nanos(key + ".retries.max", retries.max) < nanos(key + ".retries.base", retries.base))
        {
            throw new ConfigException(key + ".retries.max", "must be at least retries.base");
        }
        nanos(key + ".retries.maxRetryAfter", retries.maxRetryAfter);
        positive(key + ".retries.requestTimeout", retries.requestTimeout);
        positive(key + ".retries.idleTimeout", retries.idleTimeout);
        if (circuit.failures < 1)
        {
            throw new ConfigException(key + ".circuit.failures", "must be at least 1");
        }
        positive(key + ".circuit.openFor", circuit.openFor);
        positive(key + ".cacheTtl", cacheTtl);
        if (usedWeightLimit < 0)
        {
            throw new ConfigException(key + ".usedWeightLimit", "must be 0 (ignore the header) or more");
        }
        if (queueCapacity < 16)
        {
            throw new ConfigException(key + ".queueCapacity", "must be at least 16");
        }
        if (polls == null || polls.isEmpty())
        {
            throw new ConfigException(key + ".polls", "needs at least one poll, e.g. {data: " + api.dataTypes().get(0) +
                ", symbols: [...]}; data types: " + api.dataTypes());
        }
        final Set<String> streams = new HashSet<>();
        for (int i = 0; i < polls.size(); i++)
        {
            final String at = key + ".polls[" + i + "]";
            final Poll poll = polls.get(i);
            if (poll.data == null || !api.dataTypes().contains(poll.data))
            {
                throw new ConfigException(at + ".data", "must be one of " + api.dataTypes());
            }
            if (poll.symbols == null || poll.symbols.isEmpty())
            {
                throw new ConfigException(at + ".symbols", "needs at least one symbol");
            }
            api.concludePoll(at, poll);
            if (poll.every == null)
            {
                poll.every = api.defaultEvery(poll);
            }
            positive(at + ".every", poll.every);
            if (nanos(at + ".backfill", poll.backfill) < 0)
            {
                throw new ConfigException(at + ".backfill", "must not be negative");
            }
            final int max = api.maxPageLimit(poll.data);
            if (poll.pageLimit == 0)
            {
                poll.pageLimit = max;
            }
            if (poll.pageLimit < 1 || poll.pageLimit > max)
            {
                throw new ConfigException(at + ".pageLimit", "must be 1.." + max + " for " + poll.data);
            }
            poll.limits.conclude(at + ".limits");
            for (int s = 0; s < poll.symbols.size(); s++)
            {
                final String symbol = api.normalise(at + ".symbols[" + s + "]", poll.data, poll.symbols.get(s));
                poll.symbols.set(s, symbol);
                if (!streams.add(api.streamName(poll) + " " + symbol))
                {
                    throw new ConfigException(at + ".symbols[" + s + "]", symbol + " is polled for " +
                        api.streamName(poll) + " twice");
                }
            }
        }
        if ((apiKeyEnv != null || apiKeyFile != null) && api.apiKeyHeader() == null)
        {
            throw new ConfigException(key + (apiKeyEnv != null ? ".apiKeyEnv" : ".apiKeyFile"),
                api.type() + " polls public endpoints only: it sends no key");
        }
        return this;
    }

    static long nanos(final String key, final String text)
    {
        return Durations.parseNanos(key, text);
    }

    static long positive(final String key, final String text)
    {
        final long ns = Durations.parseNanos(key, text);
        if (ns <= 0)
        {
            throw new ConfigException(key, "must be positive");
        }
        return ns;
    }
}
