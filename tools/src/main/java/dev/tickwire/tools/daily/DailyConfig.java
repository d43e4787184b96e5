package dev.tickwire.tools.daily;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.tickwire.adapters.tardis.download.TardisApi;
import dev.tickwire.adapters.tardis.download.TardisDayFile;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.quality.TradingCalendar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The config's {@code daily} section: what the chain fetches (a Tardis exchange, its symbols and data types), where
 * things go (download folder, journal, state, bars) and how each step runs. Read with the config's rules (an unknown
 * key or a wrong type fails naming {@code daily.<key>}) and checked in {@link Section#conclude}: every problem names
 * its key. The archive is the config's {@code archive.dir} (a folder or s3://…); secrets only by {@code apiKeyEnv}
 * or {@code apiKeyFile}.
 */
public final class DailyConfig
{
    public static final String KEY = TickwireConfig.DAILY;
    /** What a Tardis exchange id or data type looks like (as the download folder's names need them). */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

    /** {@code daily.gaps}: the data-quality scan of the day. */
    public static final class Gaps
    {
        /** Silences longer than this (in open hours) are gaps. */
        public String maxSilence = "5m";
        /** 24x7 or CME. */
        public String calendar = "24x7";
        /** More gaps than this in a day fail the step (and alert); unset: never. */
        public Long failOver;
    }

    /** {@code daily.bars}: a Parquet file of bars per symbol, spec and day ({@code tickwire bars --format parquet}). */
    public static final class Bars
    {
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> specs = List.of("1m");
        public boolean features = true;
        public int depth = 5;
        /** How much journal before the day the features start from; default: archive.featuresWarmup. */
        public String warmup;
        /** Default: {@code <dataDir>/bars}. */
        public String out;
    }

    /** {@code daily.backup}: where the backup step copies the journal and the archive. */
    public static final class Backup
    {
        /** A folder or s3://bucket/prefix (with archive.s3's settings). */
        public String to;
    }

    /** The section as written. */
    public static final class Section
    {
        public String exchange;
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> symbols = new ArrayList<>();
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> dataTypes = new ArrayList<>();
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> steps = DailySteps.defaultChain();
        /** The download folder; default {@code <dataDir>/tardis}. */
        public String cache;
        /** The journal the chain imports into; default the config's ({@code journal.dir}). */
        public String journal;
        /** The chain's archive, a folder or s3://bucket/prefix (with archive.s3's settings); default archive.dir. */
        public String archive;
        /** Where each day's state file goes; default {@code <dataDir>/daily}. */
        public String stateDir;
        public String apiKeyEnv;
        public String apiKeyFile;
        public String baseUrl = TardisApi.DEFAULT_API_URL;
        /** Default: https://datasets.tardis.dev, or baseUrl when that is not Tardis' own. */
        public String datasetsUrl;
        public int concurrency = 4;
        /** HTTP attempts per request (429, 5xx and cut connections are retried), with backoff and full jitter. */
        public int attempts = 10;
        public String retryDelay = "1s";
        public String maxRetryDelay = "2m";
        /** Without --date or --from: the days up to yesterday (UTC) this many back; finished ones are skipped. */
        public int lookback = 3;
        @JsonSetter(nulls = Nulls.SKIP)
        public Gaps gaps = new Gaps();
        @JsonSetter(nulls = Nulls.SKIP)
        public Bars bars = new Bars();
        @JsonSetter(nulls = Nulls.SKIP)
        public Backup backup = new Backup();

        /**
         * Checks every key; returns the settings with paths and defaults resolved.
         *
         * @param chain    the steps to run instead of {@code steps} (e.g. --steps), or null
         * @param chainKey what that list is called in messages
         */
        DailyConfig conclude(final TickwireConfig config, final List<String> chain, final String chainKey)
        {
            if (exchange == null || !ID.matcher(exchange).matches() || exchange.contains("_"))
            {
                throw new ConfigException(KEY + ".exchange", "is required: a Tardis exchange id, e.g. " +
                    "binance-futures (`tickwire instruments tardis` lists an exchange's symbols)");
            }
            if (symbols.isEmpty())
            {
                throw new ConfigException(KEY + ".symbols", "must list at least one dataset symbol, e.g. [BTCUSDT]");
            }
            final LinkedHashSet<String> datasetSymbols = new LinkedHashSet<>();
            for (int i = 0; i < symbols.size(); i++)
            {
                if (symbols.get(i).isBlank())
                {
                    throw new ConfigException(KEY + ".symbols[" + i + "]", "must not be empty");
                }
                datasetSymbols.add(TardisDayFile.datasetSymbol(symbols.get(i).strip()));
            }
            if (dataTypes.isEmpty())
            {
                throw new ConfigException(KEY + ".dataTypes", "must list at least one data type, e.g. [trades, " +
                    "incremental_book_L2]");
            }
            for (int i = 0; i < dataTypes.size(); i++)
            {
                if (!ID.matcher(dataTypes.get(i)).matches())
                {
                    throw new ConfigException(KEY + ".dataTypes[" + i + "]", "'" + dataTypes.get(i) + "' is not a " +
                        "Tardis data type (e.g. trades, incremental_book_L2, book_snapshot_25, quotes)");
                }
            }
            final String archiveLocation = archive != null && !archive.isBlank() ? archive.strip() :
                config.archiveLocation();
            final List<DailyStep> run = chain != null ? DailySteps.chain(chain, chainKey) :
                DailySteps.chain(steps, KEY + ".steps");
            if (apiKeyEnv != null && apiKeyFile != null)
            {
                throw new ConfigException(KEY + ".apiKeyEnv", "set either apiKeyEnv or apiKeyFile, not both");
            }
            range(KEY + ".concurrency", concurrency, 1, 64);
            range(KEY + ".attempts", attempts, 1, 100);
            range(KEY + ".lookback", lookback, 1, 366);
            final long delay = Durations.parseNanos(KEY + ".retryDelay", retryDelay);
            final long maxDelay = Durations.parseNanos(KEY + ".maxRetryDelay", maxRetryDelay);
            if (maxDelay < delay)
            {
                throw new ConfigException(KEY + ".maxRetryDelay", "must be at least retryDelay (" + retryDelay + ")");
            }
            url(KEY + ".baseUrl", baseUrl);
            if (datasetsUrl != null)
            {
                url(KEY + ".datasetsUrl", datasetsUrl);
            }
            final long maxSilenceNs = Durations.parseNanos(KEY + ".gaps.maxSilence", gaps.maxSilence);
            if (maxSilenceNs <= 0)
            {
                throw new ConfigException(KEY + ".gaps.maxSilence", "must be positive");
            }
            final TradingCalendar calendar;
            try
            {
                calendar = TradingCalendar.named(gaps.calendar == null ? "" : gaps.calendar);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(KEY + ".gaps.calendar", ex.getMessage());
            }
            if (gaps.failOver != null && gaps.failOver < 0)
            {
                throw new ConfigException(KEY + ".gaps.failOver", "must be 0 or more");
            }
            final List<BarSpec> barSpecs = new ArrayList<>();
            for (int i = 0; i < bars.specs.size(); i++)
            {
                try
                {
                    barSpecs.add(BarSpec.parse(bars.specs.get(i))); // as archive.bars: 1m, ticks:100, tib:ewma=100
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new ConfigException(KEY + ".bars.specs[" + i + "]", ex.getMessage());
                }
            }
            range(KEY + ".bars.depth", bars.depth, 1, 50);
            final long warmupNs = bars.warmup == null ? config.archiveFeaturesWarmupNs()
                : Durations.parseNanos(KEY + ".bars.warmup", bars.warmup);
            final String stepsKey = chain != null ? chainKey : KEY + ".steps";
            for (int i = 0; i < run.size(); i++)
            {
                final String name = run.get(i).name();
                if (name.equals(ArchiveStep.NAME) && archiveLocation == null)
                {
                    throw new ConfigException(KEY + ".archive", "is needed by " + stepsKey + "[" + i + "] (archive): " +
                        "a folder or s3://bucket/prefix (default: archive.dir, which is not set either)");
                }
                if (name.equals(BackupStep.NAME) && (backup.to == null || backup.to.isBlank()))
                {
                    throw new ConfigException(KEY + ".backup.to", "is needed by " + stepsKey + "[" + i +
                        "] (backup): a folder or s3://bucket/prefix");
                }
            }
            final Path journalDir = journal != null ? Path.of(journal) : config.journalPath();
            // `tickwire run` on this config (its sources, or its scheduler) writes journal.dir and archives it into
            // archive.dir: the chain's journal and archive must then be others
            final boolean engine = !config.sources.isEmpty() || config.schedule != null;
            if (engine && journalDir.toAbsolutePath().normalize().equals(config.journalPath().toAbsolutePath().normalize()))
            {
                throw new ConfigException(KEY + ".journal", "is the journal `tickwire run` writes with this config (" +
                    config.journalPath() + ", for its " + (config.sources.isEmpty() ? "scheduler" : "sources") +
                    "): the chain imports into a journal of its own; set daily.journal");
            }
            final boolean archives = run.stream().anyMatch(s -> s.name().equals(ArchiveStep.NAME) ||
                s.name().equals(VerifyStep.NAME) || s.name().equals(BackupStep.NAME));
            if (engine && archives && archive == null && config.archiveLocation() != null)
            {
                throw new ConfigException(KEY + ".archive", "is archive.dir by default, where `tickwire run` archives " +
                    "its own journal with this config: the chain's journal needs an archive of its own; set " +
                    "daily.archive");
            }
            final Path data = config.dataPath();
            return new DailyConfig(this, List.copyOf(datasetSymbols), List.copyOf(new LinkedHashSet<>(dataTypes)), run,
                cache != null ? Path.of(cache) : data.resolve("tardis"),
                journalDir, archiveLocation,
                stateDir != null ? Path.of(stateDir) : data.resolve("daily"),
                datasetsUrl != null ? datasetsUrl : baseUrl.equals(TardisApi.DEFAULT_API_URL) ?
                    TardisApi.DEFAULT_DATASETS_URL : baseUrl,
                Duration.ofNanos(delay), Duration.ofNanos(maxDelay), maxSilenceNs, calendar, barSpecs, warmupNs,
                bars.out != null ? Path.of(bars.out) : data.resolve("bars"));
        }

        private static void range(final String key, final int value, final int min, final int max)
        {
            if (value < min || value > max)
            {
                throw new ConfigException(key, "must be " + min + ".." + max + ", got " + value);
            }
        }

        private static void url(final String key, final String url)
        {
            if (url == null || !url.matches("https?://[^\\s/]+(/\\S*)?"))
            {
                throw new ConfigException(key, "must be an http(s) URL, got '" + url + "'");
            }
        }
    }

    public final Section section;
    public final String exchange;
    /** Dataset symbols (upper case, ':' and '/' as '-'). */
    public final List<String> symbols;
    public final List<String> dataTypes;
    public final List<DailyStep> steps;
    public final Path cache;
    public final Path journal;
    /** A folder or s3://bucket/prefix; null for none. */
    public final String archive;
    public final Path stateDir;
    public final String datasetsUrl;
    public final Duration retryDelay;
    public final Duration maxRetryDelay;
    public final long maxSilenceNs;
    public final TradingCalendar calendar;
    public final List<BarSpec> barSpecs;
    public final long barsWarmupNs;
    public final Path barsOut;

    private DailyConfig(
        final Section section, final List<String> symbols, final List<String> dataTypes, final List<DailyStep> steps,
        final Path cache, final Path journal, final String archive, final Path stateDir, final String datasetsUrl, final Duration retryDelay,
        final Duration maxRetryDelay, final long maxSilenceNs, final TradingCalendar calendar,
        final List<BarSpec> barSpecs, final long barsWarmupNs, final Path barsOut)
    {
        this.section = section;
        this.exchange = section.exchange;
        this.symbols = symbols;
        this.dataTypes = dataTypes;
        this.steps = steps;
        this.cache = cache;
        this.journal = journal;
        this.archive = archive;
        this.stateDir = stateDir;
        this.datasetsUrl = datasetsUrl;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
        this.maxSilenceNs = maxSilenceNs;
        this.calendar = calendar;
        this.barSpecs = barSpecs;
        this.barsWarmupNs = barsWarmupNs;
        this.barsOut = barsOut;
    }

    /**
     * The {@code daily} section of a config (already concluded), checked.
     *
     * @throws ConfigException naming the key of the first problem (and {@code daily} when there is no section)
     */
    public static DailyConfig parse(final TickwireConfig config)
    {
        return parse(config, null, null);
    }

    /**
     * As {@link #parse(TickwireConfig)}, with the steps to run given apart (--steps), checked the same way.
     *
     * @param chain    null for {@code daily.steps}
     * @param chainKey what {@code chain} is called in messages (e.g. "--steps")
     */
    public static DailyConfig parse(final TickwireConfig config, final List<String> chain, final String chainKey)
    {
        if (config.daily == null || config.daily.isNull())
        {
            throw new ConfigException(KEY, "is missing: tickwire daily needs a 'daily' section (exchange, symbols, " +
                "dataTypes; docs/README: \"Daily jobs and scheduling\")");
        }
        return ConfigLoader.section(KEY, config.daily, Section.class).conclude(config, chain, chainKey);
    }

    /** The journal's name of a dataset symbol's instrument: {@code exchange:SYMBOL}. */
    public String instrument(final String symbol)
    {
        return exchange + ":" + symbol;
    }
}
