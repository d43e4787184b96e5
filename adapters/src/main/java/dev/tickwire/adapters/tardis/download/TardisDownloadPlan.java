package dev.tickwire.adapters.tardis.download;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which day files a download asks for, and which of them it should not ask for and why: the request
 * (exchange, data types, symbols, days) checked against what the exchange details say, when they could
 * be had. A symbol or data type the exchange does not have at all is refused before anything is
 * fetched (a typo); a day outside a symbol's data, or not exported yet, is not available (listed, not
 * a failure); without an API key only first days of months are asked for.
 */
public final class TardisDownloadPlan
{
    /** Longest range one download takes: more is a mistake in a date, not a plan. */
    static final long MAX_DAYS = 366L * 20;

    /** What was asked: days {@code from}..{@code to}, both included. */
    public record Request(String exchange, List<String> dataTypes, List<String> symbols, LocalDate from, LocalDate to)
    {
        public Request
        {
            dataTypes = List.copyOf(new LinkedHashSet<>(dataTypes));
            symbols = List.copyOf(new LinkedHashSet<>(symbols.stream().map(TardisDayFile::datasetSymbol).toList()));
            if (dataTypes.isEmpty() || symbols.isEmpty())
            {
                throw new IllegalArgumentException("give at least one data type and one symbol");
            }
            if (to.isBefore(from))
            {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from + " (both days are included)");
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS)
            {
                throw new IllegalArgumentException("--from " + from + " --to " + to + " is more than " + MAX_DAYS + " days");
            }
        }
    }

    public enum Status
    {
        /** To be fetched (unless it is in the cache already). */
        FETCH,
        /** The exchange details say there is no such day file. */
        NOT_AVAILABLE,
        /** Not a first day of a month, and no API key. */
        NEEDS_KEY
    }

    public record Entry(TardisDayFile file, Status status, String reason)
    {
    }

    private final Request request;
    private final List<Entry> entries;

    private TardisDownloadPlan(final Request request, final List<Entry> entries)
    {
        this.request = request;
        this.entries = List.copyOf(entries);
    }

    /**
     * @param exchange what {@code /v1/exchanges/{id}} says, or null when it could not be had (everything is asked for)
     * @param haveKey  whether an API key will be sent
     * @throws IllegalArgumentException for a symbol or data type the exchange does not have
     */
    public static TardisDownloadPlan of(final Request request, final TardisExchange exchange, final boolean haveKey)
    {
        if (exchange != null)
        {
            final Set<String> unknown = new LinkedHashSet<>();
            request.symbols().stream().filter(s -> exchange.symbol(s).isEmpty()).forEach(unknown::add);
            if (!unknown.isEmpty())
            {
                throw new IllegalArgumentException(request.exchange() + " has no dataset symbol " + String.join(", ", unknown) +
                    " (the exchange details list " + exchange.symbols().size() + "; `tickwire instruments tardis --exchange " +
                    request.exchange() + "` shows them)");
            }
            final Set<String> unknownTypes = new LinkedHashSet<>(request.dataTypes());
            unknownTypes.removeAll(exchange.dataTypes());
            if (!unknownTypes.isEmpty())
            {
                throw new IllegalArgumentException(request.exchange() + " has no data type " + String.join(", ", unknownTypes) +
                    " (it has " + String.join(", ", exchange.dataTypes()) + ")");
            }
        }
        final List<Entry> entries = new ArrayList<>();
        for (final String symbol : request.symbols())
        {
            for (final String dataType : request.dataTypes())
            {
                for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1))
                {
                    final TardisDayFile file = new TardisDayFile(request.exchange(), dataType, day, symbol);
                    entries.add(entry(file, exchange, haveKey));
                }
            }
        }
        return new TardisDownloadPlan(request, entries);
    }

    private static Entry entry(final TardisDayFile file, final TardisExchange exchange, final boolean haveKey)
    {
        if (exchange != null)
        {
            final TardisExchange.DatasetSymbol symbol = exchange.symbol(file.symbol()).orElseThrow();
            if (!symbol.dataTypes().contains(file.dataType()))
            {
                return new Entry(file, Status.NOT_AVAILABLE, symbol.id() + " has no " + file.dataType() + " data (it has " +
                    String.join(", ", symbol.dataTypes()) + ")");
            }
            if (!symbol.availableOn(file.date()))
            {
                return new Entry(file, Status.NOT_AVAILABLE, "outside " + symbol.id() + "'s data (" +
                    symbol.availableSince() + " to " + (symbol.availableTo() == null ? "now" : symbol.availableTo()) + ")");
            }
            if (!exchange.exported(file.date()))
            {
                return new Entry(file, Status.NOT_AVAILABLE, "not exported yet: " + exchange.id() + "'s datasets are " +
                    "exported until " + exchange.exportedUntil() + " (a day is ready about 06:00 UTC the next day)");
            }
        }
        if (!haveKey && !file.freeWithoutKey())
        {
            return new Entry(file, Status.NEEDS_KEY, "needs an API key: without one only the first day of a month is served");
        }
        return new Entry(file, Status.FETCH, "");
    }

    public Request request()
    {
        return request;
    }

    public List<Entry> entries()
    {
        return entries;
    }

    /** The same request with only the entries {@code keep} takes: one host's part of a sharded download. */
    public TardisDownloadPlan only(final Predicate<Entry> keep)
    {
        return new TardisDownloadPlan(request, entries.stream().filter(keep).toList());
    }
}
