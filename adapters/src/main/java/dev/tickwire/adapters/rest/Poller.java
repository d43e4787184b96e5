package dev.tickwire.adapters.rest;

import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.StatusCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that polls one API (one {@code sources:} entry) for all its streams, so the engine's threads never
 * wait on HTTP: it picks the stream whose poll is due, lets its {@link ApiClient} send the requests (usage pause,
 * token buckets, circuit, retries), drops what the stream already has (at or before its position: a re-polled
 * bar, a restart) and hands the rest to the stream's queue, waiting when it is full (nothing is dropped; the polls
 * slow down). A page of history is followed at once by the next.
 *
 * <p>A failed poll is said once then counted ({@link ThrottledLog}) and tried again after a backoff (at most the
 * poll interval). When the circuit opens each stream journals a DISCONNECTED status and its state is STALLED, and
 * every poll waits for the trial request; when it succeeds, RESYNCED.
 */
final class Poller
{
    static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.rest");
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RestConfig config;
    private final RestApi api;
    private final List<PollStream> streams;
    private final ApiClient client;
    private final boolean once;
    private final CircuitBreaker circuit;
    private final long openForNs;
    private final Backoff backoff;
    private final ThrottledLog failureLog;
    private final ThrottledLog malformedLog;
    private final ThrottledLog circuitLog;
    private final AtomicInteger started = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private volatile boolean running = true;
    private volatile boolean finished;
    private Thread thread;

    // the poller thread's
    private boolean circuitHeld;
    private long circuitOpenUntilNs;
    private long circuitOpenedAtNs;
    private int circuitTrips;

    /**
     * @param streams every stream of the entry
     * @param apiKey  the API key (a header), or null
     * @param once    poll each stream until caught up once, then end (a dry run, a one-shot poll)
     */
    Poller(final RestConfig config, final RestApi api, final List<PollStream> streams, final HttpFetcher fetcher,
        final String apiKey, final boolean once)
    {
        this.config = config;
        this.api = api;
        this.streams = streams;
        this.once = once;
        this.openForNs = RestConfig.positive("circuit.openFor", config.circuit.openFor);
        this.backoff = new Backoff(RestConfig.nanos("retries.base", config.retries.base),
            RestConfig.nanos("retries.max", config.retries.max), Integer.MAX_VALUE);
        this.failureLog = new ThrottledLog(LOG, config.name + ": failed polls", 3);
        this.malformedLog = new ThrottledLog(LOG, config.name + ": malformed items", 3);
        this.circuitLog = new ThrottledLog(LOG, config.name + ": circuit changes", 10);
        this.client = new ApiClient(config, api, fetcher, apiKey, circuitLog, () -> running);
        this.circuit = client.circuit();
        this.circuit.getEventPublisher().onStateTransition(this::onTransition);
    }

