package dev.tickwire.engine.quality;

import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data-quality tally of one instrument, updated message by message with primitives only (no
 * allocation per message; a found gap grows an array now and then), read once the scan is done.
 *
 * <p>Silences are measured in event time against the running maximum of the instrument's event
 * times, so a record arriving out of order neither opens nor closes a silence. Records whose own
 * time cannot be trusted (rejected MALFORMED: often time 0; TIME_IN_FUTURE) are counted but do not
 * end a silence, nor count as first or last event.
 */
public final class InstrumentQuality
{
    /** How many crossed-book moments are kept with their time (all are counted). */
    public static final int CROSSED_TIMES_KEPT = 5;

    /** Reject reason codes below this are counted one by one; the rest (none yet) share the last slot. */
    public static final int REASON_SLOTS = 16;

    private static final int GAP_FIELDS = 3;

    private final Instrument instrument;
    private final TradingCalendar calendar;
    private final long maxSilenceNs;
    private final long[] rejectsByCode = new long[REASON_SLOTS];
    private final long[] crossedTimes = new long[CROSSED_TIMES_KEPT];
    private long trades;
    private long quotes;
    private long bookDeltas;
    private long statuses;
    private long accepted;
    private long rejected;
    private long firstNs = Values.NONE;
    private long lastNs = Values.NONE;
    private long clockNs;
    private long crossedMoments;
    private long lastCrossedNs = Values.NONE;
    private boolean lastWasCrossed;
    private long[] gaps = new long[GAP_FIELDS * 4];
    private int gapCount;

    /**
     * @param startNs where silence starts being measured: the report's --from, or {@link Values#NONE}
     *                (then from the first event)
     */
    InstrumentQuality(
        final Instrument instrument, final TradingCalendar calendar, final long maxSilenceNs, final long startNs)
    {
        this.instrument = instrument;
        this.calendar = calendar;
        this.maxSilenceNs = maxSilenceNs;
        this.clockNs = startNs;
    }

    /** A market event (trade, quote, book delta) of this instrument, inside the report's window. */
    void onMarketEvent(final int templateId, final long eventTimeNs, final boolean isAccepted, final int rejectCode)
    {
        switch (templateId)
        {
            case MessageTypes.TRADE: trades++; break;
            case MessageTypes.QUOTE: quotes++; break;
            default: bookDeltas++; break;
        }
        final boolean crossed = !isAccepted && rejectCode == RejectReason.CROSSED_BOOK.value();
        if (isAccepted)
        {
            accepted++;
        }
        else
        {
            rejected++;
            rejectsByCode[Math.min(rejectCode, REASON_SLOTS - 1)]++;
            if (crossed)
            {
                onCrossed(eventTimeNs);
            }
        }
        lastWasCrossed = crossed;
        if (isAccepted || hasTrustedTime(rejectCode))
        {
            onTime(eventTimeNs);
        }
    }

    /** A status message about this instrument: counted, but not a market event, so no end to a silence. */
    void onStatus()
    {
        statuses++;
    }

    /** The end of the scan: with an explicit --to, the time since the last event up to it is a silence too. */
    void finish(final long endNs)
    {
        if (endNs != Long.MAX_VALUE && clockNs != Values.NONE && endNs > clockNs)
        {
            silence(clockNs, endNs);
        }
    }

    private static boolean hasTrustedTime(final int rejectCode)
    {
        return rejectCode != RejectReason.MALFORMED.value() && rejectCode != RejectReason.TIME_IN_FUTURE.value();
    }

    /** A crossed batch rejects every delta in it: consecutive crossed rejects at one time are one moment. */
    private void onCrossed(final long eventTimeNs)
    {
        if (lastWasCrossed && eventTimeNs == lastCrossedNs)
        {
            return;
        }
        if (crossedMoments < CROSSED_TIMES_KEPT)
        {
            crossedTimes[(int)crossedMoments] = eventTimeNs;
        }
        crossedMoments++;
        lastCrossedNs = eventTimeNs;
    }

