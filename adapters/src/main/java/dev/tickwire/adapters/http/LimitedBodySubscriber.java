package dev.tickwire.adapters.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** An error response's body: its first {@code limit} bytes are kept for the message, the rest is read and dropped. */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]>
{
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final byte[] kept;
    private int length;

    LimitedBodySubscriber(final int limit)
    {
        kept = new byte[limit];
    }

    @Override
    public CompletionStage<byte[]> getBody()
    {
        return body;
    }

    @Override
    public void onSubscribe(final Flow.Subscription subscription)
    {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> item)
    {
        for (final ByteBuffer buffer : item)
        {
            final int n = Math.min(buffer.remaining(), kept.length - length);
            buffer.get(kept, length, n);
            length += n;
        }
    }

    @Override
    public void onError(final Throwable throwable)
    {
        body.complete(Arrays.copyOf(kept, length)); // the status says what happened; a cut reason body is still a reason
    }

    @Override
    public void onComplete()
    {
        body.complete(Arrays.copyOf(kept, length));
    }
}
