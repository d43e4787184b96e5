package dev.tickwire.tools;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.CsvRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickwire tas}: time & sales of one instrument. */
@Command(name = "tas", mixinStandardHelpOptions = true, description = "Time & sales (trades) of an instrument, as CSV or JSON lines.")
final class TasCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--symbol", required = true)
    String symbol;

    @Option(names = "--from", converter = Converters.Time.class, description = "ISO-8601 or epoch ns (default: the start).")
    Long from;

    @Option(names = "--to", converter = Converters.Time.class, description = "Inclusive (default: the end).")
    Long to;

    @Option(names = "--limit", defaultValue = "1000000", description = "At most this many trades (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception
    {
        if (!format.equals("csv") && !format.equals("jsonl"))
        {
            throw new IllegalArgumentException("--format must be csv or jsonl");
        }
        if (limit <= 0)
        {
            throw new IllegalArgumentException("--limit must be positive");
        }
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true)))
        {
            final var rows = JournalQueries.timeAndSales(j, JournalQueries.instrument(j, symbol),
                from == null ? Values.NONE : from, to == null ? Long.MAX_VALUE : to, limit);
            final StringBuilder out = new StringBuilder(rows.size() * 160 + 128);
            if (format.equals("csv"))
            {
                out.append(CsvRow.header(MarketRows::trade, MarketRows.TRADE_SAMPLE)).append('\n');
                final CsvRow row = new CsvRow(out);
                for (final MarketQueries.TradeRow r : rows)
                {
                    MarketRows.trade(r, row.begin());
                    out.append('\n');
                }
            }
            else
            {
                for (final MarketQueries.TradeRow r : rows)
                {
                    out.append(MarketRows.json(MarketRows::trade, r)).append('\n');
                }
            }
            System.out.print(out);
        }
        return 0;
    }
}
