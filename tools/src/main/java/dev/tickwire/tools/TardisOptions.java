package dev.tickwire.tools;

import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.adapters.tardis.download.TardisApi;
import dev.tickwire.engine.config.Secrets;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What every {@code tickwire … tardis} command that talks to Tardis.dev takes (a picocli mixin). */
final class TardisOptions
{
    static final String DEFAULT_KEY_ENV = "TARDIS_API_KEY";

    @Option(names = "--exchange", required = true, paramLabel = "ID",
        description = "Tardis exchange id, e.g. binance-futures, deribit, bitmex.")
    String exchange;

    @Option(names = "--api-key-env", paramLabel = "VARIABLE",
        description = "Environment variable holding the API key (default: " + DEFAULT_KEY_ENV + " if it is set; " +
            "without a key only the first day of each month is served).")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE",
        description = "Owner-only (chmod 600) file holding the API key, instead of an environment variable.")
    Path apiKeyFile;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = TardisApi.DEFAULT_API_URL,
        description = "Tardis API (exchange details, instruments metadata); default: ${DEFAULT-VALUE}.")
    String baseUrl;

    @Option(names = "--datasets-url", paramLabel = "URL",
        description = "Datasets API (day files); default: " + TardisApi.DEFAULT_DATASETS_URL + ", or --base-url when given.")
    String datasetsUrl;

    /** Lines for the user about the key (never the key). */
    final List<String> notes = new java.util.ArrayList<>();

    /** The key as the options say, or null to go without one; a named variable or file that is missing is an error. */
    String apiKey(final Secrets secrets)
    {
        if (apiKeyEnv != null && apiKeyFile != null)
        {
            throw new IllegalArgumentException("give --api-key-env or --api-key-file, not both");
        }
        if (apiKeyFile != null)
        {
            return secrets.fromFile("--api-key-file", apiKeyFile);
        }
        if (apiKeyEnv != null)
        {
            return secrets.fromEnv("--api-key-env", apiKeyEnv);
        }
        final String fromDefault = System.getenv(DEFAULT_KEY_ENV);
        if (fromDefault == null || fromDefault.isEmpty())
        {
            notes.add("no API key (" + DEFAULT_KEY_ENV + " is not set): only the first day of each month is served");
            return null;
        }
        return secrets.fromEnv("--api-key-env", DEFAULT_KEY_ENV);
    }

    /** The API client (close its fetcher when done). */
    TardisApi api(final Secrets secrets)
    {
        final String key = apiKey(secrets);
        final HttpFetcher fetcher = new HttpFetcher("tardis", HttpFetcher.client(Duration.ofSeconds(10)),
            TardisApi.defaultPolicy());
        final String defaultDatasets = baseUrl.equals(TardisApi.DEFAULT_API_URL) ? TardisApi.DEFAULT_DATASETS_URL : baseUrl;
        return new TardisApi(baseUrl, datasetsUrl != null ? datasetsUrl : defaultDatasets, key, fetcher);
    }
}
