package dev.tickwire.clickhouse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import org.agrona.collections.LongArrayList;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The ClickHouse output's throughput over a journal, for the perf bench: reads {@code journal} from its start
 * (read-only: no checkpoint written into it), hands every message to a {@code type: clickhouse} sink writing
 * into a fresh database, and flushes every {@code flushEvery} messages, as the tailer would.
 *
 * <p>Delay: for one message in 64, the time from its hand-over to the sink until the flush that made it
 * durable in ClickHouse returned (batching plus insert; a replay reads as fast as it can, so this is the
 * output's own delay, not the feed's).
 */
public final class ClickHouseSinkBench
{
    private static final int SAMPLE_EVERY = 64;

    /** Messages per second and the delays' p50, p99 and max in microseconds. */
    public record Result(long messages, double seconds, double messagesPerSecond, long delayP50Micros,
        long delayP99Micros, long delayMaxMicros)
    {
        @Override
        public String toString()
        {
            return String.format("%d messages in %.2f s: %.0f msg/s into ClickHouse, delay p50 %d µs, p99 %d µs, " +
                "max %d µs", messages, seconds, messagesPerSecond, delayP50Micros, delayP99Micros, delayMaxMicros);
        }
    }

    private ClickHouseSinkBench()
    {
    }

    /** {@link #run(Path, String, String, long)} into database "tickwire_bench" (dropped first), 100 000 a flush. */
    public static Result run(final Path journal, final String url) throws Exception
    {
        return run(journal, url, "tickwire_bench", 100_000);
    }

    /**
     * @param journal    the journal folder
     * @param url        ClickHouse's HTTP interface, default user, e.g. http://127.0.0.1:8123
     * @param database   dropped and created again
     * @param flushEvery messages per flush (the output's flushEvery)
     */
    public static Result run(final Path journal, final String url, final String database, final long flushEvery)
        throws Exception
    {
        final ClickHouseHttp http = new ClickHouseHttp(java.net.URI.create(url), null, null,
            java.time.Duration.ofSeconds(60));
        http.query("DROP DATABASE IF EXISTS " + database);
        final TickwireConfig config = new TickwireConfig();
        config.journal.dir = journal.toString();
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "clickhouse");
        node.put("url", url);
        node.put("database", database);
        node.put("timeout", "60s");
        final LongArrayList pending = new LongArrayList();
        final LongArrayList delays = new LongArrayList();
        final long[] messages = {0};
        final long started;
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
             JournalReader reader = j.reader();
             OutputSink sink = new ClickHouseOutputFactory().create("outputs[0]", "bench", node, config))
        {
            reader.toStart();
            started = System.nanoTime();
            final long[] sinceFlush = {0};
            final Exception[] failure = {null};
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (failure[0] != null)
                {
                    return;
                }
                sink.onMessage(buffer, offset, length, index, watermarkNs);
                if (messages[0]++ % SAMPLE_EVERY == 0)
                {
                    pending.addLong(System.nanoTime());
                }
                if (++sinceFlush[0] >= flushEvery)
                {
                    failure[0] = flush(sink, pending, delays);
                    sinceFlush[0] = 0;
                }
            }, 4096) > 0)
            {
                if (failure[0] != null)
                {
                    throw failure[0];
                }
            }
            final Exception last = flush(sink, pending, delays);
            if (last != null)
            {
                throw last;
            }
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final long[] sorted = delays.toLongArray();
        Arrays.sort(sorted);
        return new Result(messages[0], seconds, messages[0] / seconds, percentile(sorted, 0.50),
            percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1_000);
    }

    private static Exception flush(final OutputSink sink, final LongArrayList pending, final LongArrayList delays)
    {
        try
        {
            sink.flush();
        }
        catch (final Exception ex)
        {
            return ex;
        }
        final long now = System.nanoTime();
        for (int i = 0; i < pending.size(); i++)
        {
            delays.addLong(now - pending.getLong(i));
        }
        pending.clear();
        return null;
    }

    private static long percentile(final long[] sorted, final double p)
    {
        return sorted.length == 0 ? 0 : sorted[(int)Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))]
            / 1_000;
    }

    /** {@code ClickHouseSinkBench <journalDir> <url>} */
    public static void main(final String[] args) throws Exception
    {
        System.out.println(run(Path.of(args[0]), args[1]));
    }
}
