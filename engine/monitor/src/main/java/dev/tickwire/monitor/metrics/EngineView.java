package dev.tickwire.monitor.metrics;

import dev.tickwire.engine.counters.CountersFile;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the monitor reads of an engine, from any process: its counters file and its journal's disk. A
 * restarted engine writes a new counters file: {@link #refresh()} maps the new one, so a long-running
 * reader (a watcher, {@code serve}'s /metrics) follows engine restarts.
 */
public final class EngineView implements AutoCloseable
{
    private final Path path;
    private final Path journal;
    private CountersFile file;
    private CountersReader counters;
    private Object fileKey;

    private EngineView(final Path path, final Path journal)
    {
        this.path = path;
        this.journal = journal;
        refresh();
    }

    /**
     * Maps an engine's counters file for reading.
     *
     * @throws IllegalArgumentException when there is no counters file (no engine ran with that dataDir)
     */
    public static EngineView open(final Path countersFile, final Path journal)
    {
        return new EngineView(countersFile, journal);
    }

    /** Maps the counters file again if an engine (re)created it since; call before reading. */
    public synchronized EngineView refresh()
    {
        final Object key = fileKey(path);
        if (file == null || key != null && !key.equals(fileKey))
        {
            // the old mapping is left to the GC, not unmapped: another thread may be reading it right now
            file = CountersFile.open(path);
            counters = file.reader();
            fileKey = key;
        }
        return this;
    }

    private static Object fileKey(final Path path)
    {
        try
        {
            final java.nio.file.attribute.BasicFileAttributes attributes =
                Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    public CountersReader counters()
    {
        return counters;
    }

    public long pid()
    {
        return file.pid();
    }

    public long startTimeMs()
    {
        return file.startTimeMs();
    }

    /** True while the process that owns the counters file is alive. */
    public boolean running()
    {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The journal directory, or null. */
    public Path journal()
    {
        return journal;
    }

    /** The journal's size and its file system's free space, or null without a journal directory. */
    public Disk disk()
    {
        if (journal == null || !Files.isDirectory(journal))
        {
            return null;
        }
        try (Stream<Path> files = Files.list(journal))
        {
            final long size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return new Disk(size, Files.getFileStore(journal).getUsableSpace());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the journal directory " + journal, ex);
        }
    }

    @Override
    public synchronized void close()
    {
        file.close();
    }

    /** Bytes of journal files and bytes free on their file system. */
    public record Disk(long journalBytes, long freeBytes)
    {
    }
}
