package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.MarketRows;
import dev.tickwire.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickwire book}: the order book at a moment, as JSON. */
@Command(name = "book", mixinStandardHelpOptions = true,
    description = "The L2 book of an instrument as it was at a time (its last consistent state), as JSON.")
final class BookCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--symbol", required = true)
    String symbol;

    @Option(names = "--at", required = true, converter = Converters.Time.class, description = "ISO-8601 or epoch ns.")
    long at;

    @Option(names = "--levels", defaultValue = "10", description = "Levels per side (default: ${DEFAULT-VALUE}).")
    int levels;

    @Override
    public Integer call() throws Exception
    {
        if (levels <= 0)
        {
            throw new IllegalArgumentException("--levels must be positive");
        }
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true)))
        {
            final MarketQueries.BookSnapshot book = JournalQueries.orderBook(j, JournalQueries.instrument(j, symbol), at, levels);
            final ObjectMapper json = new ObjectMapper();
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(toJson(book))));
        }
        return 0;
    }

    /** {"symbol","ts","ts_ns","bids":[{"price","size","orders"}],"asks":[…]}, best first ({@link MarketRows#book}). */
    static String toJson(final MarketQueries.BookSnapshot book)
    {
        final JsonRow row = new JsonRow(new StringBuilder(512));
        MarketRows.book(book, row);
        return row.builder().toString();
    }
}
