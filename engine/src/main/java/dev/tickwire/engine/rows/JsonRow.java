package dev.tickwire.engine.rows;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;

/**
 * JSON objects written into a reused StringBuilder: decimals as strings (exact), times as ISO-8601 and
 * epoch ns, absent values left out. Objects and arrays nest ({@link #array}, {@link #object}) for records
 * with lists (a book's levels). Not thread-safe.
 */
public final class JsonRow implements RowWriter
{
    private final StringBuilder sb;
    /** Whether the current object or array has a member yet (a comma goes before the next). */
    private boolean[] hasMember = new boolean[8];
    private int depth = -1;
    /**
     * Member names as written ("name":, "name_ns":), escaped once: a page writes the same few literal names
     * per row, so an identity match over a short array beats hashing (a third of a trade row's cost).
     */
    private final String[] plainKeys = new String[40];
    private final String[] plainMembers = new String[40];
    private final String[] nsKeys = new String[8];
    private final String[] nsMembers = new String[8];

    public JsonRow(final StringBuilder sb)
    {
        this.sb = sb;
    }

    public StringBuilder builder()
    {
        return sb;
    }

    /** Opens an object (as a value of the enclosing array, or at the top). */
    public JsonRow beginObject()
    {
        separator();
        sb.append('{');
        push();
        return this;
    }

    public JsonRow endObject()
    {
        sb.append('}');
        depth--;
        return this;
    }

    /** Opens an array member of the current object. */
    public JsonRow array(final String name)
    {
        name(name);
        sb.append('[');
        push();
        return this;
    }

    /** Opens a top-level array (an HTTP answer that is a list). */
    public JsonRow beginArray()
    {
        separator();
        sb.append('[');
        push();
        return this;
    }

    public JsonRow endArray()
    {
        sb.append(']');
        depth--;
        return this;
    }

    @Override
    public JsonRow text(final String name, final String value)
    {
        if (value != null)
        {
            name(name);
            JsonText.appendString(sb, value);
        }
        return this;
    }

    @Override
    public JsonRow integer(final String name, final long value)
    {
        if (value != Values.NONE)
        {
            name(name);
            sb.append(value);
        }
        return this;
    }

    @Override
    public JsonRow real(final String name, final double value)
    {
        if (!Double.isNaN(value) && !Double.isInfinite(value))
        {
            name(name);
            sb.append(value);
        }
        return this;
    }

    @Override
    public JsonRow decimal(final String name, final String value)
    {
        if (value != null)
        {
            name(name);
            sb.append('"').append(value).append('"');
        }
        return this;
    }

    @Override
    public JsonRow decimal(final String name, final long mantissa, final int exponent)
    {
        if (mantissa == Values.NONE)
        {
            return this;
        }
        name(name);
        if (mantissa == FixedPoint.NOT_FINITE)
        {
            sb.append("\"not_finite\"");
            return this;
        }
        sb.append('"');
        FixedPoint.appendDecimal(sb, mantissa, exponent).append('"');
        return this;
    }

    @Override
    public JsonRow time(final String name, final long epochNs)
    {
        if (epochNs != Values.NONE)
        {
            name(name);
            Timestamps.appendIso(sb.append('"'), epochNs).append('"');
            separator();
            sb.append(member(name, true)).append(epochNs);
        }
        return this;
    }

    @Override
    public JsonRow nanos(final String name, final long epochNs)
    {
        return epochNs == Values.NONE ? this : integer(name, epochNs);
    }

    @Override
    public JsonRow flag(final String name, final boolean value)
    {
        name(name);
        sb.append(value);
        return this;
    }

    private void name(final String name)
    {
        separator();
        sb.append(member(name, false));
    }

    private String member(final String name, final boolean ns)
    {
        final String[] keys = ns ? nsKeys : plainKeys;
        final String[] members = ns ? nsMembers : plainMembers;
        int i = 0;
        for (; i < keys.length && keys[i] != null; i++)
        {
            if (keys[i] == name)
            {
                return members[i];
            }
        }
        final String member = JsonText.appendString(new StringBuilder(), ns ? name + "_ns" : name).append(':').toString();
        if (i < keys.length)
        {
            keys[i] = name;
            members[i] = member;
        }
        return member;
    }

    private void separator()
    {
        if (depth >= 0)
        {
            if (hasMember[depth])
            {
                sb.append(',');
            }
            hasMember[depth] = true;
        }
    }

    private void push()
    {
        depth++;
        if (depth == hasMember.length)
        {
            hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
    }
}
