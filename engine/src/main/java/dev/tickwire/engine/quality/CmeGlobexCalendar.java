package dev.tickwire.engine.quality;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * CME Globex hours of equity-index and interest-rate futures: open Sunday 17:00 to Friday 16:00
 * America/Chicago, with a daily halt 16:00–17:00 Monday to Thursday. In other words one session
 * per trading day D (Monday to Friday), from 17:00 the evening before to 16:00 on D, Chicago time.
 *
 * <p>Exchange holidays and early closes are NOT modelled (they change every year and per product):
 * a silence on a holiday is reported as a gap. The arithmetic is done in America/Chicago with
 * java.time, so the sessions move with daylight saving time (17:00 is 23:00 UTC in winter, 22:00
 * UTC in summer); the DST switches happen at 02:00 Sunday, while the market is closed.
 */
public final class CmeGlobexCalendar implements TradingCalendar
{
    public static final String NAME = "CME";
    public static final CmeGlobexCalendar INSTANCE = new CmeGlobexCalendar();
    public static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static final LocalTime OPEN = LocalTime.of(17, 0);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private CmeGlobexCalendar()
    {
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "CME Globex: Sun 17:00 - Fri 16:00 America/Chicago, daily halt 16:00-17:00 Mon-Thu; exchange holidays not modelled";
    }

    /** Walks the sessions one trading day at a time: called per silence, not per message. */
    @Override
    public long openNanos(final long fromNs, final long toNs)
    {
        if (toNs <= fromNs)
        {
            return 0;
        }
        // The session of trading day D ends at 16:00 on D, so no session before the local date of fromNs reaches it.
        LocalDate tradingDay = Instant.ofEpochSecond(Math.floorDiv(fromNs, NANOS_PER_SECOND)).atZone(CHICAGO).toLocalDate();
        long open = 0;
        while (true)
        {
            final long sessionStart = nanos(tradingDay.minusDays(1), OPEN);
            if (sessionStart >= toNs)
            {
                return open;
            }
            if (isTradingDay(tradingDay.getDayOfWeek()))
            {
                final long start = Math.max(fromNs, sessionStart);
                final long end = Math.min(toNs, nanos(tradingDay, CLOSE));
                if (end > start)
                {
                    open += end - start;
                }
            }
            tradingDay = tradingDay.plusDays(1);
        }
    }

    private static boolean isTradingDay(final DayOfWeek day)
    {
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /**
     * 16:00 and 17:00 exist exactly once on every Chicago day (DST switches at 02:00). Saturates past
     * the epoch-nanosecond range (year 2262), so a walk towards Long.MAX_VALUE ends.
     */
    private static long nanos(final LocalDate date, final LocalTime time)
    {
        final long seconds = ZonedDateTime.of(date, time, CHICAGO).toEpochSecond();
        if (seconds >= Long.MAX_VALUE / NANOS_PER_SECOND)
        {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / NANOS_PER_SECOND)
        {
            return Long.MIN_VALUE;
        }
        return seconds * NANOS_PER_SECOND;
    }
}
