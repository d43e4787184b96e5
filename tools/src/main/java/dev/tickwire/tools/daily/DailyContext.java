package dev.tickwire.tools.daily;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.adapters.http.HttpFetchException;
import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.adapters.tardis.download.TardisApi;
import dev.tickwire.adapters.tardis.download.TardisDayFile;
import dev.tickwire.adapters.tardis.download.TardisExchange;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.tools.Shard;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the steps of one {@code tickwire daily} run share: the config, the Tardis API client (one, with the
 * configured retries) and what it fetched once per run (the exchange details, the instruments metadata), the
 * shard, and where to print. Closed at the end of the run.
 */
public final class DailyContext implements AutoCloseable
{
    static final long DAY_NS = TimeUnit.DAYS.toNanos(1);

    public final TickwireConfig config;
    public final DailyConfig daily;
    public final Shard shard;
    public final PrintStream out;
    private final Secrets secrets;
    private TardisApi api;
    private TardisExchange exchange;
    private List<JsonNode> instruments;
    private String instrumentsNote;
    private boolean instrumentsAsked;

    public DailyContext(final TickwireConfig config, final DailyConfig daily, final Shard shard, final Secrets secrets,
        final PrintStream out)
    {
        this.config = config;
        this.daily = daily;
        this.shard = shard;
        this.secrets = secrets;
        this.out = out;
    }

    /** The Tardis API, made on first use (the key read then: a dry run of steps that need none reads none). */
    public synchronized TardisApi api()
    {
        if (api == null)
        {
            final DailyConfig.Section s = daily.section;
            final String key = secrets.optional(DailyConfig.KEY, "apiKey", s.apiKeyEnv, s.apiKeyFile).orElse(null);
            final HttpFetcher.Policy policy = TardisApi.defaultPolicy().withMaxAttempts(s.attempts)
                .withDelays(daily.retryDelay, daily.maxRetryDelay);
            final HttpFetcher fetcher = new HttpFetcher("tardis", HttpFetcher.client(Duration.ofSeconds(10)), policy);
            api = new TardisApi(s.baseUrl, daily.datasetsUrl, key, fetcher);
        }
        return api;
    }

    /** {@code /v1/exchanges/{exchange}}, asked once a run. */
    public synchronized TardisExchange exchange() throws InterruptedException
    {
        if (exchange == null)
        {
            try
            {
                exchange = api().exchange(daily.exchange);
            }
            catch (final HttpFetchException ex)
            {
                throw new IllegalStateException("cannot get the exchange details of " + daily.exchange + ": " +
                    ex.getMessage(), ex);
            }
        }
        return exchange;
    }

    /** {@code /v1/instruments/{exchange}}, asked once a run; null (see {@link #instrumentsNote}) without access. */
    public synchronized List<JsonNode> instruments() throws InterruptedException
    {
        if (!instrumentsAsked)
        {
            instrumentsAsked = true;
            if (!api().hasKey())
            {
                instrumentsNote = "no API key (the instruments metadata API needs a Pro or Business key)";
                return null;
            }
            try
            {
                instruments = api().instruments(daily.exchange);
            }
            catch (final HttpFetchException ex)
            {
                if (ex.status() != 401 && ex.status() != 403)
                {
                    instrumentsAsked = false; // a passing fault: the next day asks again
                    throw new IllegalStateException("cannot get the instruments of " + daily.exchange + ": " +
                        ex.getMessage(), ex);
                }
                instrumentsNote = "the instruments metadata API refused the key (HTTP " + ex.status() + ": it " +
                    "needs a Pro or Business subscription)";
            }
        }
        return instruments;
    }

    public synchronized String instrumentsNote()
    {
        return instrumentsNote;
    }

    /**
     * Fails with {@link DailyStep.NotReady} when Tardis has not exported the whole day yet.
     */
    public void checkExported(final LocalDate day) throws InterruptedException
    {
        final TardisExchange details = exchange();
        if (!details.exported(day))
        {
            throw new DailyStep.NotReady(daily.exchange + "'s datasets are exported until " + details.exportedUntil() +
                "; " + day + " is not there yet (a day is ready about 06:00 UTC the next day)");
        }
    }

    /** The day's files of the configured symbols and data types in the download folder (they may not exist). */
    public List<TardisDayFile> dayFiles(final LocalDate day)
    {
        final List<TardisDayFile> files = new ArrayList<>();
        for (final String symbol : daily.symbols)
        {
            for (final String type : daily.dataTypes)
            {
                files.add(new TardisDayFile(daily.exchange, type, day, symbol));
            }
        }
        return files;
    }

    public Path cached(final TardisDayFile file)
    {
        return daily.cache.resolve(file.fileName());
    }

    static long dayStartNs(final LocalDate day)
    {
        return day.toEpochDay() * DAY_NS;
    }

    static String now()
    {
        return Instant.now().toString();
    }

    /** Yesterday in UTC: the last day a daily run can expect to be exported. */
    public static LocalDate yesterday()
    {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }


    @Override
    public synchronized void close()
    {
        if (api != null)
        {
            api.fetcher().close();
        }
    }
}
