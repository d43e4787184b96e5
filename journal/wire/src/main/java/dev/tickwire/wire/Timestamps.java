package dev.tickwire.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Epoch-nanosecond timestamps to and from text: ISO-8601 UTC (µs or finer) or plain epoch nanoseconds. */
public final class Timestamps
{
    private Timestamps()
    {
    }

    /**
     * Parses "2026-11-21T09:30:00.123456Z", "2026-11-21T09:30:00" (UTC), "2026-11-21" (midnight UTC)
     * or epoch nanoseconds ("1763717400123456000").
     */
    public static long parse(final String text)
    {
        final String value = text.trim();
        if (value.matches("-?\\d{10,}"))
        {
            return Long.parseLong(value);
        }
        try
        {
            if (value.length() == 10)
            {
                return toNanos(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (value.matches(".*T.*[+-]\\d\\d\\d\\d$"))
            {
                // +0100 → +01:00, which java.time accepts
                final String colon = value.substring(0, value.length() - 2) + ":" + value.substring(value.length() - 2);
                return toNanos(java.time.OffsetDateTime.parse(colon).toInstant());
            }
            final boolean hasZone = value.endsWith("Z") || value.matches(".*T.*[+-]\\d\\d:\\d\\d$");
            return toNanos(hasZone ? java.time.OffsetDateTime.parse(value).toInstant() : Instant.parse(value + "Z"));
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is outside the epoch-nanosecond range (1677..2262)", ex);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a time: use ISO-8601 (2026-11-21T09:30:00Z) or epoch nanoseconds", ex);
        }
    }

    /** ISO-8601 UTC with nanoseconds, e.g. 2026-11-21T09:30:00.123456789Z. */
    public static String format(final long epochNanos)
    {
        final long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        final long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        final String base = Instant.ofEpochSecond(seconds).toString(); // ...:SSZ
        final StringBuilder sb = new StringBuilder(base.length() + 10);
        sb.append(base, 0, base.length() - 1).append('.');
        final String digits = Long.toString(nanos);
        for (int i = digits.length(); i < 9; i++)
        {
            sb.append('0');
        }
        return sb.append(digits).append('Z').toString();
    }

    private static long toNanos(final Instant instant)
    {
        final long seconds = instant.getEpochSecond();
        final int nanos = instant.getNano();
        if (seconds < 0 && nanos > 0)
        {
            // borrow one second so the product cannot overflow before the fraction is added (Long.MIN_VALUE)
            return Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000_000L), nanos - 1_000_000_000L);
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }
}
