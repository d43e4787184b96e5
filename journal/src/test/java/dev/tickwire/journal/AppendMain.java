package dev.tickwire.journal;

import java.nio.file.Path;

/** Child process of {@link LiveTailTest}: appends trades 0..n-1 to the journal at args[0]. */
public final class AppendMain
{
    private AppendMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final int n = Integer.parseInt(args[1]);
        final TestMessages m = new TestMessages();
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            for (long s = 0; s < n; s++)
            {
                writer.append(m.buffer, 0, m.trade(s, 1, s, 1_000 + s, true));
                if (s % 1_000 == 999)
                {
                    Thread.yield(); // let the tailing process interleave with us
                }
            }
        }
    }
}
