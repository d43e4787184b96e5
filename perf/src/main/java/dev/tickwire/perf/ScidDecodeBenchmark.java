package dev.tickwire.perf;

import dev.tickwire.adapters.sierra.ScidFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** Decoding one 40-byte Sierra Chart intraday record: classify it and read what a trade needs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScidDecodeBenchmark
{
    private static final int RECORDS = 1024;
    private final UnsafeBuffer records = new UnsafeBuffer(ByteBuffer.allocateDirect(RECORDS * ScidFormat.RECORD_SIZE));
    private int i;

    @Setup
    public void setUp()
    {
        for (int k = 0; k < RECORDS; k++)
        {
            final boolean quote = k % 3 == 0;
            ScidFormat.writeRecord(records, k * ScidFormat.RECORD_SIZE, ScidFormat.toScDateTime(1_749_821_400_000_000_000L + k * 1000L),
                0.0f, 5000.25f, 5000.0f, quote ? 0.0f : 5000.25f, 1, quote ? 0 : 3, quote ? 12 : 0, quote ? 9 : 3);
        }
    }

    @Benchmark
    public long decodeRecord()
    {
        final int offset = (i++ & (RECORDS - 1)) * ScidFormat.RECORD_SIZE;
        final int kind = ScidFormat.kind(records, offset);
        final long time = ScidFormat.toEpochNanos(ScidFormat.dateTime(records, offset));
        final float price = kind == ScidFormat.KIND_TRADE ? ScidFormat.close(records, offset) : ScidFormat.low(records, offset);
        return time + kind + Float.floatToRawIntBits(price) + ScidFormat.totalVolume(records, offset) +
            ScidFormat.askVolume(records, offset);
    }
}
