package dev.tickwire.adapters.tardis.download;

import dev.tickwire.adapters.tardis.download.TardisDownloader.FileResult;
import dev.tickwire.adapters.tardis.download.TardisDownloader.Outcome;

import java.nio.file.Path;
import java.util.List;

/** What a download run did, file by file in the plan's order, and how fast. */
public record TardisDownloadReport(List<FileResult> results, long nanos)
{
    public TardisDownloadReport
    {
        results = List.copyOf(results);
    }

    public long count(final Outcome outcome)
    {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Fetched files that hold no rows (days without data). */
    public long fetchedEmpty()
    {
        return results.stream().filter(r -> r.outcome() == Outcome.FETCHED && r.empty()).count();
    }

    public long bytesFetched()
    {
        return results.stream().filter(r -> r.outcome() == Outcome.FETCHED).mapToLong(FileResult::bytes).sum();
    }

    /** MB (10^6 bytes) fetched per second of the run. */
    public double megabytesPerSecond()
    {
        return bytesFetched() / 1e6 / Math.max(nanos / 1e9, 1e-9);
    }

    public List<FileResult> failures()
    {
        return results.stream().filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_ATTEMPTED).toList();
    }

    /** The plan's files now in the cache that hold rows: what an import reads. */
    public List<Path> filesWithRows()
    {
        return results.stream().filter(r -> (r.outcome() == Outcome.FETCHED || r.outcome() == Outcome.SKIPPED) && !r.empty())
            .map(FileResult::path).toList();
    }
}
