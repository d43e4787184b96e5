package dev.tickwire.clickhouse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The engine as {@link ClickHouseCrashTest} runs it in a child JVM: a synthetic feed of {@code count} records
 * (some rejected: off the tick grid) at {@code rate} a second, journaled, with a {@code type: clickhouse}
 * output. Mode {@code kill}: runs until killed. Mode {@code finish}: stops cleanly once the feed is done and
 * the output had time to flush, exit 0.
 *
 * <p>Args: {@code <dataDir> <clickhouseUrl> <count> <rate> kill|finish}.
 */
public final class ClickHouseEngineMain
{
    private ClickHouseEngineMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException, java.io.IOException
    {
        if (args.length != 5)
        {
            System.err.println("usage: ClickHouseEngineMain <dataDir> <url> <count> <rate> kill|finish");
            System.exit(2);
        }
        final TickwireConfig config = config(Path.of(args[0]), args[1], Long.parseLong(args[2]),
            Long.parseLong(args[3]));
        final Engine engine = Engine.launch(new Engine.Context().config(config).adapters(Sources.create(config))
            .outputs(Outputs.create(config)));
        System.out.println("ClickHouseEngineMain pid " + ProcessHandle.current().pid() + " running");
        System.out.flush();
        if (args[4].equals("finish"))
        {
            while (!engine.adaptersDone())
            {
                Thread.sleep(20);
            }
            engine.awaitDrained(30, TimeUnit.SECONDS);
            // the output may lag the feed (rate 0): wait until its checkpoint holds the journal's last message
            long last = -1;
            try (JournalReader reader = engine.journal().reader())
            {
                final long[] max = {-1};
                while (reader.poll((b, o, l, i, w) -> max[0] = Math.max(max[0], Envelope.sequence(b, o)), 4096) > 0)
                {
                    Thread.onSpinWait();
                }
                last = max[0];
            }
            while (Outputs.flushedThrough(config.journalPath()) < last)
            {
                Thread.sleep(20);
            }
            engine.close();
            System.out.println("ClickHouseEngineMain finished");
            System.exit(0);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "engine-main-shutdown"));
        new CountDownLatch(1).await(); // until killed
    }

    static TickwireConfig config(final Path dataDir, final String url, final long count, final long rate)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dataDir.toString();
        config.aeron.publish = false;
        config.engine.ringSize = 4096;

        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic");
        source.put("count", count);
        source.put("rate", rate);
        source.put("offGridEvery", 97);
        config.sources.add(source);

        final ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("type", "clickhouse");
        output.put("name", "ch");
        output.put("url", url);
        output.put("database", "crash");
        output.put("flushEvery", Long.getLong("clickhouse.crash.flushEvery", 5_000));
        output.put("flushInterval", "50ms");
        output.put("timeout", "5s");
        output.put("monitorInterval", "1s");
        config.outputs.add(output);
        return config;
    }
}
