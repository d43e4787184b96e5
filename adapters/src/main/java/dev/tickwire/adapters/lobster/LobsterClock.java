package dev.tickwire.adapters.lobster;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * LOBSTER's Time column (seconds after midnight, New York time, as exact nanoseconds) → epoch nanoseconds, without
 * allocating per message.
 * <p>
 * The seconds are read as the local wall-clock time of day (9:30 is 34200 on every day, which is how LOBSTER names its
 * files: {@code _34200000_57600000_}), so a daylight-saving change only matters for the wall-clock times after it. The
 * day's offsets are worked out once: the offset at midnight, and, on a day with a transition, the offset from the
 * transition's later wall-clock time on. Wall-clock times in a spring-forward gap or a fall-back overlap resolve as
 * {@link ZonedDateTime#of} resolves them (the offset before the transition).
 */
final class LobsterClock
{
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

    private final LocalDate date;
    private final long midnightAsUtcNs;
    private final long offsetBeforeNs;
    private final long offsetAfterNs;
    private final long switchNs;

    LobsterClock(final LocalDate date, final ZoneId zone)
    {
        this.date = date;
        this.midnightAsUtcNs = Math.multiplyExact(date.toEpochDay(), NANOS_PER_DAY);
        final ZonedDateTime midnight = ZonedDateTime.of(date.atStartOfDay(), zone);
        this.offsetBeforeNs = midnight.getOffset().getTotalSeconds() * NANOS_PER_SECOND;
        final ZoneOffsetTransition transition = zone.getRules().nextTransition(midnight.toInstant());
        final LocalDateTime later = transition == null ? null :
            transition.getDateTimeBefore().isAfter(transition.getDateTimeAfter()) ?
                transition.getDateTimeBefore() : transition.getDateTimeAfter();
        if (later != null && later.toLocalDate().equals(date))
        {
            final ZoneOffset after = transition.getOffsetAfter();
            this.offsetAfterNs = after.getTotalSeconds() * NANOS_PER_SECOND;
            this.switchNs = later.toLocalTime().toNanoOfDay();
        }
        else
        {
            this.offsetAfterNs = offsetBeforeNs;
            this.switchNs = Long.MAX_VALUE;
        }
    }

    LocalDate date()
    {
        return date;
    }

    /** @param nanosAfterMidnight the Time column as exact nanoseconds (wall clock). */
    long epochNanos(final long nanosAfterMidnight)
    {
        final long offset = nanosAfterMidnight >= switchNs ? offsetAfterNs : offsetBeforeNs;
        return midnightAsUtcNs + nanosAfterMidnight - offset;
    }
}
