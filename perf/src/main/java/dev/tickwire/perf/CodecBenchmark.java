package dev.tickwire.perf;

import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** SBE encode of a trade into an off-heap slot, and decode + dispatch of it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark
{
    private final UnsafeBuffer slot = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final MessageWriter writer = new MessageWriter();
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final Sum sum = new Sum();
    private long n;

    @Benchmark
    public int encodeTrade()
    {
        n++;
        return writer.trade(slot, 0, 1, n, 7, n, n, 500_025 + (n & 7), 3, Side.BUY, n, 500_000, 500_025);
    }

    @Benchmark
    public long decodeTrade()
    {
        dispatcher.dispatch(slot, 0, sum);
        return sum.total;
    }

    static final class Sum implements MarketDataListener
    {
        long total;

        @Override
        public void onTrade(final TradeDecoder trade)
        {
            total += trade.price() + trade.size();
        }
    }
}
