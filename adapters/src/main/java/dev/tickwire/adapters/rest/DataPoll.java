package dev.tickwire.adapters.rest;

/** How one data type of an API is polled for one stream: the request(s) of one poll and what their answers hold. */
interface DataPoll
{
    /**
     * One poll: the next page of history after the stream's position (or from its backfill depth), or the current
     * value. Items come sorted by position; those at or before the stream's position are dropped by the poller.
     *
     * @param nowMs the wall clock (epoch ms): only what is complete by then is taken (a bar still open is not)
     */
    Page poll(Http http, PollStream stream, long nowMs) throws PollFailure, InterruptedException;
}
