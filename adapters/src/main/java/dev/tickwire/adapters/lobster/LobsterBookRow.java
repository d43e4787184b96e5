package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.book.L2Book;

/**
 * One row of a LOBSTER order book file, parsed in place (reused for every row): {@code AskP1,AskS1,BidP1,BidS1,AskP2,…}
 * for N levels, prices in dollars × 10000, empty levels padded with ask price 9999999999 / bid price −9999999999 and
 * size 0. Keeps each side's real levels, best first.
 */
final class LobsterBookRow
{
    static final long EMPTY_ASK_PRICE = 9_999_999_999L;
    static final long EMPTY_BID_PRICE = -9_999_999_999L;

    private int levels; // N: from the file name, else from the first row parsed
    private long[] prices0;
    private long[] sizes0;
    private long[] prices1;
    private long[] sizes1;
    private final int[] count = new int[2];

    /** @param levels N from the file name, or 0 to take it from the first row. */
    LobsterBookRow(final int levels)
    {
        if (levels > 0)
        {
            allocate(levels);
        }
    }

    /** N: the levels per side a row has (0 before the first row when the file name did not say). */
    int levels()
    {
        return levels;
    }

    /** Real (non-padding) levels of side in this row. */
    int count(final int side)
    {
        return count[side];
    }

    /** Price of side's level i, 0 = best. */
    long price(final int side, final int i)
    {
        return side == L2Book.BID ? prices0[i] : prices1[i];
    }

    long size(final int side, final int i)
    {
        return side == L2Book.BID ? sizes0[i] : sizes1[i];
    }

    /** True if the row holds all N levels of side, so levels beyond its last are outside what the row shows. */
    boolean full(final int side)
    {
        return count[side] == levels;
    }

    /**
     * Parses a row; on an exception the previous row's values are partly overwritten, so the caller must drop the row.
     *
     * @throws CsvFormatException if the row is not N levels of 4 whole numbers, padding is not at the end of a side,
     *                            a real level has a size or price of 0 or less, or a side is not in price order.
     */
    void parse(final CsvLines row)
    {
        final int fields = row.fieldCount();
        if (fields == 0 || fields % 4 != 0)
        {
            throw new CsvFormatException("an order book row has 4 fields per level, got " + fields);
        }
        if (levels == 0)
        {
            allocate(fields / 4);
        }
        else if (fields / 4 != levels)
        {
            throw new CsvFormatException("an order book row of " + fields / 4 + " levels where the file has " + levels);
        }
        count[L2Book.BID] = 0;
        count[L2Book.ASK] = 0;
        for (int i = 0; i < levels; i++)
        {
            level(row, L2Book.ASK, i, row.longValue(4 * i), row.longValue(4 * i + 1), EMPTY_ASK_PRICE);
            level(row, L2Book.BID, i, row.longValue(4 * i + 2), row.longValue(4 * i + 3), EMPTY_BID_PRICE);
        }
    }

    private void allocate(final int n)
    {
        levels = n;
        prices0 = new long[n];
        sizes0 = new long[n];
        prices1 = new long[n];
        sizes1 = new long[n];
    }

    private void level(final CsvLines row, final int side, final int i, final long price, final long size,
        final long emptyPrice)
    {
        final String name = side == L2Book.BID ? "bid" : "ask";
        if (price == emptyPrice && size == 0)
        {
            return;
        }
        if (count[side] != i)
        {
            throw new CsvFormatException(name + " level " + (i + 1) + " follows an empty level");
        }
        if (price <= 0 || size <= 0)
        {
            throw new CsvFormatException(name + " level " + (i + 1) + ": price " + price + " size " + size);
        }
        if (i > 0 && (side == L2Book.BID ? price >= prices0[i - 1] : price <= prices1[i - 1]))
        {
            throw new CsvFormatException(name + " level " + (i + 1) + " price " + price + " is not worse than level " + i);
        }
        if (side == L2Book.BID)
        {
            prices0[i] = price;
            sizes0[i] = size;
        }
        else
        {
            prices1[i] = price;
            sizes1[i] = size;
        }
        count[side]++;
    }
}
