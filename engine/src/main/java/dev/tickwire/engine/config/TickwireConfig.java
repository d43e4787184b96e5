package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.bars.BarSpec;
import io.aeron.CommonContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole configuration, as read from one YAML file (see {@link ConfigLoader}); every field has a
 * default, and the defaults can be overridden by system properties named {@code tickwire.<key>}
 * (e.g. {@code -Dtickwire.aeron.channel=aeron:udp?endpoint=host:40123}), as Aeron's contexts do.
 * {@link #conclude()} validates everything and names the key of the first problem.
 */
public final class TickwireConfig
{
    public String dataDir = prop("dataDir", "./tickwire-data");
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
    /** Feed sources; each has a {@code type} and its adapter's own keys (parsed by the adapters module). */
    @JsonSetter(nulls = Nulls.SKIP) // an empty section keeps its defaults
    public List<JsonNode> sources = new ArrayList<>();
    /** Outputs fed from the journal off the engine thread; each has a {@code type} and its own keys. */
    @JsonSetter(nulls = Nulls.SKIP)
    public List<JsonNode> outputs = new ArrayList<>();

    public static final class Journal
    {
        /** Defaults to {@code <dataDir>/journal}. */
        public String dir = prop("journal.dir", null);
        /** A Chronicle roll cycle; FAST_HOURLY holds 4.29 G messages an hour (1.19 M msg/s sustained). */
        public String rollCycle = prop("journal.rollCycle", "FAST_HOURLY");
        /** Memory-mapped chunk size: smaller means shorter writer stalls when the next chunk is mapped. */
        public String blockSize = prop("journal.blockSize", "4m");
        /**
         * Map and fault in the next chunk on a background thread (it sleeps 1 ms between 256 KB
         * slices), so the engine thread rarely stalls on it: p99 at 1 M ticks/s ~10.5 → 3.6-7.8 ms.
         */
        public boolean premap = Boolean.parseBoolean(prop("journal.premap", "true"));
    }

    public static final class Engine
    {
        public int ringSize = Integer.parseInt(prop("engine.ringSize", "65536"));
        /** single: one thread runs every stage in order (right for 2 cores); per-stage: a thread per stage. */
        public String threading = prop("engine.threading", "single");
        /**
         * How engine threads wait for ticks: parking (default: spin a few µs, then park; never
         * yields), sleeping (Disruptor's: spins, yields, parks), blocking, yielding, busy-spin.
         */
        public String waitStrategy = prop("engine.waitStrategy", "parking");
        /** How the adapter thread idles between polls (see {@link IdleStrategies}). */
        public String adapterIdleStrategy = prop("engine.adapterIdleStrategy", "backoff");
        /** How the outputs' thread waits for new journal entries: outputs batch, so sleeping costs them nothing. */
        public String outputIdleStrategy = prop("engine.outputIdleStrategy", "sleeping:10ms");
    }

    public static final class Aeron
    {
        /** false: no fan-out at all (imports): the pipeline is validate → journal → book. */
        public boolean publish = Boolean.parseBoolean(prop("aeron.publish", "true"));
        /** embedded: launch a media driver in the engine; external: use the driver at {@code dir}. */
        public String driver = prop("aeron.driver", "embedded");
        public String dir = prop("aeron.dir", defaultAeronDir());
        /** Embedded driver threading: shared (1 thread), shared-network (2) or dedicated (3). */
        public String threading = prop("aeron.threading", "shared");
        public String channel = prop("aeron.channel", "aeron:ipc");
        public int stream = Integer.parseInt(prop("aeron.stream", "1001"));
        /** Offers retried on back-pressure before a message is dropped (and counted). */
        public int offerRetries = Integer.parseInt(prop("aeron.offerRetries", "3"));
        public String termLength = prop("aeron.termLength", "16m");
        /** How often instrument definitions are offered again for strategies that joined late; 0 never. */
        public String definitionsEvery = prop("aeron.definitionsEvery", "1s");
    }

    public static final class Validation
    {
        public String timeTolerance = prop("validation.timeTolerance", "0ms");
        public String maxFuture = prop("validation.maxFuture", "24h");
        /** Band around the last trade, in basis points (2000 = 20 %); 0 turns it off. */
        public long priceBandBps = Long.parseLong(prop("validation.priceBandBps", "2000"));
    }

    /** OHLCV bars built live from accepted trades and published on their own stream (none by default). */
    public static final class Bars
    {
        /** e.g. 1m, 5m, 90s (time), ticks:100, volume:50 (size units), value:1000000 (currency); none = no bar stage. */
        @JsonSetter(nulls = Nulls.SKIP)
        public List<String> specs = list(prop("bars.specs", ""));
        /** Time bars start at this UTC time of day plus multiples of their interval (HH:MM or HH:MM:SS). */
        public String origin = prop("bars.origin", "00:00");
        /** Emit a bar for an interval without trades (OHLC = previous close, volumes 0). */
        public boolean emitEmpty = Boolean.parseBoolean(prop("bars.emitEmpty", "false"));
        /** Defaults to {@code aeron.channel}. */
        public String channel = prop("bars.channel", null);
        public int stream = Integer.parseInt(prop("bars.stream", "1003"));
    }

    /** The default Aeron directory: Aeron's default with a -tickwire suffix, so engine and subscribers agree. */
    public static String defaultAeronDir()
    {
        return CommonContext.getAeronDirectoryName() + "-tickwire";
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

    public boolean singleThreaded()
    {
        return engine.threading.equals("single");
    }

    public boolean embeddedDriver()
    {
        return aeron.driver.equals("embedded");
    }

    public io.aeron.driver.ThreadingMode driverThreading()
    {
        return io.aeron.driver.ThreadingMode.valueOf(aeron.threading.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public long journalBlockSizeBytes()
    {
        return Sizes.parseBytes("journal.blockSize", journal.blockSize);
    }

    public int termLengthBytes()
    {
        return (int)Sizes.parseBytes("aeron.termLength", aeron.termLength);
    }

    public long definitionsEveryNs()
    {
        return Durations.parseNanos("aeron.definitionsEvery", aeron.definitionsEvery);
    }

    public long timeToleranceNs()
    {
        return Durations.parseNanos("validation.timeTolerance", validation.timeTolerance);
    }

    public long maxFutureNs()
    {
        return Durations.parseNanos("validation.maxFuture", validation.maxFuture);
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
            final String key = "bars.specs[" + i + "]";
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
                require(!specs.get(j).sameBarsAs(spec), key, "'" + spec + "' gives the same bars as bars.specs[" + j + "]");
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
            throw new ConfigException("bars.origin", ex.getMessage());
        }
    }

    /** Validates every key; throws a {@link ConfigException} naming the first bad one. */
    public TickwireConfig conclude()
    {
        require(dataDir != null && !dataDir.isBlank(), "dataDir", "must not be empty");
        require(journal.rollCycle != null, "journal.rollCycle", "must not be empty");
        require(journal.blockSize != null, "journal.blockSize", "must not be empty");
        final long block = journalBlockSizeBytes();
        require(Long.bitCount(block) == 1 && block >= 64 * 1024 && block <= 1L << 30, "journal.blockSize",
            "must be a power of two from 64k to 1g, got " + journal.blockSize);
        require(engine.adapterIdleStrategy != null, "engine.adapterIdleStrategy", "must not be empty");
        require(aeron.termLength != null, "aeron.termLength", "must not be empty");
        require(aeron.definitionsEvery != null, "aeron.definitionsEvery", "must not be empty");
        definitionsEveryNs(); // fails naming the key if it is not a duration
        require(validation.timeTolerance != null, "validation.timeTolerance", "must not be empty");
        require(validation.maxFuture != null, "validation.maxFuture", "must not be empty");
        oneOf("engine.threading", engine.threading, "single", "per-stage");
        oneOf("engine.waitStrategy", engine.waitStrategy, "sleeping", "parking", "blocking", "yielding", "busy-spin");
        final boolean adapterSpins = IdleStrategies.of("engine.adapterIdleStrategy", engine.adapterIdleStrategy)
            instanceof org.agrona.concurrent.BusySpinIdleStrategy;
        require(engine.ringSize >= 64 && Integer.bitCount(engine.ringSize) == 1, "engine.ringSize",
            "must be a power of two of at least 64, got " + engine.ringSize);
        require(!(engine.waitStrategy.equals("busy-spin") && adapterSpins),
            "engine.adapterIdleStrategy", "at most one thread may busy-spin; engine.waitStrategy already does");
        require(engine.outputIdleStrategy != null, "engine.outputIdleStrategy", "must not be empty");
        require(!(IdleStrategies.of("engine.outputIdleStrategy", engine.outputIdleStrategy)
            instanceof org.agrona.concurrent.BusySpinIdleStrategy), "engine.outputIdleStrategy",
            "outputs batch and must not busy-spin: use sleeping:<duration> or backoff");
        oneOf("aeron.driver", aeron.driver, "embedded", "external");
        oneOf("aeron.threading", aeron.threading, "shared", "shared-network", "dedicated");
        require(aeron.dir != null && !aeron.dir.isBlank(), "aeron.dir", "must not be empty");
        require(aeron.channel != null && aeron.channel.startsWith("aeron:"), "aeron.channel",
            "must be an Aeron channel URI such as aeron:ipc or aeron:udp?endpoint=host:port, got '" + aeron.channel + "'");
        require(aeron.stream != 0, "aeron.stream", "must not be 0");
        require(aeron.offerRetries >= 0 && aeron.offerRetries <= 1000, "aeron.offerRetries", "must be 0..1000");
        final long term = Sizes.parseBytes("aeron.termLength", aeron.termLength);
        require(Long.bitCount(term) == 1 && term >= 64 * 1024 && term <= 1L << 30, "aeron.termLength",
            "must be a power of two from 64k to 1g, got " + aeron.termLength);
        final long tolerance = timeToleranceNs();
        final long future = maxFutureNs();
        require(tolerance >= 0, "validation.timeTolerance", "must not be negative");
        require(future >= 0, "validation.maxFuture", "must not be negative");
        require(validation.priceBandBps >= 0 && validation.priceBandBps <= 1_000_000, "validation.priceBandBps",
            "must be 0 (off) .. 1000000, got " + validation.priceBandBps);
        require(bars.specs != null, "bars.specs", "must be a list");
        barSpecs();
        require(bars.stream != 0, "bars.stream", "must not be 0");
        require(bars.channel == null || bars.channel.startsWith("aeron:"), "bars.channel",
            "must be an Aeron channel URI such as aeron:ipc or aeron:udp?endpoint=host:port, got '" + bars.channel + "'");
        require(!(barsChannel().equals(aeron.channel) && bars.stream == aeron.stream), "bars.stream",
            "must differ from aeron.stream (" + aeron.stream + ") on the same channel");
        for (int i = 0; i < sources.size(); i++)
        {
            final JsonNode source = sources.get(i);
            require(source != null && source.isObject(), "sources[" + i + "]", "must be a mapping with a 'type'");
            require(source.hasNonNull("type"), "sources[" + i + "].type", "is required");
        }
        return this;
    }

    private static void oneOf(final String key, final String value, final String... allowed)
    {
        for (final String a : allowed)
        {
            if (a.equals(value))
            {
                return;
            }
        }
        throw new ConfigException(key, "'" + value + "' is not one of " + String.join(", ", allowed));
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
