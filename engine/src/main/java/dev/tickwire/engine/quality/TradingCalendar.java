package dev.tickwire.engine.quality;

import java.util.List;
import java.util.Locale;

/**
 * When a market is open, so a data-quality report does not call a market's closed hours a gap in
 * the data. Times are epoch nanoseconds (UTC); implementations do their own time-zone arithmetic.
 */
public interface TradingCalendar
{
    /** Names accepted by {@link #named(String)}. */
    List<String> NAMES = List.of(AlwaysOpenCalendar.NAME, CmeGlobexCalendar.NAME);

    /** The name this calendar is chosen by: 24x7, CME. */
    String name();

    /** One line for people: what the calendar models and what it leaves out. */
    String description();

    /** Nanoseconds of open market in {@code [fromNs, toNs)}; 0 when {@code toNs <= fromNs}. */
    long openNanos(long fromNs, long toNs);

    /** True if the market is open at this instant. */
    default boolean isOpen(final long timeNs)
    {
        return timeNs != Long.MAX_VALUE && openNanos(timeNs, timeNs + 1) == 1;
    }

    /**
     * The calendar of a name: {@code 24x7} (always open) or {@code CME} (Globex equity and interest-rate
     * futures hours, without exchange holidays); case-insensitive.
     *
     * @throws IllegalArgumentException for any other name
     */
    static TradingCalendar named(final String name)
    {
        switch (name.trim().toUpperCase(Locale.ROOT))
        {
            case "24X7": return AlwaysOpenCalendar.INSTANCE;
            case "CME": return CmeGlobexCalendar.INSTANCE;
            default: throw new IllegalArgumentException("unknown calendar '" + name + "'; use one of " + NAMES);
        }
    }
}
