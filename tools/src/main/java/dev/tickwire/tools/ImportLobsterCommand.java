package dev.tickwire.tools;

import dev.tickwire.adapters.lobster.LobsterImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
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

    @Mixin
    ImportOptions options;

    @Option(names = "--symbol", description = "Instrument symbol (default: the ticker of the file name).")
    String symbol;

    @Option(names = "--venue", description = "Venue (default: NASDAQ).")
    String venue;

    @Option(names = "--date", description = "Trading day, YYYY-MM-DD (default: the date of the file name).")
    String date;

    @Option(names = "--tick-size", description = "Tick size in dollars (default 0.01).")
    String tickSize;


    @Override
    public Integer call()
    {
        // the pair is one unit of work, keyed by the message file's name (its book file's says the same)
        if (options.nothingTaken(options.take(List.of(messageFile), ShardKey::lobster)))
        {
            return 0;
        }
        return ImportRun.execute(options, ImportRun.config(options.journal),
            new LobsterImport(messageFile, orderBookFile, symbol, venue, date, tickSize, options.journal));
    }
}
