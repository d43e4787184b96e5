package dev.tickwire.perf;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickRing;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.engine.validate.ValidateStage;
import dev.tickwire.engine.validate.ValidationLimits;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Validating one trade in its ring slot: every rule the engine applies to a trade. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValidatorBenchmark
{
    private Path dir;
    private CountersFile countersFile;
    /** No consumer gates this ring: the benchmark thread is producer and validator, so it never waits. */
    private RingBuffer<TickSlot> ring;
    private TickPublisher publisher;
    private ValidateStage stage;
    private final MessageWriter writer = new MessageWriter();
    private long position;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("tickwire-bench-validator");
        countersFile = CountersFile.create(dir.resolve("counters.dat"), 256);
        ring = new TickRing(1024, TickRing.SLOT_LENGTH).newRingBuffer(ProducerType.SINGLE, new BlockingWaitStrategy());
        publisher = new TickPublisher(ring, 0);
        stage = new ValidateStage(ring, ValidationLimits.DEFAULT, new EngineCounters(countersFile.manager()), Map.of());
        final long s = publisher.claim();
        final TickSlot slot = publisher.slot(s);
        slot.length(writer.instrument(slot.buffer(), 0, 0, 1, 0, 0, "ESZ6", "CME", -2, 0, 25));
        publisher.publish(s);
        stage.onEvent(slot, s, true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        countersFile.close();
        org.agrona.IoUtil.delete(dir.toFile(), true);
    }

    @Benchmark
    public boolean validateTrade()
    {
        final long s = publisher.claim();
        final TickSlot slot = publisher.slot(s);
        final long n = ++position;
        slot.length(writer.trade(slot.buffer(), 0, 1, n, 1, n, n, 500_000 + (n & 7) * 25, 3, Side.BUY, n, 499_975, 500_200));
        publisher.publish(s);
        stage.onEvent(slot, s, true);
        return slot.buffer().getByte(0) != 0;
    }
}
