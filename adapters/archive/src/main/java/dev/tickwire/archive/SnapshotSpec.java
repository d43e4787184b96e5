package dev.tickwire.archive;

import dev.tickwire.archive.Column.Kind;
import dev.tickwire.engine.config.Durations;

import java.util.ArrayList;
import java.util.List;

/**
 * Top-N book snapshots at an interval, e.g. {@code 10@1s}: at every multiple of the interval (UTC),
 * the first consistent book (at a batch end) at or after it, N levels a side. Rows are laid out in a
 * scratch buffer the columns read like a message: ts at 0, seq at 8 (where a message's sequence is,
 * so rows sort and range-read like messages), instrument id at 16, then per level bid price, size,
 * orders and ask price, size, orders.
 */
public record SnapshotSpec(int levels, long intervalNs, String text)
{
    static final int TS = 0;
    static final int SEQ = 8;
    static final int INSTRUMENT = 16;
    static final int FIRST_LEVEL = 20;
    static final int LEVEL_BYTES = 40;

    /** Parses {@code <levels>@<interval>}, e.g. 10@1s, 5@100ms. */
    public static SnapshotSpec parse(final String text)
    {
        final int at = text.indexOf('@');
        if (at <= 0)
        {
            throw new IllegalArgumentException("snapshots '" + text + "': give <levels>@<interval>, e.g. 10@1s");
        }
        final int levels;
        try
        {
            levels = Integer.parseInt(text.substring(0, at).trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("snapshots '" + text + "': levels must be a number, e.g. 10@1s");
        }
        if (levels < 1 || levels > 100)
        {
            throw new IllegalArgumentException("snapshots '" + text + "': 1 to 100 levels");
        }
        final long interval = Durations.parseNanos("snapshots", text.substring(at + 1).trim());
        if (interval < 1_000_000 || 86_400_000_000_000L % interval != 0)
        {
            throw new IllegalArgumentException("snapshots '" + text + "': the interval must be at least 1ms and divide a day");
        }
        return new SnapshotSpec(levels, interval, text.trim());
    }

    /** The table's directory, e.g. snapshots_10_1s. */
    String dirName()
    {
        return "snapshots_" + levels + "_" + text.substring(text.indexOf('@') + 1).replaceAll("[^A-Za-z0-9]", "");
    }

    /** Bytes of one row in the scratch buffer. */
    int rowBytes()
    {
        return FIRST_LEVEL + levels * LEVEL_BYTES;
    }

    static List<Column> columns(final int levels)
    {
        final List<Column> c = new ArrayList<>();
        c.add(Column.of("ts", Kind.TIME, TS, 8));
        c.add(Column.integer("seq", SEQ, 8));
        c.add(Column.integer("instrument_id", INSTRUMENT, 4));
        for (int i = 0; i < levels; i++)
        {
            final int at = FIRST_LEVEL + i * LEVEL_BYTES;
            final int n = i + 1;
            c.add(Column.of("bid_" + n + "_price", Kind.OPTIONAL_PRICE, at, 8));
            c.add(Column.of("bid_" + n + "_size", Kind.OPTIONAL_SIZE, at + 8, 8));
            c.add(Column.integer("bid_" + n + "_orders", at + 16, 4));
            c.add(Column.of("ask_" + n + "_price", Kind.OPTIONAL_PRICE, at + 20, 8));
            c.add(Column.of("ask_" + n + "_size", Kind.OPTIONAL_SIZE, at + 28, 8));
            c.add(Column.integer("ask_" + n + "_orders", at + 36, 4));
        }
        return c;
    }
}
