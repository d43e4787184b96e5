package dev.tickwire.engine.synthetic;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.FixedPoint;

import java.util.List;

/** The {@code type: synthetic} source section of the config. */
public final class SyntheticConfig
{
    public String type = "synthetic";
    /** Source id: unique per engine and stable across restarts (it keys the resume checkpoint). */
    public int id = 1;
    public String name = "synthetic";
    public List<Instrument> instruments = List.of(
        Instrument.of("ESZ6", "5000.00"), Instrument.of("NQZ6", "20000.00"));
    /** Ticks (records) per second; 0 publishes as fast as the ring takes them. */
    public long rate = 10_000;
    /** Records to publish before the source is done; 0 = unlimited. */
    public long count = 0;
    @JsonSetter(nulls = Nulls.SKIP)
    public Mix mix = new Mix();
    /** Seed of the generator: the same seed gives the same prices, sizes and sides. */
    public long seed = 42;
    /** Price levels per side of each synthetic book. */
    public int depthLevels = 10;
    /** A full book snapshot (CLEAR + every level) every this many depth changes. */
    public int snapshotEvery = 500;
    /** Every Nth trade is priced off the tick grid, to show rejects at work; 0 = never. */
    public long offGridEvery = 0;
    /** Event time of the first record (ISO-8601 or epoch ns) for fully reproducible timestamps; unset = wall clock. */
    public String startTime = null;

    public static final class Instrument
    {
        public String symbol;
        public String venue = "SYNTH";
        public String tickSize = "0.25";
        public int priceExponent = -2;
        public int sizeExponent = 0;
        public String startPrice = "5000.00";

        static Instrument of(final String symbol, final String startPrice)
        {
            final Instrument instrument = new Instrument();
            instrument.symbol = symbol;
            instrument.startPrice = startPrice;
            return instrument;
        }
    }

    /** Relative weights of the event kinds. */
    public static final class Mix
    {
        public int trades = 20;
        public int quotes = 20;
        public int depth = 60;
    }

    /**
     * Checks every value, naming the key of the first bad one (as the engine's {@code conclude()} does).
     *
     * @param key this section's key in the config, e.g. "sources[0]"
     * @return this
     */
    public SyntheticConfig conclude(final String key)
    {
        if (!SourceKind.EXPLICIT.contains(id))
        {
            throw new ConfigException(key + ".id", "must be " + SourceKind.EXPLICIT.first + ".." + SourceKind.EXPLICIT.last +
                ", got " + id);
        }
        if (instruments == null || instruments.isEmpty())
        {
            throw new ConfigException(key + ".instruments", "needs at least one instrument");
        }
        for (int j = 0; j < instruments.size(); j++)
        {
            final Instrument instrument = instruments.get(j);
            final String ik = key + ".instruments[" + j + "]";
            if (instrument.symbol == null || instrument.symbol.isBlank() || instrument.symbol.length() > 32)
            {
                throw new ConfigException(ik + ".symbol", "is required (at most 32 characters)");
            }
            final long tick = decimal(ik + ".tickSize", instrument.tickSize, instrument.priceExponent);
            final long start = decimal(ik + ".startPrice", instrument.startPrice, instrument.priceExponent);
            if (tick <= 0)
            {
                throw new ConfigException(ik + ".tickSize", "must be positive");
            }
            if (start <= tick * (depthLevels + 1) || start % tick != 0)
            {
                throw new ConfigException(ik + ".startPrice", "must be on the tick grid and above " + depthLevels + " ticks");
            }
        }
        if (rate < 0)
        {
            throw new ConfigException(key + ".rate", "must be >= 0 (0 = as fast as possible)");
        }
        if (count < 0)
        {
            throw new ConfigException(key + ".count", "must be >= 0 (0 = unlimited)");
        }
        if (mix.trades < 0 || mix.quotes < 0 || mix.depth < 0 || mix.trades + mix.quotes + mix.depth == 0)
        {
            throw new ConfigException(key + ".mix", "weights must be >= 0 and not all 0");
        }
        if (depthLevels < 1 || depthLevels > 1000)
        {
            throw new ConfigException(key + ".depthLevels", "must be 1..1000");
        }
        if (snapshotEvery < 1)
        {
            throw new ConfigException(key + ".snapshotEvery", "must be >= 1");
        }
        return this;
    }

    private static long decimal(final String key, final String value, final int exponent)
    {
        try
        {
            return FixedPoint.parse(value, exponent);
        }
        catch (final RuntimeException ex)
        {
            throw new ConfigException(key, "'" + value + "' is not a decimal with at most " + -exponent + " decimals");
        }
    }
}
