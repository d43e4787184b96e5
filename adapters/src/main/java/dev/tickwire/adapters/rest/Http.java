package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GET of the source's API as a data type's poll sees it: the poller behind it waits for the rate limits, asks
 * the circuit, retries (HttpFetcher) and parses the JSON; on the poller's thread.
 */
interface Http
{
    /**
     * @param pathAndQuery e.g. "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1000"
     * @return the answer's JSON
     * @throws PollFailure the request failed after its retries, the body is not JSON, or the circuit is open
     */
    JsonNode get(String pathAndQuery) throws PollFailure, InterruptedException;

    /** When the last answer arrived (epoch ns): the receive time of what it held. */
    long receiveNs();

    /** A failure of this stream's poll that is about the answer's content: it names the URL. */
    PollFailure malformed(String pathAndQuery, String reason);
}
