package dev.tickwire.kafka;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The engine as {@link KafkaCrashTest} runs it in a child JVM: a synthetic feed of {@code count} ticks at
 * {@code rate} a second journaling into {@code <dataDir>}, and a {@code type: kafka} output, until killed.
 *
 * <p>Args: {@code <dataDir> <bootstrap> <count> <rate>}. On SIGTERM a shutdown hook closes the engine.
 */
public final class KafkaEngineMain
{
    private KafkaEngineMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final TickwireConfig config = config(Path.of(args[0]), args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
        final Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
            .outputs(Outputs.create(config)));
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "engine-main-shutdown"));
        System.out.println("KafkaEngineMain pid " + ProcessHandle.current().pid() + " running");
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }

    static TickwireConfig config(final Path dataDir, final String bootstrap, final long count, final long rate)
    {
        return ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            engine: {ringSize: 4096}
            sources:
              - {type: synthetic, id: 1, rate: %d, count: %d, seed: 5, offGridEvery: 500}
            outputs:
              - {type: kafka, name: crash, bootstrap: "%s", topicPrefix: crash, rejected: crash.rejected,
                 topic: {partitions: 2}, flushEvery: 2000, flushInterval: 50ms}
            """.formatted(dataDir, rate, count, bootstrap)).conclude();
    }
}