    private void onTime(final long eventTimeNs)
    {
        if (firstNs == Values.NONE || eventTimeNs < firstNs)
        {
            firstNs = eventTimeNs;
        }
        if (lastNs == Values.NONE || eventTimeNs > lastNs)
        {
            lastNs = eventTimeNs;
        }
        if (clockNs == Values.NONE)
        {
            clockNs = eventTimeNs;
        }
        else if (eventTimeNs > clockNs)
        {
            silence(clockNs, eventTimeNs);
            clockNs = eventTimeNs;
        }
    }

    /** The wall-clock test first: the calendar is only asked about silences that could be gaps. */
    private void silence(final long startNs, final long endNs)
    {
        if (endNs - startNs <= maxSilenceNs)
        {
            return;
        }
        final long openNs = calendar.openNanos(startNs, endNs);
        if (openNs > maxSilenceNs)
        {
            if (gapCount * GAP_FIELDS == gaps.length)
            {
                gaps = Arrays.copyOf(gaps, gaps.length * 2);
            }
            final int i = gapCount * GAP_FIELDS;
            gaps[i] = startNs;
            gaps[i + 1] = endNs;
            gaps[i + 2] = openNs;
            gapCount++;
        }
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public String symbol()
    {
        return instrument.symbol();
    }

    public long trades()
    {
        return trades;
    }

    public long quotes()
    {
        return quotes;
    }

    public long bookDeltas()
    {
        return bookDeltas;
    }

    /** Status messages naming this instrument (not market events). */
    public long statuses()
    {
        return statuses;
    }

    /** Market events, accepted and rejected. */
    public long events()
    {
        return trades + quotes + bookDeltas;
    }

    public long accepted()
    {
        return accepted;
    }

    public long rejected()
    {
        return rejected;
    }

    /** Earliest trusted event time, or {@link Values#NONE} if there was no event. */
    public long firstEventNs()
    {
        return firstNs;
    }

    /** Latest trusted event time, or {@link Values#NONE} if there was no event. */
    public long lastEventNs()
    {
        return lastNs;
    }

    /** Records rejected as TIME_BACKWARDS: they arrived after a later one of their source. */
    public long outOfOrder()
    {
        return rejects(RejectReason.TIME_BACKWARDS);
    }

    /** Records rejected as DUPLICATE_POSITION: a source position the journal already had. */
    public long duplicates()
    {
        return rejects(RejectReason.DUPLICATE_POSITION);
    }

    public long rejects(final RejectReason reason)
    {
        return rejectsByCode(reason.value());
    }

    /**
     * Rejects by raw reason code: codes from {@code REASON_SLOTS - 1} up (none in this schema) are
     * counted together under that code.
     */
    public long rejectsByCode(final int code)
    {
        return rejectsByCode[Math.min(code, REASON_SLOTS - 1)];
    }

    /** Moments the book would have been crossed (CROSSED_BOOK rejects; one batch is one moment). */
    public long crossedMoments()
    {
        return crossedMoments;
    }

    /** Times of the first {@link #CROSSED_TIMES_KEPT} crossed moments. */
    public long[] firstCrossedTimesNs()
    {
        return Arrays.copyOf(crossedTimes, (int)Math.min(crossedMoments, CROSSED_TIMES_KEPT));
    }

    public int gapCount()
    {
        return gapCount;
    }

    /** The silences longer than the limit in open hours, in the order found (event time). */
    public List<Gap> gaps()
    {
        final List<Gap> list = new ArrayList<>(gapCount);
        for (int i = 0; i < gapCount; i++)
        {
            list.add(new Gap(gaps[i * GAP_FIELDS], gaps[i * GAP_FIELDS + 1], gaps[i * GAP_FIELDS + 2]));
        }
        return list;
    }
}
