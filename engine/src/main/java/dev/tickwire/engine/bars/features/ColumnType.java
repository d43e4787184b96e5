package dev.tickwire.engine.bars.features;

import dev.tickwire.wire.Values;

/**
 * How a {@link FeatureColumn} is stored and scaled. Long columns are exact; their null is {@link Values#NONE}
 * (SBE's int64 null). Double columns are ratios, variances and estimates in real units (see the column's
 * unit); their null is NaN (SBE's double null).
 */
public enum ColumnType
{
    /** A price mantissa at the instrument's price exponent. */
    PRICE,
    /** A mid price, (bid + ask) / 2, exact as a mantissa at the price exponent − 1: (bid + ask) × 5. */
    MID_PRICE,
    /** A size mantissa at the instrument's size exponent (signed for flows). */
    SIZE,
    /** A notional (price × size, currency units) as a mantissa at the price exponent. */
    NOTIONAL,
    /** Epoch nanoseconds, UTC. */
    TIME_NS,
    /** A duration in nanoseconds. */
    DURATION_NS,
    /** A count. */
    COUNT,
    /** A double in the column's unit. */
    DOUBLE;

    public boolean isDouble()
    {
        return this == DOUBLE;
    }

    /** The exponent of a fixed-point column (value = mantissa × 10^exponent); 0 for the others. */
    public int exponent(final int priceExponent, final int sizeExponent)
    {
        switch (this)
        {
            case PRICE:
            case NOTIONAL:
                return priceExponent;
            case MID_PRICE:
                return priceExponent - 1;
            case SIZE:
                return sizeExponent;
            default:
                return 0;
        }
    }

    /** True for the mantissa columns whose exponent {@link #exponent} gives. */
    public boolean isFixedPoint()
    {
        return this == PRICE || this == MID_PRICE || this == SIZE || this == NOTIONAL;
    }
}
