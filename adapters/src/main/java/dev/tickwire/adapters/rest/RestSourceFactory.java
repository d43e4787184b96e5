package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the streams of a polled REST API's {@code sources:} entry: one {@link RestPollSource} per (poll, symbol),
 * each with its own source id from the journal's source catalog (key {@code <type>:<name>:<poll>:<SYMBOL>}), all
 * polled by one {@link Poller} thread per entry.
 */
public abstract class RestSourceFactory implements SourceFactory
{
    private final Supplier<RestApi> api;

    RestSourceFactory(final Supplier<RestApi> api)
    {
        this.api = api;
    }

    @Override
    public String type()
    {
        return api.get().type();
    }

    @Override
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        return create(key, node, config, new Secrets(), false);
    }

    /**
     * @param once poll each stream until caught up once, then end (finite sources: a dry run)
     */
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config,
        final Secrets secrets, final boolean once)
    {
        final RestApi restApi = api.get();
        final RestConfig c = ConfigLoader.section(key, node, RestConfig.class).conclude(key, restApi);
        final String apiKey = secrets.optional(key, "apiKey", c.apiKeyEnv, c.apiKeyFile).orElse(null);
        final InstrumentCatalog catalog = InstrumentCatalog.open(config.journalPath());
        restApi.bind(c, catalog, new TtlCache(RestConfig.positive(key + ".cacheTtl", c.cacheTtl), System::nanoTime));
        final List<PollStream> streams = new ArrayList<>();
        for (final RestConfig.Poll poll : c.polls)
        {
            final Bucket pollBucket = ApiClient.bucket(poll.limits);
            for (final String symbol : poll.symbols)
            {
                final String stream = restApi.streamName(poll);
                final String sourceKey = restApi.type() + ":" + c.name + ":" + stream.replace(' ', '-') + ":" + symbol;
                final int id = catalog.sources().register(restApi.sourceKind(), sourceKey, 0);
                streams.add(new PollStream(poll, symbol, c.name + " " + stream + " " + symbol, sourceKey, id,
                    restApi.dataPoll(poll, symbol), pollBucket, c.queueCapacity));
            }
        }
        final HttpFetcher.Policy policy = HttpFetcher.Policy.defaults()
            .withMaxAttempts(c.retries.attempts)
            .withDelays(Duration.ofNanos(RestConfig.nanos(key + ".retries.base", c.retries.base)),
                Duration.ofNanos(RestConfig.nanos(key + ".retries.max", c.retries.max)))
            .withMaxRetryAfter(Duration.ofNanos(
                RestConfig.nanos(key + ".retries.maxRetryAfter", c.retries.maxRetryAfter)))
            .withTimeouts(
                Duration.ofNanos(RestConfig.positive(key + ".retries.requestTimeout", c.retries.requestTimeout)),
                Duration.ofNanos(RestConfig.positive(key + ".retries.idleTimeout", c.retries.idleTimeout)));
        final HttpFetcher fetcher = new HttpFetcher(c.name, HttpFetcher.client(policy.requestTimeout()), policy);
        final Poller poller = new Poller(c, restApi, streams, fetcher, apiKey, once);
        final List<FeedAdapter> adapters = new ArrayList<>(streams.size());
        for (final PollStream s : streams)
        {
            adapters.add(new RestPollSource(s, poller, once));
        }
        return adapters;
    }

    /** {@code type: binance-futures-rest}. */
    public static final class BinanceFutures extends RestSourceFactory
    {
        public BinanceFutures()
        {
            super(BinanceFuturesApi::new);
        }
    }

    /** {@code type: deribit-rest}. */
    public static final class Deribit extends RestSourceFactory
    {
        public Deribit()
        {
            super(DeribitApi::new);
        }
    }
}
