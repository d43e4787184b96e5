package dev.tickwire.engine.quality;

import org.junit.jupiter.api.Test;

import static dev.tickwire.engine.quality.QualityJournal.HOUR;
import static dev.tickwire.engine.quality.QualityJournal.MINUTE;
import static dev.tickwire.engine.quality.QualityJournal.chicago;
import static dev.tickwire.engine.quality.QualityJournal.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradingCalendarTest
{
    private final TradingCalendar cme = TradingCalendar.named("CME");

    @Test
    void namesChooseTheCalendar()
    {
        assertThat(TradingCalendar.named("cme")).isSameAs(CmeGlobexCalendar.INSTANCE);
        assertThat(TradingCalendar.named("24x7")).isSameAs(AlwaysOpenCalendar.INSTANCE);
        assertThat(TradingCalendar.named("24X7").name()).isEqualTo("24x7");
        assertThatThrownBy(() -> TradingCalendar.named("NYSE")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("NYSE").hasMessageContaining("[24x7, CME]");
        assertThat(cme.description()).contains("holidays not modelled");
    }

    @Test
    void alwaysOpenCountsEveryNanosecond()
    {
        final TradingCalendar always = AlwaysOpenCalendar.INSTANCE;
        assertThat(always.openNanos(100, 250)).isEqualTo(150);
        assertThat(always.openNanos(250, 100)).isZero();
        assertThat(always.isOpen(chicago("2026-11-21T12:00"))).isTrue(); // a Saturday
    }

    @Test
    void cmeIsOpenSundayEveningToFridayAfternoonWithADailyHalt()
    {
        assertThat(cme.isOpen(chicago("2026-11-18T10:00"))).as("Wednesday morning").isTrue();
        assertThat(cme.isOpen(chicago("2026-11-18T15:59:59.999999999"))).isTrue();
        assertThat(cme.isOpen(chicago("2026-11-18T16:00"))).as("daily halt").isFalse();
        assertThat(cme.isOpen(chicago("2026-11-18T16:59:59"))).isFalse();
        assertThat(cme.isOpen(chicago("2026-11-18T17:00"))).isTrue();
        assertThat(cme.isOpen(chicago("2026-11-18T23:59"))).isTrue();
        assertThat(cme.isOpen(chicago("2026-11-19T00:00"))).as("overnight").isTrue();
        assertThat(cme.isOpen(chicago("2026-11-20T15:59"))).as("Friday").isTrue();
        assertThat(cme.isOpen(chicago("2026-11-20T17:30"))).as("Friday evening: closed for the weekend").isFalse();
        assertThat(cme.isOpen(chicago("2026-11-21T12:00"))).as("Saturday").isFalse();
        assertThat(cme.isOpen(chicago("2026-11-22T16:59"))).as("Sunday afternoon").isFalse();
        assertThat(cme.isOpen(chicago("2026-11-22T17:00"))).as("Sunday open").isTrue();
        assertThat(cme.isOpen(chicago("2026-11-23T16:30"))).as("Monday halt").isFalse();
        assertThat(cme.isOpen(chicago("2026-11-26T16:30"))).as("Thursday halt").isFalse();
    }

    @Test
    void aWeekHasFiveSessionsOf23Hours()
    {
        // winter (CST), summer (CDT), and the weeks around both DST switches
        assertThat(cme.openNanos(chicago("2026-11-21T12:00"), chicago("2026-11-28T12:00"))).isEqualTo(115 * HOUR);
        assertThat(cme.openNanos(chicago("2026-07-11T12:00"), chicago("2026-07-18T12:00"))).isEqualTo(115 * HOUR);
        assertThat(cme.openNanos(chicago("2026-03-07T12:00"), chicago("2026-03-14T12:00"))).isEqualTo(115 * HOUR);
        assertThat(cme.openNanos(chicago("2026-10-31T12:00"), chicago("2026-11-07T12:00"))).isEqualTo(115 * HOUR);
        // two weeks at once
        assertThat(cme.openNanos(chicago("2026-03-01T00:00"), chicago("2026-03-15T00:00"))).isEqualTo(230 * HOUR);
    }

    @Test
    void openHoursFollowDaylightSavingTime()
    {
        // Sunday 2026-03-08: clocks went forward at 02:00, so 17:00 CDT is 22:00 UTC
        assertThat(cme.isOpen(utc("2026-03-08T21:59"))).isFalse();
        assertThat(cme.isOpen(utc("2026-03-08T22:00"))).isTrue();
        // the Friday before was still CST: 16:00 is 22:00 UTC
        assertThat(cme.isOpen(utc("2026-03-06T21:59"))).isTrue();
        assertThat(cme.isOpen(utc("2026-03-06T22:00"))).isFalse();
        // Sunday 2026-11-01: back to CST, 17:00 is 23:00 UTC
        assertThat(cme.isOpen(utc("2026-11-01T22:30"))).isFalse();
        assertThat(cme.isOpen(utc("2026-11-01T23:00"))).isTrue();
        // Monday 2026-03-09 halt in CDT: 21:00-22:00 UTC
        assertThat(cme.openNanos(utc("2026-03-09T20:55"), utc("2026-03-09T22:05"))).isEqualTo(10 * MINUTE);
    }

    @Test
    void onlyTheOpenPartOfAnIntervalCounts()
    {
        assertThat(cme.openNanos(chicago("2026-11-18T15:57"), chicago("2026-11-18T16:04"))).isEqualTo(3 * MINUTE);
        assertThat(cme.openNanos(chicago("2026-11-19T15:50"), chicago("2026-11-19T17:03"))).isEqualTo(13 * MINUTE);
        assertThat(cme.openNanos(chicago("2026-11-18T16:10"), chicago("2026-11-18T16:50"))).isZero();
        assertThat(cme.openNanos(chicago("2026-11-20T15:59:30"), chicago("2026-11-22T17:00:30"))).isEqualTo(MINUTE);
        assertThat(cme.openNanos(chicago("2026-11-18T10:00"), chicago("2026-11-18T10:07"))).isEqualTo(7 * MINUTE);
        assertThat(cme.openNanos(chicago("2026-11-18T10:07"), chicago("2026-11-18T10:00"))).isZero();
    }

    @Test
    void farBoundsEnd()
    {
        final long from = chicago("2262-04-05T00:00");
        assertThat(cme.openNanos(from, Long.MAX_VALUE)).isPositive();
    }
}
