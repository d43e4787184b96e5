package dev.tickwire.adapters.sierra;

/**
 * Source positions of Sierra Chart records: {@code epoch << 40 | count}, where count is the number
 * of records of the file consumed so far (record index + 1) and the epoch names the file version:
 * for a .scid file, how many times it was rewritten; for a .depth file, its UTC day × 16 plus its
 * rewrites that day. Positions only grow, so a rewrite never looks like a duplicate, and a restart
 * can tell which file and record its checkpoint means.
 */
final class SierraPositions
{
    static final int COUNT_BITS = 40;
    static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    static final int REWRITE_BITS = 4;

    private SierraPositions()
    {
    }

    static long position(final long epoch, final long count)
    {
        return epoch << COUNT_BITS | count;
    }

    static long epoch(final long position)
    {
        return position >>> COUNT_BITS;
    }

    static long count(final long position)
    {
        return position & COUNT_MASK;
    }

    static long depthEpoch(final long epochDay, final long rewrites)
    {
        return epochDay << REWRITE_BITS | Math.min(rewrites, (1L << REWRITE_BITS) - 1);
    }

    static long epochDay(final long depthEpoch)
    {
        return depthEpoch >>> REWRITE_BITS;
    }

    static long rewrites(final long depthEpoch)
    {
        return depthEpoch & ((1L << REWRITE_BITS) - 1);
    }
}
