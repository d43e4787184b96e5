package dev.tickwire.engine.counters;

import dev.tickwire.engine.fanout.Offerer;
import dev.tickwire.wire.sbe.RejectReason;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.util.Locale;

/**
 * The engine's counters. Each counter has one writer (the stage that owns it) and is updated with
 * release semantics, so readers in other threads or processes see consistent values without locks.
 *
 * <p>As Aeron's stream counters do, every counter carries what it counts in its key, so an exporter
 * reads the type id and the key ({@link CounterKeys}) instead of parsing labels: engine counters a
 * metric name; per-source counters the source id and a metric name; reject counters the reason code;
 * publication counters the stream id and a metric name. The label is for people.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Type ids, so a reader can tell counters apart without parsing labels. */
    public static final int TYPE_ENGINE = 1;
    public static final int TYPE_REJECT = 2;
    public static final int TYPE_SOURCE_LAST_EVENT_TIME = 3;
    public static final int TYPE_SOURCE = 5;
    public static final int TYPE_PUBLICATION = 6;
    public static final int TYPE_OUTPUT = 7;
    /** Engine values that go up and down (a time, a number firing): key = the metric name. */
    public static final int TYPE_ENGINE_GAUGE = 8;
    /** A source's {@link SourceState}; its key carries the source id and the source's role name. */
    public static final int TYPE_SOURCE_STATE = 9;

    private final CountersManager manager;
    private final AtomicCounter ticksIn;
    private final AtomicCounter accepted;
    private final AtomicCounter rejectedTotal;
    private final AtomicCounter[] rejectedByReason = new AtomicCounter[256];
    private final AtomicCounter journalAppends;
    private final AtomicCounter journalBytes;
    private final AtomicCounter bookUpdates;
    private final AtomicCounter published;
    private final AtomicCounter backPressured;
    private final AtomicCounter dropped;
    private final AtomicCounter notConnected;
    private final AtomicCounter definitionsRepeated;
    private final AtomicCounter errors;
    private final AtomicCounter[] sourceLastEventTime = new AtomicCounter[1 << 16];
    private final AtomicCounter[] sourceAccepted = new AtomicCounter[1 << 16];
    private final AtomicCounter[] sourceRejected = new AtomicCounter[1 << 16];
    private final AtomicCounter[] sourceState = new AtomicCounter[1 << 16];
    private final AtomicCounter heartbeats;
    private final AtomicCounter heartbeatTimeMs;
    private final AtomicCounter alertsFiring;
    private final AtomicCounter alertsFired;
    private final AtomicCounter alertNotices;
    private final AtomicCounter subscribers;

    public EngineCounters(final CountersManager manager)
    {
        this.manager = manager;
        ticksIn = engine("ticks_in", "ticks in");
        accepted = engine("ticks_accepted", "ticks accepted");
        rejectedTotal = engine("ticks_rejected", "ticks rejected");
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL)
            {
                rejectedByReason[reason.value()] = manager.newCounter("rejected: " + reason.name(), TYPE_REJECT,
                    key -> CounterKeys.putInt(key, 0, reason.value()));
            }
        }
        journalAppends = engine("journal_appends", "journal appends");
        journalBytes = engine("journal_bytes", "journal bytes");
        bookUpdates = engine("book_updates", "book updates");
        published = engine("aeron_published", "aeron published");
        backPressured = engine("aeron_back_pressured", "aeron back-pressured");
        dropped = engine("aeron_dropped", "aeron dropped");
        notConnected = engine("aeron_not_connected", "aeron not connected");
        definitionsRepeated = engine("definitions_repeated", "definitions re-sent");
        errors = engine("errors", "engine errors");
        heartbeats = engine("heartbeats", "heartbeats");
        heartbeatTimeMs = gauge("heartbeat_time_ms", "last heartbeat (epoch ms)");
        alertsFiring = gauge("alerts_firing", "alerts firing");
        alertsFired = engine("alerts_fired", "alerts fired");
        alertNotices = engine("alert_notices", "alert notices sent");
        subscribers = gauge("aeron_subscribers", "aeron subscribers");
    }

    /** Another engine counter (a component's own), keyed by its metric name; allocate at start, not per tick. */
    public synchronized AtomicCounter engineCounter(final String metric, final String label)
    {
        return engine(metric, label);
    }

    private AtomicCounter gauge(final String metric, final String label)
    {
        return manager.newCounter(label, TYPE_ENGINE_GAUGE, key -> CounterKeys.putName(key, 0, metric));
    }

    private AtomicCounter engine(final String metric, final String label)
    {
        return manager.newCounter(label, TYPE_ENGINE, key -> CounterKeys.putName(key, 0, metric));
    }

    public AtomicCounter ticksIn()
    {
        return ticksIn;
    }

    public AtomicCounter accepted()
    {
        return accepted;
    }

    public AtomicCounter rejectedTotal()
    {
        return rejectedTotal;
    }

    /** Counts one judged message of a source (under its reject reason when rejected). */
    public void countVerdict(final int sourceId, final boolean accepted, final int reasonCode)
    {
        if (accepted)
        {
            this.accepted.incrementRelease();
            final AtomicCounter perSource = sourceAccepted[sourceId];
            if (perSource != null)
            {
                perSource.incrementRelease();
            }
            return;
        }
        countReject(reasonCode);
        final AtomicCounter perSource = sourceRejected[sourceId];
        if (perSource != null)
        {
            perSource.incrementRelease();
        }
    }

    /** Counts one rejected message under its reason and in the total. */
    public void countReject(final int reasonCode)
    {
        rejectedTotal.incrementRelease();
        final AtomicCounter counter = rejectedByReason[reasonCode];
        (counter != null ? counter : rejectedByReason[RejectReason.MALFORMED.value()]).incrementRelease();
    }

    public long rejectedCount(final RejectReason reason)
    {
        return rejectedByReason[reason.value()].get();
    }

    public AtomicCounter journalAppends()
    {
        return journalAppends;
    }

    /** Payload bytes appended to the journal (messages plus their watermark). */
    public AtomicCounter journalBytes()
    {
        return journalBytes;
    }

    public AtomicCounter bookUpdates()
    {
        return bookUpdates;
    }

    public AtomicCounter published()
    {
        return published;
    }

    public AtomicCounter backPressured()
    {
        return backPressured;
    }

    public AtomicCounter dropped()
    {
        return dropped;
    }

    public AtomicCounter notConnected()
    {
        return notConnected;
    }

    /** The market-data stream's offer counters, for its {@link Offerer}. */
    public Offerer.Counters streamCounters()
    {
        return new Offerer.Counters(published, backPressured, dropped, notConnected);
    }

    /** Times the instrument definitions were offered again for subscribers that joined late. */
    public AtomicCounter definitionsRepeated()
    {
        return definitionsRepeated;
    }

    /** Exceptions caught in a stage or an adapter; the engine logs them and goes on. */
    public AtomicCounter errors()
    {
        return errors;
    }

    /** Allocates the per-source counters; called once per source at start, not on the hot path. */
    public synchronized AtomicCounter sourceLastEventTime(final int sourceId, final String name)
    {
        AtomicCounter counter = sourceLastEventTime[sourceId];
        if (counter == null)
        {
            counter = manager.newCounter("source " + sourceId + " (" + name + ") last event time ns",
                TYPE_SOURCE_LAST_EVENT_TIME, key -> CounterKeys.putSource(key, sourceId, "last_event_time_ns"));
            sourceLastEventTime[sourceId] = counter;
        }
        return counter;
    }

    /**
     * Allocates a source's counters (last event time, state, messages accepted and rejected); called
     * once per source at start, not on the hot path.
     */
    public synchronized void registerSource(final int sourceId, final String name)
    {
        sourceLastEventTime(sourceId, name);
        if (sourceState[sourceId] == null)
        {
            sourceState[sourceId] = manager.newCounter("source " + sourceId + " (" + name + ") state",
                TYPE_SOURCE_STATE, key -> CounterKeys.putSource(key, sourceId, name));
            sourceAccepted[sourceId] = sourceCounter(sourceId, name, "messages accepted");
            sourceRejected[sourceId] = sourceCounter(sourceId, name, "messages rejected");
        }
    }

    /** A source's state counter ({@link SourceState#code()}), or null before {@link #registerSource}. */
    public AtomicCounter sourceState(final int sourceId)
    {
        return sourceState[sourceId];
    }

    /** Heartbeats sent (journaled and published). */
    public AtomicCounter heartbeats()
    {
        return heartbeats;
    }

    /** Epoch ms of the last heartbeat: a watcher in another process tells a live engine from a hung one. */
    public AtomicCounter heartbeatTimeMs()
    {
        return heartbeatTimeMs;
    }

    /** Subscribers of the market-data stream, as of the last heartbeat. */
    public AtomicCounter subscribers()
    {
        return subscribers;
    }

    /** Alert rules firing now. */
    public AtomicCounter alertsFiring()
    {
        return alertsFiring;
    }

    /** Alerts that started firing. */
    public AtomicCounter alertsFired()
    {
        return alertsFired;
    }

    /** Notices handed to the alert channels (firing, reminders, resolved). */
    public AtomicCounter alertNotices()
    {
        return alertNotices;
    }

    /** The per-source counter if allocated, else null. */
    public AtomicCounter sourceLastEventTimeOrNull(final int sourceId)
    {
        return sourceLastEventTime[sourceId];
    }

    /**
     * A counter of one source's own (bad files, bars skipped, errors, …), allocated at start, not per
     * tick: labelled "{@code sourceName}: {@code what}", keyed by the source id and {@code what} as a
     * metric name ("file problems" → file_problems).
     */
    public synchronized AtomicCounter sourceCounter(final int sourceId, final String sourceName, final String what)
    {
        return manager.newCounter(sourceName + ": " + what, TYPE_SOURCE,
            key -> CounterKeys.putSource(key, sourceId, CounterKeys.metricName(what)));
    }

    /**
     * A counter of one output (messages delivered, errors), labelled "output {@code name}: {@code what}",
     * keyed by the output's place in the config and {@code what} as a metric name.
     */
    public synchronized AtomicCounter outputCounter(final int outputId, final String name, final String what)
    {
        return manager.newCounter("output " + name + ": " + what, TYPE_OUTPUT,
            key -> CounterKeys.putSource(key, outputId, CounterKeys.metricName(what)));
    }

    /** The offer counters of another publication (e.g. the bars stream), keyed by its stream id. */
    public synchronized Offerer.Counters publicationCounters(final int streamId, final String streamName)
    {
        return new Offerer.Counters(publication(streamId, streamName, "published"),
            publication(streamId, streamName, "back-pressured"), publication(streamId, streamName, "dropped"),
            publication(streamId, streamName, "not connected"));
    }

    private AtomicCounter publication(final int streamId, final String streamName, final String what)
    {
        return manager.newCounter(streamName + " " + what, TYPE_PUBLICATION,
            key -> CounterKeys.putSource(key, streamId, CounterKeys.metricName(what)));
    }

    @Override
    public void close()
    {
        // counters stay in the file after exit so `tickwire stat` can show the last run's totals
    }

    /** How counters carry what they count, written and read at fixed offsets of the key buffer. */
    public static final class CounterKeys
    {
        /** Key layout of a keyed-by-id counter: int id, then the metric name (int length + ASCII). */
        public static final int ID_OFFSET = 0;
        public static final int NAME_OFFSET = 4;
        private static final int MAX_NAME = 96;

        private CounterKeys()
        {
        }

        static int putInt(final MutableDirectBuffer key, final int offset, final int value)
        {
            key.putInt(offset, value);
            return offset + 4;
        }

        static void putName(final MutableDirectBuffer key, final int offset, final String name)
        {
            final String cut = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
            key.putStringAscii(offset, cut);
        }

        static void putSource(final MutableDirectBuffer key, final int id, final String metric)
        {
            putName(key, putInt(key, ID_OFFSET, id), metric);
        }

        /** "file problems" → "file_problems", "rewrites (resyncs)" → "rewrites_resyncs". */
        public static String metricName(final String what)
        {
            final String lower = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            return lower.replaceAll("^_+|_+$", "");
        }

        /** The id of a keyed counter (source id, stream id, reject reason code). */
        public static int id(final org.agrona.DirectBuffer key, final int keyOffset)
        {
            return key.getInt(keyOffset + ID_OFFSET);
        }

        /** The metric name of an engine counter (key = the name). */
        public static String engineMetric(final org.agrona.DirectBuffer key, final int keyOffset)
        {
            return key.getStringAscii(keyOffset);
        }

        /** The metric name of a source or publication counter (key = id, then the name). */
        public static String metric(final org.agrona.DirectBuffer key, final int keyOffset)
        {
            return key.getStringAscii(keyOffset + NAME_OFFSET);
        }
    }
}
