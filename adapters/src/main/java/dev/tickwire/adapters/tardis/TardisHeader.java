package dev.tickwire.adapters.tardis;

import java.util.Arrays;
import java.util.List;

/**
 * A Tardis CSV header line, recognised column by column: which dataset the file holds, and for a
 * book snapshot how many levels a side. Column positions are fixed by the dataset.
 */
final class TardisHeader
{
    static final int EXCHANGE = 0;
    static final int SYMBOL = 1;
    static final int TIMESTAMP = 2;
    static final int LOCAL_TIMESTAMP = 3;
    /** The columns every dataset starts with. */
    static final int COMMON_FIELDS = 4;

    final TardisDataset dataset;
    /** Levels a side (book snapshots only, else 0). */
    final int levels;
    final int fieldCount;

    private TardisHeader(final TardisDataset dataset, final int levels, final int fieldCount)
    {
        this.dataset = dataset;
        this.levels = levels;
        this.fieldCount = fieldCount;
    }

    /** The header, or null if the line is not one of the datasets' headers. */
    static TardisHeader parse(final String line)
    {
        final String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        final List<String> columns = Arrays.asList(text.split(",", -1));
        if (columns.equals(TardisDataset.TRADES_COLUMNS))
        {
            return new TardisHeader(TardisDataset.TRADES, 0, columns.size());
        }
        if (columns.equals(TardisDataset.INCREMENTAL_COLUMNS))
        {
            return new TardisHeader(TardisDataset.INCREMENTAL_BOOK_L2, 0, columns.size());
        }
        if (columns.equals(TardisDataset.QUOTES_COLUMNS))
        {
            return new TardisHeader(TardisDataset.QUOTES, 0, columns.size());
        }
        final int levels = (columns.size() - COMMON_FIELDS) / 4;
        if (levels < 1 || (columns.size() - COMMON_FIELDS) % 4 != 0 ||
            !columns.subList(0, COMMON_FIELDS).equals(TardisDataset.TRADES_COLUMNS.subList(0, COMMON_FIELDS)))
        {
            return null;
        }
        for (int i = 0; i < levels; i++)
        {
            final int at = COMMON_FIELDS + 4 * i;
            if (!columns.get(at).equals("asks[" + i + "].price") || !columns.get(at + 1).equals("asks[" + i + "].amount") ||
                !columns.get(at + 2).equals("bids[" + i + "].price") || !columns.get(at + 3).equals("bids[" + i + "].amount"))
            {
                return null;
            }
        }
        return new TardisHeader(TardisDataset.BOOK_SNAPSHOT, levels, columns.size());
    }

    /** True for a column holding a price (for exponent inference). */
    boolean isPrice(final int field)
    {
        switch (dataset)
        {
            case TRADES:
            case INCREMENTAL_BOOK_L2:
                return field == 6;
            case QUOTES:
                return field == 5 || field == 6;
            default:
                return field >= COMMON_FIELDS && (field - COMMON_FIELDS) % 2 == 0;
        }
    }

    /** True for a column holding an amount (for exponent inference). */
    boolean isAmount(final int field)
    {
        switch (dataset)
        {
            case TRADES:
            case INCREMENTAL_BOOK_L2:
                return field == 7;
            case QUOTES:
                return field == 4 || field == 7;
            default:
                return field >= COMMON_FIELDS && (field - COMMON_FIELDS) % 2 == 1;
        }
    }

    /** The dataset's name as Tardis spells it, e.g. book_snapshot_25. */
    String name()
    {
        return dataset == TardisDataset.BOOK_SNAPSHOT ? "book_snapshot_" + levels : dataset.label;
    }

    static String expected()
    {
        return "a header of trades (" + String.join(",", TardisDataset.TRADES_COLUMNS) + "), incremental_book_L2 (" +
            String.join(",", TardisDataset.INCREMENTAL_COLUMNS) + "), quotes (" + String.join(",", TardisDataset.QUOTES_COLUMNS) +
            ") or book_snapshot_N (exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price," +
            "bids[0].amount,...)";
    }
}
