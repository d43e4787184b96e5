package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Timestamps;
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
                from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to, limit);
            final ObjectMapper json = new ObjectMapper();
            final StringBuilder out = new StringBuilder(rows.size() * 96 + 64);
            if (format.equals("csv"))
            {
                out.append("ts,ts_ns,recv_ns,price,size,side,bid,ask,trade_id,seq\n");
            }
            for (final MarketQueries.TradeRow r : rows)
            {
                if (format.equals("csv"))
                {
                    out.append(Timestamps.format(r.eventTimeNs())).append(',').append(r.eventTimeNs()).append(',')
                        .append(r.receiveTimeNs()).append(',').append(r.price()).append(',').append(r.size()).append(',')
                        .append(r.side()).append(',').append(r.bid() == null ? "" : r.bid()).append(',')
                        .append(r.ask() == null ? "" : r.ask()).append(',').append(r.tradeId()).append(',')
                        .append(r.sequence()).append('\n');
                }
                else
                {
                    out.append(json.writeValueAsString(toJson(json, r))).append('\n');
                }
            }
            System.out.print(out);
        }
        return 0;
    }

    static ObjectNode toJson(final ObjectMapper json, final MarketQueries.TradeRow r)
    {
        final ObjectNode node = json.createObjectNode();
        node.put("seq", r.sequence()).put("ts", Timestamps.format(r.eventTimeNs())).put("ts_ns", r.eventTimeNs())
            .put("recv_ns", r.receiveTimeNs()).put("price", r.price()).put("size", r.size()).put("side", r.side());
        if (r.bid() != null)
        {
            node.put("bid", r.bid());
        }
        if (r.ask() != null)
        {
            node.put("ask", r.ask());
        }
        return node.put("trade_id", r.tradeId());
    }
}
