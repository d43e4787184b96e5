package dev.tickwire.adapters.tardis.download;

import dev.tickwire.adapters.http.HttpFetchException;
import dev.tickwire.engine.net.Backoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Fetches a {@link TardisDownloadPlan}'s day files into a cache folder, at most {@code concurrency} at a
 * time: a file already there is skipped (unless forced), so a rerun after a kill fetches only what is
 * missing. Each file is written under a temporary name ({@code .<name>.<random>.part}), checked to be a
 * whole gzip stream, forced to disk and renamed into place in one step: the final name never holds half
 * a file. Retries (429, 5xx, cut connections) are {@link dev.tickwire.adapters.http.HttpFetcher}'s; a
 * body that arrives whole but does not decompress is fetched again, twice at most. A refused key (401)
 * stops the run: every later file would be refused too.
 */
public final class TardisDownloader
{
    /** How a file ended. */
    public enum Outcome
    {
        FETCHED, SKIPPED, NOT_AVAILABLE, NEEDS_KEY, FAILED, NOT_ATTEMPTED
    }

    /**
     * One file's end.
     *
     * @param bytes  bytes on disk (fetched or found)
     * @param empty  the file holds no rows: a day without data (Tardis serves an empty gzip file)
     * @param status the HTTP status of a failure, 0 for none or an I/O error
     */
    public record FileResult(TardisDayFile file, Path path, Outcome outcome, long bytes, boolean empty, int status, String reason)
    {
    }

    /** Told as the run goes (from the download threads). */
    public interface Listener
    {
        default void started(final int toFetch, final int inCache)
        {
        }

        default void finished(final FileResult result)
        {
        }
    }

    /** Downloads of a file whose body arrived whole but did not decompress. */
    static final int MAX_CORRUPT_DOWNLOADS = 3;
    /** A temporary file untouched this long belongs to no live download: removed at the start of a run. */
    static final Duration STALE_PART = Duration.ofMinutes(10);

    private final TardisApi api;
    private final Path cache;
    private final int concurrency;
    private final boolean force;
    private final boolean verify;
    private final LongAdder bytesReceived = new LongAdder();
    private volatile String stopReason;

    /**
     * @param force  fetch files that are in the cache already
     * @param verify decompress each fetched file before it takes its final name (a corrupt body is fetched again)
     */
    public TardisDownloader(final TardisApi api, final Path cache, final int concurrency, final boolean force,
        final boolean verify)
    {
        if (concurrency < 1)
        {
            throw new IllegalArgumentException("--concurrency must be at least 1: " + concurrency);
        }
        this.api = api;
        this.cache = cache;
        this.concurrency = concurrency;
        this.force = force;
        this.verify = verify;
    }

    /** Body bytes received so far, files still being written included: for a progress bar. */
    public long bytesReceived()
    {
        return bytesReceived.sum();
    }

    /** What a run would do, without fetching: files to fetch, files found, files not asked for. */
    public List<FileResult> dryRun(final TardisDownloadPlan plan)
    {
        final List<FileResult> results = new ArrayList<>();
        for (final TardisDownloadPlan.Entry entry : plan.entries())
        {
            final Path path = cache.resolve(entry.file().fileName());
            if (entry.status() != TardisDownloadPlan.Status.FETCH)
            {
                results.add(notAsked(entry, path));
            }
            else if (!force && Files.isRegularFile(path))
            {
                results.add(found(entry.file(), path));
            }
            else
            {
                results.add(new FileResult(entry.file(), path, Outcome.NOT_ATTEMPTED, 0, false, 0, "would fetch " +
                    api.dayFileUri(entry.file())));
            }
        }
        return results;
    }

