package dev.tickwire.tools;

import dev.tickwire.adapters.tardis.TardisImport;
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

/** {@code tickwire import tardis}: Tardis.dev CSV files (plain or .csv.gz) into a journal, exactly once. */
@Command(name = "tardis", mixinStandardHelpOptions = true,
    description = "Import Tardis.dev CSV files (trades, incremental_book_L2, book_snapshot_N, quotes; plain or gzip). "
        + "Instruments are exchange:symbol. Importing the same files again adds nothing; give later days together "
        + "with the days imported before.")
final class ImportTardisCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Tardis CSV files; the header says the dataset")
    List<Path> files;

    @Option(names = "--journal", required = true, description = "Journal directory (created if missing).")
    Path journal;

    @Option(names = "--price-exponent", description = "Price = mantissa × 10^E for every instrument, e.g. -2 "
        + "(default: the journal's, else minus the most decimals in the first 10,000 rows of each file).")
    Integer priceExponent;

    @Option(names = "--size-exponent", description = "Amount = mantissa × 10^E (default: as for prices).")
    Integer sizeExponent;

    @Option(names = "--tick-size", description = "Tick size, e.g. 0.5 (default: one unit of the price exponent).")
    String tickSize;

    @Option(names = "--time-tolerance", description = "How far a row's exchange timestamp may step back within a "
        + "source before it is rejected (Tardis files are in local_timestamp order), e.g. 100ms (default 0ms).")
    String timeTolerance;

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
        if (timeTolerance != null)
        {
            config.validation.timeTolerance = timeTolerance;
        }
        config.conclude();
        final TardisImport tardis = new TardisImport(files, priceExponent, sizeExponent, tickSize, InstrumentCatalog.open(journal));
        tardis.notes().forEach(System.err::println);
        final long start = System.nanoTime();
        final long ticksIn;
        final long[] rejects = new long[RejectReason.values().length];
        try (Engine engine = Engine.launch(config, tardis.adapters());
             ProgressBar progress = noProgress ? null : new ProgressBarBuilder()
                 .setTaskName("import").setInitialMax(Math.max(1, tardis.totalBytes()))
                 .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                 .continuousUpdate().build())
        {
            if (!tardis.refusals().isEmpty())
            {
                throw new IllegalArgumentException("nothing imported: " + String.join(" ", tardis.refusals()));
            }
            while (!engine.adaptersDone())
            {
                if (progress != null)
                {
                    progress.stepTo(tardis.bytesRead());
                }
                sleep();
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            if (progress != null)
            {
                progress.stepTo(tardis.totalBytes());
            }
            final EngineCounters counters = engine.counters();
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
        tardis.scales().forEach(System.err::println);
        System.err.flush();
        final TardisImport.Summary s = tardis.summary();
        System.out.printf("imported %d rows from %d file(s) into %s in %.2f s (%,.0f rows/s)%n",
            s.rows(), tardis.fileCount(), journal, seconds, s.rows() / Math.max(seconds, 1e-9));
        System.out.printf("  trades %d, quotes %d, book deltas %d, snapshots %d, malformed rows %d, rows already in the " +
            "journal %d, messages journaled %d%n", s.trades(), s.quotes(), s.deltas(), s.snapshots(), s.malformedRows(),
            s.alreadyJournaled(), ticksIn);
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
