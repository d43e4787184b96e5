package dev.tickwire.journal;

import net.openhft.chronicle.core.time.TimeProvider;

import java.nio.file.Path;

/** Opens journals for tests. */
final class JournalTestSupport
{
    private JournalTestSupport()
    {
    }

    static Journal open(final Path dir)
    {
        return Journal.open(new Journal.Context().dir(dir));
    }

    static Journal openSecondly(final Path dir, final TimeProvider time)
    {
        return Journal.open(new Journal.Context().dir(dir).rollCycle("TEST_SECONDLY").timeProvider(time));
    }
}
