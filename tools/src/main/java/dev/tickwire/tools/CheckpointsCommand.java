package dev.tickwire.tools;

import dev.tickwire.engine.book.checkpoint.BookCheckpointer;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.journal.CheckpointLog;
import dev.tickwire.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code tickwire checkpoints}: builds (or rebuilds) a journal's book checkpoints offline. */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
    description = {"Build a journal's book checkpoints (<journal>/checkpoints) up to its end, from where they stopped: a "
        + "running engine and every import keep them already; this is for a journal written before them, or after "
        + "deleting them (derived data: nothing is lost). Not while an engine writes the journal."})
final class CheckpointsCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--every", defaultValue = "10s", description = "A checkpoint per this much event time (default: ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--every-deltas", defaultValue = "10000",
        description = "... or per this many book deltas, whichever comes first (default: ${DEFAULT-VALUE}).")
    long everyDeltas;

    @Option(names = "--rebuild", description = "Delete the existing checkpoints first and build them from the journal's start.")
    boolean rebuild;

    @Override
    public Integer call() throws IOException
    {
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir);
        }
        if (everyDeltas < 1)
        {
            throw new IllegalArgumentException("--every-deltas must be at least 1");
        }
        final long everyNs = Durations.parseNanos("--every", every);
        if (rebuild && Files.isDirectory(journalDir.resolve(CheckpointLog.DIR)))
        {
            try (Stream<Path> files = Files.walk(journalDir.resolve(CheckpointLog.DIR)))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        final long t0 = System.nanoTime();
        final long read;
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            read = new BookCheckpointer(journal, everyNs, everyDeltas, null).catchUp();
        }
        System.out.printf("read %,d journal messages in %.2f s; checkpoints in %s%n", read, (System.nanoTime() - t0) / 1e9,
            journalDir.resolve(CheckpointLog.DIR));
        return 0;
    }
}
