package dev.tickwire.tools;

import dev.tickwire.adapters.sierra.SierraImport;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.sbe.RejectReason;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tickwire import sierra}: Sierra Chart .scid / .depth files into a journal, exactly once. */
@Command(name = "sierra", mixinStandardHelpOptions = true,
    description = "Import Sierra Chart .scid and .depth files. Importing the same file again adds nothing "
        + "(each record is journaled once); a longer version of a file adds only its new records.")
final class ImportSierraCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".scid and SYMBOL.YYYY-MM-DD.depth files")
    List<Path> files;

    @Option(names = "--journal", required = true, description = "Journal directory (created if missing).")
    Path journal;

    @Option(names = "--symbol", description = "Contract symbol (default: from each file's name).")
    String symbol;

    @Option(names = "--tick-size", description = "Tick size after the multiplier, e.g. 0.25 (default: inferred from the prices).")
    String tickSize;

    @Option(names = "--price-multiplier", description = "Sierra Chart's price_adj: stored value × M = price (default 1).")
    String priceMultiplier;

    @Option(names = "--size-multiplier", description = "Stored volume × M = size (default 1).")
    String sizeMultiplier;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call()
    {
        final TickwireConfig config = new TickwireConfig();
        config.journal.dir = journal.toString();
        // counters.dat beside the journal: an engine already writing this journal makes the import refuse to start
        config.dataDir = journal.toAbsolutePath().getParent().toString();
        config.aeron.publish = false;
        config.conclude();
        final SierraImport sierra = new SierraImport(files, symbol, tickSize, priceMultiplier, sizeMultiplier,
            InstrumentCatalog.open(journal));
        sierra.tickSizes().forEach((s, t) -> System.err.println(s + ": tick size " + t +
            (tickSize == null ? " (inferred from the prices; pass --tick-size to set it)" : "")));
        final long start = System.nanoTime();
        final EngineCounters counters;
        final long ticksIn;
        final long[] rejects = new long[RejectReason.values().length];
        try (Engine engine = Engine.launch(config, sierra.adapters());
             ProgressBar progress = noProgress ? null : new ProgressBarBuilder()
                 .setTaskName("import").setInitialMax(Math.max(1, sierra.totalBytes()))
                 .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                 .continuousUpdate().build())
        {
            while (!engine.adaptersDone())
            {
                if (progress != null)
                {
                    progress.stepTo(sierra.bytesRead());
                }
                sleep();
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            if (progress != null)
            {
                progress.stepTo(sierra.totalBytes());
            }
            counters = engine.counters();
            ticksIn = counters.ticksIn().get();
            for (final RejectReason reason : RejectReason.values())
            {
                if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL)
                {
                    rejects[reason.ordinal()] = counters.rejectedCount(reason);
                }
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long[] s = sierra.summary();
        System.out.printf("imported %d records from %d file(s) into %s in %.2f s (%,.0f records/s)%n",
            s[0], files.size(), journal, seconds, s[0] / Math.max(seconds, 1e-9));
        System.out.printf("  trades %d, quotes %d, book deltas %d, bar records skipped %d, messages journaled %d%n",
            s[1], s[2], s[3], s[4], ticksIn);
        final StringBuilder rejected = new StringBuilder();
        long total = 0;
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL && rejects[reason.ordinal()] > 0)
            {
                rejected.append(rejected.length() > 0 ? ", " : "").append(reason.name().toLowerCase())
                    .append(' ').append(rejects[reason.ordinal()]);
                total += rejects[reason.ordinal()];
            }
        }
        System.out.println("  rejected " + total + (total > 0 ? " (" + rejected + ")" : ""));
        return 0;
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
