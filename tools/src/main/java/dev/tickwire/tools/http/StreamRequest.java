package dev.tickwire.tools.http;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.sbe.BarKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@code /stream} client asked for: {@code symbols} (comma-separated; none: every instrument, also
 * those defined later), {@code types} (trade, quote, book, bar, status; default all but bar) and, for bars,
 * {@code bars} (time bars, comma-separated durations; default 1m). The API key may come as {@code key}
 * (browsers cannot set headers on a WebSocket); it is checked before the upgrade, not here.
 */
record StreamRequest(List<Instrument> instruments, Set<Type> types, List<BarSpec> bars)
{
    /** The message types a client can subscribe to. */
    enum Type
    {
        TRADE, QUOTE, BOOK, BAR, STATUS;

        String parameter()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final Set<String> PARAMETERS = Set.of("symbols", "types", "bars", "key");
    static final Set<Type> DEFAULT_TYPES = EnumSet.of(Type.TRADE, Type.QUOTE, Type.BOOK, Type.STATUS);
    static final String DEFAULT_BARS = "1m";
    /** More bar intervals than this in one request is refused (each is a bar builder per instrument). */
    static final int MAX_BAR_SPECS = 8;

    /** A request that cannot be served: the WebSocket closes with 1008 (policy violation) and this reason. */
    static final class Refused extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Refused(final String message)
        {
            super(message);
        }
    }

    /** Every instrument, those defined after the subscription too. */
    boolean allSymbols()
    {
        return instruments.isEmpty();
    }

    boolean wants(final Type type)
    {
        return types.contains(type);
    }

    /**
     * @param params  the query parameters of the upgrade request
     * @param catalog the journal's instruments (re-read once for a symbol it does not know yet)
     * @throws Refused naming the unknown symbol, type, bar interval or parameter
     */
    static StreamRequest parse(final Map<String, List<String>> params, final InstrumentCatalog catalog)
    {
        final Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty())
        {
            throw new Refused("unknown parameter '" + unknown.iterator().next() + "'; expected symbols, types, bars, key");
        }
        final List<String> symbols = items(params.get("symbols"));
        final List<String> typeNames = items(params.get("types"));
        final List<String> barTexts = items(params.get("bars"));

        final Set<Type> types = typeNames.isEmpty() ? EnumSet.copyOf(DEFAULT_TYPES) : EnumSet.noneOf(Type.class);
        for (final String name : typeNames)
        {
            types.add(type(name));
        }
        if (typeNames.isEmpty() && !barTexts.isEmpty())
        {
            types.add(Type.BAR); // bars=... alone asks for bars too
        }
        if (!barTexts.isEmpty() && !types.contains(Type.BAR))
        {
            throw new Refused("bars=" + String.join(",", barTexts) + " needs bar in types");
        }
        final List<BarSpec> bars = types.contains(Type.BAR)
            ? barSpecs(barTexts.isEmpty() ? List.of(DEFAULT_BARS) : barTexts) : List.of();

        final Map<String, Instrument> chosen = new LinkedHashMap<>();
        for (final String symbol : symbols)
        {
            chosen.putIfAbsent(symbol, instrument(symbol, catalog));
        }
        return new StreamRequest(List.copyOf(chosen.values()), types, bars);
    }

    /** Comma-separated values, over one or more occurrences of the parameter; blanks dropped. */
    private static List<String> items(final List<String> values)
    {
        final List<String> items = new ArrayList<>();
        if (values != null)
        {
            for (final String value : values)
            {
                for (final String item : value.split(","))
                {
                    if (!item.isBlank())
                    {
                        items.add(item.trim());
                    }
                }
            }
        }
        return items;
    }

    private static Type type(final String name)
    {
        for (final Type t : Type.values())
        {
            if (t.parameter().equals(name.toLowerCase(Locale.ROOT)))
            {
                return t;
            }
        }
        throw new Refused("unknown type '" + name + "'; expected trade, quote, book, bar, status");
    }

    private static List<BarSpec> barSpecs(final List<String> texts)
    {
        final List<BarSpec> specs = new ArrayList<>();
        for (final String text : texts)
        {
            final BarSpec spec;
            try
            {
                spec = BarSpec.parse(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new Refused("bars: '" + text + "' is not a bar interval (e.g. 15s, 1m, 5m, 1h)");
            }
            if (spec.kind() != BarKind.TIME)
            {
                // tick, volume and value bars depend on where counting starts: a live stream has no such start
                throw new Refused("bars: '" + text + "': only time bars stream live (e.g. 15s, 1m, 5m, 1h)");
            }
            if (specs.stream().noneMatch(s -> s.intervalNs() == spec.intervalNs()))
            {
                specs.add(spec);
            }
        }
        if (specs.size() > MAX_BAR_SPECS)
        {
            throw new Refused("bars: at most " + MAX_BAR_SPECS + " intervals, got " + specs.size());
        }
        return List.copyOf(specs);
    }

    private static Instrument instrument(final String symbol, final InstrumentCatalog catalog)
    {
        return catalog.bySymbol(symbol).or(() ->
        {
            catalog.reload();
            return catalog.bySymbol(symbol);
        }).orElseThrow(() -> new Refused("unknown symbol '" + symbol + "'"));
    }
}
