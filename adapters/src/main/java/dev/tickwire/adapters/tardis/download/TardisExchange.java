package dev.tickwire.adapters.tardis.download;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code /v1/exchanges/{exchange}} says about an exchange's CSV datasets: until when they are
 * exported ({@code datasets.exportedUntil}: a day is ready about 06:00 UTC the next day) and, per
 * dataset symbol, its data types and the time its data starts and ends.
 */
public final class TardisExchange
{
    /** One dataset symbol: {@code datasets.symbols[]}. */
    public record DatasetSymbol(String id, String type, Instant availableSince, Instant availableTo, List<String> dataTypes)
    {
        public DatasetSymbol
        {
            dataTypes = List.copyOf(dataTypes);
        }

        /** Whether its data overlaps the UTC day. */
        public boolean availableOn(final LocalDate day)
        {
            return overlaps(day, availableSince, availableTo);
        }
    }

    private final String id;
    private final Instant exportedUntil;
    private final Map<String, DatasetSymbol> symbols;

    private TardisExchange(final String id, final Instant exportedUntil, final Map<String, DatasetSymbol> symbols)
    {
        this.id = id;
        this.exportedUntil = exportedUntil;
        this.symbols = Collections.unmodifiableMap(symbols);
    }

    /**
     * @throws IllegalArgumentException if the answer has no datasets section (the exchange has no CSV datasets)
     */
    public static TardisExchange parse(final String exchange, final JsonNode details)
    {
        final JsonNode datasets = details.path("datasets");
        if (!datasets.isObject())
        {
            throw new IllegalArgumentException("Tardis exchange " + exchange + " has no CSV datasets (no 'datasets' in " +
                "/v1/exchanges/" + exchange + ")");
        }
        final Map<String, DatasetSymbol> symbols = new LinkedHashMap<>();
        for (final JsonNode s : datasets.path("symbols"))
        {
            final String sid = s.path("id").asText("");
            if (sid.isEmpty())
            {
                continue;
            }
            final List<String> types = new ArrayList<>();
            s.path("dataTypes").forEach(t -> types.add(t.asText()));
            final String symbol = TardisDayFile.datasetSymbol(sid);
            symbols.put(symbol, new DatasetSymbol(symbol, s.path("type").asText(""), instant(s, "availableSince"),
                instant(s, "availableTo"), types));
        }
        return new TardisExchange(exchange, instant(datasets, "exportedUntil"), symbols);
    }

    public String id()
    {
        return id;
    }

    /** The end of the exported data, or null if the answer did not say. */
    public Instant exportedUntil()
    {
        return exportedUntil;
    }

    /** Whether the whole UTC day is exported (true if the answer did not say). */
    public boolean exported(final LocalDate day)
    {
        return exportedUntil == null || !dayEnd(day).isAfter(exportedUntil);
    }

    /** By dataset symbol (upper case), in the answer's order. */
    public Map<String, DatasetSymbol> symbols()
    {
        return symbols;
    }

    public Optional<DatasetSymbol> symbol(final String symbol)
    {
        return Optional.ofNullable(symbols.get(TardisDayFile.datasetSymbol(symbol)));
    }

    /** Every data type any symbol has. */
    public Set<String> dataTypes()
    {
        final Set<String> all = new LinkedHashSet<>();
        symbols.values().forEach(s -> all.addAll(s.dataTypes()));
        return all;
    }

    static Instant instant(final JsonNode node, final String field)
    {
        final String text = node.path(field).asText("");
        if (text.isEmpty())
        {
            return null;
        }
        try
        {
            return Instant.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            try
            {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            catch (final DateTimeParseException ignored)
            {
                throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 time: " + text, ex);
            }
        }
    }

    static Instant dayStart(final LocalDate day)
    {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant dayEnd(final LocalDate day)
    {
        return dayStart(day.plusDays(1));
    }

    /** Whether [since, to) overlaps the UTC day; null bounds are open. */
    static boolean overlaps(final LocalDate day, final Instant since, final Instant to)
    {
        return (since == null || since.isBefore(dayEnd(day))) && (to == null || to.isAfter(dayStart(day)));
    }
}
