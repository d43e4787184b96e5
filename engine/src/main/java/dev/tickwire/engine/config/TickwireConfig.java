package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.client.TickwireAeron;
import dev.tickwire.engine.bars.BarSpec;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole configuration, as read from one YAML file (see {@link ConfigLoader}); every field has a
 * default, and the defaults can be overridden by system properties named {@code tickwire.<key>}
 * (e.g. {@code -Dtickwire.aeron.channel=aeron:udp?endpoint=host:40123}), as Aeron's contexts do.
 * {@link #conclude()} validates everything and names the key of the first problem.
 */
public final class TickwireConfig
{
    public static final String DATA_DIR = "dataDir";
    public String dataDir = prop(DATA_DIR, "./tickwire-data");
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public Journal journal = new Journal();
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public Engine engine = new Engine();
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public Aeron aeron = new Aeron();
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public Validation validation = new Validation();
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public Bars bars = new Bars();
    @JsonSetter(nulls = Nulls.SKIP)
    public Archive archive = new Archive();
    @JsonSetter(nulls = Nulls.SKIP)
    public Checkpoints checkpoints = new Checkpoints();
    @JsonSetter(nulls = Nulls.SKIP)
    public Metrics metrics = new Metrics();
    @JsonSetter(nulls = Nulls.SKIP)
    public Heartbeat heartbeat = new Heartbeat();
    public static final String ALERTS = "alerts";
    /** Alert rules and channels, read and validated by the monitor module (tickwire-monitor); unset = none. */
    public JsonNode alerts;
    public static final String SCHEDULE = "schedule";
    /** Jobs run on cron expressions inside {@code tickwire run} (read and validated by the monitor module); unset = none. */
    public JsonNode schedule;
    public static final String DAILY = "daily";
    /** The daily chain ({@code tickwire daily}: download, import, bars, archive…), read by the tools; unset = none. */
    public JsonNode daily;
    public static final String SOURCES = "sources";
    /** Feed sources; each has a {@code type} and its source's own keys (read by its {@code SourceFactory}). */
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public List<JsonNode> sources = new ArrayList<>();
    public static final String OUTPUTS = "outputs";
    /** Outputs fed from the journal off the engine thread; each has a {@code type} and its own keys. */
    @JsonSetter(nulls = Nulls.SKIP)
    public List<JsonNode> outputs = new ArrayList<>();
    public static final String PIPELINES = "pipelines";
    /** Pipelines: an input, a filter, a transformation and an output each (read by {@code Pipelines}). */
    @JsonSetter(nulls = Nulls.SKIP)
    public List<JsonNode> pipelines = new ArrayList<>();

    // Each key's name is written once, in its constant: the system property, the validation and the
    // accessors use the constant.

    public static final class Journal
    {
        public static final String DIR = "journal.dir";
        public static final String ROLL_CYCLE = "journal.rollCycle";
        public static final String BLOCK_SIZE = "journal.blockSize";
        public static final String PREMAP = "journal.premap";
        public static final String RETAIN = "journal.retain";

        /** Defaults to {@code <dataDir>/journal}. */
        public String dir = prop(DIR, null);
        /** A Chronicle roll cycle; FAST_HOURLY holds 4.29 G messages an hour (1.19 M msg/s sustained). */
        public String rollCycle = prop(ROLL_CYCLE, "FAST_HOURLY");
        /** Memory-mapped chunk size: smaller means shorter writer stalls when the next chunk is mapped. */
        public String blockSize = prop(BLOCK_SIZE, "4m");
        /**
         * Map and fault in the next chunk on a background thread (it sleeps 1 ms between 256 KB
         * slices), so the engine thread rarely stalls on it: p99 at 1 M ticks/s ~10.5 → 3.6-7.8 ms.
         */
        public boolean premap = Boolean.parseBoolean(prop(PREMAP, "true"));
        /**
         * Delete journal cycle files older than this (e.g. 14d), and only once every message they hold
         * is in a complete, verified day of the archive; unset = keep everything. Needs {@code archive.dir}.
         */
        public String retain = prop(RETAIN, null);
    }

    public static final class Engine
    {
        public static final String RING_SIZE = "engine.ringSize";
        public static final String THREADING = "engine.threading";
        public static final String WAIT_STRATEGY = "engine.waitStrategy";
        public static final String ADAPTER_IDLE_STRATEGY = "engine.adapterIdleStrategy";
        public static final String OUTPUT_IDLE_STRATEGY = "engine.outputIdleStrategy";
        public static final String IDLE = "engine.idle";

        public int ringSize = Integer.parseInt(prop(RING_SIZE, "65536"));
        public EngineThreading threading = ConfigEnums.parse(THREADING, prop(THREADING, "single"), EngineThreading.class);
        public WaitKind waitStrategy = ConfigEnums.parse(WAIT_STRATEGY, prop(WAIT_STRATEGY, "parking"), WaitKind.class);
        /** How the adapter thread idles between polls (see {@link IdleStrategies}). */
        public String adapterIdleStrategy = prop(ADAPTER_IDLE_STRATEGY, "backoff");
        /**
         * quiet: an engine without data goes quiet after a few ms (long parks; the engine thread woken by
         * the next publish, the driver parked 50 ms when it is off the data path): ~1.7 % of a core idle.
         * eager: never (the behaviour before 0.1: ~30 % of a core idle, for a machine with cores to spare).
         */
        public String idle = prop(IDLE, "quiet");
        /** How the outputs' threads wait for new journal entries: outputs batch, so sleeping costs them nothing. */
        public String outputIdleStrategy = prop(OUTPUT_IDLE_STRATEGY, "sleeping:10ms");
    }

    public static final class Aeron
    {
        public static final String PUBLISH = "aeron.publish";
        public static final String DRIVER = "aeron.driver";
        public static final String DIR = "aeron.dir";
        public static final String THREADING = "aeron.threading";
        public static final String CHANNEL = "aeron.channel";
        public static final String STREAM = "aeron.stream";
        public static final String OFFER_RETRIES = "aeron.offerRetries";
        public static final String TERM_LENGTH = "aeron.termLength";
        public static final String DEFINITIONS_EVERY = "aeron.definitionsEvery";

        /** false: no fan-out at all (imports): the pipeline is validate → journal → book. */
        public boolean publish = Boolean.parseBoolean(prop(PUBLISH, "true"));
        public DriverMode driver = ConfigEnums.parse(DRIVER, prop(DRIVER, "embedded"), DriverMode.class);
        public String dir = prop(DIR, TickwireAeron.defaultDirectory());
        public DriverThreading threading = ConfigEnums.parse(THREADING, prop(THREADING, "shared"), DriverThreading.class);
        public String channel = prop(CHANNEL, TickwireAeron.IPC);
        public int stream = Integer.parseInt(prop(STREAM, String.valueOf(TickwireAeron.LIVE_STREAM)));
        /** Offers retried on back-pressure before a message is dropped (and counted). */
        public int offerRetries = Integer.parseInt(prop(OFFER_RETRIES, "3"));
        public String termLength = prop(TERM_LENGTH, "16m");
        /** How often instrument definitions are offered again for strategies that joined late; 0 never. */
        public String definitionsEvery = prop(DEFINITIONS_EVERY, "1s");
    }

    public static final class Validation
    {
        public static final String TIME_TOLERANCE = "validation.timeTolerance";
        public static final String MAX_FUTURE = "validation.maxFuture";
        public static final String PRICE_BAND_BPS = "validation.priceBandBps";

        public String timeTolerance = prop(TIME_TOLERANCE, "0ms");
        public String maxFuture = prop(MAX_FUTURE, "24h");
        /** Band around the last trade, in basis points (2000 = 20 %); 0 turns it off. */
        public long priceBandBps = Long.parseLong(prop(PRICE_BAND_BPS, "2000"));
    }

    /**
     * The archiver: exports each UTC day to Parquet once the journal is past it (and {@code after}
     * more), verifies it, and applies {@code journal.retain}; off the engine thread, at low priority.
     */
    public static final class Archive
    {
        public static final String DIR = "archive.dir";
        public static final String AFTER = "archive.after";
        public static final String BARS = "archive.bars";
        public static final String CHECK_EVERY = "archive.checkEvery";
        public static final String SNAPSHOTS = "archive.snapshots";
        public static final String MAX_RATE = "archive.maxMessagesPerSecond";
        public static final String S3 = "archive.s3";
        public static final String CACHE = "archive.cache";
        public static final String CACHE_DIR = "archive.cacheDir";
        public static final String FEATURES_WARMUP = "archive.featuresWarmup";

        /** Where the archive goes: a folder, or a bucket (s3://bucket/prefix); unset = no archiver. */
        public String dir = prop(DIR, null);
        /** How to reach a bucket archive: endpoint, region, pathStyle, credentials by env or file (never the keys). */
        @JsonSetter(nulls = Nulls.SKIP)
        public java.util.Map<String, String> s3 = new java.util.LinkedHashMap<>();
        /** A bucket archive's local cache bound: new days are written there first, read days are kept there. */
        public String cache = prop(CACHE, "10g");
        /** The cache folder; default: archive-cache beside the journal. */
        public String cacheDir = prop(CACHE_DIR, null);
        /** How far the journal's watermark must be past a day's end before the day is archived. */
        public String after = prop(AFTER, "10m");
        /** Bar specs archived as bars_&lt;spec&gt; beside the journal's tables. */
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> bars = list(prop(BARS, "1m"));
        /**
         * The archiver reads at most this many journal messages a second (0 = no limit): it has a day
         * to archive a day (100 k/s is 8.6 G a day), and flat out beside the engine it costs the
         * engine's tail latency (p99 ×1.8 flat out, ×1.07 at 100 k/s: docs/performance.md).
         */
        public long maxMessagesPerSecond = Long.parseLong(prop(MAX_RATE, "100000"));
        /** Top-N book snapshots archived at an interval, e.g. 10@1s (none by default). */
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> snapshots = list(prop(SNAPSHOTS, ""));
        /** How often the archiver looks for a day to archive (and, failing, the first retry delay). */
        public String checkEvery = prop(CHECK_EVERY, "30s");
        /**
         * How much journal before a day the archive's bars are built from, so the day's first bars carry the book
         * and the rolling windows the live engine had (docs/features.md, "In the archive"); 0: from the day's start.
         */
        public String featuresWarmup = prop(FEATURES_WARMUP, "1d");
        /** The Aeron Archive that records the live streams for replay-then-live ({@code archive.aeron.*}). */
        @JsonSetter(nulls = Nulls.SKIP)
        public AeronRecording aeron = new AeronRecording();
    }

    /**
     * {@code archive.aeron}: an Aeron Archive records the engine's market-data stream (and the bars stream) from
     * the publication's own log buffers, so a strategy on any host can replay a range and merge into live
     * ({@code MarketDataSubscriber.subscribeFrom}). A distribution cache: the journal stays the source of truth,
     * and deleting the archive's folder loses nothing the journal does not have.
     */
    public static final class AeronRecording
    {
        public static final String RECORD = "archive.aeron.record";
        public static final String MODE = "archive.aeron.mode";
        public static final String DIR = "archive.aeron.dir";
        public static final String CONTROL_CHANNEL = "archive.aeron.controlChannel";
        public static final String RESPONSE_CHANNEL = "archive.aeron.responseChannel";
        public static final String RECORD_CHANNEL = "archive.aeron.recordChannel";
        public static final String BARS = "archive.aeron.bars";
        public static final String KEEP = "archive.aeron.keep";

        /** Record at all (off by default: a recording is a second copy of the journal's stream on disk). */
        public boolean record = Boolean.parseBoolean(prop(RECORD, "false"));
        /** embedded: an archive inside the engine's media driver; external: one reached by its control channel. */
        public DriverMode mode = ConfigEnums.parse(MODE, prop(MODE, "embedded"), DriverMode.class);
        /** The embedded archive's folder; default: aeron-archive in dataDir. */
        public String dir = prop(DIR, null);
        /**
         * Embedded: where remote clients (subscribeFrom, tickwire recordings) reach the archive, e.g.
         * aeron:udp?endpoint=10.0.0.1:8010; external: where the engine reaches it.
         */
        public String controlChannel = prop(CONTROL_CHANNEL, "aeron:udp?endpoint=localhost:8010");
        /** External only: where the external archive answers the engine. */
        public String responseChannel = prop(RESPONSE_CHANNEL, "aeron:udp?endpoint=localhost:0");
        /**
         * External only: the channel the archive subscribes with when it records over the network (REMOTE); unset,
         * it records locally by spying on the publication (the archive shares the engine's driver).
         */
        public String recordChannel = prop(RECORD_CHANNEL, null);
        /** Record the bars stream too (when the engine builds bars). */
        public boolean bars = Boolean.parseBoolean(prop(BARS, "true"));
        /** Stopped recordings kept per stream at start-up, the newest first; 0 keeps them all. */
        public int keep = Integer.parseInt(prop(KEEP, "0"));
    }

    /** The embedded Aeron Archive's folder: {@code archive.aeron.dir}, else aeron-archive in dataDir. */
    public Path aeronArchivePath()
    {
        return archive.aeron.dir != null && !archive.aeron.dir.isBlank() ? Path.of(archive.aeron.dir)
            : dataPath().resolve("aeron-archive");
    }

    /**
     * The channel a publication is opened on: {@code channel}, plus {@code ssc=true} for a UDP channel recorded
     * locally, so the archive's spy alone makes it connected and the stream is recorded while no remote
     * subscriber is there (else offers would find it NOT_CONNECTED and nothing would reach the log).
     */
    public String publishedChannel(final String channel)
    {
        if (!recording() || archive.aeron.recordChannel != null || !channel.startsWith("aeron:udp"))
        {
            return channel;
        }
        final io.aeron.ChannelUri uri = io.aeron.ChannelUri.parse(channel);
        if (!uri.containsKey(io.aeron.CommonContext.SPIES_SIMULATE_CONNECTION_PARAM_NAME))
        {
            uri.put(io.aeron.CommonContext.SPIES_SIMULATE_CONNECTION_PARAM_NAME, "true");
        }
        return uri.toString();
    }

    /** True when the engine's streams are recorded by an Aeron Archive. */
    public boolean recording()
    {
        return aeron.publish && archive.aeron.record;
    }

    /** {@code archive.featuresWarmup} in nanoseconds. */
    public long archiveFeaturesWarmupNs()
    {
        return Durations.parseNanos(Archive.FEATURES_WARMUP, archive.featuresWarmup);
    }

    /**
     * Book checkpoints beside the journal ({@code <journal>/checkpoints}): every L2 book, written off the
     * engine thread every {@code every} of event time or {@code everyDeltas} deltas, so a book at T, a
     * replay from T and a restart apply only the deltas since the nearest one.
     */
    public static final class Checkpoints
    {
        public static final String ENABLED = "checkpoints.enabled";
        public static final String EVERY = "checkpoints.every";
        public static final String EVERY_DELTAS = "checkpoints.everyDeltas";

        public boolean enabled = Boolean.parseBoolean(prop(ENABLED, "true"));
        public String every = prop(EVERY, "10s");
        public long everyDeltas = Long.parseLong(prop(EVERY_DELTAS, "10000"));
    }

    /** Prometheus metrics on {@code /metrics}, read from the counters file off the engine thread. */
    public static final class Metrics
    {
        public static final String PORT = "metrics.port";
        public static final String HOST = "metrics.host";

        /** The port of {@code /metrics}; unset = no metrics server. */
        public Integer port = prop(PORT, null) == null ? null : Integer.valueOf(prop(PORT, null));
        /** Loopback by default: counters are not for the whole network unless asked. */
        public String host = prop(HOST, "127.0.0.1");
    }

    /**
     * The engine journals and publishes a heartbeat status every {@code every} with its main counters,
     * so a subscriber can tell a quiet market from a dead engine.
     */
    public static final class Heartbeat
    {
        public static final String EVERY = "heartbeat.every";

        /** 0 = no heartbeats. */
        public String every = prop(EVERY, "1s");
    }

    /** OHLCV bars built live from accepted trades and published on their own stream (none by default). */
    public static final class Bars
    {
        public static final String SPECS = "bars.specs";
        public static final String ORIGIN = "bars.origin";
        public static final String EMIT_EMPTY = "bars.emitEmpty";
        public static final String CHANNEL = "bars.channel";
        public static final String STREAM = "bars.stream";
        public static final String FEATURES = "bars.features";
        public static final String DEPTH = "bars.depth";

        /** e.g. 1m, 5m, 90s (time), ticks:100, volume:50 (size units), value:1000000 (currency); none = no bar stage. */
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> specs = list(prop(SPECS, ""));
        /** Time bars start at this UTC time of day plus multiples of their interval (HH:MM or HH:MM:SS). */
        public String origin = prop(ORIGIN, "00:00");
        /** Emit a bar for an interval without trades (OHLC = previous close, volumes 0). */
        public boolean emitEmpty = Boolean.parseBoolean(prop(EMIT_EMPTY, "false"));
        /** Defaults to {@code aeron.channel}. */
        public String channel = prop(CHANNEL, null);
        public int stream = Integer.parseInt(prop(STREAM, String.valueOf(TickwireAeron.BARS_STREAM)));
        /** Book and tape features on every bar (docs/features.md); false: OHLCV only. */
        public boolean features = Boolean.parseBoolean(prop(FEATURES, "true"));
        /** The top-N levels the book features read. */
        public int depth = Integer.parseInt(prop(DEPTH, "5"));
    }

    /** The top-N depth of the bar features, 0 when they are off. */
    public int barFeatureDepth()
    {
        return bars.features ? bars.depth : 0;
    }


    public Path dataPath()
    {
        return Path.of(dataDir);
    }

    public Path journalPath()
    {
        return journal.dir != null ? Path.of(journal.dir) : dataPath().resolve("journal");
    }

    public Path countersPath()
    {
        return dataPath().resolve("counters.dat");
    }

    /** The archive's location (a folder, or a bucket such as s3://bucket/prefix), or null when there is no archiver. */
    public String archiveLocation()
    {
        return archive.dir == null || archive.dir.isBlank() ? null : archive.dir.strip();
    }

    /** A bucket archive's local cache folder. */
    public Path archiveCachePath()
    {
        return archive.cacheDir != null && !archive.cacheDir.isBlank() ? Path.of(archive.cacheDir)
            : defaultArchiveCache(journalPath());
    }

    /** A bucket archive's cache when none is named: {@code archive-cache} beside the journal. */
    public static Path defaultArchiveCache(final Path journalDir)
    {
        return journalDir.toAbsolutePath().normalize().resolveSibling("archive-cache");
    }

    /** A bucket archive's local cache bound in bytes. */
    public long archiveCacheBytes()
    {
        return Sizes.parseBytes(Archive.CACHE, archive.cache);
    }

    /** {@code journal.retain} in ns, or -1 to keep everything. */
    public long retainNs()
    {
        return journal.retain == null || journal.retain.isBlank() ? -1 : Durations.parseNanos(Journal.RETAIN, journal.retain);
    }

    /** {@code checkpoints.every} in ns. */
    public long checkpointEveryNs()
    {
        return Durations.parseNanos(Checkpoints.EVERY, checkpoints.every);
    }

    /** {@code heartbeat.every} in ns; 0 = no heartbeats. */
    public long heartbeatEveryNs()
    {
        return Durations.parseNanos(Heartbeat.EVERY, heartbeat.every);
    }

    public Path logsPath()
    {
        return dataPath().resolve("logs");
    }

    public boolean singleThreaded()
    {
        return engine.threading == EngineThreading.SINGLE;
    }

    public boolean embeddedDriver()
    {
        return aeron.driver == DriverMode.EMBEDDED;
    }

    public io.aeron.driver.ThreadingMode driverThreading()
    {
        return aeron.threading.mode();
    }

    public IdleStrategy adapterIdleStrategy()
    {
        return IdleStrategies.of(Engine.ADAPTER_IDLE_STRATEGY,
            quietIdle() || !engine.adapterIdleStrategy.trim().equalsIgnoreCase("backoff") ? engine.adapterIdleStrategy : "backoff:0");
    }

    /** {@code engine.idle: quiet} (the default): idle threads park long. */
    public boolean quietIdle()
    {
        return !"eager".equalsIgnoreCase(engine.idle == null ? "" : engine.idle.trim());
    }

    public IdleStrategy outputIdleStrategy()
    {
        return IdleStrategies.of(Engine.OUTPUT_IDLE_STRATEGY, engine.outputIdleStrategy);
    }

    public long journalBlockSizeBytes()
    {
        return Sizes.parseBytes(Journal.BLOCK_SIZE, journal.blockSize);
    }

    public int termLengthBytes()
    {
        return (int)Sizes.parseBytes(Aeron.TERM_LENGTH, aeron.termLength);
    }

    public long definitionsEveryNs()
    {
        return Durations.parseNanos(Aeron.DEFINITIONS_EVERY, aeron.definitionsEvery);
    }

    public long timeToleranceNs()
    {
        return Durations.parseNanos(Validation.TIME_TOLERANCE, validation.timeTolerance);
    }

    public long maxFutureNs()
    {
        return Durations.parseNanos(Validation.MAX_FUTURE, validation.maxFuture);
    }

    /** The channel bars are published on: {@code bars.channel}, else {@code aeron.channel}. */
    public String barsChannel()
    {
        return bars.channel != null ? bars.channel : aeron.channel;
    }

    /** The parsed {@code bars.specs} (empty: no bar stage). */
    public List<BarSpec> barSpecs()
    {
        final long origin = barsOriginNs();
        final List<BarSpec> specs = new ArrayList<>();
        for (int i = 0; i < bars.specs.size(); i++)
        {
            final String key = Bars.SPECS + "[" + i + "]";
            final BarSpec spec;
            try
            {
                spec = BarSpec.parse(bars.specs.get(i), origin);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(key, ex.getMessage());
            }
            for (int j = 0; j < specs.size(); j++)
            {
                require(!specs.get(j).sameBarsAs(spec), key, "'" + spec + "' gives the same bars as " + Bars.SPECS + "[" + j + "]");
            }
            specs.add(spec);
        }
        return specs;
    }

    private long barsOriginNs()
    {
        try
        {
            return BarSpec.parseOrigin(bars.origin);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(Bars.ORIGIN, ex.getMessage());
        }
    }

    /** Validates every key; throws a {@link ConfigException} naming the first bad one. */
    public TickwireConfig conclude()
    {
        require(dataDir != null && !dataDir.isBlank(), DATA_DIR, "must not be empty");
        require(journal.rollCycle != null, Journal.ROLL_CYCLE, "must not be empty");
        final long block = journalBlockSizeBytes();
        require(Long.bitCount(block) == 1 && block >= 64 * 1024 && block <= 1L << 30, Journal.BLOCK_SIZE,
            "must be a power of two from 64k to 1g, got " + journal.blockSize);
        require(engine.ringSize >= 64 && Integer.bitCount(engine.ringSize) == 1, Engine.RING_SIZE,
            "must be a power of two of at least 64, got " + engine.ringSize);
        require(engine.threading != null, Engine.THREADING, "must not be empty; one of " +
            ConfigEnums.names(EngineThreading.class));
        require(engine.waitStrategy != null, Engine.WAIT_STRATEGY, "must not be empty; one of " +
            ConfigEnums.names(WaitKind.class));
        require(engine.idle != null && (engine.idle.trim().equalsIgnoreCase("quiet") || engine.idle.trim().equalsIgnoreCase("eager")),
            Engine.IDLE, "must be quiet or eager, got " + engine.idle);
        require(engine.adapterIdleStrategy != null, Engine.ADAPTER_IDLE_STRATEGY, "must not be empty");
        final boolean adapterSpins = adapterIdleStrategy() instanceof BusySpinIdleStrategy; // also checks the name
        require(!(engine.waitStrategy == WaitKind.BUSY_SPIN && adapterSpins),
            Engine.ADAPTER_IDLE_STRATEGY, "at most one thread may busy-spin; " + Engine.WAIT_STRATEGY + " already does");
        require(engine.outputIdleStrategy != null, Engine.OUTPUT_IDLE_STRATEGY, "must not be empty");
        require(!(outputIdleStrategy() instanceof BusySpinIdleStrategy), Engine.OUTPUT_IDLE_STRATEGY,
            "outputs batch and must not busy-spin: use sleeping:<duration> or backoff");
        require(aeron.driver != null, Aeron.DRIVER, "must not be empty; one of " + ConfigEnums.names(DriverMode.class));
        require(aeron.threading != null, Aeron.THREADING, "must not be empty; one of " +
            ConfigEnums.names(DriverThreading.class));
        require(aeron.dir != null && !aeron.dir.isBlank(), Aeron.DIR, "must not be empty");
        requireChannel(Aeron.CHANNEL, aeron.channel);
        require(aeron.stream != 0, Aeron.STREAM, "must not be 0");
        require(aeron.offerRetries >= 0 && aeron.offerRetries <= 1000, Aeron.OFFER_RETRIES, "must be 0..1000");
        final long term = termLengthBytes();
        require(Long.bitCount(term) == 1 && term >= 64 * 1024 && term <= 1L << 30, Aeron.TERM_LENGTH,
            "must be a power of two from 64k to 1g, got " + aeron.termLength);
        definitionsEveryNs(); // fails naming the key if it is not a duration
        require(timeToleranceNs() >= 0, Validation.TIME_TOLERANCE, "must not be negative");
        require(maxFutureNs() >= 0, Validation.MAX_FUTURE, "must not be negative");
        require(validation.priceBandBps >= 0 && validation.priceBandBps <= 1_000_000, Validation.PRICE_BAND_BPS,
            "must be 0 (off) .. 1000000, got " + validation.priceBandBps);
        require(retainNs() == -1 || retainNs() > 0, Journal.RETAIN, "must be a positive duration, e.g. 14d");
        require(archiveCacheBytes() >= 1 << 20, Archive.CACHE, "must be at least 1m, got " + archive.cache);
        require(retainNs() == -1 || archiveLocation() != null, Journal.RETAIN,
            "needs " + Archive.DIR + ": retention deletes only what the archive holds");
        require(Durations.parseNanos(Archive.AFTER, archive.after) >= 0, Archive.AFTER, "must not be negative");
        require(Durations.parseNanos(Archive.CHECK_EVERY, archive.checkEvery) >= 1_000_000_000L, Archive.CHECK_EVERY,
            "must be at least 1s");
        require(archive.bars != null, Archive.BARS, "must be a list");
        require(archive.snapshots != null, Archive.SNAPSHOTS, "must be a list");
        require(archive.maxMessagesPerSecond >= 0, Archive.MAX_RATE, "must be 0 (no limit) or a positive rate");
        require(archiveFeaturesWarmupNs() <= 31 * 86_400_000_000_000L, Archive.FEATURES_WARMUP,
            "must be at most 31d (each archived day replays this much journal before it), got " +
            archive.featuresWarmup);
        for (int i = 0; i < archive.bars.size(); i++)
        {
            try
            {
                BarSpec.parse(archive.bars.get(i));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(Archive.BARS + "[" + i + "]", ex.getMessage());
            }
        }
        final AeronRecording recording = archive.aeron;
        require(recording.mode != null, AeronRecording.MODE, "must not be empty; one of " + ConfigEnums.names(DriverMode.class));
        require(recording.keep >= 0, AeronRecording.KEEP, "must be 0 (keep all) or more, got " + recording.keep);
        requireChannel(AeronRecording.CONTROL_CHANNEL, recording.controlChannel);
        require(recording.controlChannel.startsWith("aeron:udp"), AeronRecording.CONTROL_CHANNEL,
            "must be a UDP channel (aeron:udp?endpoint=host:port): remote clients reach the archive over it");
        requireChannel(AeronRecording.RESPONSE_CHANNEL, recording.responseChannel);
        if (recording.recordChannel != null)
        {
            requireChannel(AeronRecording.RECORD_CHANNEL, recording.recordChannel);
            require(recording.mode == DriverMode.EXTERNAL, AeronRecording.RECORD_CHANNEL,
                "is for an external archive only; the embedded one records from the publication's log buffers");
        }
        require(!(recording.record && recording.mode == DriverMode.EMBEDDED && aeron.driver == DriverMode.EXTERNAL),
            AeronRecording.MODE, "embedded needs aeron.driver: embedded (the archive runs inside the engine's driver); " +
            "with an external driver, run an archive beside it and set external");
        require(Durations.parseNanos(Checkpoints.EVERY, checkpoints.every) >= 1_000_000L, Checkpoints.EVERY,
            "must be at least 1ms, got " + checkpoints.every);
        require(checkpoints.everyDeltas >= 100, Checkpoints.EVERY_DELTAS, "must be at least 100, got " + checkpoints.everyDeltas);
        require(metrics.port == null || (metrics.port >= 0 && metrics.port <= 65535), Metrics.PORT,
            "must be a TCP port 0..65535 (0: any free port), got " + metrics.port);
        require(metrics.host != null && !metrics.host.isBlank(), Metrics.HOST, "must not be empty");
        final long heartbeatNs = heartbeatEveryNs();
        require(heartbeatNs == 0 || heartbeatNs >= 10_000_000L, Heartbeat.EVERY, "must be 0 (off) or at least 10ms");
        require(alerts == null || alerts.isObject(), ALERTS, "must be a mapping with 'rules' and 'channels'");
        require(schedule == null || schedule.isObject(), SCHEDULE, "must be a mapping with 'jobs' (and a default 'zone')");
        require(daily == null || daily.isObject(), DAILY, "must be a mapping (exchange, symbols, dataTypes, steps, …)");
        require(bars.specs != null, Bars.SPECS, "must be a list");
        barSpecs();
        require(bars.depth >= 1 && bars.depth <= 50, Bars.DEPTH, "must be 1..50, got " + bars.depth);
        require(bars.stream != 0, Bars.STREAM, "must not be 0");
        if (bars.channel != null)
        {
            requireChannel(Bars.CHANNEL, bars.channel);
        }
        require(!(barsChannel().equals(aeron.channel) && bars.stream == aeron.stream), Bars.STREAM,
            "must differ from " + Aeron.STREAM + " (" + aeron.stream + ") on the same channel");
        for (int i = 0; i < sources.size(); i++)
        {
            final JsonNode source = sources.get(i);
            require(source != null && source.isObject(), SOURCES + "[" + i + "]", "must be a mapping with a 'type'");
            require(source.hasNonNull("type"), SOURCES + "[" + i + "].type", "is required");
        }
        return this;
    }

    private static void requireChannel(final String key, final String channel)
    {
        require(channel != null && channel.startsWith("aeron:"), key,
            "must be an Aeron channel URI such as aeron:ipc or aeron:udp?endpoint=host:port, got '" + channel + "'");
        final io.aeron.ChannelUri uri;
        try
        {
            uri = io.aeron.ChannelUri.parse(channel);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(key, "is not a valid Aeron channel URI: " + ex.getMessage());
        }
        final String fc = uri.get(io.aeron.CommonContext.FLOW_CONTROL_PARAM_NAME);
        if (fc != null)
        {
            final String strategy = fc.split(",")[0];
            require(strategy.equals("min") || strategy.equals("max") || strategy.equals("tagged"), key,
                "fc must be min, max or tagged (e.g. fc=min or fc=tagged,g:100), got fc=" + fc);
        }
        if (io.aeron.CommonContext.MDC_CONTROL_MODE_DYNAMIC.equals(uri.get(io.aeron.CommonContext.MDC_CONTROL_MODE_PARAM_NAME)))
        {
            require(uri.containsKey(io.aeron.CommonContext.MDC_CONTROL_PARAM_NAME), key,
                "control-mode=dynamic needs control=<this host>:<port>, where subscribers announce themselves");
        }
    }

    private static void require(final boolean condition, final String key, final String problem)
    {
        if (!condition)
        {
            throw new ConfigException(key, problem);
        }
    }

    /** A comma-separated system property as a list (empty text: empty list). */
    private static List<String> list(final String text)
    {
        final List<String> items = new ArrayList<>();
        for (final String item : text.split(","))
        {
            if (!item.isBlank())
            {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static String prop(final String key, final String defaultValue)
    {
        return System.getProperty("tickwire." + key, defaultValue);
    }
}
