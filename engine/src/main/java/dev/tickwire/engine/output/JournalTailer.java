package dev.tickwire.engine.output;

import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Feeds one output from the journal, off the engine thread: a named reader with a durable checkpoint
 * ({@code <journal>/outputs/<name>.checkpoint}), run as an Agrona {@link Agent}. It reads what the engine
 * has journaled, hands each message to the sink in journal order, asks the sink to flush every
 * {@code flushEveryMessages} messages or {@code flushEveryNs}, and stores the checkpoint only after a
 * flush succeeded. A failing sink (a stopped broker, a full disk) makes the output lag, never the
 * engine: the failure is said once and counted, the tailer backs off (doubling to 30 s) and then
 * delivers again from its last checkpoint.
 */
public final class JournalTailer implements Agent, JournalHandler
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.outputs");
    private static final int READ_LIMIT = 4096;
    private static final long FIRST_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NS = TimeUnit.SECONDS.toNanos(30);

    private final Journal journal;
    private final String name;
    private final OutputSink sink;
    private final long flushEveryMessages;
    private final long flushEveryNs;
    private final TailerCheckpoint checkpoint;
    private final AtomicCounter delivered;
    private final AtomicCounter errors;
    private final NanoClock clock;
    private final ThrottledLog failures;
    private JournalReader reader;
    private long checkpointIndex = Values.NONE;
    /** The excerpt at this index was delivered before: skip it when reading resumes there. */
    private long skipIndex = Values.NONE;
    private long lastIndex = Values.NONE;
    private long lastSequence = -1;
    private long pending;
    private long lastFlushNs;
    private long backoffNs;
    private long retryAtNs;
    private Gauges gauges;
    private long gaugesAtNs;
    private long lastWatermarkNs = Values.NONE;
    private long flushedWatermarkNs = Values.NONE;
    private long flushedSequence = -1;

    /**
     * Levels for {@code tickwire outputs status} and {@code /metrics}: the engine sequence flushed through,
     * the lag behind the journal in messages and in event time, 1 while failing (backing off).
     */
    public record Gauges(AtomicCounter flushedSequence, AtomicCounter lagMessages, AtomicCounter lagMs,
        AtomicCounter failing)
    {
    }

    /** Keeps {@code gauges} up to date (about once a second, from the tailer's thread). */
    public JournalTailer gauges(final Gauges gauges)
    {
        this.gauges = gauges;
        return this;
    }

    public JournalTailer(final Journal journal, final String name, final OutputSink sink, final long flushEveryMessages,
        final long flushEveryNs, final AtomicCounter delivered, final AtomicCounter errors)
    {
        this(journal, name, sink, flushEveryMessages, flushEveryNs, delivered, errors, SystemNanoClock.INSTANCE);
    }

    JournalTailer(final Journal journal, final String name, final OutputSink sink, final long flushEveryMessages,
        final long flushEveryNs, final AtomicCounter delivered, final AtomicCounter errors, final NanoClock clock)
    {
        this.journal = journal;
        this.name = name;
        this.sink = sink;
        this.flushEveryMessages = flushEveryMessages;
        this.flushEveryNs = flushEveryNs;
        this.checkpoint = new TailerCheckpoint(journal.dir(), name);
        this.delivered = delivered;
        this.errors = errors;
        this.clock = clock;
        this.failures = new ThrottledLog(LOG, "output " + name + ": failures", 1);
    }

    @Override
    public void onStart()
    {
        reader = journal.reader();
        checkpointIndex = checkpoint.load();
        flushedSequence = checkpointIndex == Values.NONE ? -1 : checkpoint.sequence();
        flushedWatermarkNs = checkpoint.watermarkNs();
        lastWatermarkNs = flushedWatermarkNs;
        rewind();
        lastFlushNs = clock.nanoTime();
    }

    /** Positions the reader just after the sink's resume point: the messages after it come (again). */
    private void rewind()
    {
        final long resume = sink.resumeAfter(checkpointIndex);
        pending = 0;
        if (resume == Values.NONE)
        {
            reader.toStart();
            skipIndex = Values.NONE;
        }
        else if (reader.moveToIndex(resume))
        {
            skipIndex = resume;
        }
        else
        {
            // the journal no longer holds it (pruned by retention): say what is missing, go on from the start
            LOG.warn("output {}: its checkpoint (journal index {}) is not in the journal any more; reading from the " +
                "journal's first message: what lay between is not delivered", name, resume);
            reader.toStart();
            skipIndex = Values.NONE;
        }
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        if (backoffNs > 0 && now - retryAtNs < 0)
        {
            return 0;
        }
        try
        {
            final int read = reader.poll(this, READ_LIMIT);
            if (pending > 0 && (pending >= flushEveryMessages || now - lastFlushNs >= flushEveryNs))
            {
                flush(now);
            }
            backoffNs = 0;
            updateGauges(now);
            return read;
        }
        catch (final Exception ex)
        {
            failed(ex, now);
            return 0;
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermarkNs)
    {
        if (index == skipIndex)
        {
            skipIndex = Values.NONE;
            return;
        }
        sink.onMessage(buffer, offset, length, index, watermarkNs);
        lastIndex = index;
        lastSequence = Envelope.sequence(buffer, offset);
        lastWatermarkNs = watermarkNs;
        pending++;
        delivered.incrementRelease();
    }

    private void flush(final long now) throws Exception
    {
        sink.flush();
        checkpoint.store(lastIndex, lastSequence, lastWatermarkNs);
        checkpointIndex = lastIndex;
        flushedSequence = lastSequence;
        flushedWatermarkNs = lastWatermarkNs;
        pending = 0;
        lastFlushNs = now;
    }

    /** Said once then counted; back off; deliver again from the last checkpoint. */
    private void failed(final Exception ex, final long now)
    {
        errors.incrementRelease();
        backoffNs = backoffNs == 0 ? FIRST_BACKOFF_NS : Math.min(backoffNs * 2, MAX_BACKOFF_NS);
        retryAtNs = now + backoffNs;
        failures.error(ex, "output {}: {}; retrying in {} ms from its last checkpoint", name, ex.toString(),
            TimeUnit.NANOSECONDS.toMillis(backoffNs));
        checkpoint.storeError(dev.tickwire.engine.net.Backoff.describe(ex));
        updateGauges(now);
        rewind();
    }

    /** Lag behind the journal: read from its end about once a second (two reads of the last excerpt). */
    private void updateGauges(final long now)
    {
        if (gauges == null || now - gaugesAtNs < TimeUnit.SECONDS.toNanos(1) && (backoffNs > 0) == (gauges.failing().get() > 0))
        {
            return; // a change between failing and not shows at once
        }
        gaugesAtNs = now;
        gauges.failing().setRelease(backoffNs > 0 ? 1 : 0);
        gauges.flushedSequence().setRelease(flushedSequence);
        final long last = journal.lastSequence();
        gauges.lagMessages().setRelease(last < 0 ? 0 : Math.max(0, last - flushedSequence));
        final long watermark = journal.lastWatermarkNs();
        gauges.lagMs().setRelease(watermark == Values.NONE ? 0 : flushedWatermarkNs == Values.NONE ?
            (last > flushedSequence ? -1 : 0) : Math.max(0, (watermark - flushedWatermarkNs) / 1_000_000));
    }

    @Override
    public void onClose()
    {
        try
        {
            if (pending > 0 && backoffNs == 0)
            {
                flush(clock.nanoTime());
            }
        }
        catch (final Exception ex)
        {
            errors.incrementRelease();
            LOG.warn("output {}: last flush failed ({}); the messages after its checkpoint come again at the next start",
                name, ex.toString());
        }
        finally
        {
            failures.flush();
            sink.close();
            if (reader != null)
            {
                reader.close();
            }
        }
    }

    @Override
    public String roleName()
    {
        return "output " + name;
    }

    /** The journal index of the last message the sink flushed, or {@link Values#NONE}. */
    public long checkpointIndex()
    {
        return checkpointIndex;
    }
}
