package dev.tickwire.tools;

import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.book.checkpoint.BookCheckpointer;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.sbe.RejectReason;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every {@code tickwire …} import does once its importer is built: run the engine over the
 * importer's finite sources, then the one summary shape, the rejects line and what could not be read,
 * and the exit code (0, or 3 when input was incomplete). {@link #run} does the work and says what it
 * did (the daily chain keeps that in its state); {@link #execute} adds the progress bar and the printing.
 */
public final class ImportRun
{
    /** Exit code of an import that finished but could not read all of its input. */
    static final int EXIT_INCOMPLETE = 3;

    /**
     * What an import did.
     *
     * @param journaled    messages the engine journaled (rows already in the journal are not)
     * @param rejected     of them, rejected by the validator
     * @param rejectedLine "  rejected N (reason n, …)"
     * @param incomplete   files or sources not read whole, one message each
     */
    public record Outcome(ImportSummary summary, long journaled, long rejected, String rejectedLine,
        List<String> incomplete, long nanos)
    {
    }

    /** Told about every 50 ms while the sources run (on the calling thread). */
    @FunctionalInterface
    public interface Progress
    {
        void update(long bytesRead, long totalBytes, long journaled);
    }

    private ImportRun()
    {
    }

    /** An engine that only journals into {@code journal} (no fan-out). */
    public static TickwireConfig config(final Path journal)
    {
        final TickwireConfig config = new TickwireConfig();
        config.journal.dir = journal.toString();
        // counters.dat beside the journal: an engine already writing this journal makes the import refuse to start
        config.dataDir = journal.toAbsolutePath().getParent().toString();
        config.aeron.publish = false;
        config.checkpoints.enabled = false; // built once, after the import (below), not chased while it runs
        return config;
    }

    /** Runs the import into {@code options.journal} and prints its summary; returns the exit code. */
    static int execute(final ImportOptions options, final TickwireConfig config, final HistoricalImport imp)
    {
        imp.notes().forEach(System.err::println);
        imp.unreadable().forEach(System.err::println);
        final Outcome outcome;
        try (ProgressBar progress = options.noProgress ? null : new ProgressBarBuilder()
            .setTaskName("import").setInitialMax(Math.max(1, imp.totalBytes()))
            .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
            .continuousUpdate().build())
        {
            outcome = run(config, imp, (read, total, journaled) ->
            {
                if (progress != null)
                {
                    progress.stepTo(read);
                }
            });
            if (progress != null)
            {
                progress.stepTo(imp.totalBytes());
            }
        }
        final ImportSummary s = outcome.summary();
        final double seconds = outcome.nanos() / 1e9;
        System.err.flush();
        System.out.printf("imported %d %s from %d file(s) into %s in %.2f s (%,.0f %s/s)%n", s.read(), s.unit(),
            s.files(), options.journal, seconds, s.read() / Math.max(seconds, 1e-9), s.unit());
        System.out.printf("  trades %d, quotes %d, book deltas %d, snapshots %d, malformed %d, already in the " +
            "journal %d, messages journaled %d%n", s.trades(), s.quotes(), s.deltas(), s.snapshots(), s.malformed(),
            s.alreadyJournaled(), outcome.journaled());
        if (!s.details().isEmpty())
        {
            final StringBuilder details = new StringBuilder();
            s.details().forEach((name, n) ->
                details.append(details.length() > 0 ? ", " : "").append(name).append(' ').append(n));
            System.out.println("  " + details);
        }
        System.out.println(outcome.rejectedLine());
        if (outcome.incomplete().isEmpty())
        {
            return 0;
        }
        System.out.println("  incomplete input: " + outcome.incomplete().size() + " file(s) or source(s) not read " +
            "whole (the rows before each cut are imported; importing the complete file later adds the rest):");
        outcome.incomplete().forEach(p -> System.out.println("    " + p));
        return EXIT_INCOMPLETE;
    }

    /**
     * Runs the engine over the importer's sources to their end, then builds book checkpoints over what it added.
     * Prints nothing.
     *
     * @throws IllegalArgumentException when the importer refuses the journal (nothing is imported then)
     */
    public static Outcome run(final TickwireConfig config, final HistoricalImport imp, final Progress progress)
    {
        config.conclude();
        final long start = System.nanoTime();
        final long journaled;
        final long rejected;
        final String rejectedLine;
        final List<String> incomplete = new ArrayList<>(imp.unreadable());
        try (Engine engine = Engine.launch(config, imp.adapters()))
        {
            if (!imp.refusals().isEmpty())
            {
                throw new IllegalArgumentException("nothing imported: " + String.join(" ", imp.refusals()));
            }
            while (!engine.adaptersDone())
            {
                progress.update(imp.bytesRead(), imp.totalBytes(), engine.counters().ticksIn().get());
                sleep();
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            journaled = engine.counters().ticksIn().get();
            rejected = rejectedTotal(engine.counters());
            rejectedLine = rejectedLine(engine.counters());
            imp.adapters().forEach(a -> incomplete.addAll(a.inputProblems()));
            incomplete.addAll(engine.adapterFailures());
        }
        final ImportSummary s = imp.summary();
        if (s.deltas() > 0)
        {
            // book checkpoints, so that a book at any time of the imported days is a checkpoint and a few deltas away
            try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).rollCycle(config.journal.rollCycle)))
            {
                new BookCheckpointer(journal, config.checkpointEveryNs(), config.checkpoints.everyDeltas, null).catchUp();
            }
        }
        return new Outcome(s, journaled, rejected, rejectedLine, List.copyOf(incomplete), System.nanoTime() - start);
    }

    private static long rejectedTotal(final EngineCounters counters)
    {
        long total = 0;
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL)
            {
                total += counters.rejectedCount(reason);
            }
        }
        return total;
    }

    /** "  rejected N (reason n, …)". */
    private static String rejectedLine(final EngineCounters counters)
    {
        final StringBuilder rejected = new StringBuilder();
        long total = 0;
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL && counters.rejectedCount(reason) > 0)
            {
                rejected.append(rejected.length() > 0 ? ", " : "").append(reason.name().toLowerCase())
                    .append(' ').append(counters.rejectedCount(reason));
                total += counters.rejectedCount(reason);
            }
        }
        return "  rejected " + total + (total > 0 ? " (" + rejected + ")" : "");
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(50);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
