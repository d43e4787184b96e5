package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.adapters.http.HttpFetchException;
import dev.tickwire.adapters.tardis.download.TardisApi;
import dev.tickwire.adapters.tardis.download.TardisDayFile;
import dev.tickwire.adapters.tardis.download.TardisDefinitions;
import dev.tickwire.adapters.tardis.download.TardisExchange;
import dev.tickwire.adapters.tardis.download.TardisImported;
import dev.tickwire.adapters.tardis.download.TardisMissingData;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.journal.InstrumentDefinition;
import dev.tickwire.journal.InstrumentDefinitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code tickwire instruments tardis}: an exchange's instrument definitions for each day of a range, from
 * Tardis.dev's metadata into the journal's {@code definitions/<exchange>/<day>.tsv}; with --missing, what
 * is available, downloaded and imported.
 */
@Command(name = "tardis", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Instrument definitions of a Tardis.dev exchange for each UTC day from --date to --to (symbol, type, " +
            "base/quote, tick size, contract size, listing, expiry, data types), from /v1/exchanges/{exchange} " +
            "(public) and /v1/instruments/{exchange} (a Pro or Business API key; without it, the dataset symbols " +
            "alone), kept in <journal>/definitions/<exchange>/<day>.tsv. A day already kept is read from there " +
            "(unless it was not exported yet when fetched, or with --refresh).",
        "With --missing: per symbol and data type, the days Tardis.dev has, the days the download folder " +
            "(--cache) holds and how far the journal imported, and what is missing."},
    footer = {"", "Exit status: 0 = printed (with --missing: and nothing is missing); 1 = --missing found something " +
        "missing; 2 = bad arguments."})
