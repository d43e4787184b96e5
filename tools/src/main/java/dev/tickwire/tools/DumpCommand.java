package dev.tickwire.tools;

import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tickwire dump}: the journal as JSON lines. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "Print journaled messages as JSON lines (one object per message).")
final class DumpCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--symbol", split = ",", description = "Only these symbols.")
    List<String> symbols;

    @Option(names = "--from", converter = Converters.Time.class, description = "First event time (ISO-8601 or epoch ns); found by binary search.")
    Long from;

    @Option(names = "--to", converter = Converters.Time.class, description = "Last event time (ISO-8601 or epoch ns), inclusive.")
    Long to;

    @Option(names = "--type", split = ",", description = "Message types: trade, quote, book_delta, instrument, " +
        "status, candle, derivative_ticker, liquidation, option_summary.")
    List<String> types;

    @Option(names = "--limit", defaultValue = "0", description = "Stop after this many lines (0 = no limit).")
    long limit;

    @Override
    public Integer call()
    {
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir + " (run ./tickwire run first, or pass --journal DIR)");
        }
        final Set<Integer> typeIds = new HashSet<>();
        if (types != null)
        {
            for (final String t : types)
            {
                final int id = MessageTypes.byName(t.trim());
                if (id < 0)
                {
                    throw new IllegalArgumentException("unknown --type '" + t + "'; use trade, quote, book_delta, " +
                        "instrument, status, candle, derivative_ticker, liquidation, option_summary");
                }
                typeIds.add(id);
            }
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader();
             PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)))
        {
            final Set<Integer> instrumentIds = new HashSet<>();
            if (symbols != null)
            {
                for (final String s : symbols)
                {
                    final Instrument i = journal.instruments().bySymbol(s.trim()).orElseThrow(() ->
                        new IllegalArgumentException("unknown --symbol '" + s + "' in " + journalDir + "; known: " +
                            journal.instruments().all().stream().map(Instrument::symbol).toList()));
                    instrumentIds.add(i.id());
                }
            }
            if (from != null && !reader.seekToTime(from))
            {
                return 0;
            }
            final MessageJson json = new MessageJson(journal.instruments());
            final long[] printed = {0};
            final boolean[] stop = {false};
            final long toNs = to == null ? Long.MAX_VALUE : to;
            while (!stop[0])
            {
                final int n = reader.poll((buffer, offset, length, index, watermarkNs) ->
                {
                    if (watermarkNs != Values.NONE && watermarkNs > toNs)
                    {
                        stop[0] = true; // the watermark only grows: nothing later is inside the range
                        return;
                    }
                    final int type = Envelope.templateId(buffer, offset);
                    final long ts = Envelope.eventTimeNs(buffer, offset);
                    final boolean market = MessageTypes.isEvent(type);
                    if (stop[0] || (market && (from != null && ts < from || ts > toNs)) ||
                        !typeIds.isEmpty() && !typeIds.contains(type) ||
                        !instrumentIds.isEmpty() && !instrumentIds.contains(Envelope.instrumentId(buffer, offset)))
                    {
                        return;
                    }
                    final String line = json.format(buffer, offset);
                    if (line != null)
                    {
                        out.println(line);
                        if (limit > 0 && ++printed[0] >= limit)
                        {
                            stop[0] = true;
                        }
                    }
                }, 1024);
                if (n == 0)
                {
                    break;
                }
            }
        }
        return 0;
    }
}
