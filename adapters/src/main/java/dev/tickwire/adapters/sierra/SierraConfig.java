package dev.tickwire.adapters.sierra;

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
    }
}
