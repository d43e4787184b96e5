package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Values;

import java.nio.file.Path;

/**
 * A hook for the perf bench: how fast the Kafka output sends a journal into a running broker, without the
 * tailer's thread and idle strategy in the way. Each call writes to fresh topics (its own prefix), in
 * transactions of {@code flushEvery} messages, as the output does; the connection and topic creation are
 * not timed. Not a test: nothing here asserts a speed.
 */
public final class KafkaSinkBench
{
    /** What a run did: messages handed to the output, the time from the first to the last commit, the rate. */
    public record Result(long messages, long nanos, String format)
    {
        public double messagesPerSecond()
        {
            return messages * 1e9 / Math.max(1, nanos);
        }

        @Override
        public String toString()
        {
            return String.format("%,d messages (%s) in %.2f s: %,.0f msgs/s", messages, format, nanos / 1e9,
                messagesPerSecond());
        }
    }

    private KafkaSinkBench()
    {
    }

    /** Avro (single-object), transactions of 10,000 messages. */
    public static Result run(final Path journalDir, final String bootstrap)
    {
        return run(journalDir, bootstrap, "avro", 10_000);
    }

    public static Result run(final Path journalDir, final String bootstrap, final String format, final int flushEvery)
    {
        final TickwireConfig config = new TickwireConfig();
        config.journal.dir = journalDir.toString();
        final String name = "bench-" + System.nanoTime();
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "kafka").put("bootstrap", bootstrap).put("topicPrefix", name).put("format", format);
        final KafkaOutput output = new KafkaOutputFactory().create("bench", name, node, config,
            new dev.tickwire.engine.config.Secrets());
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            if (output.resumeAfter(Values.NONE) != Values.NONE)
            {
                throw new IllegalStateException("fresh topics expected");
            }
            final long[] count = new long[1];
            final long start = System.nanoTime();
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                output.onMessage(buffer, offset, length, index, watermarkNs);
                if (++count[0] % flushEvery == 0)
                {
                    flush(output);
                }
            }, 4096) > 0)
            {
                // to the end
            }
            flush(output);
            return new Result(count[0], System.nanoTime() - start, format);
        }
        finally
        {
            output.close();
        }
    }

    private static void flush(final KafkaOutput output)
    {
        try
        {
            output.flush();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("flush failed: " + ex, ex);
        }
    }
}
