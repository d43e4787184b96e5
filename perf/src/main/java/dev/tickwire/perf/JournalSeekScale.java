package dev.tickwire.perf;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Seek to a timestamp in a journal of N events (default 100 M trades, one per µs): how long a
 * {@code seekToTime} takes, and that it lands on the right event. The journal is written once into
 * a temporary directory (about 11 GB for 100 M) and deleted afterwards.
 * {@code java -cp perf/target/tickwire-perf.jar dev.tickwire.perf.JournalSeekScale [events] [dir]}
 */
public final class JournalSeekScale
{
    private JournalSeekScale()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        final Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tickwire-seek");
        final long t0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
        final long start = System.nanoTime();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            final JournalWriter writer = journal.writer();
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
            final MessageWriter encode = new MessageWriter();
            for (long i = 0; i < events; i++)
            {
                final int length = encode.trade(buffer, 0, 1, i + 1, 1, t0 + i * 1000, 0, 500_000 + (i & 15) * 25, 1,
                    Side.BUY, i, 499_975, 500_000);
                Envelope.sequence(buffer, 0, i);
                writer.append(buffer, 0, length);
            }
        }
        final double writeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("wrote %,d events in %.1f s (%,.0f/s), %,d MB on disk%n", events, writeSeconds,
            events / writeSeconds, Files.walk(dir).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20);

        final Histogram micros = new Histogram(60_000_000L, 3);
        final SplittableRandom random = new SplittableRandom(7);
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            final long[] found = new long[1];
            for (int k = 0; k < 200; k++)
            {
                final long target = random.nextLong(events);
                final long at = t0 + target * 1000;
                final long before = System.nanoTime();
                if (!reader.seekToTime(at))
                {
                    throw new IllegalStateException("no event at or after " + at);
                }
                reader.poll((b, o, l, index, watermark) -> found[0] = Envelope.sequence(b, o), 1);
                micros.recordValue((System.nanoTime() - before) / 1000);
                if (found[0] != target)
                {
                    throw new IllegalStateException("seek to event " + target + " landed on " + found[0]);
                }
            }
        }
        finally
        {
            if (args.length < 2)
            {
                IoUtil.delete(dir.toFile(), true);
            }
        }
        System.out.printf("seekToTime over %,d events, 200 random targets, each checked: median %.1f µs, p99 %.1f µs, max %.1f µs%n",
            events, micros.getValueAtPercentile(50) / 1.0, micros.getValueAtPercentile(99) / 1.0, micros.getMaxValue() / 1.0);
    }
}
