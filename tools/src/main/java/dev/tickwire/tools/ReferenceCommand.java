package dev.tickwire.tools;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.CsvRow;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.engine.rows.ReferenceRows;
import dev.tickwire.engine.rows.RowWriter;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire reference}: one instrument's reference data of one type (candles, funding, liquidations, options). */
@Command(name = "reference", mixinStandardHelpOptions = true,
    description = {"Reference data of an instrument as a source gave it: candles (OHLCV), derivative tickers (funding,",
        "open interest, last, index and mark price), liquidations or option summaries (quote, mark, IVs, greeks).",
        "Values are exact decimals, at the instrument's exponents (candles, liquidations) or the message's own."})
final class ReferenceCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "./tickwire-data/journal",
        description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--symbol", paramLabel = "S", required = true, description = "The instrument.")
    String symbol;

    @Option(names = "--type", paramLabel = "TYPE", required = true,
        description = "candle, derivative_ticker, liquidation or option_summary.")
    String type;

    @Option(names = "--from", paramLabel = "T", converter = Converters.Time.class,
        description = "ISO-8601 or epoch ns (default: the start).")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.Time.class,
        description = "Inclusive (default: the end).")
    Long to;

    @Option(names = "--limit", defaultValue = "1000000",
        description = "At most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "csv|jsonl|table", defaultValue = "csv",
        description = "csv, jsonl or table (aligned columns) (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws IOException
    {
        final int templateId = MarketQueries.referenceType(type);
        if (!format.equals("csv") && !format.equals("jsonl") && !format.equals("table"))
        {
            throw new IllegalArgumentException("--format must be csv, jsonl or table");
        }
        if (limit <= 0)
        {
            throw new IllegalArgumentException("--limit must be positive");
        }
        if (from != null && to != null && to < from)
        {
            throw new IllegalArgumentException("--to is before --from");
        }
        if (!Files.isDirectory(journal))
        {
            throw new IllegalArgumentException("no journal at " + journal + " (pass --journal DIR)");
        }
        final boolean table = format.equals("table");
        final boolean csv = !format.equals("jsonl");
        final List<String> lines = new ArrayList<>();
        final StringBuilder line = new StringBuilder(512);
        final CsvRow csvRow = new CsvRow(line);
        final JsonRow jsonRow = new JsonRow(line);
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true)))
        {
            final Instrument instrument = JournalQueries.instrument(j, symbol);
            if (csv)
            {
                lines.add(MarketRows.referenceHeader(templateId));
                if (!table)
                {
                    out.append(lines.remove(0)).write('\n');
                }
            }
            final ReferenceRows rows = new ReferenceRows(instrument, new ReferenceRows.Target()
            {
                @Override
                public RowWriter begin()
                {
                    line.setLength(0);
                    return csv ? csvRow.begin() : jsonRow.beginObject();
                }

                @Override
                public void end()
                {
                    if (!csv)
                    {
                        jsonRow.endObject();
                    }
                    if (table)
                    {
                        lines.add(line.toString());
                        return;
                    }
                    try
                    {
                        out.append(line).write('\n');
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                }
            });
            JournalQueries.scan(j, instrument, templateId, from == null ? Values.NONE : from,
                to == null ? Long.MAX_VALUE : to, limit, null, rows);
            if (table)
            {
                out.write(BarsCommand.aligned(lines));
            }
        }
        finally
        {
            out.flush(); // not closed: System.out stays open
        }
        return 0;
    }
}
