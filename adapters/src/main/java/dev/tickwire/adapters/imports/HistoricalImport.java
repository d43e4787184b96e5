package dev.tickwire.adapters.imports;

import dev.tickwire.engine.adapter.FeedAdapter;

import java.util.List;

/**
 * What every historical import (Sierra Chart, Tardis, Binance, LOBSTER) offers the command that runs
 * it: finite sources for the engine, progress in bytes, what it found before the run, and one summary
 * shape. A new importer implements this and gets the command line's progress bar, summary, rejects
 * line and exit code from {@code ImportRun}.
 */
public interface HistoricalImport
{
    /** The finite sources to run, each journaled exactly once. */
    List<FeedAdapter> adapters();

    /** Bytes of every input file (compressed bytes of gzip files). */
    long totalBytes();

    /** Bytes read so far by every source that reads files: for the progress bar. */
    default long bytesRead()
    {
        long sum = 0;
        for (final FeedAdapter adapter : adapters())
        {
            if (adapter instanceof FileProgress)
            {
                sum += ((FileProgress)adapter).bytesRead();
            }
        }
        return sum;
    }

    /** Lines for the user before the run: the scales or tick sizes chosen and where from, files skipped. */
    default List<String> notes()
    {
        return List.of();
    }

    /** Input found unreadable before the run (empty, cut before its header), one message each. */
    default List<String> unreadable()
    {
        return List.of();
    }

    /**
     * Why these files must not be imported into this journal (e.g. they are not those an earlier
     * import read); known once the engine has started the sources, before they read anything.
     */
    default List<String> refusals()
    {
        return List.of();
    }

    /** What was read, once the sources are done. */
    ImportSummary summary();
}
