package dev.tickwire.client;

import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;

/**
 * What a subscriber polls until it is live: replays, then the merge into the live stream. An interface of the
 * client's own (no archive type in it), so {@link MarketDataSubscriber} loads without aeron-archive.
 */
interface Catchup extends AutoCloseable
{
    /** Does the catch-up's work and hands fragments to {@code handler}; the number handled. */
    int poll(FragmentHandler handler, int fragmentLimit);

    /** The live subscription once merged; null before. */
    Subscription live();

    @Override
    void close();
}
