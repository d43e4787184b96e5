package dev.tickwire.engine;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;

import java.nio.file.Path;

/** Reads a whole journal, read-only, from the start: what tests compare against. */
final class JournalScan
{
    private JournalScan()
    {
    }

    static void forEach(final Path journalDir, final JournalHandler handler)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll(handler, 1000) > 0)
            {
                // until the end
            }
        }
    }
}
