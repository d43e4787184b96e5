package dev.tickwire.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link LiveTailTest}: appends trades 0..n-1 to the journal at args[0], pausing
 * half way until the parent has read the first half (it creates the file args[2]).
 */
public final class AppendMain
{
    private AppendMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final Path dir = Path.of(args[0]);
        final int n = Integer.parseInt(args[1]);
        final Path halfSeen = Path.of(args[2]);
        final SampleMessages m = new SampleMessages();
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            for (long s = 0; s < n; s++)
            {
                if (s == n / 2)
                {
                    awaitFile(halfSeen);
                }
                writer.append(m.buffer, 0, m.trade(s, 1, s, 1_000 + s, true));
            }
        }
    }

    private static void awaitFile(final Path file) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file))
        {
            if (System.nanoTime() > deadline)
            {
                System.err.println("parent never read the first half");
                System.exit(2);
            }
            Thread.sleep(1);
        }
    }
}
