package dev.tickwire.tools;

import dev.tickwire.adapters.lobster.LobsterImport;
import dev.tickwire.adapters.lobster.LobsterSource;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.sbe.RejectReason;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tickwire import lobster}: a LOBSTER message file and its order book file into a journal, exactly once. */
@Command(name = "lobster", mixinStandardHelpOptions = true,
    description = "Import a LOBSTER message file and its order book file (TICKER_DATE_START_END_message_N.csv, "
        + "..._orderbook_N.csv): trades from executions, halts, and the order book as L2 deltas kept equal to "
        + "LOBSTER's own after every message (differences are journaled as corrections). Importing the same files "
        + "again adds nothing.")
final class ImportLobsterCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "MESSAGE_FILE", description = "LOBSTER message file")
    Path messageFile;

    @Parameters(index = "1", paramLabel = "ORDERBOOK_FILE", description = "its order book file")
    Path orderBookFile;

    @Option(names = "--journal", required = true, description = "Journal directory (created if missing).")
    Path journal;

    @Option(names = "--symbol", description = "Instrument symbol (default: the ticker of the file name).")
    String symbol;

    @Option(names = "--venue", description = "Venue (default: NASDAQ).")
    String venue;

    @Option(names = "--date", description = "Trading day, YYYY-MM-DD (default: the date of the file name).")
    String date;

    @Option(names = "--tick-size", description = "Tick size in dollars (default 0.01).")
    String tickSize;

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
        final LobsterImport lobster = new LobsterImport(messageFile, orderBookFile, symbol, venue, date, tickSize, journal);
        final long start = System.nanoTime();
        final long ticksIn;
        final long[] rejects = new long[RejectReason.values().length];
        try (Engine engine = Engine.launch(config, lobster.adapters());
             ProgressBar progress = noProgress ? null : new ProgressBarBuilder()
                 .setTaskName("import").setInitialMax(Math.max(1, lobster.totalBytes()))
                 .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                 .continuousUpdate().build())
        {
            while (!engine.adaptersDone())
            {
                if (progress != null)
                {
                    progress.stepTo(lobster.bytesRead());
                }
                sleep();
            }
            engine.awaitDrained(60, TimeUnit.SECONDS);
            if (progress != null)
            {
                progress.stepTo(lobster.totalBytes());
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
        final LobsterSource s = lobster.source();
        System.out.printf("imported %d messages of %s %s (tick size %s) into %s in %.2f s (%,.0f messages/s)%n",
            s.rows(), lobster.symbol(), lobster.date(), FixedPoint.toDecimalString(lobster.tickSize(),
                LobsterSource.PRICE_EXPONENT), journal, seconds, s.rows() / Math.max(seconds, 1e-9));
        System.out.printf("  adds %d, partial cancels %d, deletes %d, executions %d visible + %d hidden, cross trades %d, " +
            "halts %d, malformed rows %d%n", s.messages(1), s.messages(2), s.messages(3), s.messages(4), s.messages(5),
            s.messages(6), s.messages(7), s.malformedRows());
        System.out.printf("  trades %d, statuses %d, book deltas %d, corrections %d (levels entering the window %d, " +
            "leaving it %d, sizes %d, levels removed inside it %d), events of orders resting before the file %d%n",
            s.trades(), s.statuses(), s.deltas(), s.corrections(), s.levelsAdded(), s.levelsBeyondRow(),
            s.sizesCorrected(), s.levelsDeleted(), s.unknownOrderEvents());
        System.out.printf("  messages already in the journal %d, messages journaled %d%n", s.alreadyJournaled(), ticksIn);
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
