package dev.tickwire.adapters.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file, plain or gzip (told apart by its first bytes, not its name), a line at a time
 * into a reused byte buffer, and parses fields in place: no String, no object per line. Fields are
 * separated by commas; quoting is not supported (the market-data formats read here never quote).
 * Decimal fields parse exactly into fixed-point mantissas.
 */
public final class CsvLines implements Closeable
{
    private static final int MAX_FIELDS = 256;

    private final Path path;
    private final FileChannel channel;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferStart;
    private int bufferEnd;
    private byte[] line = new byte[1024];
    private int lineLength;
    private final int[] fieldStart = new int[MAX_FIELDS + 1];
    private final int[] fieldEnd = new int[MAX_FIELDS + 1];
    private int fields;
    private long lineNumber;
    private boolean eof;

    public CsvLines(final Path path)
    {
        this.path = path;
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            final InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            raw.mark(2);
            final boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
        }
    }

    public Path path()
    {
        return path;
    }

    /** Number of the current line, from 1. */
    public long lineNumber()
    {
        return lineNumber;
    }

    /** Bytes of the file (compressed, if it is) read so far: for a progress bar. */
    public long bytesRead()
    {
        try
        {
            return channel.position();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /** Moves to the next line and splits it; false at the end of the file. Empty lines are skipped. */
    public boolean next()
    {
        while (true)
        {
            if (!readLine())
            {
                return false;
            }
            lineNumber++;
            if (lineLength > 0)
            {
                split();
                return true;
            }
        }
    }

    public int fieldCount()
    {
        return fields;
    }

    /** The line as text (allocates: for messages and headers only). */
    public String lineText()
    {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    /** A field as text (allocates). */
    public String text(final int field)
    {
        return new String(line, fieldStart[field], fieldEnd[field] - fieldStart[field], StandardCharsets.UTF_8);
    }

    public boolean isEmpty(final int field)
    {
        return fieldEnd[field] == fieldStart[field];
    }

    /** Length of a field in bytes. */
    public int length(final int field)
    {
        return fieldEnd[field] - fieldStart[field];
    }

    /** Byte {@code index} of a field: to parse or hash a field's text without a String (ids, symbols). */
    public byte byteAt(final int field, final int index)
    {
        return line[fieldStart[field] + index];
    }

    /** True if the field's bytes equal {@code ascii}. */
    public boolean is(final int field, final byte[] ascii)
    {
        final int length = fieldEnd[field] - fieldStart[field];
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (line[fieldStart[field] + i] != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /** "true"/"True"/"TRUE"/"1" → true, "false"/"False"/"FALSE"/"0" → false. */
    public boolean bool(final int field)
    {
        final int s = fieldStart[field];
        final int length = fieldEnd[field] - s;
        if (length == 1 && (line[s] == '1' || line[s] == '0'))
        {
            return line[s] == '1';
        }
        if (length == 4 && (line[s] | 0x20) == 't' && (line[s + 1] | 0x20) == 'r' && (line[s + 2] | 0x20) == 'u' &&
            (line[s + 3] | 0x20) == 'e')
        {
            return true;
        }
        if (length == 5 && (line[s] | 0x20) == 'f' && (line[s + 1] | 0x20) == 'a' && (line[s + 2] | 0x20) == 'l' &&
            (line[s + 3] | 0x20) == 's' && (line[s + 4] | 0x20) == 'e')
        {
            return false;
        }
        throw new CsvFormatException("field " + (field + 1) + " is not a boolean: '" + text(field) + "'");
    }

    /** A whole number. */
    public long longValue(final int field)
    {
        int i = fieldStart[field];
        final int end = fieldEnd[field];
        if (i == end)
        {
            throw new CsvFormatException("field " + (field + 1) + " is empty");
        }
        final boolean negative = line[i] == '-';
        if (negative || line[i] == '+')
        {
            i++;
        }
        long value = 0;
        if (i == end)
        {
            throw new CsvFormatException("field " + (field + 1) + " is not a number: '" + text(field) + "'");
        }
        for (; i < end; i++)
        {
            final int d = line[i] - '0';
            if (d < 0 || d > 9)
            {
                throw new CsvFormatException("field " + (field + 1) + " is not a whole number: '" + text(field) + "'");
            }
            value = Math.addExact(Math.multiplyExact(value, 10), d);
        }
        return negative ? -value : value;
    }

    /**
     * A decimal as a mantissa at {@code exponent} (value = mantissa × 10^exponent), exactly: more
     * significant decimals than the exponent allows is an error, not a rounding. Accepts "1.5",
     * "-0.25", ".5", "5." and, through a slow path, "1.5e-3".
     */
    public long decimal(final int field, final int exponent)
    {
        int i = fieldStart[field];
        final int end = fieldEnd[field];
        if (i == end)
        {
            throw new CsvFormatException("field " + (field + 1) + " is empty");
        }
        final boolean negative = line[i] == '-';
        if (negative || line[i] == '+')
        {
            i++;
        }
        final int scale = -exponent;
        long mantissa = 0;
        int decimals = -1;
        int digits = 0;
        for (; i < end; i++)
        {
            final byte c = line[i];
            if (c == '.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }
            if (c == 'e' || c == 'E' || c == 'n' || c == 'N' || c == 'i' || c == 'I')
            {
                return slowDecimal(field, exponent);
            }
            final int d = c - '0';
            if (d < 0 || d > 9)
            {
                throw new CsvFormatException("field " + (field + 1) + " is not a decimal: '" + text(field) + "'");
            }
            digits++;
            if (decimals >= 0)
            {
                decimals++;
                if (decimals > scale)
                {
                    if (d != 0)
                    {
                        throw new CsvFormatException("field " + (field + 1) + " '" + text(field) + "' has more than " +
                            scale + " decimals");
                    }
                    continue; // trailing zeros beyond the scale are harmless
                }
            }
            mantissa = Math.addExact(Math.multiplyExact(mantissa, 10), d);
        }
        if (digits == 0)
        {
            throw new CsvFormatException("field " + (field + 1) + " is not a decimal: '" + text(field) + "'");
        }
        for (int k = Math.max(decimals, 0); k < scale; k++)
        {
            mantissa = Math.multiplyExact(mantissa, 10);
        }
        return negative ? -mantissa : mantissa;
    }

    /** Decimals after the point in the field as written (trailing zeros included): for exponent inference. */
    public int decimalsOf(final int field)
    {
        for (int i = fieldStart[field]; i < fieldEnd[field]; i++)
        {
            if (line[i] == '.')
            {
                int last = fieldEnd[field];
                while (last > i + 1 && line[last - 1] == '0')
                {
                    last--;
                }
                return last - i - 1;
            }
            if (line[i] == 'e' || line[i] == 'E')
            {
                return Math.max(0, new BigDecimal(text(field)).stripTrailingZeros().scale());
            }
        }
        return 0;
    }

    private long slowDecimal(final int field, final int exponent)
    {
        final String text = text(field);
        try
        {
            return new BigDecimal(text).movePointLeft(exponent).longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            throw new CsvFormatException("field " + (field + 1) + " is not a decimal: '" + text + "'");
        }
        catch (final ArithmeticException ex)
        {
            throw new CsvFormatException("field " + (field + 1) + " '" + text + "' does not fit exponent " + exponent);
        }
    }

    private void split()
    {
        fields = 0;
        int start = 0;
        for (int i = 0; i <= lineLength; i++)
        {
            if (i == lineLength || line[i] == ',')
            {
                if (fields == MAX_FIELDS)
                {
                    throw new CsvFormatException("more than " + MAX_FIELDS + " fields");
                }
                fieldStart[fields] = start;
                fieldEnd[fields] = i;
                fields++;
                start = i + 1;
            }
        }
    }

    /** The next line into {@code line} without its end of line; false at the end of the file. */
    private boolean readLine()
    {
        lineLength = 0;
        boolean any = false;
        while (true)
        {
            if (bufferStart == bufferEnd)
            {
                if (eof || !fill())
                {
                    return any;
                }
            }
            any = true;
            int i = bufferStart;
            while (i < bufferEnd && buffer[i] != '\n')
            {
                i++;
            }
            append(bufferStart, i);
            if (i < bufferEnd)
            {
                bufferStart = i + 1;
                if (lineLength > 0 && line[lineLength - 1] == '\r')
                {
                    lineLength--;
                }
                return true;
            }
            bufferStart = bufferEnd;
        }
    }

    private void append(final int from, final int to)
    {
        final int n = to - from;
        if (lineLength + n > line.length)
        {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buffer, from, line, lineLength, n);
        lineLength += n;
    }

    private boolean fill()
    {
        try
        {
            final int n = in.read(buffer, 0, buffer.length);
            if (n <= 0)
            {
                eof = true;
                return false;
            }
            bufferStart = 0;
            bufferEnd = n;
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + " line " + (lineNumber + 1) + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            in.close();
        }
        catch (final IOException ignore)
        {
            // read-only
        }
    }
}
