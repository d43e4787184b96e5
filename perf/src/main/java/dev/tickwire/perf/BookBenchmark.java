package dev.tickwire.perf;

import dev.tickwire.engine.book.L2Book;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/** L2 book updates near the top of a book of {@code depth} levels a side, as real feeds do. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BookBenchmark
{
    @Param({"10", "1000"})
    int depth;

    private L2Book book;
    private long[] prices;
    private long[] sizes;
    private int i;

    @Setup(Level.Trial)
    public void setUp()
    {
        book = new L2Book(1, depth * 2);
        for (int k = 0; k < depth; k++)
        {
            book.set(L2Book.BID, 100_000 - k, 10 + k, 1);
            book.set(L2Book.ASK, 100_001 + k, 10 + k, 1);
        }
        prices = new long[4096];
        sizes = new long[4096];
        final java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int k = 0; k < prices.length; k++)
        {
            prices[k] = 100_000 - random.nextInt(Math.min(depth, 20)); // near the top
            sizes[k] = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(100); // 1 in 5 removes
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        book.close();
    }

    @Benchmark
    public long setOrRemoveNearTop()
    {
        final int k = i++ & (prices.length - 1);
        book.set(L2Book.BID, prices[k], sizes[k], 1);
        return book.bestBidPrice();
    }
}
