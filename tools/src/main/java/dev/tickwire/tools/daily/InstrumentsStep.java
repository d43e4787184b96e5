package dev.tickwire.tools.daily;

import dev.tickwire.adapters.tardis.download.TardisDefinitions;
import dev.tickwire.journal.InstrumentDefinitions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The day's instrument definitions from Tardis' metadata into {@code <journal>/definitions/<exchange>/<day>.tsv}
 * (as {@code tickwire instruments tardis}); a day already kept whole is left as it is. A day Tardis has not exported
 * yet is not ready.
 */
final class InstrumentsStep implements DailyStep
{
    static final String NAME = "instruments";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of();
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day) throws Exception
    {
        final InstrumentDefinitions catalog = new InstrumentDefinitions(context.daily.journal);
        final Optional<InstrumentDefinitions.Day> kept = catalog.read(context.daily.exchange, day);
        if (kept.isPresent() && !TardisDefinitions.provisional(kept.get()))
        {
            return "kept already in " + catalog.file(context.daily.exchange, day);
        }
        context.checkExported(day);
        return "would fetch the definitions (" + (context.api().hasKey() ? "exchange details and instruments metadata" :
            "exchange details only: no API key") + ") into " + catalog.file(context.daily.exchange, day);
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws Exception
    {
        final InstrumentDefinitions catalog = new InstrumentDefinitions(context.daily.journal);
        final Optional<InstrumentDefinitions.Day> kept = catalog.read(context.daily.exchange, day);
        final InstrumentDefinitions.Day definitions;
        final boolean fetched;
        if (kept.isPresent() && !TardisDefinitions.provisional(kept.get()))
        {
            definitions = kept.get();
            fetched = false;
        }
        else
        {
            context.checkExported(day);
            definitions = TardisDefinitions.day(context.exchange(), context.instruments(), context.instrumentsNote(),
                day, Instant.now());
            catalog.write(definitions);
            fetched = true;
        }
        final long listed = context.daily.symbols.stream()
            .filter(s -> definitions.byInstrument(context.daily.instrument(s)).isPresent()).count();
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("instruments", definitions.definitions().size());
        counts.put("symbolsListed", listed);
        counts.put("fetched", fetched);
        final String note = context.instrumentsNote();
        return new Outcome((fetched ? "kept " : "kept already: ") + definitions.definitions().size() +
            " instrument(s); " + listed + " of " + context.daily.symbols.size() + " symbol(s) listed that day" +
            (fetched && note != null ? " (without tick and contract sizes: " + note + ")" : ""), counts);
    }
}
