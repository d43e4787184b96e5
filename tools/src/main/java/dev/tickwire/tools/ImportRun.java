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
 * What every {@code tickwire import …} does once its importer is built: run the engine over the
 * importer's finite sources with a progress bar, then print the one summary shape, the rejects line
 * and what could not be read, and return the exit code (0, or 3 when input was incomplete).
 */
final class ImportRun
{
    /** Exit code of an import that finished but could not read all of its input. */
    static final int EXIT_INCOMPLETE = 3;

    private ImportRun()
    {
    }

    /** An engine that only journals into {@code journal} (no fan-out). */
    static TickwireConfig config(final Path journal)
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
        config.conclude();
        final long start = System.nanoTime();
        final long journaled;
        final String rejected;
        final List<String> incomplete = new ArrayList<>(imp.unreadable());
        try (Engine engine = Engine.launch(config, imp.adapters());
             ProgressBar progress = options.noProgress ? null : new ProgressBarBuilder()
                 .setTaskName("import").setInitialMax(Math.max(1, imp.totalBytes()))
                 .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                 .continuousUpdate().build())
        {
            if (!imp.refusals().isEmpty())
            {
                throw new IllegalArgumentException("nothing imported: " + String.join(" ", imp.refusals()));
            }
            while (!engine.adaptersDone())
            {
                if (progress != null)
                {
                    progress.stepTo(imp.bytesRead());
                }
                sleep();
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            if (progress != null)
            {
                progress.stepTo(imp.totalBytes());
            }
            journaled = engine.counters().ticksIn().get();
            rejected = rejectedLine(engine.counters());
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
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.err.flush();
        System.out.printf("imported %d %s from %d file(s) into %s in %.2f s (%,.0f %s/s)%n", s.read(), s.unit(), s.files(),
            options.journal, seconds, s.read() / Math.max(seconds, 1e-9), s.unit());
        System.out.printf("  trades %d, quotes %d, book deltas %d, snapshots %d, malformed %d, already in the journal %d, " +
            "messages journaled %d%n", s.trades(), s.quotes(), s.deltas(), s.snapshots(), s.malformed(), s.alreadyJournaled(),
            journaled);
        if (!s.details().isEmpty())
        {
            final StringBuilder details = new StringBuilder();
            s.details().forEach((name, n) -> details.append(details.length() > 0 ? ", " : "").append(name).append(' ').append(n));
            System.out.println("  " + details);
        }
        System.out.println(rejected);
        if (incomplete.isEmpty())
        {
            return 0;
        }
        System.out.println("  incomplete input: " + incomplete.size() + " file(s) or source(s) not read whole " +
            "(the rows before each cut are imported; importing the complete file later adds the rest):");
        incomplete.forEach(p -> System.out.println("    " + p));
        return EXIT_INCOMPLETE;
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
