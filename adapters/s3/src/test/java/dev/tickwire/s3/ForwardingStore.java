package dev.tickwire.s3;

import dev.tickwire.archive.ObjectStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** An object store that passes every call on: tests override {@link #put} to fail or stop the server on cue. */
class ForwardingStore implements ObjectStore
{
    protected final ObjectStore store;

    ForwardingStore(final ObjectStore store)
    {
        this.store = store;
    }

    @Override
    public String location()
    {
        return store.location();
    }

    @Override
    public List<Entry> list(final String prefix) throws IOException
    {
        return store.list(prefix);
    }

    @Override
    public void put(final Path file, final String key, final String sha256) throws IOException
    {
        store.put(file, key, sha256);
    }

    @Override
    public void get(final String key, final Path file) throws IOException
    {
        store.get(key, file);
    }

    @Override
    public String sha256(final String key) throws IOException
    {
        return store.sha256(key);
    }

    @Override
    public boolean delete(final String key) throws IOException
    {
        return store.delete(key);
    }

    @Override
    public int abortUploads(final Instant before) throws IOException
    {
        return store.abortUploads(before);
    }

    @Override
    public void close()
    {
        // the test closes the store it wrapped
    }
}
