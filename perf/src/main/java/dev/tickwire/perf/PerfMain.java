package dev.tickwire.perf;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks with the JVM flags tickwire needs and the GC profiler (allocation per
 * operation must be ≈ 0 B/op on the hot path).
 * {@code java -jar perf/target/tickwire-perf.jar [regex] [--quick]}, or
 * {@code java -jar perf/target/tickwire-perf.jar bench [--quick]} for the measurement harness.
 */
public final class PerfMain
{
    private PerfMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("bench"))
        {
            dev.tickwire.perf.bench.BenchMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        boolean quick = false;
        String include = "dev.tickwire.perf.*Benchmark.*";
        for (final String arg : args)
        {
            if (arg.equals("--quick"))
            {
                quick = true;
            }
            else
            {
                include = arg;
            }
        }
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(include)
            .jvmArgsAppend(JvmFlags.get())
            .addProfiler(GCProfiler.class)
            .forks(1);
        if (quick)
        {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(1).measurementTime(TimeValue.seconds(1));
        }
        new Runner(options.build()).run();
    }
}
