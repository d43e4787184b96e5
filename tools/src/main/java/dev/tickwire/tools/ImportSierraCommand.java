package dev.tickwire.tools;

import dev.tickwire.adapters.sierra.SierraImport;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import picocli.CommandLine.Command;
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
        final TickwireConfig config = ImportRun.config(journal);
        final SierraImport sierra = new SierraImport(files, symbol, tickSize, priceMultiplier, sizeMultiplier,
            InstrumentCatalog.open(journal));
        sierra.tickSizes().forEach((s, t) -> System.err.println(s + ": tick size " + t +
            (tickSize == null ? " (inferred from the prices; pass --tick-size to set it)" : "")));
        final ImportRun.Result run = ImportRun.run(config, sierra.adapters(), sierra::bytesRead, sierra.totalBytes(), noProgress);
        final double seconds = run.seconds();
        final long ticksIn = run.messagesJournaled();
        final long[] s = sierra.summary();
        System.out.printf("imported %d records from %d file(s) into %s in %.2f s (%,.0f records/s)%n",
            s[0], files.size(), journal, seconds, s[0] / Math.max(seconds, 1e-9));
        System.out.printf("  trades %d, quotes %d, book deltas %d, bar records skipped %d, messages journaled %d%n",
            s[1], s[2], s[3], s[4], ticksIn);
        System.out.println(run.rejectedLine());
        return run.finish();
    }
}
