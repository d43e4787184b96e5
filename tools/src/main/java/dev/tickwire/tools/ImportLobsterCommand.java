package dev.tickwire.tools;

import dev.tickwire.adapters.lobster.LobsterImport;
import dev.tickwire.adapters.lobster.LobsterSource;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.wire.FixedPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

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
        final TickwireConfig config = ImportRun.config(journal);
        final LobsterImport lobster = new LobsterImport(messageFile, orderBookFile, symbol, venue, date, tickSize, journal);
        final ImportRun.Result run = ImportRun.run(config, lobster.adapters(), lobster::bytesRead, lobster.totalBytes(), noProgress);
        final double seconds = run.seconds();
        final long ticksIn = run.messagesJournaled();
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
        System.out.println(run.rejectedLine());
        return run.finish();
    }
}
