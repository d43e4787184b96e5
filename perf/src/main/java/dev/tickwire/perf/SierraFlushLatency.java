package dev.tickwire.perf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.adapters.sierra.ScidFileWriter;
import dev.tickwire.adapters.sierra.ScidFormat;
import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The delay from Sierra Chart flushing a record to the .scid file to that record's arrival at a
 * strategy subscribed over Aeron, with the default poll interval: a writer flushes chunks of trades
 * the way Sierra Chart does; the engine tails the file; a subscriber thread timestamps arrivals.
 * {@code java -cp perf/target/tickwire-perf.jar dev.tickwire.perf.SierraFlushLatency [records] [pollInterval]}
 */
public final class SierraFlushLatency
{
    private SierraFlushLatency()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final String pollInterval = args.length > 1 ? args[1] : new dev.tickwire.adapters.sierra.SierraConfig().pollInterval;
        final int chunk = 50;
        final Path dir = Files.createTempDirectory("tickwire-flush-latency");
        final Path data = dir.resolve("Data");
        Files.createDirectories(data);
        final AtomicLongArray flushedAt = new AtomicLongArray(records + 1);
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);

        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("engine").toString();
        config.aeron.dir = CommonContext.generateRandomDirName();
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "sierra").put("folder", data.toString()).put("pollInterval", pollInterval);
        source.putArray("contracts").addObject().put("symbol", "ESM25_FUT_CME").put("tickSize", "0.25").put("depth", false);
        config.sources.add(source);

        final long[] received = {0};
        try (ScidFileWriter writer = new ScidFileWriter(data.resolve("ESM25_FUT_CME.scid"));
             Engine engine = Engine.launch(config, Sources.create(config));
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.aeron.dir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", config.aeron.stream,
                 new MarketDataListener()
                 {
                     @Override
                     public void onTrade(final TradeDecoder trade)
                     {
                         final long now = System.nanoTime();
                         final long flushed = flushedAt.get((int)trade.tradeId());
                         histogram.recordValue(Math.max(0, now - flushed));
                         received[0]++;
                     }
                 }))
        {
            final Thread consumer = new Thread(() ->
            {
                while (received[0] < records && !Thread.currentThread().isInterrupted())
                {
                    if (subscriber.poll() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "latency-subscriber");
            consumer.start();
            while (!subscriber.isConnected())
            {
                Thread.sleep(1);
            }
            long nanos = System.currentTimeMillis() * 1_000_000L;
            for (int i = 1; i <= records; i += chunk)
            {
                final int last = Math.min(records, i + chunk - 1);
                for (int r = i; r <= last; r++)
                {
                    nanos += 1000;
                    writer.trade(nanos, 5000.25f, 5000.0f, 5000.25f, 1, 1, ScidFormat.SINGLE_TRADE);
                }
                final long before = System.nanoTime();
                for (int r = i; r <= last; r++)
                {
                    flushedAt.set(r, before);
                }
                writer.flush();
                Thread.sleep(7 + (i / chunk) % 13); // flushes at irregular intervals, as a desktop does
            }
            consumer.join(TimeUnit.SECONDS.toMillis(30));
            consumer.interrupt();
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
        System.out.printf("flush → subscriber over %d trades (poll interval %s, chunks of %d): median %.2f ms, p90 %.2f ms, " +
            "p99 %.2f ms, max %.2f ms%n", histogram.getTotalCount(), pollInterval, chunk,
            histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
    }
}