final class InstrumentsTardisCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long MAX_DAYS = 366;

    @Mixin
    TardisOptions tardis;

    @Option(names = "--date", required = true, paramLabel = "DAY", description = "UTC day, YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--to", paramLabel = "DAY", description = "Last UTC day of a range, included (default: --date).")
    LocalDate to;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "./tickwire-data/journal",
        description = "Journal whose definitions/ keeps the days, and whose imports --missing reads (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL", description = "Only these dataset symbols.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--missing", description = "Print the missing-data report instead of the definitions.")
    boolean missing;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "./tickwire-data/tardis",
        description = "Download folder --missing compares with (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE",
        description = "--missing: only these data types (default: those in the folder or the journal).")
    List<String> dataTypes = new ArrayList<>();

    @Option(names = "--offline", description = "Use the kept days only; fetch nothing.")
    boolean offline;

    @Option(names = "--refresh", description = "Fetch every day again, kept or not.")
    boolean refresh;

    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception
    {
        final LocalDate last = to != null ? to : date;
        if (last.isBefore(date) || ChronoUnit.DAYS.between(date, last) >= MAX_DAYS)
        {
            throw new IllegalArgumentException("--to must be from --date to " + MAX_DAYS + " days after it: " + last);
        }
        final InstrumentDefinitions catalog = new InstrumentDefinitions(journal);
        final Map<LocalDate, InstrumentDefinitions.Day> days = days(catalog, date, last);
        final Set<String> only = new TreeSet<>();
        symbols.forEach(s -> only.add(TardisDayFile.datasetSymbol(s)));
        if (missing)
        {
            return missingReport(days, last, only);
        }
        printDefinitions(days, only);
        return 0;
    }

    /** Every day of the range: kept, or fetched and kept. */
    private Map<LocalDate, InstrumentDefinitions.Day> days(
        final InstrumentDefinitions catalog, final LocalDate first, final LocalDate last) throws InterruptedException
    {
        final Map<LocalDate, InstrumentDefinitions.Day> days = new LinkedHashMap<>();
        final List<LocalDate> toFetch = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1))
        {
            final Optional<InstrumentDefinitions.Day> kept = catalog.read(tardis.exchange, d);
            if (kept.isPresent() && (offline || !refresh && !TardisDefinitions.provisional(kept.get())))
            {
                days.put(d, kept.get());
            }
            else if (offline)
            {
                throw new IllegalArgumentException("--offline: no definitions of " + tardis.exchange + " for " + d + " in " +
                    catalog.file(tardis.exchange, d).getParent() + " (run without --offline first)");
            }
            else
            {
                toFetch.add(d);
            }
        }
        if (!toFetch.isEmpty())
        {
            fetch(catalog, toFetch).forEach(days::put);
        }
        return days;
    }

    private Map<LocalDate, InstrumentDefinitions.Day> fetch(final InstrumentDefinitions catalog, final List<LocalDate> dates)
        throws InterruptedException
    {
        final TardisApi api = tardis.api(new Secrets());
        try
        {
            final TardisExchange exchange;
            try
            {
                exchange = api.exchange(tardis.exchange);
            }
            catch (final HttpFetchException ex)
            {
                throw new IllegalStateException("cannot get the exchange details of " + tardis.exchange + ": " + ex.getMessage(), ex);
            }
            List<JsonNode> instruments = null;
            String note = "";
            if (!api.hasKey())
            {
                note = "no API key (the instruments metadata API needs a Pro or Business key)";
            }
            else
            {
                try
                {
                    instruments = api.instruments(tardis.exchange);
                }
                catch (final HttpFetchException ex)
                {
                    if (ex.status() != 401 && ex.status() != 403)
                    {
                        throw new IllegalStateException("cannot get the instruments of " + tardis.exchange + ": " +
                            ex.getMessage(), ex);
                    }
                    note = "the instruments metadata API refused the key (HTTP " + ex.status() + ": it needs a Pro or " +
                        "Business subscription)";
                }
            }
            if (instruments == null)
            {
                System.err.println("definitions without tick sizes, contract sizes, listing and expiry: " + note);
            }
            final Instant now = Instant.now();
            final Map<LocalDate, InstrumentDefinitions.Day> fetched = new LinkedHashMap<>();
            for (final LocalDate d : dates)
            {
                final InstrumentDefinitions.Day day = TardisDefinitions.day(exchange, instruments, note, d, now);
                catalog.write(day);
                fetched.put(d, day);
            }
            System.err.println("kept " + dates.size() + " day(s) of " + tardis.exchange + " definitions in " +
                catalog.file(tardis.exchange, dates.get(0)).getParent());
            return fetched;
        }
        finally
        {
            api.fetcher().close();
        }
    }

    private void printDefinitions(final Map<LocalDate, InstrumentDefinitions.Day> days, final Set<String> only)
        throws Exception
    {
        final ArrayNode array = JSON.createArrayNode();
        final TextTable table = new TextTable("day", "symbol", "type", "base/quote", "tick", "amount", "contract",
            "listing", "expiry", "data types");
        for (final InstrumentDefinitions.Day day : days.values())
        {
            for (final InstrumentDefinition d : day.definitions())
            {
                final String symbol = d.instrument().substring(d.instrument().indexOf(':') + 1);
                if (!only.isEmpty() && !only.contains(symbol))
                {
                    continue;
                }
                if (json)
                {
                    final ObjectNode o = JSON.valueToTree(d);
                    o.put("date", day.date().toString());
                    array.add(o);
                }
                else
                {
                    table.row(day.date(), symbol, d.type() + (d.contractType().isEmpty() ? "" : " (" + d.contractType() + ")"),
                        d.base().isEmpty() ? "" : d.base() + "/" + d.quote(), d.tickSize(), d.amountIncrement(),
                        d.contractMultiplier(), day(d.listing()), day(d.expiry()), String.join(",", d.dataTypes()));
                }
            }
        }
        if (json)
        {
            System.out.println(JSON.writeValueAsString(array));
        }
        else
        {
            table.print(System.out);
        }
    }

    private int missingReport(final Map<LocalDate, InstrumentDefinitions.Day> days, final LocalDate last,
        final Set<String> only) throws Exception
    {
        final List<TardisMissingData.Row> rows = TardisMissingData.report(tardis.exchange, date, last, days, dataTypes,
            only, TardisMissingData.folder(cache, tardis.exchange, date, last), TardisImported.through(journal, tardis.exchange));
        if (json)
        {
            final ObjectNode o = JSON.createObjectNode();
            o.put("exchange", tardis.exchange).put("from", date.toString()).put("to", last.toString())
                .put("cache", cache.toString()).put("journal", journal.toString());
            final ArrayNode array = o.putArray("rows");
            for (final TardisMissingData.Row r : rows)
            {
                final ObjectNode row = array.addObject();
                row.put("symbol", r.symbol()).put("dataType", r.dataType()).put("available", r.available())
                    .put("notExported", r.notExported()).put("downloaded", r.downloaded()).put("empty", r.empty())
                    .put("importable", r.importable())
                    .put("importedThrough", r.importedThrough() == null ? null : r.importedThrough().toString());
                r.missingDownloads().forEach(row.putArray("missingDownloads")::add);
                r.notImported().forEach(row.putArray("notImported")::add);
            }
            System.out.println(JSON.writeValueAsString(o));
        }
        else if (rows.isEmpty())
        {
            System.out.println("nothing of " + tardis.exchange + " in " + cache + " or " + journal + " from " + date + " to " +
                last + ": give --symbols and --data-types to see what is available");
        }
        else
        {
            final TextTable table = new TextTable("symbol", "data type", "available", "downloaded", "empty", "imported through",
                "missing downloads", "not imported");
            for (final TardisMissingData.Row r : rows)
            {
                table.row(r.symbol(), r.dataType(), r.available() + (r.notExported() > 0 ? " (+" + r.notExported() +
                    " not exported yet)" : ""), r.downloaded(), r.empty(), !r.importable() ? "(not importable)" :
                    r.importedThrough() == null ? "-" : r.importedThrough(), String.join(" ", r.missingDownloads()),
                    String.join(" ", r.notImported()));
            }
            table.print(System.out);
        }
        return rows.stream().allMatch(TardisMissingData.Row::complete) ? 0 : 1;
    }

    /** An ISO time's day, for a narrow column. */
    private static String day(final String iso)
    {
        return iso.length() >= 10 ? iso.substring(0, 10) : iso;
    }
}
