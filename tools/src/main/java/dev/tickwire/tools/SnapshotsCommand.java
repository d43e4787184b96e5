package dev.tickwire.tools;

import dev.tickwire.engine.config.Durations;
import dev.tickwire.tools.snapshots.BookSnapshots;
import dev.tickwire.tools.snapshots.SnapshotFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code tickwire snapshots}: top-N book snapshots of one instrument, as Tardis CSV, LOBSTER or JSON lines. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
    description = {
        "Top-N L2 book snapshots of one instrument, replayed from the journal: after each batch that changes",
        "its book (--every event) or at each interval boundary (--every 1s: at from, from+1s, …, the book",
        "as it stood then), as Tardis book_snapshot_N CSV, a LOBSTER order book file or JSON lines."})
final class SnapshotsCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "./tickwire-data/journal",
        description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--symbol", paramLabel = "S", required = true, description = "The instrument.")
    String symbol;

    @Option(names = "--levels", paramLabel = "N", required = true, description = "Levels per side (1..1000).")
    int levels;

    @Option(names = "--every", paramLabel = "event|DURATION", required = true,
        description = "'event': a snapshot after each book change (batch end); or an interval (100ms, 1s, 1m).")
    String every;

    @Option(names = "--from", paramLabel = "T", converter = Converters.Time.class,
        description = "First snapshot time (ISO-8601 or epoch ns; default: the instrument's first event).")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.Time.class,
        description = "Last snapshot time, inclusive (default and at most: the end of the journal).")
    Long to;

    @Option(names = "--format", paramLabel = "tardis|lobster|jsonl", required = true,
        description = "tardis: book_snapshot_N CSV (µs timestamps); lobster: order book file (prices × 10000, no header); "
            + "jsonl: one JSON object per snapshot.")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException
    {
        final BookSnapshots.Request request = new BookSnapshots.Request(journalDir, symbol, levels, parseEvery(every),
            from, to, SnapshotFormat.Kind.parse(format));
        if (output == null)
        {
            final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            try
            {
                BookSnapshots.write(request, out);
            }
            finally
            {
                out.flush(); // not closed: System.out stays open
            }
        }
        else
        {
            final Path parent = output.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent))
            {
                throw new IllegalArgumentException("--output: no directory " + parent);
            }
            // written beside the target, then moved over it: a failed run leaves no half-written file
            final Path partial = output.resolveSibling("." + output.getFileName() + ".partial");
            try
            {
                try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8))
                {
                    BookSnapshots.write(request, out);
                }
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write " + output + ": " + ex.getMessage(), ex);
            }
            finally
            {
                Files.deleteIfExists(partial);
            }
        }
        return 0;
    }

    /** "event" gives 0; a duration gives its nanoseconds, which must be positive. */
    static long parseEvery(final String value)
    {
        final String text = value == null ? "" : value.trim();
        if (text.equalsIgnoreCase("event"))
        {
            return 0;
        }
        final long nanos;
        try
        {
            nanos = Durations.parseNanos("--every", text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--every must be 'event' or a duration such as 100ms, 1s or 1m, got '" + value + "'", ex);
        }
        if (nanos <= 0)
        {
            throw new IllegalArgumentException("--every must be a positive duration, got '" + value + "'");
        }
        return nanos;
    }
}
