package dev.tickwire.kafka;

import dev.tickwire.journal.Journal;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once into Kafka across kill -9: a child engine ({@link KafkaEngineMain}: a synthetic feed and a
 * {@code type: kafka} output) is SIGKILLed at random moments and restarted, then runs to the end. Every engine
 * sequence the output sends must be in the read_committed topics exactly once: lost = 0, duplicated = 0.
 *
 * <p>{@code -Dkafka.crash.kills=20 -Dkafka.crash.ticks=1000000} for the long run (default 3 kills, 20,000 ticks);
 * {@code -Dkafka.crash.seed=<seed>} repeats a kill plan (not its timing).
 */
class KafkaCrashTest
{
    @TempDir
    Path tmp;

    private final List<Path> logs = new ArrayList<>();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void everySentSequenceIsInKafkaExactlyOnceAcrossKills() throws Exception
    {
        final int kills = Integer.getInteger("kafka.crash.kills", 3);
        final long ticks = Long.getLong("kafka.crash.ticks", 20_000);
        final long seed = Long.getLong("kafka.crash.seed", System.nanoTime());
        final Random rnd = new Random(seed);
        // spread the feed over the kills: each run journals for a second or two before its kill
        final long rate = Math.max(4_000, ticks / (kills * 2L));
        System.out.printf("KafkaCrashTest seed %d: %d kills, %d ticks at %d/s%n", seed, kills, ticks, rate);
        final long started = System.nanoTime();
        final Path dataDir = tmp.resolve("data");
        final Path journalDir = dataDir.resolve("journal");
        Process child = null;
        try (KafkaBroker broker = KafkaBroker.start(tmp.resolve("broker")))
        {
            for (int run = 0; run < kills; run++)
            {
                final long before = lastSequence(journalDir);
                child = startChild(run, dataDir, broker.bootstrap(), ticks, rate);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (lastSequence(journalDir) <= before + 2 && System.nanoTime() < deadline)
                {
                    assertThat(child.isAlive()).as("child run %d alive", run).isTrue();
                    Thread.sleep(20);
                }
                Thread.sleep(100 + rnd.nextInt(1_500)); // anywhere: mid-transaction, mid-commit, catching up
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isEqualTo(137);
                child = null;
                System.out.printf("run %d killed at journal sequence %d%n", run, lastSequence(journalDir));
            }
            child = startChild(kills, dataDir, broker.bootstrap(), ticks, rate);
            awaitAllJournaled(journalDir, ticks, child);
            OutputProgress.awaitCaughtUp(journalDir, 120_000);
            child.destroy();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            child = null;

            final Map<Long, JournalExpectations.Expected> expected = JournalExpectations.read(journalDir, true);
            final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), null);
            AvroSchemas.shipped().values().forEach(decoder::addSchema);
            final Map<Long, Integer> seen = new HashMap<>();
            final List<ConsumerRecord<byte[], byte[]>> records = KafkaRead.all(broker.bootstrap(),
                t -> t.startsWith("crash.") && !t.equals("crash.checkpoints"));
            for (final ConsumerRecord<byte[], byte[]> r : records)
            {
                seen.merge((Long)decoder.decode(r.value()).get("sequence"), 1, Integer::sum);
            }
            long lost = 0;
            for (final Long sequence : expected.keySet())
            {
                if (!seen.containsKey(sequence))
                {
                    lost++;
                }
            }
            final long duplicated = seen.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            final long unknown = seen.keySet().stream().filter(s -> !expected.containsKey(s)).count();
            System.out.printf("KafkaCrashTest: %d kills, %d journal messages sent, %d records in Kafka " +
                "(read_committed): lost %d, duplicated %d, not in the journal %d; %.1f s%n", kills, expected.size(),
                records.size(), lost, duplicated, unknown, (System.nanoTime() - started) / 1e9);
            assertThat(lost).as("lost").isZero();
            assertThat(duplicated).as("duplicated").isZero();
            assertThat(unknown).as("not in the journal").isZero();
            assertThat(expected.size()).isGreaterThan((int)ticks);
        }
        catch (final Throwable ex)
        {
            for (final Path log : logs)
            {
                System.out.println("---- " + log.getFileName());
                System.out.println(Files.readString(log));
            }
            throw ex;
        }
        finally
        {
            if (child != null)
            {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitAllJournaled(final Path journalDir, final long ticks, final Process child)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            assertThat(child.isAlive()).as("the last run is alive").isTrue();
            if (JournalExpectations.marketEvents(journalDir) >= ticks)
            {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the last run did not journal all " + ticks + " ticks");
    }

    private static long lastSequence(final Path journalDir)
    {
        if (!Files.exists(journalDir.resolve("metadata.cq4t")))
        {
            return -1; // the first run has not created it yet
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            return journal.lastSequence();
        }
        catch (final RuntimeException | AssertionError ex)
        {
            // not created yet: the child may be creating its first cycle file right now (Chronicle asserts on
            // the half-made queue: the tests run with -ea)
            return -1;
        }
    }

    private Process startChild(final int run, final Path dataDir, final String bootstrap, final long ticks,
        final long rate) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvmArgs.size(); i++)
        {
            final String arg = jvmArgs.get(i);
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports"))
            {
                command.add(arg);
                if (!arg.contains("=") && i + 1 < jvmArgs.size())
                {
                    command.add(jvmArgs.get(++i));
                }
            }
            else if (arg.startsWith("-D"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaEngineMain.class.getName());
        command.add(dataDir.toString());
        command.add(bootstrap);
        command.add(Long.toString(ticks));
        command.add(Long.toString(rate));
        final Path log = tmp.resolve(String.format("child-run-%02d.log", run));
        logs.add(log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
