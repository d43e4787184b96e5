package dev.tickwire.engine.adapter;

import dev.tickwire.engine.log.ThrottledLog;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;
import dev.tickwire.engine.counters.SourceState;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Keeps one adapter's failure from becoming a loop or a flood. Adapters handle bad input themselves
 * (a bad row is journaled as rejected, a cut-short file ends with one message); this is the last line
 * for what they did not foresee. An exception out of {@code doWork} is logged (the first with its
 * stack trace, then counted and summed up once a minute), counted in the engine's errors and the
 * adapter's own counter, and the adapter is not called again for a back-off that doubles from
 * {@value #FIRST_BACKOFF_MS} ms to {@value #MAX_BACKOFF_S} s while it keeps failing (a call that
 * returns normally resets it). A finite adapter (an import) that fails {@value #FINITE_ATTEMPTS} times
 * in a row is given up: it counts as done and failed, so the import ends and says so.
 */
public final class AdapterGuard implements Agent
{
    static final long FIRST_BACKOFF_MS = 10;
    static final long MAX_BACKOFF_S = 30;
    static final int FINITE_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.adapters");

    private final FeedAdapter adapter;
    private final AtomicCounter engineErrors;
    private final AtomicCounter adapterErrors;
    private final NanoClock clock;
    private final ThrottledLog log;
    private long backoffNs;
    private long retryAtNs;
    private int failuresInARow;
    private volatile String failure;
    private AtomicCounter state;

    public AdapterGuard(
        final FeedAdapter adapter, final AtomicCounter engineErrors, final AtomicCounter adapterErrors, final NanoClock clock)
    {
        this.adapter = adapter;
        this.engineErrors = engineErrors;
        this.adapterErrors = adapterErrors;
        this.clock = clock;
        this.log = new ThrottledLog(LOG, adapter.roleName() + ": errors", 1);
    }

    /**
     * The source's state counter: the guard sets what every adapter shares (stalled while backing off,
     * done, tailing once it works); an adapter that knows more (waiting for its file) sets it too, on
     * this same thread.
     */
    public AdapterGuard state(final AtomicCounter state)
    {
        this.state = state;
        return this;
    }

    @Override
    public void onStart()
    {
        adapter.onStart();
    }

    @Override
    public int doWork() throws InterruptedException
    {
        if (failure != null || backoffNs > 0 && clock.nanoTime() - retryAtNs < 0)
        {
            return 0;
        }
        try
        {
            final int work = adapter.doWork();
            backoffNs = 0;
            failuresInARow = 0;
            if (state != null)
            {
                final long now = state.get();
                if (adapter.isDone())
                {
                    state.setRelease(SourceState.DONE.code());
                }
                else if (work > 0 && (now == SourceState.STARTING.code() || now == SourceState.STALLED.code()))
                {
                    state.setRelease(SourceState.TAILING.code());
                }
            }
            return work;
        }
        catch (final AgentTerminationException | InterruptedException ex)
        {
            throw ex; // closing
        }
        catch (final Exception | StackOverflowError | AssertionError ex)
        {
            failed(ex);
            return 0;
        }
    }

    private void failed(final Throwable ex)
    {
        engineErrors.incrementRelease();
        adapterErrors.incrementRelease();
        failuresInARow++;
        if (adapter.isFinite() && failuresInARow >= FINITE_ATTEMPTS)
        {
            failure = ex.toString();
            LOG.error("{}: failed {} times in a row, given up (what it published before stays journaled): {}",
                adapter.roleName(), failuresInARow, failure);
            return;
        }
        backoffNs = backoffNs == 0 ? TimeUnit.MILLISECONDS.toNanos(FIRST_BACKOFF_MS) :
            Math.min(backoffNs * 2, TimeUnit.SECONDS.toNanos(MAX_BACKOFF_S));
        retryAtNs = clock.nanoTime() + backoffNs;
        if (state != null)
        {
            state.setRelease(SourceState.STALLED.code());
        }
        log.error(ex, "{}: unexpected error, retrying in {} ms: {}", adapter.roleName(),
            TimeUnit.NANOSECONDS.toMillis(backoffNs), ex.toString());
    }

    @Override
    public void onClose()
    {
        log.flush();
        adapter.onClose();
    }

    @Override
    public String roleName()
    {
        return adapter.roleName();
    }

    public FeedAdapter adapter()
    {
        return adapter;
    }

    /** Done: published everything, or given up. */
    public boolean isDone()
    {
        return failure != null || adapter.isDone();
    }

    /** Why a finite adapter was given up, or null. */
    public String failure()
    {
        return failure;
    }

    /** Exceptions caught so far. */
    public long errors()
    {
        return log.count();
    }
}
