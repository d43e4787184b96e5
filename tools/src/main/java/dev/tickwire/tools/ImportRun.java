package dev.tickwire.tools;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.wire.sbe.RejectReason;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** What every {@code tickwire import …} does: run the engine over finite sources with a progress bar. */
final class ImportRun
{
    /** Exit code of an import that finished but could not read all of its input. */
    static final int EXIT_INCOMPLETE = 3;

    /**
     * How an import went: its duration, messages journaled, the rejects line of the summary, and what
     * could not be read whole (files cut short or unreadable, sources given up), one message each.
     */
    record Result(double seconds, long messagesJournaled, String rejectedLine, List<String> inputProblems)
    {
        /** The same result with more of the input found unreadable (files a command skipped before the run). */
        Result plus(final List<String> more)
        {
            final List<String> all = new ArrayList<>(more);
            all.addAll(inputProblems);
            return new Result(seconds, messagesJournaled, rejectedLine, all);
        }

        /** Prints what could not be read (if anything) and returns the exit code: 0, or 3 if input was incomplete. */
        int finish()
        {
            if (inputProblems.isEmpty())
            {
                return 0;
            }
            System.out.println("  incomplete input: " + inputProblems.size() + " file(s) or source(s) not read whole " +
                "(the rows before each cut are imported; importing the complete file later adds the rest):");
            inputProblems.forEach(p -> System.out.println("    " + p));
            return EXIT_INCOMPLETE;
        }
    }

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
        return config;
    }

    static Result run(
        final TickwireConfig config, final List<FeedAdapter> adapters, final LongSupplier bytesRead, final long totalBytes,
        final boolean noProgress)
    {
        return run(config, adapters, bytesRead, totalBytes, noProgress, () -> { });
    }

    /**
     * @param started runs once the sources have started (they check the journal's checkpoints then);
     *                it may throw to stop the import before anything is read
     */
    static Result run(
        final TickwireConfig config, final List<FeedAdapter> adapters, final LongSupplier bytesRead, final long totalBytes,
        final boolean noProgress, final Runnable started)
    {
        config.conclude();
        final long start = System.nanoTime();
        try (Engine engine = Engine.launch(config, adapters);
             ProgressBar progress = noProgress ? null : new ProgressBarBuilder()
                 .setTaskName("import").setInitialMax(Math.max(1, totalBytes))
                 .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                 .continuousUpdate().build())
        {
            started.run();
            while (!engine.adaptersDone())
            {
                if (progress != null)
                {
                    progress.stepTo(bytesRead.getAsLong());
                }
                sleep();
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            if (progress != null)
            {
                progress.stepTo(totalBytes);
            }
            final EngineCounters counters = engine.counters();
            final List<String> problems = new ArrayList<>();
            adapters.forEach(a -> problems.addAll(a.inputProblems()));
            problems.addAll(engine.adapterFailures());
            return new Result((System.nanoTime() - start) / 1e9, counters.ticksIn().get(), rejectedLine(counters), problems);
        }
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
