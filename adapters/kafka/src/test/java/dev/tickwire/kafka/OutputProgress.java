package dev.tickwire.kafka;

import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.Journal;

import java.io.IOException;
import java.nio.file.Path;

/** Waits for the outputs of a journal to have flushed everything journaled so far. Tests only. */
public final class OutputProgress
{
    private OutputProgress()
    {
    }

    /** Until every output's checkpoint reaches the journal's last sequence (or throws after {@code timeoutMs}). */
    public static void awaitCaughtUp(final Path journalDir, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        long last = -1;
        long flushed = -1;
        while (System.currentTimeMillis() < deadline)
        {
            try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
            {
                last = journal.lastSequence();
            }
            try
            {
                flushed = Outputs.flushedThrough(journalDir);
            }
            catch (final IOException ex)
            {
                flushed = -1;
            }
            if (flushed != Long.MAX_VALUE && flushed >= last && last >= 0)
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the outputs flushed through sequence " + flushed + ", the journal is at " + last);
    }
}