    /** Called by each stream's adapter at its start: the first starts the thread. */
    void started()
    {
        if (started.getAndIncrement() == 0)
        {
            thread = new Thread(this::run, "tickwire-poll-" + config.name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Called by each stream's adapter at its close: the last stops the thread. */
    void stopped()
    {
        if (started.decrementAndGet() == 0)
        {
            running = false;
            final Thread t = thread;
            if (t != null)
            {
                t.interrupt();
                try
                {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            client.close();
            failureLog.flush();
            malformedLog.flush();
            circuitLog.flush();
        }
    }

    /** One-shot mode: every stream caught up once (or failed) and the thread ended. */
    boolean finished()
    {
        return finished;
    }

    /** One-shot mode: what failed, one line per stream that could not be polled through. */
    List<String> failures()
    {
        return failures;
    }

    CircuitBreaker.State circuitState()
    {
        return circuit.getState();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                final long now = System.nanoTime();
                PollStream next = null;
                boolean allCaughtUp = true;
                for (final PollStream s : streams)
                {
                    if (!s.registered())
                    {
                        allCaughtUp = false;
                        continue;
                    }
                    if (!s.initialised)
                    {
                        s.takeResumePoint();
                        s.initialised = true;
                        s.nextPollNs = now;
                    }
                    if (once && s.caughtUp)
                    {
                        continue;
                    }
                    allCaughtUp = false;
                    if (next == null || s.nextPollNs - next.nextPollNs < 0)
                    {
                        next = s;
                    }
                }
                if (once && allCaughtUp)
                {
                    return;
                }
                if (next == null)
                {
                    LockSupport.parkNanos(IDLE_PARK_NS);
                    continue;
                }
                final long dueNs = circuitHeld && circuitOpenUntilNs - next.nextPollNs > 0 ? circuitOpenUntilNs :
                    next.nextPollNs;
                if (dueNs - now > 0)
                {
                    LockSupport.parkNanos(Math.min(dueNs - now, IDLE_PARK_NS));
                    continue;
                }
                poll(next);
            }
        }
        catch (final InterruptedException ex)
        {
            // closing
        }
        catch (final RuntimeException | Error ex)
        {
            LOG.error("{}: the poller thread failed, no more polls: {}", config.name, ex.toString(), ex);
            failures.add(config.name + ": " + ex);
        }
        finally
        {
            finished = true;
        }
    }

    private void poll(final PollStream stream) throws InterruptedException
    {
        client.stream(stream);
        final PollStream.Counters c = stream.counters;
        c.polls().incrementRelease();
        long nextNs;
        try
        {
            final Page page = pollOnce(stream);
            stream.failuresInARow = 0;
            final int rounded = api.takeRounded();
            if (rounded > 0)
            {
                c.rounded().getAndAddRelease(rounded);
                malformedLog.warn("{}: {} item(s) with a value rounded to share its group's exponent (more than 18 " +
                    "decimals, or beside a value too large for them) in the answer of {}", stream.name, rounded,
                    ApiClient.describe(client.lastUri()));
            }
            if (!page.problems().isEmpty())
            {
                c.malformed().getAndAddRelease(page.problems().size());
                malformedLog.warn("{}: {} malformed item(s) in the answer of {}: {}", stream.name,
                    page.problems().size(), ApiClient.describe(client.lastUri()), page.problems().get(0));
            }
            // a full page of nothing new (a server that ignores startTime) is not followed at once; an empty window
            // of history is (the data type moved its start past it)
            final int handed = hand(stream, page.items());
            if (page.more() && (handed > 0 || page.items().isEmpty()))
            {
                nextNs = System.nanoTime();
            }
            else
            {
                nextNs = System.nanoTime() + stream.everyNs;
                stream.caughtUp = true;
            }
        }
        catch (final PollFailure ex)
        {
            if (ex.kind() == PollFailure.Kind.CIRCUIT_OPEN)
            {
                nextNs = System.nanoTime();
                if (once)
                {
                    stream.caughtUp = true; // a one-shot poll does not wait for the trial
                    failures.add(ex.getMessage());
                }
            }
            else
            {
                stream.failuresInARow++;
                c.failures().incrementRelease();
                if (ex.kind() == PollFailure.Kind.MALFORMED)
                {
                    c.malformed().incrementRelease();
                }
                final long waitNs = Math.min(stream.everyNs, backoff.delayNs(stream.failuresInARow));
                nextNs = System.nanoTime() + waitNs;
                failureLog.warn("{} (failure {} in a row); polled again in {} ms", ex.getMessage(),
                    stream.failuresInARow, TimeUnit.NANOSECONDS.toMillis(waitNs));
                if (once)
                {
                    stream.caughtUp = true; // a one-shot poll reports it and ends
                    failures.add(ex.getMessage());
                }
            }
        }
        finally
        {
            client.stream(null);
        }
        if (circuitHeld && circuitOpenUntilNs - nextNs > 0)
        {
            nextNs = circuitOpenUntilNs; // the open circuit holds every poll until its trial
        }
        stream.nextPollNs = nextNs;
        final long nowMs = System.currentTimeMillis();
        c.lastPollMs().setRelease(nowMs);
        c.nextPollMs().setRelease(nowMs + TimeUnit.NANOSECONDS.toMillis(nextNs - System.nanoTime()));
    }

    /** One poll; an exception the data type did not foresee (an odd answer) is a malformed answer, said and counted. */
    private Page pollOnce(final PollStream stream) throws PollFailure, InterruptedException
    {
        api.takeRounded(); // what a failed poll left
        try
        {
            return stream.data.poll(client, stream, System.currentTimeMillis());
        }
        catch (final RuntimeException ex)
        {
            throw new PollFailure(PollFailure.Kind.MALFORMED, stream.name + ": an answer of " + ApiClient.describe(client.lastUri()) +
                " could not be read: " + Backoff.describe(ex), ex);
        }
    }

    /** Hands a page's new items to the stream's adapter, in order; a full queue waits (the engine is behind). */
    private int hand(final PollStream stream, final List<Item> items) throws InterruptedException
    {
        int handed = 0;
        for (final Item item : items)
        {
            if (item.position <= stream.cursor)
            {
                stream.counters.duplicates().incrementRelease();
                continue;
            }
            offer(stream, item);
            stream.cursor = item.position;
            stream.lastEventNs = Math.max(stream.lastEventNs, item.eventTimeNs);
            stream.counters.items().incrementRelease();
            handed++;
        }
        return handed;
    }

    private void offer(final PollStream stream, final Item item) throws InterruptedException
    {
        while (!stream.queue.offer(item))
        {
            if (!running)
            {
                throw new InterruptedException("closing");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    // ------------------------------------------------------------------------------------------------ circuit

    /** On the poller thread (Resilience4j publishes on the caller's). */
    private void onTransition(final CircuitBreakerOnStateTransitionEvent event)
    {
        final CircuitBreaker.StateTransition t = event.getStateTransition();
        final long now = System.nanoTime();
        switch (t.getToState())
        {
            case OPEN ->
            {
                circuitHeld = true;
                circuitOpenUntilNs = now + openForNs;
                final long untilMs = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(openForNs);
                for (final PollStream s : streams)
                {
                    if (s.initialised && s.nextPollNs - circuitOpenUntilNs < 0)
                    {
                        s.nextPollNs = circuitOpenUntilNs; // every poll waits for the trial
                        s.counters.nextPollMs().setRelease(untilMs);
                    }
                }
                if (t.getFromState() == CircuitBreaker.State.CLOSED)
                {
                    circuitTrips++;
                    circuitOpenedAtNs = now;
                    circuitLog.warn("{}: circuit open after {} failed requests in a row; every stream STALLED (a " +
                        "DISCONNECTED status journaled), one trial request every {} ms", config.name,
                        config.circuit.failures, TimeUnit.NANOSECONDS.toMillis(openForNs));
                    statusAll(StatusCode.DISCONNECTED, config.circuit.failures, 1);
                }
            }
            case CLOSED ->
            {
                circuitHeld = false;
                if (t.getFromState() == CircuitBreaker.State.HALF_OPEN)
                {
                    final long openMs = TimeUnit.NANOSECONDS.toMillis(now - circuitOpenedAtNs);
                    circuitLog.warn("{}: circuit closed, the API answers again after {} ms; streams resume (a " +
                        "RESYNCED status journaled)", config.name, openMs);
                    statusAll(StatusCode.RESYNCED, openMs, 0);
                }
            }
            default ->
            {
            }
        }
    }

    /** A status into every stream that has a position (one without has journaled nothing to mark). */
    private void statusAll(final StatusCode code, final long value, final long circuitOpen)
    {
        final long receive = ApiClient.epochNanos();
        for (final PollStream s : streams)
        {
            if (!s.initialised)
            {
                continue;
            }
            s.counters.circuitOpen().setRelease(circuitOpen);
            if (s.cursor == Values.NONE)
            {
                continue;
            }
            s.cursor++;
            try
            {
                offer(s, new Item.Status(s.cursor, s.lastEventNs, receive, code, value));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Times the circuit opened (from closed). */
    int circuitTrips()
    {
        return circuitTrips;
    }

    List<PollStream> streams()
    {
        return new ArrayList<>(streams);
    }
}
