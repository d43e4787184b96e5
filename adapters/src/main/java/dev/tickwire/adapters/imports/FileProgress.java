package dev.tickwire.adapters.imports;

/** A source that reads files, for an import's progress: {@link HistoricalImport#bytesRead()} sums them. */
public interface FileProgress
{
    /** Bytes of its files read so far (compressed bytes of a gzip file). */
    long bytesRead();
}
