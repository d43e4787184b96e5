package dev.tickwire.adapters.tardis;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Tardis CSV header line, recognised column by column: which dataset the file holds, and for a
 * book snapshot how many levels a side. Column positions are fixed by the dataset. Trades and
 * liquidations share one header, so the file's name decides between them: a file named as tardis-dev
 * names it ({@code {exchange}_liquidations_{date}_{symbol}.csv.gz}) or kept where the datasets API
 * puts it ({@code …/liquidations/YYYY/MM/DD/SYMBOL.csv.gz}) holds liquidations.
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

    /** The header of {@code file}, or null if the line is not one of the datasets' headers. */
    static TardisHeader parse(final String line, final Path file)
    {
        final String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        final List<String> columns = Arrays.asList(text.split(",", -1));
        if (columns.equals(TardisDataset.TRADES_COLUMNS))
        {
            return new TardisHeader(namedLiquidations(file) ? TardisDataset.LIQUIDATIONS : TardisDataset.TRADES, 0,
                columns.size());
        }
        if (columns.equals(TardisDataset.DERIVATIVE_TICKER_COLUMNS))
        {
            return new TardisHeader(TardisDataset.DERIVATIVE_TICKER, 0, columns.size());
        }
        if (columns.equals(TardisDataset.OPTIONS_CHAIN_COLUMNS))
        {
            return new TardisHeader(TardisDataset.OPTIONS_CHAIN, 0, columns.size());
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

    /**
     * True if the file's name says liquidations: its name has the word, or it sits in a folder of that name
     * up to four levels up (the datasets API's {@code liquidations/YYYY/MM/DD/}).
     */
    static boolean namedLiquidations(final Path file)
    {
        final Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).contains("liquidations"))
        {
            return true;
        }
        Path folder = file.toAbsolutePath().getParent();
        for (int up = 0; up < 4 && folder != null && folder.getFileName() != null; up++, folder = folder.getParent())
        {
            if (folder.getFileName().toString().equalsIgnoreCase("liquidations"))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a column holding a price (for the instrument's exponent): the traded prices, and the mark
     * and index prices too, so that a trade imported later is never finer than the instrument.
     */
    boolean isPrice(final int field)
    {
        switch (dataset)
        {
            case TRADES:
            case INCREMENTAL_BOOK_L2:
            case LIQUIDATIONS:
                return field == 6;
            case QUOTES:
                return field == 5 || field == 6;
            case DERIVATIVE_TICKER:
                return field >= 8; // last, index, mark
            case OPTIONS_CHAIN:
                return field == 8 || field == 9 || field == 12 || field == 15; // last, bid, ask, mark
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
            case LIQUIDATIONS:
                return field == 7;
            case QUOTES:
                return field == 4 || field == 7;
            case DERIVATIVE_TICKER:
                return field == 7; // open interest
            case OPTIONS_CHAIN:
                return field == 7 || field == 10 || field == 13; // open interest, bid and ask amounts
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
        return "a header of exchange,symbol,timestamp,local_timestamp then, for trades or liquidations: " +
            tail(TardisDataset.TRADES_COLUMNS) + "; incremental_book_L2: " + tail(TardisDataset.INCREMENTAL_COLUMNS) +
            "; quotes: " + tail(TardisDataset.QUOTES_COLUMNS) + "; derivative_ticker: " +
            tail(TardisDataset.DERIVATIVE_TICKER_COLUMNS) + "; options_chain: " +
            String.join(",", TardisDataset.OPTIONS_CHAIN_COLUMNS.subList(COMMON_FIELDS, 8)) + ",... (24 columns); " +
            "book_snapshot_N: asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,...";
    }

    private static String tail(final List<String> columns)
    {
        return String.join(",", columns.subList(COMMON_FIELDS, columns.size()));
    }
}
