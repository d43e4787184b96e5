package dev.tickwire.tools;

import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.adapters.tardis.TardisImport;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire import tardis}: Tardis.dev CSV files (plain or .csv.gz) into a journal, exactly once. */
@Command(name = "tardis", mixinStandardHelpOptions = true,
    description = "Import Tardis.dev CSV files (trades, incremental_book_L2, book_snapshot_N, quotes, "
        + "derivative_ticker, liquidations, options_chain; plain or gzip), or folders of them. Instruments are "
        + "exchange:symbol (an option's symbol for options_chain). Importing the same files again adds nothing; "
        + "a later day imports alone or with the days before it (files earlier than the journal's last day are "
        + "skipped unread).")
final class ImportTardisCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Tardis CSV files, or folders: their *.csv and "
        + "*.csv.gz files. The header says the dataset; liquidations share the trades header and are told by their "
        + "name, as tardis-dev writes it: {exchange}_liquidations_{date}_{symbol}.csv.gz")
    List<Path> files;

    @Mixin
    ImportOptions options;

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


    @Override
    public Integer call()
    {
        final TickwireConfig config = ImportRun.config(options.journal);
        if (timeTolerance != null)
        {
            config.validation.timeTolerance = timeTolerance;
        }
        final List<Path> taken = options.take(ImportFiles.expandFolders(files, ".csv", ".csv.gz"), ShardKey::tardis);
        if (options.nothingTaken(taken))
        {
            return 0;
        }
        return ImportRun.execute(options, config, new TardisImport(taken, priceExponent, sizeExponent, tickSize,
            InstrumentCatalog.open(options.journal)));
    }
}
