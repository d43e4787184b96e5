package dev.tickwire.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where archive files are kept: a local folder or an object store bucket, by keys relative to the
 * archive's root ("trades/date=2024-03-04/venue=CME/symbol=ESH4/data.parquet", "manifests/2024-03-04.json").
 * Small on purpose, so both a folder and an S3 bucket serve it. A put is whole or not at all: readers
 * never see half an object. Messages name the location, never a credential.
 */
public interface ObjectStore extends AutoCloseable
{
    /** One stored object: its key (relative to the root) and size in bytes. */
    record Entry(String key, long size)
    {
    }

    /** Where this store is, for messages (e.g. "s3://bucket/prefix", "/data/archive"). */
    String location();

    /** Every object under {@code prefix} (relative to the root, "" for all), in key order. */
    List<Entry> list(String prefix) throws IOException;

    /**
     * Stores {@code file} under {@code key}. The store checks the bytes it received against
     * {@code sha256} (hex) and refuses them if they differ; the object replaces any older one whole.
     */
    void put(Path file, String key, String sha256) throws IOException;

    /** Writes the object to {@code file} (replaced whole: a temporary name, then a rename). */
    void get(String key, Path file) throws IOException;

    /** The SHA-256 (hex) the object was stored with, or null when the store does not know it. */
    String sha256(String key) throws IOException;

    /** Deletes the object; false if there was none. */
    boolean delete(String key) throws IOException;

    /** Removes uploads begun before {@code before} and never completed (a crash mid-upload); returns how many. */
    int abortUploads(Instant before) throws IOException;

    /** The local file holding the object, when this store is a folder (no copy needed); null otherwise. */
    default Path localFile(final String key)
    {
        return null;
    }

    /** The object's bytes (small objects: manifests). */
    default byte[] read(final String key) throws IOException
    {
        final Path local = localFile(key);
        if (local != null)
        {
            return Files.readAllBytes(local);
        }
        final Path tmp = Files.createTempFile("tickwire-object", ".tmp");
        try
        {
            get(key, tmp);
            return Files.readAllBytes(tmp);
        }
        finally
        {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    void close() throws IOException;
}
