package dev.tickwire.adapters.lobster;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class LobsterClockTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void secondsAfterMidnightAreNewYorkWallClockTime()
    {
        final LobsterClock clock = new LobsterClock(LocalDate.parse("2012-06-21"), NEW_YORK);
        assertThat(clock.epochNanos(34_200_004_241_176L))
            .isEqualTo(nanos(OffsetDateTime.parse("2012-06-21T09:30:00.004241176-04:00").toInstant()));
        assertThat(clock.epochNanos(57_600_000_000_000L))
            .isEqualTo(nanos(OffsetDateTime.parse("2012-06-21T16:00:00-04:00").toInstant()));

        final LobsterClock winter = new LobsterClock(LocalDate.parse("2012-01-03"), NEW_YORK);
        assertThat(winter.epochNanos(34_200_000_000_001L))
            .isEqualTo(nanos(OffsetDateTime.parse("2012-01-03T09:30:00.000000001-05:00").toInstant()));
    }

    /** Every 7.5 minutes (plus odd nanoseconds) of ordinary and daylight-saving days, as java.time resolves them. */
    @Test
    void agreesWithJavaTimeOnDaylightSavingDays()
    {
        for (final String day : new String[]{ "2012-03-11", "2012-11-04", "2012-06-21", "2024-03-10", "2024-11-03" })
        {
            final LocalDate date = LocalDate.parse(day);
            final LobsterClock clock = new LobsterClock(date, NEW_YORK);
            for (long ns = 0; ns < 86_400_000_000_000L; ns += 450_000_000_123L)
            {
                final Instant expected = date.atStartOfDay().plusNanos(ns).atZone(NEW_YORK).toInstant();
                assertThat(clock.epochNanos(ns)).as("%s + %d ns", day, ns).isEqualTo(nanos(expected));
            }
        }
    }

    private static long nanos(final Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
