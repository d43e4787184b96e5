package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LiveTailTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aReaderFollowsAnotherThreadAppendingAcrossRolls() throws Exception
    {
        final int n = 40_000;
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        try (Journal journal = JournalTestSupport.openSecondly(dir, clock); JournalReader reader = journal.reader())
        {
            final CountDownLatch halfSeen = new CountDownLatch(1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final JournalWriter writer = journal.writer(); // created here, used by the appending thread
            final Thread appender = new Thread(() ->
            {
                try (writer)
                {
                    final SampleMessages m = new SampleMessages();
                    for (long s = 0; s < n; s++)
                    {
                        if (s == n / 2 && !halfSeen.await(30, TimeUnit.SECONDS)) // prove the reader is live
                        {
                            throw new IllegalStateException("reader never caught up");
                        }
                        if (s % 5_000 == 4_999)
                        {
                            clock.advanceMillis(1_000); // roll while the reader follows
                        }
                        writer.append(m.buffer, 0, m.trade(s, 1, s, 1_000 + s, true));
                    }
                }
                catch (final Throwable t)
                {
                    failure.set(t);
                }
            }, "appender");
            appender.start();

            final Tail tail = new Tail();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tail.count < n && System.nanoTime() < deadline && failure.get() == null)
            {
                if (reader.poll(tail, 100) == 0)
                {
                    Thread.onSpinWait();
                }
                if (tail.count >= n / 2)
                {
                    halfSeen.countDown();
                }
            }
            appender.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(failure.get()).isNull();
            assertThat(tail.errors).isEmpty();
            assertThat(tail.count).isEqualTo(n);
            assertThat(reader.poll(tail, 100)).isZero(); // nothing twice
            assertThat(journal.lastSequence()).isEqualTo(n - 1);
        }
    }

    @Test
    @Timeout(120)
    void aReaderFollowsAnotherProcessAppending() throws Exception
    {
        final int n = 10_000;
        final Path halfSeen = dir.resolve("half-seen");
        try (Journal journal = JournalTestSupport.open(dir); JournalReader reader = journal.reader())
        {
            final Process child = new ProcessBuilder(childCommand(dir, n, halfSeen))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
            try
            {
                final Tail tail = new Tail();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (tail.count < n && System.nanoTime() < deadline)
                {
                    if (reader.poll(tail, 100) > 0)
                    {
                        if (tail.count >= n / 2 && !Files.exists(halfSeen))
                        {
                            Files.createFile(halfSeen); // the child waits for this: we are reading while it writes
                        }
                    }
                    else if (!child.isAlive() && reader.poll(tail, 100) == 0)
                    {
                        break; // the child is gone and nothing is left
                    }
                    else
                    {
                        Thread.sleep(1);
                    }
                }
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as("child exit code; see child.log").isZero();
                assertThat(tail.errors).isEmpty();
                assertThat(tail.count).isEqualTo(n);
                assertThat(reader.poll(tail, 100)).isZero();
            }
            finally
            {
                child.destroyForcibly();
            }
        }
    }

    /** The same JVM, classpath and module flags as this test JVM, running {@link AppendMain}. */
    private static List<String> childCommand(final Path dir, final int n, final Path halfSeen)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvmArgs.size(); i++)
        {
            final String arg = jvmArgs.get(i);
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle."))
            {
                command.add(arg);
                if (!arg.contains("=") && i + 1 < jvmArgs.size()) // the two-token form: --add-opens X=Y
                {
                    command.add(jvmArgs.get(++i));
                }
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AppendMain.class.getName());
        command.add(dir.toString());
        command.add(Integer.toString(n));
        command.add(halfSeen.toString());
        return command;
    }

    /** Checks that sequences arrive exactly once, in order, with increasing indexes. */
    private static final class Tail implements JournalHandler
    {
        int count;
        long lastIndex = Long.MIN_VALUE;
        final List<String> errors = new ArrayList<>();

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length,
            final long index, final long watermarkNs)
        {
            final long sequence = Envelope.sequence(buffer, offset);
            if (sequence != count && errors.size() < 10)
            {
                errors.add("expected sequence " + count + " but got " + sequence);
            }
            if (index <= lastIndex && errors.size() < 10)
            {
                errors.add("index went from " + lastIndex + " to " + index);
            }
            lastIndex = index;
            count++;
        }
    }
}
