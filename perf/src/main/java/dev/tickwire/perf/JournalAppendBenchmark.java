package dev.tickwire.perf;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/** Appending one tick-sized message (a trade) to the Chronicle journal. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalAppendBenchmark
{
    private File dir;
    private Journal journal;
    private JournalWriter writer;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private int length;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("tickwire-bench-journal").toFile();
        journal = Journal.open(new Journal.Context().dir(dir.toPath()));
        writer = journal.writer();
        length = new MessageWriter().trade(message, 0, 1, 1, 1, 1, 1, 500_025, 3, Side.BUY, 1, 500_000, 500_025);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        journal.close();
        IoUtil.delete(dir, true);
    }

    @Benchmark
    public long append()
    {
        return writer.append(message, 0, length);
    }
}
