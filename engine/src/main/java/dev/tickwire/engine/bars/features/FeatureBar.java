package dev.tickwire.engine.bars.features;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;

import java.util.Arrays;

/**
 * The feature values of one completed bar, one per {@link FeatureColumn}, read by column index: a reused holder
 * owned by its bar builder, valid for the duration of the listener's call (copy out what you keep, e.g. with
 * {@link #copyFrom}). An output maps every column with one loop:
 * <pre>{@code
 * for (int i = 0; i < FeatureColumn.COUNT; i++)
 * {
 *     final FeatureColumn c = FeatureColumn.of(i);
 *     if (c.type().isDouble()) { write(c.columnName(), f.doubleValue(i)); }         // NaN = null
 *     else { write(c.columnName(), f.longValue(i), c.type().exponent(pe, se)); }    // Values.NONE = null
 * }
 * }</pre>
 */
public final class FeatureBar
{
    private final long[] longs = new long[FeatureColumn.COUNT];
    private final double[] doubles = new double[FeatureColumn.COUNT];

    public FeatureBar()
    {
        clear();
    }

    /** Every column null. */
    void clear()
    {
        Arrays.fill(longs, Values.NONE);
        Arrays.fill(doubles, Double.NaN);
    }

    void set(final FeatureColumn column, final long value)
    {
        longs[column.ordinal()] = value;
    }

    void set(final FeatureColumn column, final double value)
    {
        doubles[column.ordinal()] = value;
    }

    /** A long column's value ({@link Values#NONE} when null); undefined for a double column. */
    public long longValue(final int column)
    {
        return longs[column];
    }

    /** A double column's value (NaN when null); undefined for a long column. */
    public double doubleValue(final int column)
    {
        return doubles[column];
    }

    public long longValue(final FeatureColumn column)
    {
        return longs[column.ordinal()];
    }

    public double doubleValue(final FeatureColumn column)
    {
        return doubles[column.ordinal()];
    }

    /** True when the column has no value (not warmed up, or undefined for this bar). */
    public boolean isNull(final int column)
    {
        return FeatureColumn.of(column).type().isDouble() ?
            Double.isNaN(doubles[column]) : longs[column] == Values.NONE;
    }

    public boolean isNull(final FeatureColumn column)
    {
        return isNull(column.ordinal());
    }

    /** Copies every value of {@code other}. */
    public void copyFrom(final FeatureBar other)
    {
        System.arraycopy(other.longs, 0, longs, 0, longs.length);
        System.arraycopy(other.doubles, 0, doubles, 0, doubles.length);
    }

    /** Same values, bit for bit (NaN equals NaN): what live and history must give. */
    public boolean sameAs(final FeatureBar other)
    {
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            if (longs[i] != other.longs[i] ||
                Double.doubleToRawLongBits(doubles[i]) != Double.doubleToRawLongBits(other.doubles[i]))
            {
                return false;
            }
        }
        return true;
    }

    /** {@code name=value} for every column, fixed-point columns as decimals (diagnostics and tests; it allocates). */
    public String toString(final int priceExponent, final int sizeExponent)
    {
        final StringBuilder sb = new StringBuilder(1024);
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            final FeatureColumn c = FeatureColumn.of(i);
            sb.append(i == 0 ? "" : " ").append(c.columnName()).append('=');
            if (isNull(i))
            {
                sb.append("null");
            }
            else if (c.type().isDouble())
            {
                sb.append(doubles[i]);
            }
            else if (c.type().isFixedPoint() && c.type().exponent(priceExponent, sizeExponent) >= -18)
            {
                FixedPoint.appendDecimal(sb, longs[i], c.type().exponent(priceExponent, sizeExponent));
            }
            else if (c.type().isFixedPoint())
            {
                sb.append(longs[i]).append('e').append(c.type().exponent(priceExponent, sizeExponent));
            }
            else
            {
                sb.append(longs[i]);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString()
    {
        return toString(0, 0);
    }
}
