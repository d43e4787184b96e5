package dev.tickwire.tools;

import dev.tickwire.adapters.binance.BinanceImport;
import dev.tickwire.journal.InstrumentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire import binance}: Binance public-data trades / aggTrades CSV files into a journal, exactly once. */
@Command(name = "binance", mixinStandardHelpOptions = true,
    description = "Import Binance public-data trades and aggTrades files (.csv or .csv.gz; spot, or futures with a "
        + "header). The files of a symbol are read in time order; importing them again adds nothing, and a later "
        + "day imports alone (files before the journal's last day are skipped unread).")
final class ImportBinanceCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "SYMBOL-trades-DATE.csv[.gz] / SYMBOL-aggTrades-DATE.csv[.gz]")
    List<Path> files;

    @Mixin
    ImportOptions options;

    @Option(names = "--symbol", description = "Symbol, e.g. BTCUSDT (default: from each file's name).")
    String symbol;

    @Option(names = "--venue", description = "Venue: the instrument is VENUE:SYMBOL (default: binance, or "
        + "binance-futures for files without isBestMatch).")
    String venue;

    @Option(names = "--price-exponent", description = "Price = mantissa × 10^E, e.g. -8 (default: from the decimals in the data).")
    Integer priceExponent;

    @Option(names = "--size-exponent", description = "Quantity = mantissa × 10^E (default: from the decimals in the data).")
    Integer sizeExponent;

    @Option(names = "--tick-size", description = "Tick size, e.g. 0.01 (default: one unit of the price exponent).")
    String tickSize;


    @Override
    public Integer call()
    {
        final List<Path> taken = options.take(files, ShardKey::binance);
        if (options.nothingTaken(taken))
        {
            return 0;
        }
        final BinanceImport binance = new BinanceImport(taken, symbol, venue, priceExponent, sizeExponent, tickSize,
            InstrumentCatalog.open(options.journal));
        binance.verifyResume(options.journal);
        return ImportRun.execute(options, ImportRun.config(options.journal), binance);
    }
}
