package dev.tickwire.adapters.synthetic;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
}
