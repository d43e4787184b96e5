package dev.tickwire.adapters.tardis.download;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.journal.InstrumentDefinition;
import dev.tickwire.journal.InstrumentDefinitions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One day's instrument definitions of an exchange from Tardis.dev's metadata: the instruments metadata
 * API (kind, currencies, increments, contract size, listing and expiry; {@code changes[]} give the values
 * before each {@code until}, so a day gets those in force at its start) joined, by dataset symbol, with
 * the exchange details' datasets (which data types exist, from when to when). Without the instruments
 * metadata (no key, or a plan without it) a day lists the dataset symbols alone.
 */
public final class TardisDefinitions
{
    public static final String SOURCE = "tardis";
    /** Properties of a day's file. */
    public static final String FETCHED_AT = "fetchedAt";
    public static final String EXPORTED_UNTIL = "exportedUntil";
    /** "true" when the vendor had exported the whole day when it was fetched: else it is fetched again later. */
    public static final String EXPORTED = "exported";
    public static final String INSTRUMENTS = "instruments";

    private TardisDefinitions()
    {
    }

    /**
     * @param instruments     {@code /v1/instruments/{exchange}}, or null when it could not be had
     * @param instrumentsNote why not, when null (e.g. "no API key")
     */
    public static InstrumentDefinitions.Day day(
        final TardisExchange exchange, final List<JsonNode> instruments, final String instrumentsNote, final LocalDate day,
        final Instant fetchedAt)
    {
        final Map<String, InstrumentDefinition> byInstrument = new LinkedHashMap<>();
        final Set<String> described = new HashSet<>();
        if (instruments != null)
        {
            for (final JsonNode i : instruments)
            {
                if (!TardisExchange.overlaps(day, TardisExchange.instant(i, "availableSince"),
                    TardisExchange.instant(i, "availableTo")))
                {
                    continue;
                }
                final String datasetSymbol = TardisDayFile.datasetSymbol(text(i, "datasetId").isEmpty() ? text(i, "id") :
                    text(i, "datasetId"));
                described.add(datasetSymbol);
                final List<String> types = exchange.symbol(datasetSymbol).filter(s -> s.availableOn(day))
                    .map(TardisExchange.DatasetSymbol::dataTypes).orElse(List.of());
                final InstrumentDefinition d = new InstrumentDefinition(exchange.id() + ":" + datasetSymbol, text(i, "id"),
                    text(i, "type"), text(i, "contractType"), text(i, "baseCurrency"), text(i, "quoteCurrency"),
                    text(i, "settlementCurrency"), changed(i, "priceIncrement", day), changed(i, "amountIncrement", day),
                    changed(i, "minTradeAmount", day), changed(i, "contractMultiplier", day), text(i, "inverse"),
                    text(i, "listing"), text(i, "expiry"), text(i, "availableSince"), text(i, "availableTo"),
                    text(i, "strikePrice"), text(i, "optionType"), types);
                byInstrument.put(d.instrument(), d);
            }
        }
        for (final TardisExchange.DatasetSymbol s : exchange.symbols().values())
        {
            // grouped files (PERPETUALS, OPTIONS, …) and everything when the instruments metadata is missing
            if (!described.contains(s.id()) && s.availableOn(day))
            {
                byInstrument.putIfAbsent(exchange.id() + ":" + s.id(), new InstrumentDefinition(exchange.id() + ":" + s.id(),
                    s.id(), s.type(), "", "", "", "", "", "", "", "", "", "", "", String.valueOf(s.availableSince()),
                    s.availableTo() == null ? "" : s.availableTo().toString(), "", "", s.dataTypes()));
            }
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(byInstrument.values());
        definitions.sort(Comparator.comparing(InstrumentDefinition::instrument));
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("source", SOURCE);
        properties.put(FETCHED_AT, fetchedAt.toString());
        properties.put(EXPORTED_UNTIL, String.valueOf(exchange.exportedUntil()));
        properties.put(EXPORTED, String.valueOf(exchange.exported(day)));
        properties.put(INSTRUMENTS, instruments != null ? "instruments metadata API" : "exchange details only: " + instrumentsNote);
        return new InstrumentDefinitions.Day(exchange.id(), day, properties, definitions);
    }

    /** A day's file that may change: the vendor had not exported the whole day when it was fetched. */
    public static boolean provisional(final InstrumentDefinitions.Day day)
    {
        return !"true".equals(day.properties().get(EXPORTED));
    }

    /** The value in force at the day's start: the earliest change ending after it that sets the field, else the current. */
    static String changed(final JsonNode instrument, final String field, final LocalDate day)
    {
        final Instant start = TardisExchange.dayStart(day);
        Instant best = null;
        JsonNode value = instrument.get(field);
        for (final JsonNode change : instrument.path("changes"))
        {
            final Instant until = TardisExchange.instant(change, "until");
            if (until != null && until.isAfter(start) && change.hasNonNull(field) && (best == null || until.isBefore(best)))
            {
                best = until;
                value = change.get(field);
            }
        }
        return decimal(value);
    }

    private static String text(final JsonNode node, final String field)
    {
        return decimal(node.get(field));
    }

    /** Numbers as plain decimals (1e-8 is 0.00000001), never through a double. */
    static String decimal(final JsonNode value)
    {
        if (value == null || value.isNull() || value.isMissingNode())
        {
            return "";
        }
        if (value.isNumber())
        {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.asText();
    }
}