    /**
     * Runs the plan; returns every entry's result in the plan's order.
     *
     * @throws InterruptedException the run was interrupted; no partial file is left under a final name
     */
    public TardisDownloadReport run(final TardisDownloadPlan plan, final Listener listener) throws InterruptedException
    {
        final long start = System.nanoTime();
        createCache();
        removeStaleParts();
        final FileResult[] results = new FileResult[plan.entries().size()];
        final List<Integer> toFetch = new ArrayList<>();
        int inCache = 0;
        for (int i = 0; i < results.length; i++)
        {
            final TardisDownloadPlan.Entry entry = plan.entries().get(i);
            final Path path = cache.resolve(entry.file().fileName());
            if (entry.status() != TardisDownloadPlan.Status.FETCH)
            {
                results[i] = notAsked(entry, path);
            }
            else if (!force && Files.isRegularFile(path))
            {
                results[i] = found(entry.file(), path);
                inCache++;
            }
            else
            {
                toFetch.add(i);
            }
        }
        listener.started(toFetch.size(), inCache);
        for (final FileResult r : results)
        {
            if (r != null)
            {
                listener.finished(r);
            }
        }
        final AtomicInteger next = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, toFetch.size())), r ->
        {
            final Thread t = new Thread(r, "tardis-download");
            t.setDaemon(true);
            return t;
        });
        final List<Future<?>> workers = new ArrayList<>();
        try
        {
            for (int w = 0; w < Math.min(concurrency, toFetch.size()); w++)
            {
                workers.add(pool.submit(() ->
                {
                    for (int n; (n = next.getAndIncrement()) < toFetch.size(); )
                    {
                        final int index = toFetch.get(n);
                        final TardisDayFile file = plan.entries().get(index).file();
                        final FileResult result = stopReason != null ?
                            new FileResult(file, cache.resolve(file.fileName()), Outcome.NOT_ATTEMPTED, 0, false, 0, stopReason) :
                            fetch(file);
                        results[index] = result;
                        listener.finished(result);
                    }
                    return null;
                }));
            }
            for (final Future<?> worker : workers)
            {
                worker.get();
            }
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("download failed: " + Backoff.describe(ex.getCause()), ex.getCause());
        }
        finally
        {
            pool.shutdownNow(); // on an interrupt: each download deletes its temporary file as it stops
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return new TardisDownloadReport(List.of(results), System.nanoTime() - start);
    }

    private FileResult fetch(final TardisDayFile file) throws InterruptedException
    {
        final Path target = cache.resolve(file.fileName());
        final Path temp = cache.resolve("." + file.fileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) +
            ".part");
        try
        {
            for (int download = 1; ; download++)
            {
                final long size;
                final boolean empty;
                try
                {
                    final HttpResponse<Path> response = api.dayFile(file, info -> counting(HttpResponse.BodySubscribers.ofFile(
                        temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)));
                    size = Files.size(response.body());
                    empty = verify ? GzipFiles.contentBytes(temp) == 0 : GzipFiles.isEmpty(temp);
                }
                catch (final java.util.zip.ZipException | java.io.EOFException ex)
                {
                    if (download < MAX_CORRUPT_DOWNLOADS)
                    {
                        continue; // the body came whole (its length matched) but is not a whole gzip stream: once more
                    }
                    return failed(file, target, 0, "not a whole gzip file after " + download + " downloads (" +
                        Backoff.describe(ex) + ")");
                }
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE))
                {
                    channel.force(true); // the final name must never point at bytes not yet on disk
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new FileResult(file, target, Outcome.FETCHED, size, empty, 200, "");
            }
        }
        catch (final HttpFetchException ex)
        {
            if (ex.status() == 401 && api.hasKey())
            {
                stopReason = "not attempted: the API key was refused (HTTP 401)";
            }
            return failed(file, target, ex.status(), explain(file, ex));
        }
        catch (final IOException ex)
        {
            return failed(file, target, 0, "cannot write " + target + ": " + Backoff.describe(ex));
        }
        finally
        {
            deleteQuietly(temp);
        }
    }

    private String explain(final TardisDayFile file, final HttpFetchException ex)
    {
        final String why;
        switch (ex.status())
        {
            case 401:
                why = api.hasKey() ? "the API key was refused" :
                    "needs an API key (without one only the first day of a month is served)";
                break;
            case 403:
                why = "the API key has no access to this file (its plan's exchanges or date range)";
                break;
            case 404:
                why = "no such day file: " + file.exchange() + " may have no " + file.dataType() + " data for " +
                    file.symbol() + " on " + file.date() + " (`tickwire instruments tardis --exchange " + file.exchange() +
                    "` shows what there is)";
                break;
            default:
                why = ex.retried() ? "gave up" : "refused";
        }
        return why + ": " + ex.getMessage();
    }

    private FileResult failed(final TardisDayFile file, final Path target, final int status, final String reason)
    {
        return new FileResult(file, target, Outcome.FAILED, 0, false, status, reason);
    }

    private static FileResult notAsked(final TardisDownloadPlan.Entry entry, final Path path)
    {
        return new FileResult(entry.file(), path, entry.status() == TardisDownloadPlan.Status.NEEDS_KEY ? Outcome.NEEDS_KEY :
            Outcome.NOT_AVAILABLE, 0, false, 0, entry.reason());
    }

    private static FileResult found(final TardisDayFile file, final Path path)
    {
        try
        {
            return new FileResult(file, path, Outcome.SKIPPED, Files.size(path), emptyOrNot(path), 0, "in the cache");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path, ex);
        }
    }

    private static boolean emptyOrNot(final Path path)
    {
        try
        {
            return GzipFiles.isEmpty(path);
        }
        catch (final IOException ex)
        {
            return false; // cut short in its header: the importer says so, naming it
        }
    }

    private HttpResponse.BodySubscriber<Path> counting(final HttpResponse.BodySubscriber<Path> file)
    {
        return new HttpResponse.BodySubscriber<>()
        {
            @Override
            public CompletionStage<Path> getBody()
            {
                return file.getBody();
            }

            @Override
            public void onSubscribe(final Flow.Subscription subscription)
            {
                file.onSubscribe(subscription);
            }

            @Override
            public void onNext(final List<ByteBuffer> item)
            {
                long n = 0;
                for (final ByteBuffer b : item)
                {
                    n += b.remaining();
                }
                bytesReceived.add(n);
                file.onNext(item);
            }

            @Override
            public void onError(final Throwable throwable)
            {
                file.onError(throwable);
            }

            @Override
            public void onComplete()
            {
                file.onComplete();
            }
        };
    }

    private void createCache()
    {
        try
        {
            Files.createDirectories(cache);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the download folder " + cache, ex);
        }
    }

    /** Temporary files a killed run left behind; a live download touches its own at least every idle timeout. */
    private void removeStaleParts()
    {
        final FileTime before = FileTime.from(Instant.now().minus(STALE_PART));
        try (Stream<Path> files = Files.list(cache))
        {
            files.filter(p -> isPart(p.getFileName().toString())).forEach(p ->
            {
                try
                {
                    if (Files.getLastModifiedTime(p).compareTo(before) < 0)
                    {
                        Files.deleteIfExists(p);
                    }
                }
                catch (final IOException ignored)
                {
                    // another run removed it, or it cannot be: it is hidden and never imported
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + cache, ex);
        }
    }

    static boolean isPart(final String name)
    {
        return name.startsWith(".") && name.endsWith(".part") && name.contains(TardisDayFile.SUFFIX + ".");
    }

    private static void deleteQuietly(final Path temp)
    {
        try
        {
            Files.deleteIfExists(temp);
        }
        catch (final IOException ignored)
        {
            // hidden, and removed as stale by a later run
        }
    }
}
