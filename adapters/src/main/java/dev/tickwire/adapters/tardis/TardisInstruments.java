package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.adapter.AdapterContext;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The instruments one source has met, found from a row's exchange and symbol bytes without a
 * String: the last row's instrument first (files are mostly one symbol), else an open-addressing
 * table. An instrument met for the first time is defined through the engine ({@code exchange:symbol},
 * venue = exchange); one that cannot be defined (symbol too long, exponents the journal refuses)
 * is remembered as bad, so its rows are malformed without asking again.
 */
final class TardisInstruments
{
    /** Longest venue the wire format carries. */
    static final int MAX_VENUE_LENGTH = 16;

    private final TardisScales scales;
    private AdapterContext context;

    private byte[][] exchange = new byte[8][];
    private byte[][] symbol = new byte[8][];
    private int[] id = new int[8];
    private int[] priceExponent = new int[8];
    private int[] sizeExponent = new int[8];
    private String[] problem = new String[8];
    private int count;
    private int last = -1;
    private int[] table = emptyTable(16);

    TardisInstruments(final TardisScales scales)
    {
        this.scales = scales;
    }

    void context(final AdapterContext context)
    {
        this.context = context;
    }

    /**
     * The entry of the row's instrument, defining it if new.
     *
     * @throws CsvFormatException if the instrument cannot be defined (the row is malformed)
     */
    int lookup(final CsvLines row)
    {
        final int previous = last;
        if (previous >= 0 && row.is(TardisHeader.SYMBOL, symbol[previous]) && row.is(TardisHeader.EXCHANGE, exchange[previous]))
        {
            return checked(previous);
        }
        final int mask = table.length - 1;
        int slot = (int)mix(hash(row)) & mask;
        while (true)
        {
            final int entry = table[slot];
            if (entry < 0)
            {
                final int added = add(row);
                table[slot] = added;
                if (count * 2 > table.length)
                {
                    rehash();
                }
                last = added;
                return checked(added);
            }
            if (row.is(TardisHeader.SYMBOL, symbol[entry]) && row.is(TardisHeader.EXCHANGE, exchange[entry]))
            {
                last = entry;
                return checked(entry);
            }
            slot = (slot + 1) & mask;
        }
    }

    int id(final int entry)
    {
        return id[entry];
    }

    int priceExponent(final int entry)
    {
        return priceExponent[entry];
    }

    int sizeExponent(final int entry)
    {
        return sizeExponent[entry];
    }

    /** Entries so far (ids 0..count-1), for per-instrument state kept by a source. */
    int count()
    {
        return count;
    }

    /** Defines an instrument known before any row (a source's first one), so its definition comes first. */
    void define(final String exchangeName, final String symbolName)
    {
        final byte[] e = exchangeName.getBytes(StandardCharsets.UTF_8);
        final byte[] s = symbolName.getBytes(StandardCharsets.UTF_8);
        final int mask = table.length - 1;
        int slot = (int)mix(hash(e, s)) & mask;
        while (table[slot] >= 0)
        {
            slot = (slot + 1) & mask;
        }
        final int added = add(e, s, exchangeName, symbolName);
        table[slot] = added;
        if (count * 2 > table.length)
        {
            rehash();
        }
    }

    private int checked(final int entry)
    {
        if (problem[entry] != null)
        {
            throw new CsvFormatException(problem[entry]);
        }
        return entry;
    }

    private int add(final CsvLines row)
    {
        return add(bytes(row, TardisHeader.EXCHANGE), bytes(row, TardisHeader.SYMBOL), row.text(TardisHeader.EXCHANGE),
            row.text(TardisHeader.SYMBOL));
    }

    private int add(final byte[] e, final byte[] s, final String exchangeName, final String symbolName)
    {
        if (count == id.length)
        {
            final int length = count * 2;
            exchange = Arrays.copyOf(exchange, length);
            symbol = Arrays.copyOf(symbol, length);
            id = Arrays.copyOf(id, length);
            priceExponent = Arrays.copyOf(priceExponent, length);
            sizeExponent = Arrays.copyOf(sizeExponent, length);
            problem = Arrays.copyOf(problem, length);
        }
        final int entry = count++;
        exchange[entry] = e;
        symbol[entry] = s;
        final String instrument = exchangeName + ":" + symbolName;
        try
        {
            if (exchangeName.isEmpty() || symbolName.isEmpty())
            {
                throw new IllegalArgumentException("exchange or symbol is empty");
            }
            final TardisScales.Scale scale = scales.of(instrument);
            final String venue = exchangeName.length() > MAX_VENUE_LENGTH ? exchangeName.substring(0, MAX_VENUE_LENGTH) : exchangeName;
            id[entry] = context.defineInstrument(instrument, venue, scale.priceExponent(), scale.sizeExponent(), scale.tickSize());
            priceExponent[entry] = scale.priceExponent();
            sizeExponent[entry] = scale.sizeExponent();
        }
        catch (final IllegalArgumentException ex)
        {
            id[entry] = 0;
            problem[entry] = "instrument " + instrument + " cannot be defined: " + ex.getMessage();
        }
        return entry;
    }

    private void rehash()
    {
        table = emptyTable(table.length * 2);
        final int mask = table.length - 1;
        for (int entry = 0; entry < count; entry++)
        {
            int slot = (int)mix(hash(exchange[entry], symbol[entry])) & mask;
            while (table[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }
            table[slot] = entry;
        }
    }

    private static int[] emptyTable(final int length)
    {
        final int[] t = new int[length];
        Arrays.fill(t, -1);
        return t;
    }

    private static byte[] bytes(final CsvLines row, final int field)
    {
        final byte[] b = new byte[row.length(field)];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = row.byteAt(field, i);
        }
        return b;
    }

    /** FNV-1a over the exchange bytes, a comma, then the symbol bytes: the same as {@link #hash(byte[], byte[])}. */
    private static long hash(final CsvLines row)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = row.length(TardisHeader.EXCHANGE); i < n; i++)
        {
            h = (h ^ (row.byteAt(TardisHeader.EXCHANGE, i) & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ ',') * 0x100000001b3L;
        for (int i = 0, n = row.length(TardisHeader.SYMBOL); i < n; i++)
        {
            h = (h ^ (row.byteAt(TardisHeader.SYMBOL, i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long hash(final byte[] e, final byte[] s)
    {
        long h = 0xcbf29ce484222325L;
        for (final byte b : e)
        {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ ',') * 0x100000001b3L;
        for (final byte b : s)
        {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(final long h)
    {
        return h ^ (h >>> 29) ^ (h >>> 47);
    }
}
