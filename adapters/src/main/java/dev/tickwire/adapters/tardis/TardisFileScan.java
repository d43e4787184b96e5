package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvLines;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the first rows of a Tardis file say before it is imported: its dataset (from the header),
 * its first instrument and time (they decide which source reads it, and in which order), and the
 * most decimals each instrument's prices and amounts are written with (the exponents).
 * Rows that do not parse are passed over here; the import reports them.
 */
final class TardisFileScan
{
    final Path path;
    final TardisHeader header;
    /** {@code exchange:symbol} of the first data row, or null if the file has none. */
    String firstInstrument;
    /** Exchange name of the first data row. */
    String firstExchange;
    long firstEventTimeNs = Long.MAX_VALUE;
    long firstReceiveTimeNs = Long.MAX_VALUE;
    int rowsScanned;
    /** Why the file could not be read as far as its header, or null. */
    String readError;
    /** A whole gzip stream of no bytes: what the datasets API serves for a day without data, not a failed download. */
    boolean noData;
    /** Per instrument: {max price decimals, max amount decimals}. */
    final Map<String, int[]> decimals = new LinkedHashMap<>();

    private TardisFileScan(final Path path, final TardisHeader header)
    {
        this.path = path;
        this.header = header;
    }

    /**
     * @return the scan; with {@link #readError} set if the file is empty or cut short before its header
     * @throws IllegalArgumentException if the file has an unknown header (naming the file): not a Tardis file
     */
    static TardisFileScan scan(final Path path, final int maxRows)
    {
        try (CsvLines lines = new CsvLines(path))
        {
            if (!lines.next())
            {
                final TardisFileScan unreadable = new TardisFileScan(path, null);
                if (lines.readError() == null && lines.bytesRead() > 0 && gzip(path))
                {
                    unreadable.noData = true;
                    return unreadable;
                }
                // cut short before its header, or empty (a download that failed): nothing to import, said once
                unreadable.readError = lines.readError() != null ? lines.readError() :
                    path + ": empty file (no Tardis CSV header), as after a failed download";
                return unreadable;
            }
            final TardisHeader header = TardisHeader.parse(lines.lineText(), path);
            if (header == null)
            {
                throw new IllegalArgumentException(path + ": unknown Tardis CSV header " + lines.quotedLine() +
                    "; expected " + TardisHeader.expected());
            }
            final TardisFileScan scan = new TardisFileScan(path, header);
            while (scan.rowsScanned < maxRows && lines.next())
            {
                scan.rowsScanned++;
                scan.row(lines);
            }
            return scan;
        }
    }

    private static boolean gzip(final Path path)
    {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path))
        {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    private void row(final CsvLines row)
    {
        if (row.fieldCount() != header.fieldCount || row.isEmpty(TardisHeader.EXCHANGE) || row.isEmpty(TardisHeader.SYMBOL))
        {
            return;
        }
        final String exchange = row.text(TardisHeader.EXCHANGE);
        final String instrument = exchange + ":" + row.text(TardisHeader.SYMBOL);
        int price = 0;
        int amount = 0;
        try
        {
            for (int f = TardisHeader.COMMON_FIELDS; f < header.fieldCount; f++)
            {
                if (header.isPrice(f))
                {
                    price = Math.max(price, row.decimalsOf(f));
                }
                else if (header.isAmount(f))
                {
                    amount = Math.max(amount, row.decimalsOf(f));
                }
            }
            if (firstInstrument == null)
            {
                final long event = Math.multiplyExact(row.longValue(TardisHeader.TIMESTAMP), 1000L);
                final long receive = Math.multiplyExact(row.longValue(TardisHeader.LOCAL_TIMESTAMP), 1000L);
                firstInstrument = instrument;
                firstExchange = exchange;
                firstEventTimeNs = event;
                firstReceiveTimeNs = receive;
            }
        }
        catch (final RuntimeException ex)
        {
            return; // a malformed row: the import itself reports it with its line number
        }
        final int[] d = decimals.computeIfAbsent(instrument, k -> new int[2]);
        d[0] = Math.max(d[0], price);
        d[1] = Math.max(d[1], amount);
    }
}
