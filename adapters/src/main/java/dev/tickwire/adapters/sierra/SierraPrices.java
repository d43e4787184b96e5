package dev.tickwire.adapters.sierra;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;

import java.math.BigDecimal;

/**
 * Sierra Chart stores prices as 32-bit floats and volumes as integers; tickwire keeps fixed-point
 * longs. This is the one place the boundary is crossed. A price close to the tick grid (float
 * noise, a multiplier like 0.01) is snapped onto it; a price genuinely between ticks is kept as it
 * is, to the exponent's precision, so the validator rejects it as off the grid.
 */
public final class SierraPrices
{
    /** Within this fraction of a tick, a value is float noise around a grid price... */
    private static final double SNAP_TOLERANCE_TICKS = 1e-3;
    /** ...or within a float's own precision (one unit in the last place, 2^-23 relative) of it. */
    private static final double FLOAT_RELATIVE_ERROR = 0x1.0p-23;
    /** Never so wide that a price genuinely between two ticks is snapped. */
    private static final double MAX_SNAP_TICKS = 0.25;
    /** Prices whose mantissa would not fit a long (less a margin for rounding). */
    private static final double MAX_MANTISSA = 0x1.0p62;
    /** A u32 volume times this still fits a long. */
    private static final long MAX_SIZE_MULTIPLIER = Long.MAX_VALUE >>> 32;

    public final int priceExponent;
    public final int sizeExponent;
    public final long tickSize;
    private final double multiplier;
    private final double tick;
    private final double unitsPerPrice;
    private final long sizeMultiplierMantissa;

    public SierraPrices(final String tickSize, final String priceMultiplier, final String sizeMultiplier, final Integer priceExponent)
    {
        this.priceExponent = priceExponent != null ? priceExponent : FixedPoint.exponentOf(tickSize);
        this.tickSize = FixedPoint.parse(tickSize, this.priceExponent);
        this.sizeExponent = FixedPoint.exponentOf(sizeMultiplier);
        this.sizeMultiplierMantissa = FixedPoint.parse(sizeMultiplier, sizeExponent);
        this.multiplier = new BigDecimal(priceMultiplier).doubleValue();
        this.tick = new BigDecimal(tickSize).doubleValue();
        this.unitsPerPrice = BigDecimal.ONE.movePointLeft(this.priceExponent).doubleValue();
        if (this.tickSize <= 0 || multiplier <= 0 || sizeMultiplierMantissa <= 0)
        {
            throw new IllegalArgumentException("tick size and multipliers must be positive");
        }
        if (sizeMultiplierMantissa > MAX_SIZE_MULTIPLIER || !Double.isFinite(multiplier) || !(tick > 0))
        {
            throw new IllegalArgumentException("a multiplier or the tick size is out of range");
        }
    }

    /** A required price: NOT_FINITE for NaN/∞, else the (snapped) mantissa, which may be ≤ 0. */
    long price(final float stored)
    {
        return Float.isFinite(stored) ? price((double)stored) : FixedPoint.NOT_FINITE;
    }

    /**
     * A required price given as a double (DTC sends doubles and floats): NOT_FINITE for NaN/∞, else the
     * (snapped) mantissa, which may be ≤ 0.
     */
    public long price(final double stored)
    {
        if (!Double.isFinite(stored))
        {
            return FixedPoint.NOT_FINITE;
        }
        final double value = stored * multiplier;
        if (Math.abs(value * unitsPerPrice) >= MAX_MANTISSA)
        {
            return FixedPoint.NOT_FINITE; // no fixed-point long holds it: rejected, never wrapped around
        }
        final double ticks = value / tick;
        final double nearest = Math.rint(ticks);
        final double tolerance = Math.min(MAX_SNAP_TICKS,
            Math.max(SNAP_TOLERANCE_TICKS, Math.abs(ticks) * FLOAT_RELATIVE_ERROR));
        if (Math.abs(ticks - nearest) <= tolerance)
        {
            return (long)nearest * tickSize;
        }
        return Math.round(value * unitsPerPrice);
    }

    /** An optional price (a trade's bid/ask): Sierra writes 0 when it has none. */
    long optionalPrice(final float stored)
    {
        return stored == 0.0f ? Values.NONE : price(stored);
    }

    long size(final long volume)
    {
        return volume * sizeMultiplierMantissa;
    }
}
