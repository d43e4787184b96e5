package dev.tickwire.adapters.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Answers that change rarely (exchangeInfo, instrument lists), kept for a time-to-live so a poll does not ask for
 * them each time. Used on one poller thread only.
 */
final class TtlCache
{
    /** Loads a value; may fail (then nothing is kept and the next get loads again). */
    @FunctionalInterface
    interface Loader<V>
    {
        V load() throws PollFailure, InterruptedException;
    }

    private record Entry(Object value, long loadedNs)
    {
    }

    private final long ttlNs;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private long loads;

    TtlCache(final long ttlNs, final LongSupplier clockNs)
    {
        this.ttlNs = ttlNs;
        this.clock = clockNs;
    }

    /** The value under {@code key}, loaded when absent or older than the TTL. */
    @SuppressWarnings("unchecked")
    <V> V get(final String key, final Loader<V> loader) throws PollFailure, InterruptedException
    {
        final long now = clock.getAsLong();
        final Entry entry = entries.get(key);
        if (entry != null && now - entry.loadedNs < ttlNs)
        {
            return (V)entry.value;
        }
        final V value = loader.load();
        loads++;
        entries.put(key, new Entry(value, now));
        return value;
    }

    /**
     * Drops {@code key} if it was loaded at least {@code minAgeNs} ago (a value that lacks something new: load it
     * again, but not on every poll).
     *
     * @return true if dropped
     */
    boolean invalidate(final String key, final long minAgeNs)
    {
        final Entry entry = entries.get(key);
        if (entry != null && clock.getAsLong() - entry.loadedNs >= minAgeNs)
        {
            entries.remove(key);
            return true;
        }
        return false;
    }

    /** Values loaded so far (a test sees what was cached). */
    long loads()
    {
        return loads;
    }
}
