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
 * Decimal fields parse exactly into fixed-point mantissas. A UTF-8 byte order mark is skipped; CRLF
 * and LF both end a line.
 *
 * <p>Bad input never throws out of {@link #next()} and never loops: a read error (a gzip cut short,
 * corrupt data, an I/O error, a file that shrinks while it is read) ends the file, with
 * {@link #readError()} saying where and why; the incomplete line at the cut is left out, every
 * whole line before it was returned. A line longer than {@value #MAX_LINE} bytes, or with more than
 * {@value #MAX_FIELDS} fields, is returned with {@link #problem()} set and no fields.
 */
public final class CsvLines implements Closeable
{
    public static final int MAX_FIELDS = 256;
    /** The longest line taken as a row; longer ones are malformed (and read past, not held). */
    public static final int MAX_LINE = 1 << 20;
    /** Bytes of a field, and of a line, quoted in a message. */
    private static final int QUOTE_FIELD = 40;
    private static final int QUOTE_LINE = 200;

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
    private boolean started;
    private final long sizeAtOpen;
    private long textBytes;
    /** Bytes of the line being read, beyond what {@code line} holds when it is too long. */
    private long lineBytes;
    private String problem;
    private String readError;

    /**
     * Opens the file. A gzip file cut short inside its header opens as an empty file whose
     * {@link #readError()} says so.
     *
     * @throws UncheckedIOException if the file cannot be opened at all (missing, no permission)
     */
    public CsvLines(final Path path)
    {
        this.path = path;
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            sizeAtOpen = channel.size();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": cannot read: " + ex, ex);
        }
        final InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        InputStream stream = raw;
        try
        {
            raw.mark(2);
            final boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            stream = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        }
        catch (final IOException | RuntimeException ex)
        {
            eof = true;
            readError = path + ": cut short at byte " + bytesRead() + " of " + sizeAtOpen + " (" + reason(ex) +
                "), before its first line";
        }
        in = stream;
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

    /**
     * Moves to the next line and splits it; false at the end of the file, or where a read error cut
     * it short ({@link #readError()}). Empty lines are skipped. Never throws.
     */
    public boolean next()
    {
        while (true)
        {
            if (!readLine())
            {
                return false;
            }
            lineNumber++;
            if (lineBytes > MAX_LINE)
            {
                problem = "a line of " + lineBytes + " bytes, longer than a row may be (" + MAX_LINE + ")";
                fields = 0;
                return true;
            }
            if (lineLength > 0)
            {
                split();
                return true;
            }
        }
    }

    /** What is wrong with the current line as a whole (too long, too many fields), or null. */
    public String problem()
    {
        return problem;
    }

    /**
     * Why the file ended before its end, or null: file, byte offset, reason, and which lines were
     * kept. Set when {@link #next()} returned false because of it.
     */
    public String readError()
    {
        return readError;
    }

    public int fieldCount()
    {
        return fields;
    }

    /** The line as text (allocates: for headers; use {@link #quotedLine()} in messages). */
    public String lineText()
    {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    /** A field as text (allocates; use {@link #quoted(int)} in messages). */
    public String text(final int field)
    {
        return new String(line, fieldStart[field], fieldEnd[field] - fieldStart[field], StandardCharsets.UTF_8);
    }

    /** A field for a message: quoted, about 40 characters of it, control and non-ASCII bytes escaped. */
    public String quoted(final int field)
    {
        return quote(line, fieldStart[field], fieldEnd[field], QUOTE_FIELD);
    }

    /** The line for a message, as {@link #quoted(int)} but about 200 characters. */
    public String quotedLine()
    {
        return quote(line, 0, lineLength, QUOTE_LINE);
    }

    private static String quote(final byte[] bytes, final int from, final int to, final int limit)
    {
        final StringBuilder text = new StringBuilder(limit + 24).append('\'');
        int i = from;
        for (; i < to && text.length() <= limit; i++)
        {
            final int c = bytes[i] & 0xff;
            if (c >= 0x20 && c < 0x7f)
            {
                text.append((char)c);
            }
            else
            {
                text.append(String.format("\\x%02x", c));
            }
        }
        if (i < to)
        {
            text.append("...(").append(to - from).append(" bytes)");
        }
        return text.append('\'').toString();
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
        throw new CsvFormatException("field " + (field + 1) + " is not a boolean: " + quoted(field));
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
            throw new CsvFormatException("field " + (field + 1) + " is not a number: " + quoted(field));
        }
        for (; i < end; i++)
        {
            final int d = line[i] - '0';
            if (d < 0 || d > 9)
            {
                throw new CsvFormatException("field " + (field + 1) + " is not a whole number: " + quoted(field));
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
                throw new CsvFormatException("field " + (field + 1) + " is not a decimal: " + quoted(field));
            }
            digits++;
            if (decimals >= 0)
            {
                decimals++;
                if (decimals > scale)
                {
                    if (d != 0)
                    {
                        throw notOnScale(field, exponent);
                    }
                    continue; // trailing zeros beyond the scale are harmless
                }
            }
            mantissa = timesTenPlus(field, exponent, mantissa, d);
        }
        if (digits == 0)
        {
            throw new CsvFormatException("field " + (field + 1) + " is not a decimal: " + quoted(field));
        }
        for (int k = Math.max(decimals, 0); k < scale; k++)
        {
            mantissa = timesTenPlus(field, exponent, mantissa, 0);
        }
        for (int k = scale; k < 0; k++)
        {
            // a positive exponent (sizes in lots of ten, …): the value must be a whole number of them
            if (mantissa % 10 != 0)
            {
                throw notOnScale(field, exponent);
            }
            mantissa /= 10;
        }
        return negative ? -mantissa : mantissa;
    }

    private long timesTenPlus(final int field, final int exponent, final long mantissa, final int digit)
    {
        if (mantissa > (Long.MAX_VALUE - digit) / 10)
        {
            throw new CsvFormatException("field " + (field + 1) + " " + quoted(field) + " does not fit exponent " + exponent);
        }
        return mantissa * 10 + digit;
    }

    private CsvFormatException notOnScale(final int field, final int exponent)
    {
        return new CsvFormatException("field " + (field + 1) + " " + quoted(field) + (exponent <= 0 ?
            " has more than " + -exponent + " decimals" : " is not a whole multiple of 10^" + exponent));
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
                try
                {
                    final BigDecimal value = new BigDecimal(text(field));
                    return Math.abs((long)value.scale()) > 100 ? 0 : Math.max(0, value.stripTrailingZeros().scale());
                }
                catch (final NumberFormatException ex)
                {
                    return 0; // not a number: the row is reported when it is read
                }
            }
        }
        return 0;
    }

    private long slowDecimal(final int field, final int exponent)
    {
        if (length(field) > 64)
        {
            throw new CsvFormatException("field " + (field + 1) + " is not a decimal: " + quoted(field));
        }
        try
        {
            // BigDecimal parses "1e999999999" happily and would then build a huge number: bound the exponent first
            final BigDecimal value = new BigDecimal(text(field));
            if (Math.abs((long)value.scale()) > 100)
            {
                throw new ArithmeticException("out of range");
            }
            return value.movePointLeft(exponent).longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            throw new CsvFormatException("field " + (field + 1) + " is not a decimal: " + quoted(field));
        }
        catch (final ArithmeticException ex)
        {
            throw new CsvFormatException("field " + (field + 1) + " " + quoted(field) + " does not fit exponent " + exponent);
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
                    problem = "more than " + MAX_FIELDS + " fields";
                    fields = 0;
                    return;
                }
                fieldStart[fields] = start;
                fieldEnd[fields] = i;
                fields++;
                start = i + 1;
            }
        }
    }

    /**
     * The next line into {@code line} without its end of line; false at the end of the file or at a
     * read error (the incomplete line there is dropped). Progress: each call consumes at least one
     * byte or ends the file for good.
     */
    private boolean readLine()
    {
        lineLength = 0;
        lineBytes = 0;
        problem = null;
        boolean any = false;
        while (true)
        {
            if (bufferStart == bufferEnd)
            {
                if (eof || !fill())
                {
                    if (readError != null)
                    {
                        if (any)
                        {
                            readError += "; the incomplete line " + (lineNumber + 1) + " (" + lineBytes +
                                " bytes) is left out";
                        }
                        lineLength = 0;
                        return false;
                    }
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

    /** Appends to the line, holding at most {@link #MAX_LINE} bytes of it (the rest is counted). */
    private void append(final int from, final int to)
    {
        final int n = to - from;
        lineBytes += n;
        final int keep = Math.min(n, MAX_LINE - lineLength);
        if (keep <= 0)
        {
            return;
        }
        if (lineLength + keep > line.length)
        {
            line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + keep)));
        }
        System.arraycopy(buffer, from, line, lineLength, keep);
        lineLength += keep;
    }

    private boolean fill()
    {
        try
        {
            final int n = in.read(buffer, 0, buffer.length);
            if (n <= 0)
            {
                eof = true;
                final long size = channel.size();
                if (size < sizeAtOpen)
                {
                    readError = path + ": cut short: the file shrank from " + sizeAtOpen + " to " + size +
                        " bytes while it was read, after line " + lineNumber;
                }
                return false;
            }
            bufferStart = 0;
            bufferEnd = n;
            if (!started)
            {
                started = true;
                if (n >= 3 && buffer[0] == (byte)0xEF && buffer[1] == (byte)0xBB && buffer[2] == (byte)0xBF)
                {
                    bufferStart = 3; // a UTF-8 byte order mark is not part of the header
                }
            }
            textBytes += n;
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            eof = true;
            readError = path + ": cut short at byte " + bytesRead() + " of " + sizeAtOpen + " (" + reason(ex) +
                "), after line " + lineNumber + " (" + textBytes + " bytes of text); the lines before it are kept";
            return false;
        }
    }

    private static String reason(final Exception ex)
    {
        if (ex instanceof java.io.EOFException)
        {
            return "the gzip data ends early, as in an incomplete download: " + ex.getMessage();
        }
        if (ex instanceof java.util.zip.ZipException)
        {
            return "corrupt gzip data: " + ex.getMessage();
        }
        return ex.toString();
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
