package dev.tickwire.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Epoch-nanosecond timestamps to and from text: ISO-8601 UTC (µs or finer) or plain epoch nanoseconds. */
public final class Timestamps
{
    /** "-00" … "-99", "T00" …, ":00" …: a field and its separator in one append. */
    private static final String[] DASH_TWO = twoDigits('-');
    private static final String[] T_TWO = twoDigits('T');
    private static final String[] COLON_TWO = twoDigits(':');

    private static String[] twoDigits(final char separator)
    {
        final String[] table = new String[100];
        for (int i = 0; i < 100; i++)
        {
            table[i] = new String(new char[] {separator, (char)('0' + i / 10), (char)('0' + i % 10)});
        }
        return table;
    }

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
        return appendIso(new StringBuilder(30), epochNanos).toString();
    }

    /**
     * Appends {@link #format}'s text without allocating: query answers write one per row, and java.time's
     * formatter cost more than the rest of a row.
     */
    public static StringBuilder appendIso(final StringBuilder sb, final long epochNanos)
    {
        final long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        final long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        final long days = Math.floorDiv(seconds, 86_400L);
        final long secondOfDay = Math.floorMod(seconds, 86_400L);
        // civil date from days since 1970-01-01 (proleptic Gregorian; eras of 400 years)
        final long z = days + 719_468L;
        final long era = Math.floorDiv(z, 146_097L);
        final long dayOfEra = z - era * 146_097L;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        // epoch nanoseconds span 1677..2262: always four digits; whole fields appended at once (a char at a
        // time cost twice as much)
        sb.append(year).append(DASH_TWO[month]).append(DASH_TWO[day]).append(T_TWO[(int)(secondOfDay / 3600)])
            .append(COLON_TWO[(int)(secondOfDay / 60 % 60)]).append(COLON_TWO[(int)(secondOfDay % 60)]).append('.');
        return FixedPoint.appendPadded(sb, nanos, 9).append('Z');
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
