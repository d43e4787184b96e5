package dev.tickwire.adapters.rest;

import dev.tickwire.wire.Values;
import io.github.bucket4j.Bucket;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * One (poll, symbol) of a source: its own source id and position, so the validator's duplicate and time checks and
 * a restart's resume work per stream. Its poller fills its queue; its adapter drains it into the ring.
 *
 * <p>Threads: the adapter sets the resume point and counters in {@link #register}, then the poller owns
 * {@link #cursor}, the schedule and the counters (each counter has that one writer).
 */
final class PollStream
{
    static final long NS_PER_MS = 1_000_000L;

    final RestConfig.Poll poll;
    final String symbol;
    /** "binance-futures klines 1m BTCUSDT": the adapter's role name, as status and metrics show it. */
    final String name;
    /** The key of its source id in the journal's source catalog. */
    final String key;
    final int sourceId;
    final DataPoll data;
    final long everyNs;
    final long backfillMs;
    final Bucket bucket;
    final OneToOneConcurrentArrayQueue<Item> queue;

    private volatile boolean registered;
    private long resumePosition = Values.NONE;
    private long resumeEventNs;

    // the poller's
    boolean initialised;
    /** The last position handed to the adapter (or the journal's last): anything at or before it is a duplicate. */
    long cursor = Values.NONE;
    long lastEventNs;
    long nextPollNs;
    int failuresInARow;
    boolean caughtUp;
    /** Where the next history request starts when a window came back empty (the position did not move). */
    long historyFromMs;
    Counters counters;

    /** The stream's counters, made by its adapter at start (so they carry its source id and name). */
    record Counters(AtomicCounter polls, AtomicCounter items, AtomicCounter duplicates, AtomicCounter throttled,
        AtomicCounter retries, AtomicCounter failures, AtomicCounter malformed, AtomicCounter circuitOpen,
        AtomicCounter lastPollMs, AtomicCounter nextPollMs, AtomicCounter rounded)
    {
    }

    PollStream(final RestConfig.Poll poll, final String symbol, final String name, final String key, final int sourceId,
        final DataPoll data, final Bucket bucket, final int queueCapacity)
    {
        this.poll = poll;
        this.symbol = symbol;
        this.name = name;
        this.key = key;
        this.sourceId = sourceId;
        this.data = data;
        this.everyNs = RestConfig.positive("every", poll.every);
        this.backfillMs = RestConfig.nanos("backfill", poll.backfill) / NS_PER_MS;
        this.bucket = bucket;
        this.queue = new OneToOneConcurrentArrayQueue<>(queueCapacity);
    }

    /** Called by the adapter at start, before the poller may poll the stream. */
    void register(final long resumePosition, final long resumeEventNs, final Counters counters)
    {
        this.resumePosition = resumePosition;
        this.resumeEventNs = resumeEventNs;
        this.counters = counters;
        this.registered = true;
    }

    /** True once the adapter started; the poller then takes the resume point once. */
    boolean registered()
    {
        return registered;
    }

    void takeResumePoint()
    {
        cursor = resumePosition;
        lastEventNs = resumeEventNs;
    }

    /**
     * Where history starts for the next poll (epoch ms): just after the stream's position, but no further back than
     * the backfill depth (or {@code minimumMs} when there is none: the latest only).
     */
    long fromMs(final long nowMs, final long minimumMs)
    {
        final long floor = nowMs - Math.max(backfillMs, minimumMs);
        return cursor == Values.NONE ? floor : Math.max(cursor / NS_PER_MS + 1, floor);
    }
}
