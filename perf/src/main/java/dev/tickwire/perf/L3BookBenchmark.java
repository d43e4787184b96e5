package dev.tickwire.perf;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.book.L3Book;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Market-by-order churn on a book of ~10,000 resting orders: each operation adds a new order near
 * the top and cancels the oldest one, keeping the L2 view consistent, as an order feed does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class L3BookBenchmark
{
    private static final int RESTING = 10_000;
    private L3Book book;
    private long nextId;
    private long oldestId;

    @Setup
    public void setUp()
    {
        book = new L3Book(1, RESTING * 2, 256);
        for (int i = 0; i < RESTING; i++)
        {
            add();
        }
    }

    private void add()
    {
        final long id = ++nextId;
        final boolean bid = (id & 1) == 0;
        book.add(id, bid ? L2Book.BID : L2Book.ASK, bid ? 100_000 - (id % 20) : 100_001 + (id % 20), 1 + (id & 15));
    }

    @Benchmark
    public int addAndCancel()
    {
        add();
        return book.remove(++oldestId);
    }
}
