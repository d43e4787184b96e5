package dev.tickwire.adapters.sierra;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;

import java.util.ArrayList;
import java.util.List;

/** The {@code type: sierra} source section: the Sierra Chart data folder once, then one entry per contract. */
public final class SierraConfig
{
    public String type = "sierra";
    public String name = "sierra";
    /** Sierra Chart's Data folder, e.g. {@code C:/SierraChart/Data}: .scid files here, .depth files in MarketDepthData/. */
    public String folder;
    /** How often files are checked for new records. Sierra Chart flushes every few seconds; 10ms keeps the added delay small. */
    public String pollInterval = "10ms";
    /** true: tail the files live; false: read what is there and stop (imports). */
    public boolean follow = true;
    public List<Contract> contracts = new ArrayList<>();

    /**
     * Checks every value, naming the key of the first bad one (as the engine's {@code conclude()} does).
     *
     * @param key this section's key in the config, e.g. "sources[0]"
     * @return this
     */
    public SierraConfig conclude(final String key)
    {
        if (folder == null || folder.isBlank())
        {
            throw new ConfigException(key + ".folder", "is required: Sierra Chart's Data folder, e.g. C:/SierraChart/Data");
        }
        if (contracts == null || contracts.isEmpty())
        {
            throw new ConfigException(key + ".contracts", "needs at least one contract");
        }
        if (pollIntervalNs(key) < 1_000_000L)
        {
            throw new ConfigException(key + ".pollInterval", "must be at least 1ms");
        }
        for (int i = 0; i < contracts.size(); i++)
        {
            contracts.get(i).contract(key + ".contracts[" + i + "]");
        }
        return this;
    }

    long pollIntervalNs(final String key)
    {
        return Durations.parseNanos(key + ".pollInterval", pollInterval);
    }

    public static final class Contract
    {
        /** Sierra Chart symbol, the file name without extension, e.g. {@code ESM25_FUT_CME}. */
        public String symbol;
        /** Defaults to the part after the last underscore (CME for ESM25_FUT_CME). */
        public String venue;
        public boolean scid = true;
        public boolean depth = true;
        /** Price increment after the multiplier, e.g. "0.25"; prices are snapped to it, off-grid values rejected. */
        public String tickSize;
        /** Sierra Chart's price_adj: stored value × multiplier = price. */
        public String priceMultiplier = "1";
        /** Stored volume × multiplier = size. */
        public String sizeMultiplier = "1";
        /** Price exponent in the journal (price = mantissa × 10^exponent, e.g. -4); defaults to tickSize's. */
        public Integer priceExponent;

        /** The contract these values describe; a {@link ConfigException} naming the first bad key of {@code key}. */
        public SierraContract contract(final String key)
        {
            if (symbol == null || symbol.isBlank() || symbol.length() > 32)
            {
                throw new ConfigException(key + ".symbol", "is required (the file name without .scid, at most 32 characters)");
            }
            if (!scid && !depth)
            {
                throw new ConfigException(key, "reads neither scid nor depth");
            }
            if (tickSize == null)
            {
                throw new ConfigException(key + ".tickSize", "is required, e.g. \"0.25\" for ES");
            }
            final SierraPrices prices;
            try
            {
                prices = new SierraPrices(tickSize, priceMultiplier, sizeMultiplier, priceExponent);
            }
            catch (final RuntimeException ex)
            {
                throw new ConfigException(key, "tickSize '" + tickSize + "', priceMultiplier '" + priceMultiplier +
                    "', sizeMultiplier '" + sizeMultiplier + "': " + ex.getMessage());
            }
            final String v = venue != null ? venue : SierraContract.venueOf(symbol);
            return new SierraContract(symbol, v.length() > 16 ? v.substring(0, 16) : v, prices);
        }
    }
}
