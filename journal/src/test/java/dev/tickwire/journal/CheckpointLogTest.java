package dev.tickwire.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointLogTest
{
    @TempDir
    Path dir;

    @Test
    void findsTheLastCheckpointBeforeATime()
    {
        try (CheckpointLog log = CheckpointLog.openForWriting(dir))
        {
            for (long t = 1; t <= 5; t++)
            {
                log.append(t * 100, payload(t), 0, 8);
            }
        }
        try (CheckpointLog log = CheckpointLog.openForReading(dir))
        {
            assertThat(found(log, 350)).containsExactly(300L);
            assertThat(found(log, Long.MAX_VALUE)).containsExactly(500L);
            assertThat(found(log, 100)).isEmpty();
        }
    }

    /**
     * A process killed while it created a cycle file leaves it without its header: readers must not wait on
     * it (Chronicle waits for a header by default) and the writer starts the log again (derived data).
     */
    @Test
    void aCycleFileLeftWithoutItsHeaderIsSkippedAndReplaced() throws IOException
    {
        try (CheckpointLog log = CheckpointLog.openForWriting(dir))
        {
            log.append(100, payload(1), 0, 8);
        }
        final Path cycle;
        try (Stream<Path> files = Files.list(dir.resolve(CheckpointLog.DIR)))
        {
            cycle = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.write(new byte[4096]); // the header never written: zeros, as a kill after the file's creation leaves it
        }
        final long t0 = System.nanoTime();
        try (CheckpointLog log = CheckpointLog.openForReading(dir))
        {
            assertThat(log == null || found(log, Long.MAX_VALUE).isEmpty()).isTrue();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms a reader spent on the broken file").isLessThan(2_000);
        try (CheckpointLog log = CheckpointLog.openForWriting(dir))
        {
            log.append(200, payload(2), 0, 8);
        }
        try (CheckpointLog log = CheckpointLog.openForReading(dir))
        {
            assertThat(found(log, Long.MAX_VALUE)).containsExactly(200L);
        }
    }

    private static UnsafeBuffer payload(final long value)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        buffer.putLong(0, value);
        return buffer;
    }

    private static List<Long> found(final CheckpointLog log, final long beforeNs)
    {
        final List<Long> watermarks = new ArrayList<>();
        log.lastBefore(beforeNs, (watermark, payload, offset, length) ->
        {
            watermarks.add(watermark);
            return true;
        });
        return watermarks;
    }
}
