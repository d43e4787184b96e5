package dev.tickwire.adapters.tardis.download;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.adapters.http.HttpFetchException;
import dev.tickwire.adapters.http.HttpFetcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Tardis.dev HTTP endpoints tickwire uses, through one {@link HttpFetcher}: the datasets API's day
 * files ({@code https://datasets.tardis.dev/v1/...}), the exchange details ({@code /v1/exchanges/{id}},
 * public) and the instruments metadata ({@code /v1/instruments/{id}}, a Pro or Business key). The key
 * goes in an {@code Authorization: Bearer} header only; no message ever carries it.
 */
public final class TardisApi
{
    public static final String DEFAULT_API_URL = "https://api.tardis.dev";
    public static final String DEFAULT_DATASETS_URL = "https://datasets.tardis.dev";
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // tick sizes stay the decimals they were written as

    private final String apiUrl;
    private final String datasetsUrl;
    private final String apiKey;
    private final HttpFetcher fetcher;

    /**
     * @param apiUrl      e.g. https://api.tardis.dev (no trailing slash needed)
     * @param datasetsUrl e.g. https://datasets.tardis.dev
     * @param apiKey      the key, or null to ask without one (only the first day of a month is served then)
     */
    public TardisApi(final String apiUrl, final String datasetsUrl, final String apiKey, final HttpFetcher fetcher)
    {
        this.apiUrl = trim(apiUrl);
        this.datasetsUrl = trim(datasetsUrl);
        this.apiKey = apiKey;
        this.fetcher = fetcher;
    }

    /** Retries of the datasets API and metadata: 10 attempts, 1 s doubling to 2 min (as the official clients back off). */
    public static HttpFetcher.Policy defaultPolicy()
    {
        return HttpFetcher.Policy.defaults().withMaxAttempts(10)
            .withDelays(java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(2));
    }

    public boolean hasKey()
    {
        return apiKey != null;
    }

    public HttpFetcher fetcher()
    {
        return fetcher;
    }

    public URI dayFileUri(final TardisDayFile file)
    {
        return URI.create(datasetsUrl + file.urlPath());
    }

    /** A day file, its body going where {@code body} says (a temporary file). */
    public <T> HttpResponse<T> dayFile(final TardisDayFile file, final HttpResponse.BodyHandler<T> body)
        throws HttpFetchException, InterruptedException
    {
        // Accept-Encoding as the clients send it: the file is gzip already and is saved as it comes
        return fetcher.get(dayFileUri(file), body, headers("Accept-Encoding", "gzip"));
    }

    /** {@code /v1/exchanges/{exchange}}. */
    public TardisExchange exchange(final String exchange) throws HttpFetchException, InterruptedException
    {
        return TardisExchange.parse(exchange, json(apiUrl + "/v1/exchanges/" + exchange));
    }

    /** {@code /v1/instruments/{exchange}}: every instrument the exchange had, active or not. */
    public List<JsonNode> instruments(final String exchange) throws HttpFetchException, InterruptedException
    {
        final JsonNode all = json(apiUrl + "/v1/instruments/" + exchange);
        final List<JsonNode> list = new ArrayList<>();
        all.forEach(list::add);
        return list;
    }

    private JsonNode json(final String url) throws HttpFetchException, InterruptedException
    {
        final HttpResponse<byte[]> response = fetcher.get(URI.create(url), HttpResponse.BodyHandlers.ofByteArray(),
            headers("Accept", "application/json"));
        final boolean gzip = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(response.body())) :
            new ByteArrayInputStream(response.body()))
        {
            return JSON.readTree(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("GET " + url + ": not JSON: " + ex.getMessage(), ex);
        }
    }

    private String[] headers(final String... extra)
    {
        final List<String> all = new ArrayList<>(List.of(extra));
        all.add("User-Agent");
        all.add("tickwire (+https://github.com/tickwire)");
        if (apiKey != null)
        {
            all.add("Authorization");
            all.add("Bearer " + apiKey);
        }
        return all.toArray(new String[0]);
    }

    private static String trim(final String url)
    {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
