package dev.tickwire.engine.rows;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;

import java.util.function.BiConsumer;

/**
 * CSV rows written into a reused StringBuilder: one column per field ({@code name} and {@code name_ns}
 * for a time), absent values empty, text quoted when it holds a comma, a quote or a line break. The
 * header comes from the same mapper ({@link #header}), so columns and values cannot disagree.
 */
public final class CsvRow implements RowWriter
{
    private final StringBuilder sb;
    private boolean first = true;
    private boolean names;

    public CsvRow(final StringBuilder sb)
    {
        this.sb = sb;
    }

    /** The header line (no line break) of rows that {@code mapper} writes, taken from a sample record. */
    public static <T> String header(final BiConsumer<T, RowWriter> mapper, final T sample)
    {
        final CsvRow row = new CsvRow(new StringBuilder(128));
        row.names = true;
        mapper.accept(sample, row);
        return row.sb.toString();
    }

    /** Starts the next row (call before its first field). */
    public CsvRow begin()
    {
        first = true;
        return this;
    }

    @Override
    public CsvRow text(final String name, final String value)
    {
        if (column(name) || value == null)
        {
            return this;
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)
        {
            sb.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        else
        {
            sb.append(value);
        }
        return this;
    }

    @Override
    public CsvRow integer(final String name, final long value)
    {
        if (!column(name) && value != Values.NONE)
        {
            sb.append(value);
        }
        return this;
    }

    @Override
    public CsvRow real(final String name, final double value)
    {
        if (!column(name) && !Double.isNaN(value) && !Double.isInfinite(value))
        {
            sb.append(value);
        }
        return this;
    }

    @Override
    public CsvRow decimal(final String name, final String value)
    {
        if (!column(name) && value != null)
        {
            sb.append(value);
        }
        return this;
    }

    @Override
    public CsvRow decimal(final String name, final long mantissa, final int exponent)
    {
        if (!column(name) && mantissa != Values.NONE)
        {
            if (mantissa == FixedPoint.NOT_FINITE)
            {
                sb.append("not_finite");
            }
            else
            {
                FixedPoint.appendDecimal(sb, mantissa, exponent);
            }
        }
        return this;
    }

    @Override
    public CsvRow time(final String name, final long epochNs)
    {
        if (!column(name) && epochNs != Values.NONE)
        {
            sb.append(Timestamps.format(epochNs));
        }
        return nanos(name + "_ns", epochNs);
    }

    @Override
    public CsvRow nanos(final String name, final long epochNs)
    {
        if (!column(name) && epochNs != Values.NONE)
        {
            sb.append(epochNs);
        }
        return this;
    }

    @Override
    public CsvRow flag(final String name, final boolean value)
    {
        if (!column(name))
        {
            sb.append(value ? 1 : 0);
        }
        return this;
    }

    /** Writes the separator; in a header, the name too (and returns true: no value follows). */
    private boolean column(final String name)
    {
        if (!first)
        {
            sb.append(',');
        }
        first = false;
        if (names)
        {
            sb.append(name);
        }
        return names;
    }
}
