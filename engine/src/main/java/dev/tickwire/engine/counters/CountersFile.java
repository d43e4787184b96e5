package dev.tickwire.engine.counters;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory-mapped file of Agrona counters that another process can read while the engine runs,
 * as AeronStat reads Aeron's counters. Layout: a 64-byte header (magic, version, metadata length,
 * values length, pid, start time), then the counters' metadata, then their values.
 */
public final class CountersFile implements AutoCloseable
{
    public static final int MAGIC = 0x54574354; // "TWCT"
    public static final int VERSION = 1;
    static final int HEADER_LENGTH = 64;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int META_LENGTH_OFFSET = 8;
    private static final int VALUES_LENGTH_OFFSET = 12;
    private static final int PID_OFFSET = 16;
    private static final int START_TIME_OFFSET = 24;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer metaData;
    private final UnsafeBuffer values;

    private CountersFile(final MappedByteBuffer mapped, final int metaLength, final int valuesLength)
    {
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        this.metaData = new UnsafeBuffer(mapped, HEADER_LENGTH, metaLength);
        this.values = new UnsafeBuffer(mapped, HEADER_LENGTH + metaLength, valuesLength);
    }

    /** Creates (or replaces) the file with room for {@code maxCounters} counters. */
    public static CountersFile create(final Path path, final int maxCounters)
    {
        final int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        final int metaLength = maxCounters * CountersReader.METADATA_LENGTH;
        refuseIfInUse(path);
        try
        {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot create counters file " + path + ": " + ex.getMessage(), ex);
        }
        final File file = path.toFile();
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, HEADER_LENGTH + metaLength + valuesLength);
        final CountersFile counters = new CountersFile(mapped, metaLength, valuesLength);
        counters.header.putInt(META_LENGTH_OFFSET, metaLength);
        counters.header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        counters.header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        counters.header.putLong(START_TIME_OFFSET, System.currentTimeMillis());
        counters.header.putInt(VERSION_OFFSET, VERSION);
        counters.header.putIntVolatile(MAGIC_OFFSET, MAGIC); // last: a reader sees a complete header
        return counters;
    }

    /**
     * Two engines on one dataDir would both write its journal. The counters file names the process
     * that owns the dataDir: refuse to start while that process is alive.
     */
    private static void refuseIfInUse(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            return;
        }
        final long pid;
        try (CountersFile existing = open(path))
        {
            pid = existing.pid();
        }
        catch (final IllegalArgumentException notOurs)
        {
            return; // unreadable or an old version: nothing to protect, it is replaced
        }
        if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        {
            throw new IllegalStateException("another tickwire engine (pid " + pid + ") is running with this dataDir (" +
                path.toAbsolutePath().getParent() + "); stop it or use another dataDir");
        }
    }

    /** Maps an existing file for reading, e.g. by {@code tickwire stat}. */
    public static CountersFile open(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException("no counters file at " + path + " (is the engine running with this data dir?)");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), "tickwire counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        if (header.getIntVolatile(MAGIC_OFFSET) != MAGIC || header.getInt(VERSION_OFFSET) != VERSION)
        {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException(path + " is not a tickwire counters file (version " + VERSION + ")");
        }
        return new CountersFile(mapped, header.getInt(META_LENGTH_OFFSET), header.getInt(VALUES_LENGTH_OFFSET));
    }

    public CountersManager manager()
    {
        return new CountersManager(metaData, values);
    }

    public CountersReader reader()
    {
        return new CountersReader(metaData, values);
    }

    public long pid()
    {
        return header.getLong(PID_OFFSET);
    }

    public long startTimeMs()
    {
        return header.getLong(START_TIME_OFFSET);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
