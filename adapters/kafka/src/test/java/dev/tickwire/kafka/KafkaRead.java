package dev.tickwire.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads topics whole with a read_committed consumer (what a downstream exactly-once reader sees). Tests only. */
public final class KafkaRead
{
    private KafkaRead()
    {
    }

    /** Every committed record of the topics the filter accepts, topic by topic, partition by partition. */
    public static List<ConsumerRecord<byte[], byte[]>> all(final String bootstrap, final Predicate<String> topics)
    {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", bootstrap,
            "isolation.level", "read_committed",
            "enable.auto.commit", false,
            "key.deserializer", ByteArrayDeserializer.class.getName(),
            "value.deserializer", ByteArrayDeserializer.class.getName())))
        {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final Map.Entry<String, List<PartitionInfo>> t : consumer.listTopics(Duration.ofSeconds(15)).entrySet())
            {
                if (topics.test(t.getKey()))
                {
                    t.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            partitions.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) :
                a.topic().compareTo(b.topic()));
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (final TopicPartition tp : partitions)
            {
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                final long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(15)).get(tp);
                final long deadline = System.nanoTime() + 60_000_000_000L;
                while (consumer.position(tp, Duration.ofSeconds(15)) < end)
                {
                    if (System.nanoTime() > deadline)
                    {
                        throw new IllegalStateException("reading " + tp + " to offset " + end + " timed out");
                    }
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
            return records;
        }
    }
}
