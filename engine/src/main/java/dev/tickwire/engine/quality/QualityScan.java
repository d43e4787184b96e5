package dev.tickwire.engine.quality;

import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a journal once, front to back, and tallies the data quality of each instrument (see
 * {@link InstrumentQuality}): silences longer than a limit in a calendar's open hours, out-of-order
 * and duplicate records, rejects by reason, crossed-book moments, first/last event, counts by type.
 *
 * <p>Per message: a few envelope reads and an array lookup, no allocation, so it runs at the speed
 * of the journal on any size. A window ({@link #from}, {@link #to}) is found by binary search and the
 * scan stops once the watermark is past it (allowing {@link Replay#DEFAULT_LAG_ALLOWANCE_NS} for
 * sources that lag). With an explicit window, the time from {@code from} to an instrument's first event
 * and from its last event to {@code to} are silences too: a feed that stopped is a gap.
 *
 * <pre>{@code
 * QualityReport report = new QualityScan(journal).calendar(CmeGlobexCalendar.INSTANCE)
 *     .maxSilenceNs(300_000_000_000L).run();
 * }</pre>
 */
public final class QualityScan
{
    /** Five minutes. */
    public static final long DEFAULT_MAX_SILENCE_NS = 300_000_000_000L;
    private static final int POLL_LIMIT = 4096;

    private final Journal journal;
    private final JournalHandler handler = this::onMessage;
    private TradingCalendar calendar = AlwaysOpenCalendar.INSTANCE;
    private long maxSilenceNs = DEFAULT_MAX_SILENCE_NS;
    private long fromNs = Values.NONE;
    private long toNs = Long.MAX_VALUE;
    private List<String> symbols = List.of();

    private InstrumentQuality[] byId;
    private long stopAfterWatermarkNs;
    private long messagesRead;
    private boolean stop;

    public QualityScan(final Journal journal)
    {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    public QualityScan calendar(final TradingCalendar calendar)
    {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        return this;
    }

    /** A silence is a gap when its open-hours part is longer than this (must be positive). */
    public QualityScan maxSilenceNs(final long maxSilenceNs)
    {
        if (maxSilenceNs <= 0)
        {
            throw new IllegalArgumentException("max silence must be positive: " + maxSilenceNs + " ns");
        }
        this.maxSilenceNs = maxSilenceNs;
        return this;
    }

    /** First event time of the window; Values.NONE (the default) for the start of the journal. */
    public QualityScan from(final long fromNs)
    {
        this.fromNs = fromNs;
        return this;
    }

    /** Last event time of the window, inclusive; Long.MAX_VALUE (the default) for the end of the journal. */
    public QualityScan to(final long toNs)
    {
        this.toNs = toNs;
        return this;
    }

    /** Only these symbols; empty (the default) for every instrument of the journal's catalog. */
    public QualityScan symbols(final List<String> symbols)
    {
        this.symbols = symbols == null ? List.of() : List.copyOf(symbols);
        return this;
    }

    /**
     * Reads the journal (as far as it goes now) and returns the report.
     *
     * @throws IllegalArgumentException if a symbol is not in the journal's catalog, or the window is empty
     */
    public QualityReport run()
    {
        if (toNs < fromNs)
        {
            throw new IllegalArgumentException("--to is before --from");
        }
        final List<InstrumentQuality> selected = select();
        stopAfterWatermarkNs = toNs > Long.MAX_VALUE - Replay.DEFAULT_LAG_ALLOWANCE_NS ?
            Long.MAX_VALUE : toNs + Replay.DEFAULT_LAG_ALLOWANCE_NS;
        messagesRead = 0;
        stop = false;
        try (JournalReader reader = journal.reader())
        {
            if (seek(reader))
            {
                while (!stop && reader.poll(handler, POLL_LIMIT) > 0)
                {
                    // onMessage does the work
                }
            }
        }
        for (final InstrumentQuality q : selected)
        {
            q.finish(toNs);
        }
        return new QualityReport(calendar, maxSilenceNs, fromNs, toNs, messagesRead, selected);
    }

    /**
     * To the window's start less the lag allowance, so events of a lagging source just inside the window
     * are read too. False if nothing in the journal is that late.
     */
    private boolean seek(final JournalReader reader)
    {
        if (fromNs == Values.NONE)
        {
            reader.toStart();
            return true;
        }
        final long seekNs = fromNs < Long.MIN_VALUE + Replay.DEFAULT_LAG_ALLOWANCE_NS ?
            Long.MIN_VALUE : fromNs - Replay.DEFAULT_LAG_ALLOWANCE_NS; // no overflow below the oldest time
        return reader.seekToTime(seekNs);
    }

    private List<InstrumentQuality> select()
    {
        final List<Instrument> chosen = new ArrayList<>();
        if (symbols.isEmpty())
        {
            chosen.addAll(journal.instruments().all());
        }
        else
        {
            for (final String symbol : symbols)
            {
                final Instrument instrument = journal.instruments().bySymbol(symbol.trim()).orElseThrow(() ->
                    new IllegalArgumentException("unknown symbol '" + symbol + "' in " + journal.dir() + "; known: " +
                        journal.instruments().all().stream().map(Instrument::symbol).toList()));
                if (!chosen.contains(instrument))
                {
                    chosen.add(instrument);
                }
            }
            chosen.sort((a, b) -> Integer.compare(a.id(), b.id()));
        }
        int maxId = 0;
        for (final Instrument instrument : chosen)
        {
            maxId = Math.max(maxId, instrument.id());
        }
        byId = new InstrumentQuality[maxId + 1];
        final List<InstrumentQuality> selected = new ArrayList<>(chosen.size());
        for (final Instrument instrument : chosen)
        {
            final InstrumentQuality q = new InstrumentQuality(instrument, calendar, maxSilenceNs,
                fromNs == Values.NONE ? Values.NONE : fromNs);
            byId[instrument.id()] = q;
            selected.add(q);
        }
        return selected;
    }

    private void onMessage(
        final DirectBuffer buffer, final int offset, final int length, final long index, final long watermarkNs)
    {
        if (stop)
        {
            return;
        }
        if (watermarkNs != Values.NONE && watermarkNs > stopAfterWatermarkNs)
        {
            stop = true; // the watermark only grows: nothing after this is inside the window
            return;
        }
        messagesRead++;
        final int type = Envelope.templateId(buffer, offset);
        final boolean market = MessageTypes.isMarketEvent(type);
        if (!market && type != MessageTypes.STATUS)
        {
            return;
        }
        final int id = Envelope.instrumentId(buffer, offset);
        if (id < 0 || id >= byId.length || byId[id] == null)
        {
            return; // not selected, or not in the catalog (an UNKNOWN_INSTRUMENT reject)
        }
        final long eventTimeNs = Envelope.eventTimeNs(buffer, offset);
        if (eventTimeNs < fromNs || eventTimeNs > toNs)
        {
            return;
        }
        if (market)
        {
            byId[id].onMarketEvent(
                type, eventTimeNs, Envelope.isAccepted(buffer, offset), Envelope.rejectReasonCode(buffer, offset));
        }
        else
        {
            byId[id].onStatus();
        }
    }
}
