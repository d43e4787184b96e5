package dev.tickwire.tools;

import dev.tickwire.adapters.sierra.SierraImport;
import dev.tickwire.journal.InstrumentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire import sierra}: Sierra Chart .scid / .depth files into a journal, exactly once. */
@Command(name = "sierra", mixinStandardHelpOptions = true,
    description = "Import Sierra Chart .scid and .depth files. Importing the same file again adds nothing "
        + "(each record is journaled once); a longer version of a file adds only its new records.")
final class ImportSierraCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".scid and SYMBOL.YYYY-MM-DD.depth files")
    List<Path> files;

    @Mixin
    ImportOptions options;

    @Option(names = "--symbol", description = "Contract symbol (default: from each file's name).")
    String symbol;

    @Option(names = "--tick-size", description = "Tick size after the multiplier, e.g. 0.25 (default: inferred from the prices).")
    String tickSize;

    @Option(names = "--price-multiplier", description = "Sierra Chart's price_adj: stored value × M = price (default 1).")
    String priceMultiplier;

    @Option(names = "--size-multiplier", description = "Stored volume × M = size (default 1).")
    String sizeMultiplier;


    @Override
    public Integer call()
    {
        final List<Path> taken = options.take(files, ShardKey::sierra);
        if (options.nothingTaken(taken))
        {
            return 0;
        }
        return ImportRun.execute(options, ImportRun.config(options.journal), new SierraImport(taken, symbol, tickSize,
            priceMultiplier, sizeMultiplier, InstrumentCatalog.open(options.journal)));
    }
}
