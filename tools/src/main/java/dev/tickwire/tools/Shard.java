package dev.tickwire.tools;

import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of a deterministic split of work between {@code n} hosts, written {@code i/n} (1-based, as Jest and
 * Playwright write it: 1/3, 2/3, 3/3): each key belongs to exactly one part, the same on every host and every run,
 * so n hosts given 1/n .. n/n together do every key once. Days go round-robin by their number (consecutive days
 * spread evenly); any other key (a symbol, a file) by a stable 64-bit FNV-1a hash of its UTF-8 bytes, never by
 * {@link String#hashCode()} or anything that could change between Java versions.
 */
public record Shard(int index, int count)
{
    /** The whole: one host does everything. */
    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public Shard
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    /**
     * @param option what the text was given as (e.g. "--shard"), named in the error
     * @throws IllegalArgumentException naming {@code option} when the text is not i/n with 1 <= i <= n
     */
    public static Shard parse(final String text, final String option)
    {
        final Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches())
        {
            throw new IllegalArgumentException(option + " must be i/n (this host's part of n, 1-based, e.g. 1/3), " +
                "got '" + text + "'");
        }
        final int index = Integer.parseInt(m.group(1));
        final int count = Integer.parseInt(m.group(2));
        if (count < 1 || index < 1 || index > count)
        {
            throw new IllegalArgumentException(option + " must be i/n with 1 <= i <= n (e.g. 1/3, 2/3, 3/3), got '" +
                text.strip() + "'");
        }
        return new Shard(index, count);
    }

    /** Whether the key numbered {@code n} is this part's: round-robin. */
    public boolean owns(final long n)
    {
        return Math.floorMod(n, count) == index - 1;
    }

    /** Whether a UTC day is this part's: by its number since 1970, so consecutive days take turns. */
    public boolean owns(final LocalDate day)
    {
        return owns(day.toEpochDay());
    }

    /** Whether any other key (a symbol, "2024-03-01:BTCUSDT") is this part's: by its stable hash. */
    public boolean owns(final String key)
    {
        return owns(fnv1a(key) >>> 1); // >>> 1: non-negative, so floorMod and % agree for readers of the rule
    }

    /** 64-bit FNV-1a of the key's UTF-8 bytes. */
    static long fnv1a(final String key)
    {
        long hash = FNV_OFFSET;
        for (final byte b : key.getBytes(StandardCharsets.UTF_8))
        {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    public boolean isAll()
    {
        return count == 1;
    }

    @Override
    public String toString()
    {
        return index + "/" + count;
    }

    /** picocli: {@code --shard 2/3}; a bad value fails naming the option. */
    public static final class Converter implements CommandLine.ITypeConverter<Shard>
    {
        @Override
        public Shard convert(final String value)
        {
            try
            {
                return parse(value, "--shard");
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
