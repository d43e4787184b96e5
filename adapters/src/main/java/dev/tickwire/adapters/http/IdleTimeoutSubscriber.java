package dev.tickwire.adapters.http;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A body subscriber that gives up on a body which stops arriving: the JDK client times out only until
 * the response headers, so a peer that stalls mid-body would hold a download forever. If no bytes come
 * for {@code idleNs}, the subscription is cancelled (the client closes the connection) and the body
 * fails with an {@link HttpTimeoutException}, which {@link HttpFetcher} retries. Signals are
 * serialized by locking, so the watchdog's failure never interleaves with a chunk being written.
 */
final class IdleTimeoutSubscriber<T> implements HttpResponse.BodySubscriber<T>
{
    private final HttpResponse.BodySubscriber<T> downstream;
    private final long idleNs;
    private final ScheduledExecutorService watchdog;
    private volatile long lastNs = System.nanoTime();
    private Flow.Subscription subscription;
    private ScheduledFuture<?> check;
    private boolean done;

    private IdleTimeoutSubscriber(
        final HttpResponse.BodySubscriber<T> downstream, final ScheduledExecutorService watchdog, final long idleNs)
    {
        this.downstream = downstream;
        this.watchdog = watchdog;
        this.idleNs = idleNs;
    }

    static <T> HttpResponse.BodySubscriber<T> watch(
        final HttpResponse.BodySubscriber<T> downstream, final ScheduledExecutorService watchdog, final long idleNs)
    {
        return new IdleTimeoutSubscriber<>(downstream, watchdog, idleNs);
    }

    @Override
    public CompletionStage<T> getBody()
    {
        return downstream.getBody();
    }

    @Override
    public synchronized void onSubscribe(final Flow.Subscription subscription)
    {
        this.subscription = subscription;
        lastNs = System.nanoTime();
        final long periodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(10), idleNs / 4);
        check = watchdog.scheduleAtFixedRate(this::check, periodNs, periodNs, TimeUnit.NANOSECONDS);
        downstream.onSubscribe(subscription);
    }

    @Override
    public synchronized void onNext(final List<ByteBuffer> item)
    {
        lastNs = System.nanoTime();
        if (!done)
        {
            downstream.onNext(item);
        }
    }

    @Override
    public synchronized void onError(final Throwable throwable)
    {
        if (finish())
        {
            downstream.onError(throwable);
        }
    }

    @Override
    public synchronized void onComplete()
    {
        if (finish())
        {
            downstream.onComplete();
        }
    }

    private synchronized void check()
    {
        final long idle = System.nanoTime() - lastNs;
        if (idle > idleNs && finish())
        {
            subscription.cancel();
            downstream.onError(new HttpTimeoutException("no body bytes for " + TimeUnit.NANOSECONDS.toMillis(idle) +
                " ms (idle timeout " + TimeUnit.NANOSECONDS.toMillis(idleNs) + " ms)"));
        }
    }

    private boolean finish()
    {
        if (done)
        {
            return false;
        }
        done = true;
        if (check != null)
        {
            check.cancel(false);
        }
        return true;
    }
}
