package dev.tickwire.engine.quality;

import dev.tickwire.wire.Values;

import java.util.List;

/**
 * The result of a {@link QualityScan}: one {@link InstrumentQuality} per instrument, in catalog
 * (id) order, and the settings they were judged with.
 *
 * @param calendar     whose open hours count towards a silence
 * @param maxSilenceNs a silence is a gap when its open-hours part is longer than this
 * @param fromNs       start of the window, or Values.NONE for the start of the journal
 * @param toNs         end of the window (inclusive), or Long.MAX_VALUE for the end of the journal
 * @param messagesRead journal excerpts read
 * @param instruments  by instrument id
 */
public record QualityReport(
    TradingCalendar calendar, long maxSilenceNs, long fromNs, long toNs, long messagesRead,
    List<InstrumentQuality> instruments)
{
    /** Gaps of all instruments together: what --fail-over is compared with. */
    public long totalGaps()
    {
        long total = 0;
        for (final InstrumentQuality q : instruments)
        {
            total += q.gapCount();
        }
        return total;
    }

    public InstrumentQuality instrument(final String symbol)
    {
        for (final InstrumentQuality q : instruments)
        {
            if (q.symbol().equals(symbol))
            {
                return q;
            }
        }
        throw new IllegalArgumentException("no instrument " + symbol + " in the report");
    }
}
